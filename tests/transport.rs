//! The server's framing layer through the real binary's standard input and output: after
//! every malformed message the server answers the right error (if any) and carries on.

mod common;

use common::process::{frame, Process};
use serde_json::{json, Value};

const URI: &str = "file:///drafts/probe.md";
const TEXT: &str = "Officials said 95 people died in the the storm.\n";

fn start() -> Process {
    let mut s = Process::start("utf-16");
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": TEXT}}),
    );
    s
}

/// The server still answers a hover on the open document.
fn answers_hover(s: &mut Process) {
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 16}}),
    );
    assert!(r.get("error").is_none(), "{r}");
    assert!(
        r["result"]["contents"].to_string().contains("attributed"),
        "{r}"
    );
}

#[test]
fn invalid_messages_get_an_error_and_the_server_carries_on() {
    let mut s = start();
    answers_hover(&mut s);
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
        answers_hover(&mut s);
    }
    // A `$/` notification is ignored without a reply.
    s.send(&json!({"jsonrpc": "2.0", "method": "$/foo", "params": null}));
    answers_hover(&mut s);
}

#[test]
fn bad_frames_are_skipped_to_the_next_message() {
    let mut s = start();
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
        answers_hover(&mut s);
    }
    // Too long: the next message's start is read into the body, and given back.
    s.raw(
        &[
            format!("Content-Length: {}\r\n\r\n", probe.len() + 40).as_bytes(),
            probe,
        ]
        .concat(),
    );
    answers_hover(&mut s);
    // Lower-case header names and LF-only lines are read.
    s.raw(
        &[
            format!("content-length: {}\n\n", probe.len()).as_bytes(),
            probe,
        ]
        .concat(),
    );
    assert_eq!(s.reply(&json!(90))["result"]["text"], TEXT);
    answers_hover(&mut s);
    // The server still shuts down cleanly.
    assert!(s.stop(), "clean exit");
}
