//! A small LSP client that drives `copydesk::server::serve` through the real transport
//! (framed JSON-RPC over in-memory pipes).

#![allow(dead_code)]

pub mod process;
pub mod tools;

/// Cases per property test: `PROPTEST_CASES` when set (for a longer run), else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, WriteHalf};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

type Pending = Arc<Mutex<HashMap<i64, oneshot::Sender<Value>>>>;

type Writer = Arc<tokio::sync::Mutex<WriteHalf<DuplexStream>>>;

pub struct TestClient {
    writer: Writer,
    pending: Pending,
    notifications: mpsc::UnboundedReceiver<Value>,
    next_id: i64,
    pub server: JoinHandle<bool>,
    /// Notifications read but not yet asked for.
    backlog: Vec<Value>,
}

/// How long to wait for a reply or notification, in seconds (see [`set_wait`]).
static WAIT_SECS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(20);

/// Waits up to `secs` for each reply or notification from now on (benchmarks on long drafts
/// need longer than tests).
pub fn set_wait(secs: u64) {
    WAIT_SECS.store(secs, std::sync::atomic::Ordering::Relaxed);
}

fn wait_time() -> Duration {
    Duration::from_secs(WAIT_SECS.load(std::sync::atomic::Ordering::Relaxed))
}

impl TestClient {
    /// Starts a server and initializes it, offering `encodings` (none: the field is absent).
    pub async fn start(encodings: Option<&[&str]>, init_options: Value) -> (Self, Value) {
        let mut general = json!({});
        if let Some(e) = encodings {
            general = json!({ "positionEncodings": e });
        }
        let capabilities = json!({
            "general": general,
            "workspace": {
                "didChangeWatchedFiles": { "dynamicRegistration": true },
                "workspaceEdit": { "documentChanges": true }
            },
            "textDocument": { "publishDiagnostics": { "versionSupport": true } }
        });
        Self::start_with_capabilities(capabilities, init_options).await
    }

    /// Starts a server and initializes it with exactly these client capabilities.
    pub async fn start_with_capabilities(
        capabilities: Value,
        init_options: Value,
    ) -> (Self, Value) {
        let (client_end, server_end) = tokio::io::duplex(1 << 22);
        let (server_read, server_write) = tokio::io::split(server_end);
        let server = tokio::spawn(copydesk::server::serve(server_read, server_write));
        let (client_read, writer) = tokio::io::split(client_end);
        let writer: Writer = Arc::new(tokio::sync::Mutex::new(writer));
        let pending: Pending = Arc::default();
        let (tx, notifications) = mpsc::unbounded_channel();
        tokio::spawn(read_loop(
            BufReader::new(client_read),
            pending.clone(),
            tx,
            writer.clone(),
        ));
        let mut client = TestClient {
            writer,
            pending,
            notifications,
            next_id: 1,
            server,
            backlog: Vec::new(),
        };
        let result = client
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": null,
                    "capabilities": capabilities,
                    "initializationOptions": init_options,
                }),
            )
            .await;
        client.notify("initialized", json!({})).await;
        (client, result)
    }

    pub async fn send(&mut self, message: Value) {
        write_message(&self.writer, &message).await;
    }

    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let (tx, rx) = oneshot::channel();
        self.pending.lock().unwrap().insert(id, tx);
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        let reply = tokio::time::timeout(wait_time(), rx)
            .await
            .expect("response in time")
            .expect("response");
        if let Some(err) = reply.get("error") {
            panic!("{method} failed: {err}");
        }
        reply["result"].clone()
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// The next notification with `method` satisfying `pred`; earlier others stay queued.
    pub async fn wait_for(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.wait_for_within(method, pred, wait_time()).await
    }

    /// [`Self::wait_for`] with its own time limit, for work that is slow in a debug build.
    pub async fn wait_for_within(
        &mut self,
        method: &str,
        pred: impl Fn(&Value) -> bool,
        wait: Duration,
    ) -> Value {
        if let Some(i) = self
            .backlog
            .iter()
            .position(|n| n["method"] == method && pred(&n["params"]))
        {
            return self.backlog.remove(i)["params"].clone();
        }
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let n = tokio::time::timeout_at(deadline, self.notifications.recv())
                .await
                .unwrap_or_else(|_| panic!("no {method} in time; saw {:#?}", self.backlog))
                .expect("server still running");
            if n["method"] == method && pred(&n["params"]) {
                return n["params"].clone();
            }
            self.backlog.push(n);
        }
    }

    /// The diagnostics published for `uri` at `version`.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        self.diagnostics_within(uri, version, wait_time()).await
    }

    /// [`Self::diagnostics`] with its own time limit.
    pub async fn diagnostics_within(
        &mut self,
        uri: &str,
        version: i64,
        wait: Duration,
    ) -> Vec<Value> {
        let p = self
            .wait_for_within(
                "textDocument/publishDiagnostics",
                |p| p["uri"] == uri && p["version"] == version,
                wait,
            )
            .await;
        p["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    pub async fn open(&mut self, uri: &str, language: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}),
        )
        .await;
    }

    pub async fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
    }

    /// The server's copy of a document.
    pub async fn text(&mut self, uri: &str) -> (i64, String) {
        let v = self
            .request("copydesk/documentText", json!({"uri": uri}))
            .await;
        (
            v["version"].as_i64().unwrap_or(-1),
            v["text"].as_str().unwrap_or_default().to_string(),
        )
    }

    pub async fn code_actions(
        &mut self,
        uri: &str,
        range: Value,
        only: Option<&[&str]>,
    ) -> Vec<Value> {
        let mut context = json!({"diagnostics": []});
        if let Some(o) = only {
            context["only"] = json!(o);
        }
        let r = self
            .request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": range, "context": context}),
            )
            .await;
        r.as_array().cloned().unwrap_or_default()
    }

    /// Shuts the server down; returns whether it exited cleanly.
    pub async fn stop(mut self) -> bool {
        self.request("shutdown", Value::Null).await;
        self.notify("exit", Value::Null).await;
        tokio::time::timeout(wait_time(), self.server)
            .await
            .expect("server exits")
            .expect("server task")
    }
}

