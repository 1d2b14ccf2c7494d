//! The `cfc serve` binary on a free loopback port, as the province's other systems meet it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// A running `cfc serve ROUND --listen 127.0.0.1:0 …`, stopped when dropped.
pub struct Server {
    child: Child,
    /// The address it printed on its first line (`http://127.0.0.1:PORT/`, with `?token=…`
    /// when it has one).
    pub url: String,
}

impl Server {
    /// Starts the server on `round` with `extra` arguments and waits for its address.
    pub fn start(round: &str, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cfc"))
            .args(["serve", round, "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        Server {
            child,
            url: line.trim().to_string(),
        }
    }

    /// `127.0.0.1:PORT`.
    pub fn addr(&self) -> &str {
        let rest = self
            .url
            .strip_prefix("http://")
            .unwrap_or_else(|| panic!("an address, not {:?}", self.url));
        &rest[..rest.find('/').unwrap_or(rest.len())]
    }

    /// What the address asks for: `/`, with `?token=…` when there is one.
    pub fn target(&self) -> &str {
        &self.url["http://".len() + self.addr().len()..]
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
