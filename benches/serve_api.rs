//! `cargo bench --bench serve_api`: the HTTP API under load, over loopback, against a
//! generated round of 10,000 units (`CFC_BENCH_UNITS` to change it).
//!
//! 1. `GET /api/round`: the whole results document, the first time (rendered) and after
//!    (served from the snapshot).
//! 2. `POST /api/whatif` from one client, then from 32 concurrent clients, each on its own
//!    keep-alive connection, each request the evidence of another unit of the round:
//!    throughput and p50/p95/p99 latency.
//!
//! Figures are printed as a Markdown table for the README.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const CLIENTS: usize = 32;
const REQUESTS_PER_CLIENT: usize = 20;

/// One keep-alive HTTP/1.1 connection.
struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    host: String,
}

impl Client {
    fn connect(addr: SocketAddr) -> Client {
        let stream = TcpStream::connect(addr).expect("connects");
        stream.set_nodelay(true).expect("nodelay");
        Client {
            reader: BufReader::new(stream.try_clone().expect("clone")),
            writer: stream,
            host: addr.to_string(),
        }
    }

    /// Sends a request and reads the whole answer: its status and body length.
    fn call(&mut self, method: &str, path: &str, body: &str) -> (u16, usize) {
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/toml\r\nContent-Length: {}\r\n\r\n",
            self.host,
            body.len()
        );
        self.writer.write_all(head.as_bytes()).expect("writes");
        self.writer.write_all(body.as_bytes()).expect("writes");
        let mut line = String::new();
        self.reader.read_line(&mut line).expect("status line");
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status");
        let mut length = 0;
        loop {
            line.clear();
            self.reader.read_line(&mut line).expect("a header");
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().expect("a length");
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).expect("the body");
        (status, length)
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let units = support::units();
    let dir = support::generated_round(units);
    let evidence: Vec<String> = (0..units)
        .map(|i| {
            std::fs::read_to_string(dir.path().join(format!("unit-{i:05}.toml")))
                .expect("a unit file")
        })
        .collect();

    let (tx, rx) = mpsc::channel();
    let mut config = cfc::serve::Config::new(dir.path());
    config.listen = SocketAddr::from(([127, 0, 0, 1], 0));
    let started = Instant::now();
    // The server is stopped before the round's folder is removed: a server still watching it
    // would see the round vanish and say so.
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let served = runtime.block_on(cfc::serve::run_until(
            config,
            |addr, _| tx.send(addr).expect("the bench waits"),
            async {
                let _ = stopped.await;
            },
        ));
        if let Err(e) = served {
            panic!("{}", e.words(cfc::Lang::En));
        }
    });
    let addr = rx.recv().expect("the server starts");
    let load = started.elapsed();

    let mut client = Client::connect(addr);
    let t = Instant::now();
    let (status, round_bytes) = client.call("GET", "/api/round", "");
    let first_round = t.elapsed();
    assert_eq!(status, 200);
    let cached_round = (0..5)
        .map(|_| {
            let t = Instant::now();
            client.call("GET", "/api/round", "");
            t.elapsed()
        })
        .min()
        .expect("five runs");

    // One client alone: the time of one what-if answer without waiting for others.
    let mut alone: Vec<Duration> = (0..50)
        .map(|i| {
            let t = Instant::now();
            let (status, _) = client.call("POST", "/api/whatif", &evidence[i * 97 % units]);
            assert_eq!(status, 200);
            t.elapsed()
        })
        .collect();
    alone.sort();

    let t = Instant::now();
    let workers: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let evidence: Vec<String> = (0..REQUESTS_PER_CLIENT)
                .map(|r| evidence[(c * REQUESTS_PER_CLIENT + r) * 31 % units].clone())
                .collect();
            std::thread::spawn(move || {
                let mut client = Client::connect(addr);
                evidence
                    .iter()
                    .map(|body| {
                        let t = Instant::now();
                        let (status, _) = client.call("POST", "/api/whatif", body);
                        assert_eq!(status, 200);
                        t.elapsed()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut loaded: Vec<Duration> = workers
        .into_iter()
        .flat_map(|w| w.join().expect("a client"))
        .collect();
    let wall = t.elapsed();
    loaded.sort();

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("| measure ({units} generated units, {cores} cores, loopback) | result |");
    println!("|---|---:|");
    println!(
        "| start: load, validate, score the round | {:.0} ms |",
        ms(load)
    );
    println!(
        "| `GET /api/round` ({:.1} MB), first (rendered) | {:.0} ms |",
        round_bytes as f64 / 1e6,
        ms(first_round)
    );
    println!(
        "| `GET /api/round`, after (kept with the snapshot), best of 5 | {:.0} ms |",
        ms(cached_round)
    );
    println!(
        "| `POST /api/whatif`, 1 client, 50 requests: p50 / p95 / p99 | {:.1} / {:.1} / {:.1} ms |",
        ms(percentile(&alone, 0.50)),
        ms(percentile(&alone, 0.95)),
        ms(percentile(&alone, 0.99)),
    );
    println!(
        "| `POST /api/whatif`, {CLIENTS} concurrent clients, {} requests: throughput | {:.0} answers/s |",
        loaded.len(),
        loaded.len() as f64 / wall.as_secs_f64()
    );
    println!(
        "| … latency p50 / p95 / p99 | {:.0} / {:.0} / {:.0} ms |",
        ms(percentile(&loaded, 0.50)),
        ms(percentile(&loaded, 0.95)),
        ms(percentile(&loaded, 0.99)),
    );
    let _ = stop.send(());
    server.join().expect("the server stops");
}
