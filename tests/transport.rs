//! The server's framing layer through the real binary's standard input and output: after
//! every malformed message the server answers the right error (if any) and carries on.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

const URI: &str = "file:///drafts/probe.md";
const TEXT: &str = "Officials said 95 people died in the the storm.\n";
const WAIT: Duration = Duration::from_secs(30);

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start() -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
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
                let mut body = vec![0; length.expect("every frame has a Content-Length")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let message = serde_json::from_slice(&body).expect("the server writes JSON");
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        let mut server = Server {
            child,
            stdin,
            messages,
            next_id: 1000,
        };
        server.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        server.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        server.send(
            &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": TEXT}}}),
        );
        server
    }

    fn raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).expect("serialise");
        self.raw(&frame(&body));
    }

    /// The reply to message `id` (anything else read meanwhile is dropped).
    fn reply(&mut self, id: &Value) -> Value {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let m = self
                .messages
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no reply to {id} (server alive: {})", self.alive()));
            if &m["id"] == id && m.get("method").is_none() {
                return m;
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = json!(self.next_id);
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.reply(&id)
    }

    /// The server still answers a hover on the open document.
    fn answers_hover(&mut self) {
        let r = self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 16}}),
        );
        assert!(r.get("error").is_none(), "{r}");
        assert!(
            r["result"]["contents"].to_string().contains("attributed"),
            "{r}"
        );
    }

    fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

#[test]
fn invalid_messages_get_an_error_and_the_server_carries_on() {
    let mut s = Server::start();
    s.answers_hover();
    let cases: [(&[u8], i64, Value); 10] = [
        (br#"{"jsonrpc":"2.0","id":77,"method":"#, -32700, Value::Null),
        (b"{\"jsonrpc\":\"2.0\",\"id\":78,\"method\":\"x\",\"params\":{\"uri\":\"\xff\xfe\"}}", -32700, Value::Null),
        (br#"[{"jsonrpc":"2.0","id":501,"method":"shutdown"}]"#, -32600, Value::Null),
        (br#"{"jsonrpc":"2.0","id":1180591620717411303424,"method":"copydesk/documentText","params":{}}"#, -32600, Value::Null),
        (br#"{"jsonrpc":"2.0","id":1.5,"method":"copydesk/documentText","params":{}}"#, -32600, Value::Null),
        (br#"{"jsonrpc":"1.0","id":502,"method":"copydesk/documentText","params":{}}"#, -32600, json!(502)),
        (br#"{"id":503,"method":"copydesk/documentText","params":{}}"#, -32600, json!(503)),
        (br#"{"jsonrpc":"2.0","id":504,"method":"$/bar"}"#, -32601, json!(504)),
        (br#"{"jsonrpc":"2.0","id":505,"method":"foo/bar"}"#, -32601, json!(505)),
        (br#"{"jsonrpc":"2.0","method":5}"#, -32600, Value::Null),
    ];
    for (body, code, id) in cases {
        s.raw(&frame(body));
        let r = s.reply(&id);
        assert_eq!(
            r["error"]["code"],
            code,
            "{}: {r}",
            String::from_utf8_lossy(body)
        );
        s.answers_hover();
    }
    // A `$/` notification is ignored without a reply.
    s.send(&json!({"jsonrpc": "2.0", "method": "$/foo", "params": null}));
    s.answers_hover();
}

#[test]
fn bad_frames_are_skipped_to_the_next_message() {
    let mut s = Server::start();
    let probe = br#"{"jsonrpc":"2.0","id":90,"method":"copydesk/documentText","params":{"uri":"file:///drafts/probe.md"}}"#;
    let mut cases: Vec<Vec<u8>> = vec![
        // Content-Length too short, then the rest of the body.
        [
            format!("Content-Length: {}\r\n\r\n", probe.len() - 10).as_bytes(),
            probe,
        ]
        .concat(),
        // No header at all.
        probe.to_vec(),
        [&probe[..], b"\r\n\r\n"].concat(),
    ];
    for h in ["abc", "-5", "", "99999999999999999999999"] {
        cases.push(format!("Content-Length: {h}\r\n\r\n{{}}").into_bytes());
    }
    cases.push(b"X-Nothing: 1\r\n\r\n{}".to_vec());
    for bytes in &cases {
        s.raw(bytes);
        s.answers_hover();
    }
    // Too long: the next message's start is read into the body, and given back.
    s.raw(
        &[
            format!("Content-Length: {}\r\n\r\n", probe.len() + 40).as_bytes(),
            probe,
        ]
        .concat(),
    );
    s.answers_hover();
    // Lower-case header names and LF-only lines are read.
    s.raw(
        &[
            format!("content-length: {}\n\n", probe.len()).as_bytes(),
            probe,
        ]
        .concat(),
    );
    assert_eq!(s.reply(&json!(90))["result"]["text"], TEXT);
    s.answers_hover();
    // The server still shuts down cleanly.
    s.request("shutdown", Value::Null);
    s.send(&json!({"jsonrpc": "2.0", "method": "exit"}));
    let status = s.child.wait().expect("wait");
    assert!(status.success(), "{status}");
}
