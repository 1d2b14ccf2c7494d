//! The API's contract as the province's IT team meets it: the OpenAPI document the server
//! serves (equal to the committed `docs/openapi.json` and to `cfc serve --openapi`), checked
//! against the live server by a third party's tool (schemathesis, every check), and the
//! README's Python client run against it.
//!
//! schemathesis and python3 are not needed by `cargo test`: without them those tests say
//! `SKIPPED` (`.ci/run` installs schemathesis).

#![cfg(feature = "serve")]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use tower::ServiceExt;

use cfc::serve::{AppState, Config, router};

use crate::server::Server;

const ROUND: &str = "fixtures/son-ha-2024";
const COMMITTED: &str = "docs/openapi.json";

/// Whether a program answers `--version` (or `-c pass` for python3): installed.
fn installed(program: &str, probe: &[&str]) -> bool {
    Command::new(program)
        .args(probe)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// What a program printed, once it ended well (else the test fails with all it said).
fn succeeded(out: &Output) -> String {
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{said}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    said
}

async fn served_document() -> String {
    let app = router(Arc::new(AppState::open(Config::new(ROUND)).unwrap()));
    let request = Request::get("/api/openapi.json")
        .header(header::HOST, "127.0.0.1:8080")
        .body(Body::empty())
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/json");
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[tokio::test]
async fn the_served_contract_is_the_committed_one() {
    let served = served_document().await;
    if std::env::var_os("CFC_WRITE_OPENAPI").is_some() {
        std::fs::write(COMMITTED, &served).unwrap();
    }
    let committed = std::fs::read_to_string(COMMITTED).unwrap_or_default();
    assert!(
        served == committed,
        "{COMMITTED} differs from what /api/openapi.json serves for {ROUND}: if the change is \
         meant, write it with CFC_WRITE_OPENAPI=1 cargo test --test it serve_contract"
    );
    // `cfc serve --openapi` prints the same document, without listening.
    let printed = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(["serve", ROUND, "--openapi"])
        .output()
        .unwrap();
    assert!(printed.status.success());
    assert!(String::from_utf8(printed.stdout).unwrap() == served);
}

#[tokio::test]
async fn the_contract_describes_every_route_with_its_round() {
    let doc: serde_json::Value = serde_json::from_str(&served_document().await).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        paths,
        [
            "/api/evaluate",
            "/api/openapi.json",
            "/api/reload",
            "/api/round",
            "/api/units/{code}",
            "/api/whatif",
        ]
    );
    // Every answer and refusal has a schema and an example; every operation takes ?lang=.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let lang = op["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["name"] == "lang")
                .unwrap_or_else(|| panic!("{method} {path}: no lang"));
            assert_eq!(lang["schema"]["enum"], serde_json::json!(["vi", "en"]));
            for (status, response) in op["responses"].as_object().unwrap() {
                let media = &response["content"]["application/json"];
                assert!(media["schema"].is_object(), "{method} {path} {status}");
                if !status.starts_with('2') {
                    assert_eq!(
                        media["schema"]["$ref"], "#/components/schemas/Refusal",
                        "{method} {path} {status}"
                    );
                }
                let example = path == "/api/openapi.json" && status == "200";
                assert!(
                    example || !media["example"].is_null(),
                    "{method} {path} {status}: no example"
                );
            }
        }
    }
    // The round's own: its unit codes, its criteria set's inputs, its classes and its year.
    let code = &doc["paths"]["/api/units/{code}"]["get"]["parameters"][0];
    assert_eq!(code["name"], "code");
    assert_eq!(code["schema"]["enum"].as_array().unwrap().len(), 14);
    let evidence = &doc["components"]["schemas"]["Evidence"];
    let round = cfc::Round::load(ROUND).unwrap();
    let inputs = evidence["properties"]["inputs"]["properties"]
        .as_object()
        .unwrap();
    assert_eq!(inputs.len(), round.evaluator.criteria().inputs().len());
    assert_eq!(inputs["children_total"]["minimum"], 1);
    assert_eq!(
        evidence["properties"]["inputs"]["additionalProperties"],
        false
    );
    let period = &evidence["properties"]["period"]["properties"]["from"]["pattern"];
    assert!(period.as_str().unwrap().starts_with("^2024-"), "{period}");
    // The request examples are the fixture's: its file as TOML, the same as JSON.
    let body = &doc["paths"]["/api/evaluate"]["post"]["requestBody"]["content"];
    let toml = std::fs::read_to_string(Path::new(ROUND).join("son-nham.toml")).unwrap();
    assert_eq!(body["application/toml"]["example"], toml.as_str());
    assert_eq!(body["application/json"]["example"]["unit"]["code"], "21211");
}