async fn write_message(writer: &Writer, message: &Value) {
    let body = serde_json::to_vec(message).expect("serialise");
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    let mut w = writer.lock().await;
    w.write_all(header.as_bytes()).await.expect("write header");
    w.write_all(&body).await.expect("write body");
    w.flush().await.expect("flush");
}

async fn read_loop(
    mut reader: BufReader<tokio::io::ReadHalf<DuplexStream>>,
    pending: Pending,
    notifications: mpsc::UnboundedSender<Value>,
    writer: Writer,
) {
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse::<usize>().ok();
            }
        }
        let Some(length) = length else { return };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let Ok(message) = serde_json::from_slice::<Value>(&body) else {
            return;
        };
        let is_response = message.get("id").is_some() && message.get("method").is_none();
        if is_response {
            let id = message["id"].as_i64().unwrap_or(-1);
            if let Some(tx) = pending.lock().unwrap().remove(&id) {
                let _ = tx.send(message);
            }
        } else {
            // Answer the server's own requests (client/registerCapability) as a client would;
            // tests see them with the notifications.
            if let Some(id) = message.get("id") {
                write_message(
                    &writer,
                    &json!({"jsonrpc": "2.0", "id": id, "result": null}),
                )
                .await;
            }
            let _ = notifications.send(message);
        }
    }
}

/// The text of a document after applying a workspace edit's first document change, with
/// positions in `encoding` ("utf-8", "utf-16" or "utf-32").
///
/// Takes versioned `documentChanges` or, from a server talking to a client without them, the
/// plain `changes` map.
pub fn apply_workspace_edit(text: &str, edit: &Value, encoding: &str) -> String {
    let changes = match edit.get("documentChanges") {
        Some(document_changes) => &document_changes[0]["edits"],
        None => edit["changes"]
            .as_object()
            .and_then(|m| m.values().next())
            .expect("documentChanges or changes"),
    };
    let mut edits: Vec<(usize, usize, String)> = changes
        .as_array()
        .expect("edits")
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"], encoding),
                offset(text, &e["range"]["end"], encoding),
                e["newText"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    edits.sort();
    let mut out = text.to_string();
    for (start, end, new) in edits.into_iter().rev() {
        out.replace_range(start..end, &new);
    }
    out
}

/// Byte offset of an LSP position (reference implementation, independent of the server's).
pub fn offset(text: &str, pos: &Value, encoding: &str) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let character = pos["character"].as_u64().unwrap() as usize;
    let mut starts = vec![0];
    let b = text.as_bytes();
    for i in 0..b.len() {
        if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    if line >= starts.len() {
        return text.len();
    }
    let line_text = &text[starts[line]..starts.get(line + 1).copied().unwrap_or(text.len())];
    let content = line_text.trim_end_matches(['\n', '\r']);
    // A position inside a character means that character's start.
    let mut units = 0;
    for (i, c) in content.char_indices() {
        let len = match encoding {
            "utf-8" => c.len_utf8(),
            "utf-16" => c.len_utf16(),
            _ => 1,
        };
        if units + len > character {
            return starts[line] + i;
        }
        units += len;
    }
    starts[line] + content.len()
}
