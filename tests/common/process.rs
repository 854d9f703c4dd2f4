//! The real `copydesk server` binary driven over its standard input and output.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(60);

/// A server process and what it has written.
pub struct Process {
    child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications and server requests read while waiting for something else.
    pub seen: Vec<Value>,
}

impl Process {
    /// Starts `copydesk server` and initializes it, offering `encoding` ("utf-8", "utf-16" or
    /// "utf-32").
    pub fn start(encoding: &str) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server");
        let stdin = Arc::new(Mutex::new(child.stdin.take().expect("stdin")));
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = mpsc::channel();
        let answer = stdin.clone();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                // Answer the server's own requests as a client would.
                if message.get("method").is_some() {
                    if let Some(id) = message.get("id") {
                        let reply = json!({"jsonrpc": "2.0", "id": id, "result": null});
                        if let Ok(mut w) = answer.lock() {
                            let _ = w.write_all(&frame(&serde_json::to_vec(&reply).unwrap()));
                            let _ = w.flush();
                        }
                    }
                }
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        let mut server = Process {
            child,
            stdin,
            messages,
            next_id: 1000,
            seen: Vec::new(),
        };
        server.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {
                "general": {"positionEncodings": [encoding]},
                "textDocument": {"publishDiagnostics": {"versionSupport": true}}}}),
        );
        server.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        server
    }

    /// Writes raw bytes to the server's input.
    pub fn raw(&mut self, bytes: &[u8]) {
        let mut w = self.stdin.lock().expect("stdin lock");
        w.write_all(bytes).expect("write");
        w.flush().expect("flush");
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).expect("serialise");
        self.raw(&frame(&body));
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message, if one comes within `wait`.
    pub fn next(&mut self, wait: Duration) -> Option<Value> {
        self.messages.recv_timeout(wait).ok()
    }

    /// The reply to message `id`; everything else read meanwhile goes to `seen`.
    pub fn reply(&mut self, id: &Value) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let Some(m) = self.next(left) else {
                panic!("no reply to {id} (server alive: {})", self.alive());
            };
            if &m["id"] == id && m.get("method").is_none() {
                return m;
            }
            self.seen.push(m);
        }
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = json!(self.next_id);
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.reply(&id)
    }

    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Asks the server to shut down and exit; returns whether it exited with success.
    pub fn stop(mut self) -> bool {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Reads one framed message; `None` when the stream ends.
pub fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length.expect("every frame has a Content-Length")];
    reader.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server writes JSON"))
}
