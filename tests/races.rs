//! Publishing under races, through the real transport: results are published in version order
//! per document, a closed document's analysis is never published for (or used to build code
//! actions on) a reopened one, and the last publish is always for the current text.

mod common;

use std::time::{Duration, Instant};

use common::TestClient;
use serde_json::{json, Value};

fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

/// A draft with many findings whose analysis takes a while.
fn big_draft(paragraphs: usize) -> String {
    "Officials said 95 people died. Sanchez met Sánchez. The the end.\n\n".repeat(paragraphs)
}

/// Every publish for `uri` that arrives within `quiet` of the one before.
async fn publishes_until_quiet(client: &mut TestClient, uri: &str, quiet: Duration) -> Vec<Value> {
    let mut out = Vec::new();
    loop {
        let next = tokio::time::timeout(
            quiet,
            client.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri),
        )
        .await;
        match next {
            Ok(p) => out.push(p),
            Err(_) => return out,
        }
    }
}

/// Close a document while its analysis runs and reopen the same URI, at the same version, with
/// other text: the closed text's findings must never be published for the new text, and
/// fix-all must not offer edits computed on the old text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reopened_document_never_gets_the_closed_texts_analysis() {
    let (mut client, _) = TestClient::start(None, Value::Null).await;
    let big = big_draft(300);
    // How long one analysis of the big draft takes here, to know how long to listen.
    let probe = "file:///drafts/probe.md";
    let started = Instant::now();
    client.open(probe, "markdown", 1, &big).await;
    assert!(!client.diagnostics(probe, 1).await.is_empty());
    let took = started.elapsed();
    eprintln!("one analysis of the big draft: {took:?}");

    let uri = "file:///drafts/race.md";
    let small = "Nothing wrong here.\n";
    for _ in 0..2 {
        client.open(uri, "markdown", 1, &big).await;
        // Long enough for its analysis to have started (after any pause for typing).
        tokio::time::sleep(took / 4).await;
        client
            .notify(
                "textDocument/didClose",
                json!({"textDocument": {"uri": uri}}),
            )
            .await;
        client.open(uri, "markdown", 1, small).await;
        let pubs =
            publishes_until_quiet(&mut client, uri, took * 3 + Duration::from_millis(500)).await;
        let last = pubs.last().expect("a publish after reopening");
        assert_eq!(
            last["diagnostics"].as_array().map(Vec::len),
            Some(0),
            "the last publish is for the reopened text: {:?}",
            pubs.iter()
                .map(|p| (
                    p["version"].clone(),
                    p["diagnostics"].as_array().map(Vec::len)
                ))
                .collect::<Vec<_>>()
        );
        let fix_all = client
            .code_actions(uri, range(0, 0, 0, 0), Some(&["source.fixAll"]))
            .await;
        assert!(
            fix_all.is_empty(),
            "fix-all from the closed text: {fix_all:#?}"
        );
        assert_eq!(client.text(uri).await, (1, small.to_string()));
        client
            .notify(
                "textDocument/didClose",
                json!({"textDocument": {"uri": uri}}),
            )
            .await;
        let _ = publishes_until_quiet(&mut client, uri, Duration::from_millis(200)).await;
    }
    client.stop().await;
}

/// Bursts of edits while another document keeps the analysis threads busy: the versions
/// published for a document never go backwards, and the last publish is for the last version.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publishes_are_in_version_order_and_end_on_the_last_version() {
    let (mut client, _) = TestClient::start(None, Value::Null).await;
    let load = "file:///drafts/load.md";
    client.open(load, "markdown", 1, &big_draft(300)).await;
    let uri = "file:///drafts/order.md";
    let mut text = "It was the the end, 14 people said.\n".to_string();
    client.open(uri, "markdown", 1, &text).await;
    client.diagnostics(uri, 1).await;
    let mut version = 1;
    for pair in 0..60 {
        client
            .change(
                load,
                pair + 2,
                json!([{"range": range(0, 0, 0, 0), "text": "x"}]),
            )
            .await;
        for _ in 0..3 {
            version += 1;
            text = if text.contains("the the the") {
                text.replacen("the the the", "the the", 1)
            } else {
                text.replacen("the the", "the the the", 1)
            };
            client.change(uri, version, json!([{"text": text}])).await;
        }
        let mut pubs = Vec::new();
        while pubs.last().map(|p: &Value| p["version"].as_i64()) != Some(Some(version)) {
            let p = client
                .wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri)
                .await;
            pubs.push(p);
        }
        pubs.extend(publishes_until_quiet(&mut client, uri, Duration::from_millis(150)).await);
        let versions: Vec<i64> = pubs.iter().filter_map(|p| p["version"].as_i64()).collect();
        let mut sorted = versions.clone();
        sorted.sort_unstable();
        assert_eq!(versions, sorted, "publishes out of version order");
        assert_eq!(
            versions.last(),
            Some(&version),
            "the last publish is for the last version"
        );
    }
    client.stop().await;
}
