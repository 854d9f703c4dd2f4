//! The language server on long drafts: a keystroke in the middle of a 1 MB and a 10 MB draft
//! (dense with findings, and at the density of real news), from `didChange` to the new
//! diagnostics arriving through the real transport, and the server's peak memory with a 10 MB
//! draft open.
//!
//! Besides criterion's figures, the median and 99th percentile of single keystrokes, and the
//! peak memory, are printed to standard error. `COPYDESK_BENCH_LARGE_MB=50` also opens a 50 MB
//! draft in the real server binary and types three keystrokes into it.

use std::io::{BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::Criterion;
use serde_json::{json, Value};

#[path = "support/draft.rs"]
mod support;

#[path = "../tests/common/mod.rs"]
mod common;

const URI: &str = "file:///drafts/long.md";

/// Types one character into the middle line, or takes it out again, and waits for the
/// diagnostics of the new version.
async fn keystroke(client: &mut common::TestClient, line: usize, version: &mut i64) -> Duration {
    *version += 1;
    let change = if *version % 2 == 0 {
        json!([{"range": {"start": {"line": line, "character": 5}, "end": {"line": line, "character": 5}}, "text": "x"}])
    } else {
        json!([{"range": {"start": {"line": line, "character": 5}, "end": {"line": line, "character": 6}}, "text": ""}])
    };
    let started = Instant::now();
    client.change(URI, *version, change).await;
    client.diagnostics(URI, *version).await;
    started.elapsed()
}

/// How many single keystrokes to time: `COPYDESK_BENCH_KEYSTROKES`, else 100.
fn single_keystrokes() -> usize {
    std::env::var("COPYDESK_BENCH_KEYSTROKES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100)
}

/// Criterion's filter: the first argument that is not an option.
fn filter() -> Option<String> {
    std::env::args().skip(1).find(|a| !a.starts_with('-'))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn keystrokes(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let mut group = c.benchmark_group("keystroke");
    group.sample_size(10);
    for (name, generate, bytes) in support::LONG_DRAFTS {
        // Criterion's filter (a regular expression) skips the setup of what it skips too.
        let id = format!("keystroke/{name}");
        if filter()
            .is_some_and(|f| !regex::Regex::new(&f).map_or(id.contains(&f), |re| re.is_match(&id)))
        {
            continue;
        }
        let text = generate(bytes);
        let (line, _) = support::middle_line(&text);
        let (mut client, mut version) = runtime.block_on(async {
            let (mut client, _) = common::TestClient::start(None, Value::Null).await;
            client.open(URI, "markdown", 1, &text).await;
            client.diagnostics(URI, 1).await;
            (client, 1)
        });
        // Single keystrokes, for the median and the 99th percentile.
        let mut times: Vec<Duration> = runtime.block_on(async {
            let mut times = Vec::new();
            for _ in 0..single_keystrokes() {
                times.push(keystroke(&mut client, line, &mut version).await);
            }
            times
        });
        times.sort_unstable();
        eprintln!(
            "keystroke/{name}: median {:.2?}, p99 {:.2?} over {} keystrokes",
            percentile(&times, 0.5),
            percentile(&times, 0.99),
            times.len()
        );
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                runtime.block_on(async {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        total += keystroke(&mut client, line, &mut version).await;
                    }
                    total
                })
            })
        });
        runtime.block_on(async {
            client.stop().await;
        });
    }
    group.finish();
}

/// Writes one framed message.
fn send(w: &mut impl Write, message: &Value) {
    let body = serde_json::to_vec(message).expect("serialise");
    w.write_all(&common::process::frame(&body)).expect("write");
    w.flush().expect("flush");
}

/// The real server binary with `text` open: the time from `didOpen` to the first diagnostics,
/// the time of each of `keystrokes` single-character edits, and the peak resident memory after
/// them (`VmHWM`), printed to standard error.
fn open_and_type(label: &str, text: &str, keystrokes: i64) {
    let (line, _) = support::middle_line(text);
    let mb = text.len() as f64 / 1048576.0;
    let mut server = match Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(s) => s,
        Err(e) => {
            eprintln!("memory: cannot start the server: {e}");
            return;
        }
    };
    let (Some(mut input), Some(output)) = (server.stdin.take(), server.stdout.take()) else {
        return;
    };
    let mut output = BufReader::new(output);
    send(
        &mut input,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}}}),
    );
    send(
        &mut input,
        &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    let wait_for = |output: &mut BufReader<_>, version: i64| {
        while let Some(m) = common::process::read_frame(output) {
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
            {
                return;
            }
        }
    };
    let started = Instant::now();
    send(
        &mut input,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": text}}}),
    );
    wait_for(&mut output, 1);
    let opened = started.elapsed();
    let mut times = Vec::new();
    for v in 2..2 + keystrokes {
        let change = json!([{"range": {"start": {"line": line, "character": 5}, "end": {"line": line, "character": 5}}, "text": "x"}]);
        let started = Instant::now();
        send(
            &mut input,
            &json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": URI, "version": v}, "contentChanges": change}}),
        );
        wait_for(&mut output, v);
        times.push(started.elapsed());
    }
    times.sort_unstable();
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", server.id())).unwrap_or_default();
    let peak_kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
    let typed = if times.is_empty() {
        String::new()
    } else {
        format!(
            ", {} keystrokes median {:.2?}",
            times.len(),
            percentile(&times, 0.5)
        )
    };
    match peak_kb {
        Some(kb) => eprintln!(
            "memory: {label} {mb:.1} MB draft: first diagnostics after {opened:.2?}{typed}; peak {:.0} MB (target {:.0} MB)",
            kb as f64 / 1024.0,
            6.0 * mb + 30.0
        ),
        None => eprintln!("memory: /proc/{}/status has no VmHWM", server.id()),
    }
    let _ = server.kill();
    let _ = server.wait();
}

/// Megabytes of a further, larger draft to open in the real server
/// (`COPYDESK_BENCH_LARGE_MB`, e.g. 50), if any.
fn large_draft() -> Option<usize> {
    std::env::var("COPYDESK_BENCH_LARGE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
}

fn main() {
    // Opening a 10 MB draft can take longer than the tests' patience on a busy machine.
    common::set_wait(600);
    open_and_type("dense", &support::draft(10 << 20), 20);
    // Drafts at the density of real news.
    open_and_type("news", &support::news(1 << 20), 20);
    open_and_type("news", &support::news(10 << 20), 20);
    if let Some(mb) = large_draft() {
        open_and_type("dense", &support::draft(mb << 20), 3);
    }
    let mut c = Criterion::default().configure_from_args();
    keystrokes(&mut c);
    c.final_summary();
}