#[test]
fn every_example_matches_its_schema() {
    if !installed("python3", &["-c", "import jsonschema_rs"]) {
        println!(
            "SKIPPED every_example_matches_its_schema: python3 with jsonschema_rs (schemathesis \
             brings it) is not installed (pip install schemathesis==4.32.5)"
        );
        return;
    }
    let mut check = Command::new("python3")
        .arg("tests/schemathesis/examples.py")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let doc = std::fs::read(COMMITTED).unwrap();
    // A script that stops early closes its input: what it printed says why.
    let _ = check.stdin.take().unwrap().write_all(&doc);
    let out = check.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("40 examples checked"), "{said}");
}

/// schemathesis against the live server, every check, with bounded examples and a fixed seed:
/// about 20 s on the project's 2-core machine.
#[test]
fn schemathesis_finds_no_failure() {
    if !installed("st", &["--version"]) {
        println!(
            "SKIPPED schemathesis_finds_no_failure: schemathesis is not installed (pip install \
             schemathesis==4.32.5; .ci/run installs it)"
        );
        return;
    }
    let server = Server::start(ROUND, &[]);
    let origin = format!("http://{}", server.addr());
    let root = std::env::current_dir().unwrap();
    // Its caches go to a folder of their own, not into the repository.
    let work = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let out = Command::new("st")
        .current_dir(work.path())
        .env(
            "SCHEMATHESIS_HOOKS",
            root.join("tests/schemathesis/hooks.py"),
        )
        .arg("--config-file")
        .arg(root.join("tests/schemathesis/schemathesis.toml"))
        .args([
            "--no-color",
            "run",
            &format!("{origin}/api/openapi.json"),
            "--checks",
            "all",
            "--max-examples",
            "30",
            "--seed",
            "1",
            "--generation-database",
            "none",
        ])
        .output()
        .unwrap();
    let said = succeeded(&out);
    assert!(said.contains("No issues found"), "{said}");
    println!(
        "schemathesis: every check, no failure, in {:.0?}",
        started.elapsed()
    );
}

/// The README's Python client (standard library only) against the live server.
#[test]
fn the_readme_python_client_evaluates_a_unit() {
    if !installed("python3", &["-c", "pass"]) {
        println!("SKIPPED the_readme_python_client_evaluates_a_unit: python3 is not installed");
        return;
    }
    let readme = std::fs::read_to_string("README.md").unwrap();
    let client = readme
        .split("```python\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a Python block in the README");
    assert!(client.contains("http://127.0.0.1:8080"), "{client}");
    for module in ["import requests", "import httpx"] {
        assert!(!client.contains(module), "standard library only");
    }
    let server = Server::start(ROUND, &[]);
    let origin = format!("http://{}", server.addr());
    let client = client.replace("http://127.0.0.1:8080", &origin);
    let out = Command::new("python3")
        .args(["-c", &client])
        .output()
        .unwrap();
    let said = succeeded(&out);
    assert!(
        said.starts_with("21211 Sơn Nham: 795 points, not recognised"),
        "{said}"
    );
    assert!(said.contains("children_events_held"), "{said}");
}
