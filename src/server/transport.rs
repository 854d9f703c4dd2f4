//! The framing layer between the client's byte stream and the protocol library.
//!
//! The protocol library stops reading after the first message it cannot decode, which would
//! end the server and drop every open document. This layer reads `Content-Length` frames
//! itself, recovers at the next message boundary after a bad header or body, answers
//! messages that are not valid JSON-RPC with the error the specification asks for, and
//! forwards only well-formed messages, re-framed, to the library. Replies from both go to the
//! client whole, one frame at a time.
//!
//! Messages the server sends that can be large (a document's diagnostics) bypass the library:
//! a [`Body`] is serialised on a blocking thread in pieces of [`PIECE`] bytes and written as
//! they come, so no publish is ever held whole in memory, as text or as a JSON tree.

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};
use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;

/// The header every frame starts with (compared without regard to case).
const CONTENT_LENGTH: &[u8] = b"content-length";
/// Headers longer than this are not headers.
const MAX_HEADER: usize = 8 * 1024;
/// Bodies longer than this are read and thrown away, not held in memory.
const MAX_BODY: usize = 1 << 30;
/// Bytes read from the client at a time.
const CHUNK: usize = 64 * 1024;
/// Room in the pipes between this layer and the library.
const PIPE: usize = 1 << 20;
/// About how many bytes of a streamed [`Body`] are handed to the writer at a time.
const PIECE: usize = 64 * 1024;
/// Pieces of a streamed body serialised ahead of the writer.
const PIECES_AHEAD: usize = 4;
/// The largest body kept from the pass that counts its length, and sent without serialising
/// it again.
const HELD_AT_MOST: usize = 8 << 20;

/// The body of a message the server sends itself, serialised in pieces.
pub trait Body: Send + Sync + 'static {
    /// Passes the body's bytes to `out`, in order, in pieces of any size; stops early when `out`
    /// returns `false`. Every call must give the same bytes.
    fn write(&self, out: &mut dyn FnMut(&[u8]) -> bool);
}

/// Where the server hands its own messages to the writer; they go out in the order sent.
pub type Outbox = mpsc::UnboundedSender<Box<dyn Body>>;

const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;

/// Serves a client over `input` and `output`: `service` gets a clean byte stream to read
/// and a stream to write its own frames to, and runs until it returns.
pub async fn serve<I, O, S, F>(
    input: I,
    output: O,
    outbox: mpsc::UnboundedReceiver<Box<dyn Body>>,
    service: S,
) -> F::Output
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
    S: FnOnce(DuplexStream, DuplexStream) -> F,
    F: Future,
{
    let (to_service, service_input) = tokio::io::duplex(PIPE);
    let (service_output, from_service) = tokio::io::duplex(PIPE);
    let (replies_tx, replies_rx) = mpsc::channel(64);
    let (done_tx, mut done_rx) = tokio::sync::oneshot::channel::<()>();

    let service = async move {
        let out = service(service_input, service_output).await;
        let _ = done_tx.send(());
        out
    };
    // Reading stops when the input ends or when the service is done (after `exit`).
    let read = async move {
        tokio::select! {
            () = read_frames(input, to_service, replies_tx) => {}
            _ = &mut done_rx => {}
        }
    };
    let write = write_frames(from_service, replies_rx, outbox, output);
    let (out, (), ()) = tokio::join!(service, read, write);
    out
}

/// Reads frames from `input`: well-formed messages go to `service`, replies to bad ones to
/// `replies`. Returns when the input ends (dropping `service`, so the library sees the end).
async fn read_frames<I: AsyncRead + Unpin>(
    mut input: I,
    mut service: DuplexStream,
    replies: mpsc::Sender<Vec<u8>>,
) {
    let mut framer = Framer::new(MAX_BODY);
    let mut chunk = vec![0u8; CHUNK];
    loop {
        while let Some(item) = framer.next_item() {
            let forwarded = match item {
                Item::Message(mut body) => {
                    mend_lone_surrogates(&mut body);
                    let verdict = check(&body);
                    match verdict {
                        Verdict::Forward => service.write_all(&frame(&body)).await.is_ok(),
                        Verdict::Reply(reply) => replies.send(frame(&reply)).await.is_ok(),
                        Verdict::Drop => true,
                    }
                }
                Item::Garbage(skipped, why) => {
                    tracing::warn!("skipped {skipped} bytes of input: {why}");
                    true
                }
            };
            if !forwarded {
                return;
            }
        }
        match input.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => framer.feed(&chunk[..n]),
        }
    }
}

/// Copies the library's frames, this layer's replies and the server's own messages to
/// `output`, each frame whole.
async fn write_frames<O: AsyncWrite>(
    mut from_service: DuplexStream,
    mut replies: mpsc::Receiver<Vec<u8>>,
    mut outbox: mpsc::UnboundedReceiver<Box<dyn Body>>,
    output: O,
) {
    tokio::pin!(output);
    // The library's own frames: trusted, and as large as they need to be.
    let mut framer = Framer::new(usize::MAX);
    let mut chunk = vec![0u8; CHUNK];
    let mut replies_open = true;
    let mut outbox_open = true;
    loop {
        while let Some(item) = framer.next_item() {
            if let Item::Message(body) = item {
                if write(&mut output, &frame(&body)).await.is_err() {
                    return;
                }
            }
        }
        tokio::select! {
            read = from_service.read(&mut chunk) => match read {
                Ok(0) | Err(_) => return,
                Ok(n) => framer.feed(&chunk[..n]),
            },
            reply = replies.recv(), if replies_open => match reply {
                Some(reply) => {
                    if write(&mut output, &reply).await.is_err() {
                        return;
                    }
                }
                None => replies_open = false,
            },
            body = outbox.recv(), if outbox_open => match body {
                Some(body) => {
                    if write_streamed(&mut output, body).await.is_err() {
                        return;
                    }
                }
                None => outbox_open = false,
            },
        }
    }
}

/// Writes one frame whose body is serialised on a blocking thread while it is written: once
/// to learn its length, then again in pieces. The frame keeps the length it announced even if
/// the body misbehaved (panicked, or gave other bytes the second time), so the stream stays
/// framed; a body that panics the first time is not sent at all.
async fn write_streamed<O: AsyncWrite>(
    output: &mut std::pin::Pin<&mut O>,
    body: Box<dyn Body>,
) -> std::io::Result<()> {
    let (tx, mut rx) = mpsc::channel::<Vec<u8>>(PIECES_AHEAD);
    tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        let mut len = 0;
        // The bytes of the counting pass, kept while they stay small, so that an ordinary
        // message is serialised once; a larger one is serialised again as it is sent, so a
        // publish for a huge draft is never held whole.
        let mut held: Option<Vec<u8>> = Some(Vec::new());
        let counted = catch_unwind(AssertUnwindSafe(|| {
            body.write(&mut |piece| {
                len += piece.len();
                if len > HELD_AT_MOST {
                    held = None;
                } else if let Some(held) = &mut held {
                    held.extend_from_slice(piece);
                }
                true
            })
        }));
        if counted.is_err() {
            tracing::error!("a message to the client could not be serialised; not sent");
            return;
        }
        let header = format!("Content-Length: {len}\r\n\r\n").into_bytes();
        if tx.blocking_send(header).is_err() {
            return;
        }
        if let Some(held) = held {
            let _ = tx.blocking_send(held);
            tracing::debug!(bytes = len, took = ?started.elapsed(), "streamed a message");
            return;
        }
        let mut buf = Vec::with_capacity(PIECE);
        let mut sent = 0;
        let mut open = true;
        let _ = catch_unwind(AssertUnwindSafe(|| {
            body.write(&mut |piece| {
                let piece = &piece[..piece.len().min(len - sent)];
                sent += piece.len();
                buf.extend_from_slice(piece);
                if buf.len() >= PIECE {
                    let full = std::mem::replace(&mut buf, Vec::with_capacity(PIECE));
                    open = tx.blocking_send(full).is_ok();
                }
                open && sent < len
            })
        }));
        if sent < len {
            tracing::error!("a message to the client changed while it was written");
            buf.resize(buf.len() + (len - sent), b' ');
        }
        if open && !buf.is_empty() {
            let _ = tx.blocking_send(buf);
        }
        tracing::debug!(bytes = len, took = ?started.elapsed(), "streamed a message");
    });
    while let Some(piece) = rx.recv().await {
        output.write_all(&piece).await?;
    }
    output.flush().await
}

async fn write<O: AsyncWrite>(
    output: &mut std::pin::Pin<&mut O>,
    bytes: &[u8],
) -> std::io::Result<()> {
    output.write_all(bytes).await?;
    output.flush().await
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// What the framer took off the front of its buffer.
#[derive(Debug, PartialEq, Eq)]
enum Item {
    /// A frame's body.
    Message(Vec<u8>),
    /// Bytes that are not a frame: how many, and why.
    Garbage(usize, &'static str),
}

/// Splits a byte stream into `Content-Length` frames, recovering after bad ones.
struct Framer {
    /// Bodies longer than this are thrown away as they arrive.
    max_body: usize,
    buf: Vec<u8>,
    /// Bytes of `buf` already consumed.
    at: usize,
    /// A body being read: its length.
    body: Option<usize>,
    /// Bytes of an over-long body still to throw away.
    discard: usize,
}

impl Framer {
    fn new(max_body: usize) -> Self {
        Framer {
            max_body,
            buf: Vec::new(),
            at: 0,
            body: None,
            discard: 0,
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        if self.discard > 0 {
            let n = self.discard.min(bytes.len());
            self.discard -= n;
            self.buf.extend_from_slice(&bytes[n..]);
        } else {
            self.buf.extend_from_slice(bytes);
        }
    }

    fn rest(&self) -> &[u8] {
        &self.buf[self.at..]
    }

    fn consume(&mut self, n: usize) {
        self.at += n;
        if self.at == self.buf.len() {
            self.buf.clear();
            self.at = 0;
            // A large message (a document opened whole) is not worth keeping room for.
            if self.buf.capacity() > 4 * CHUNK {
                self.buf = Vec::new();
            }
        } else if self.at > CHUNK && self.at * 2 > self.buf.len() {
            self.buf.drain(..self.at);
            self.at = 0;
        }
    }

    /// The next frame or stretch of garbage, or `None` until more bytes arrive.
    fn next_item(&mut self) -> Option<Item> {
        if self.discard > 0 {
            return None;
        }
        if let Some(len) = self.body {
            if self.rest().len() < len {
                return None;
            }
            self.body = None;
            let body = self.rest()[..len].to_vec();
            // A body that is not JSON but holds a header was cut short by a wrong
            // `Content-Length`: the next message starts at that header.
            if serde_json::from_slice::<IgnoredAny>(&body).is_err() {
                if let Some(i) = find_header(&body[1..]) {
                    self.consume(i + 1);
                    return Some(Item::Message(body[..i + 1].to_vec()));
                }
            }
            self.consume(len);
            return Some(Item::Message(body));
        }
        let rest = self.rest();
        let Some(start) = find_header(rest) else {
            // Keep a possible partial header at the end; the rest cannot start a frame.
            let keep = CONTENT_LENGTH.len().min(rest.len());
            let skip = rest.len() - keep;
            let blank = rest[..skip].iter().all(u8::is_ascii_whitespace);
            if skip > 0 {
                self.consume(skip);
                if !blank {
                    return Some(Item::Garbage(skip, "no Content-Length header"));
                }
            }
            return None;
        };
        if start > 0 {
            let blank = rest[..start].iter().all(u8::is_ascii_whitespace);
            self.consume(start);
            if !blank {
                return Some(Item::Garbage(start, "no Content-Length header"));
            }
            return self.next_item();
        }
        let Some((header_len, length)) = parse_header(rest) else {
            if rest.len() > MAX_HEADER {
                self.consume(CONTENT_LENGTH.len());
                return Some(Item::Garbage(CONTENT_LENGTH.len(), "header too long"));
            }
            return None;
        };
        let Some(length) = length else {
            self.consume(header_len);
            return Some(Item::Garbage(header_len, "invalid Content-Length"));
        };
        self.consume(header_len);
        if length > self.max_body {
            let have = self.rest().len().min(length);
            self.consume(have);
            self.discard = length - have;
            return Some(Item::Garbage(length, "message too large"));
        }
        self.body = Some(length);
        self.next_item()
    }
}

/// Where the next `Content-Length` header starts in `bytes`.
fn find_header(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(CONTENT_LENGTH.len())
        .position(|w| w.eq_ignore_ascii_case(CONTENT_LENGTH))
}

/// A header block at the start of `bytes` (which starts with `Content-Length`): its length
/// with the blank line, and the body length (`None` if invalid). `None` until it is complete.
/// Lines may end with CRLF or LF.
fn parse_header(bytes: &[u8]) -> Option<(usize, Option<usize>)> {
    let mut length = None;
    let mut valid = true;
    let mut at = 0;
    loop {
        let end = at + bytes.get(at..)?.iter().position(|&b| b == b'\n')?;
        let line = bytes[at..end]
            .strip_suffix(b"\r")
            .unwrap_or(&bytes[at..end]);
        at = end + 1;
        if line.is_empty() {
            return Some((at, length.filter(|_| valid)));
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            valid = false;
            continue;
        };
        let (name, value) = (&line[..colon], &line[colon + 1..]);
        if name.eq_ignore_ascii_case(CONTENT_LENGTH) {
            let parsed = std::str::from_utf8(value)
                .ok()
                .and_then(|v| v.trim().parse::<usize>().ok());
            valid &= parsed.is_some();
            length = parsed;
        }
    }
}

/// What to do with a message.
#[derive(Debug, PartialEq)]
enum Verdict {
    Forward,
    Reply(Vec<u8>),
    Drop,
}

/// The fields of a JSON-RPC message this layer looks at; the rest is skipped unread.
#[derive(Deserialize)]
struct Envelope {
    #[serde(default, deserialize_with = "present")]
    jsonrpc: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    id: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    method: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    result: Option<IgnoredAny>,
    /// Checked as strictly as the library reads it.
    #[serde(default, deserialize_with = "present")]
    error: Option<ResponseError>,
}

#[derive(Deserialize)]
struct ResponseError {
    #[serde(rename = "code")]
    _code: i64,
    #[serde(rename = "message")]
    _message: String,
}

/// A field that is present, even as `null`, is `Some`.
fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// An id the library can hold: an integer that fits in 64 bits, a string or null.
fn valid_id(id: &Value) -> bool {
    id.as_i64().is_some() || id.is_string() || id.is_null()
}

fn error_reply(id: Option<&Value>, code: i64, message: &str) -> Verdict {
    let id = id.filter(|id| valid_id(id)).cloned().unwrap_or(Value::Null);
    let reply = json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
    Verdict::Reply(serde_json::to_vec(&reply).unwrap_or_default())
}

/// Replaces each escaped lone surrogate (`\ud83d` with no low half after it, or a low half
/// alone) with `\ufffd`, in place. A client that splits a surrogate pair sends one; the
/// library cannot read it into a string and would stop. The replacement is one UTF-16 code
/// unit too, so positions the client counts stay where they were.
fn mend_lone_surrogates(body: &mut [u8]) {
    let hex = |b: &[u8]| -> Option<u32> {
        let s = std::str::from_utf8(b).ok()?;
        u32::from_str_radix(s, 16).ok()
    };
    let unit_at = |body: &[u8], i: usize| -> Option<u32> {
        (body.get(i) == Some(&b'\\') && body.get(i + 1) == Some(&b'u'))
            .then(|| body.get(i + 2..i + 6).and_then(hex))
            .flatten()
    };
    let mut i = 0;
    while i < body.len() {
        if body[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(unit) = unit_at(body, i) else {
            // Another escape ("\\", "\""): skip both bytes.
            i += 2;
            continue;
        };
        let high = (0xD800..=0xDBFF).contains(&unit);
        let low = (0xDC00..=0xDFFF).contains(&unit);
        if high && unit_at(body, i + 6).is_some_and(|u| (0xDC00..=0xDFFF).contains(&u)) {
            i += 12;
            continue;
        }
        if high || low {
            tracing::warn!("replaced a lone surrogate in a message with U+FFFD");
            body[i + 2..i + 6].copy_from_slice(b"fffd");
        }
        i += 6;
    }
}

/// Nesting deeper than this is checked with the library's own reader before it is forwarded.
const DEEP: usize = 64;

/// The deepest nesting of arrays and objects in a JSON body, strings skipped.
fn nesting_depth(body: &[u8]) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &b in body {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Whether a message body goes on to the library, gets an error reply here, or is dropped.
fn check(body: &[u8]) -> Verdict {
    let verdict = check_envelope(body);
    // The library reads the whole message with a limit on nesting, and stops the server when
    // it cannot: a body nested that deeply gets a parse error here instead.
    if verdict == Verdict::Forward
        && nesting_depth(body) > DEEP
        && serde_json::from_slice::<Value>(body).is_err()
    {
        tracing::warn!("a message is nested too deeply to read");
        let id = serde_json::from_slice::<Envelope>(body)
            .ok()
            .and_then(|m| m.id);
        return error_reply(id.as_ref(), PARSE_ERROR, "Parse error: nested too deeply");
    }
    verdict
}

/// What the envelope of a message says: forward, reply or drop.
fn check_envelope(body: &[u8]) -> Verdict {
    // The library reads the whole body as UTF-8, even the parts this layer skips.
    if std::str::from_utf8(body).is_err() {
        tracing::warn!("a message is not UTF-8");
        return error_reply(None, PARSE_ERROR, "Parse error: the message is not UTF-8");
    }
    if body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        return match serde_json::from_slice::<IgnoredAny>(body) {
            Ok(_) => error_reply(
                None,
                INVALID_REQUEST,
                "Invalid request: batches are not supported",
            ),
            Err(_) => error_reply(None, PARSE_ERROR, "Parse error"),
        };
    }
    let m = match serde_json::from_slice::<Envelope>(body) {
        Ok(m) => m,
        Err(e) if e.is_data() => {
            // JSON, but not an object, or with a field of the wrong shape.
            let value = serde_json::from_slice::<Value>(body).unwrap_or_default();
            if value.get("method").is_none() && value.get("id").is_some() {
                tracing::warn!("dropped a malformed response: {e}");
                return Verdict::Drop;
            }
            return error_reply(value.get("id"), INVALID_REQUEST, "Invalid request");
        }
        Err(e) => {
            tracing::warn!("a message is not JSON: {e}");
            return error_reply(None, PARSE_ERROR, "Parse error");
        }
    };
    if let Some(id) = &m.id {
        if !valid_id(id) {
            return error_reply(
                None,
                INVALID_REQUEST,
                "Invalid request: the id must be an integer or a string",
            );
        }
    }
    if m.jsonrpc.as_ref().and_then(Value::as_str) != Some("2.0") {
        return error_reply(
            m.id.as_ref(),
            INVALID_REQUEST,
            "Invalid request: jsonrpc must be \"2.0\"",
        );
    }
    match (&m.method, &m.id) {
        // Requests in the `$/` namespace the server does not know get MethodNotFound;
        // notifications there may be ignored (the library does).
        (Some(Value::String(method)), Some(id)) if method.starts_with("$/") => error_reply(
            Some(id),
            METHOD_NOT_FOUND,
            &format!("Method not found: {method}"),
        ),
        (Some(Value::String(_)), _) => Verdict::Forward,
        (Some(_), id) => error_reply(
            id.as_ref(),
            INVALID_REQUEST,
            "Invalid request: the method must be a string",
        ),
        // A response to one of the server's own requests.
        (None, Some(_)) if m.result.is_some() != m.error.is_some() => Verdict::Forward,
        (None, Some(_)) => {
            tracing::warn!("dropped a response with neither or both of result and error");
            Verdict::Drop
        }
        (None, None) => error_reply(None, INVALID_REQUEST, "Invalid request: no method"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(input: &[u8], chunk: usize) -> Vec<Item> {
        let mut framer = Framer::new(MAX_BODY);
        let mut out = Vec::new();
        for piece in input.chunks(chunk.max(1)) {
            framer.feed(piece);
            while let Some(item) = framer.next_item() {
                out.push(item);
            }
        }
        out
    }

    fn messages(input: &[u8], chunk: usize) -> Vec<String> {
        items(input, chunk)
            .into_iter()
            .filter_map(|i| match i {
                Item::Message(b) => Some(String::from_utf8_lossy(&b).into_owned()),
                Item::Garbage(..) => None,
            })
            .collect()
    }

    fn reply(body: &str) -> Value {
        match check(body.as_bytes()) {
            Verdict::Reply(r) => serde_json::from_slice(&r).unwrap(),
            other => panic!("{body}: {other:?}"),
        }
    }

    const PROBE: &str = r#"{"jsonrpc":"2.0","id":9,"method":"textDocument/hover"}"#;

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn frames_in_any_chunking() {
        let input = format!("{}{}", framed("{}"), framed(PROBE));
        for chunk in [1, 2, 7, 1000] {
            assert_eq!(messages(input.as_bytes(), chunk), ["{}", PROBE], "{chunk}");
        }
        // Lower-case header name, LF-only lines, an extra header.
        let input = format!(
            "content-length: {}\nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\n{PROBE}",
            PROBE.len()
        );
        assert_eq!(messages(input.as_bytes(), 3), [PROBE]);
    }

    #[test]
    fn recovers_at_the_next_header() {
        let cases = [
            format!("{PROBE}{}", framed(PROBE)),
            format!("Content-Length: abc\r\n\r\n{{}}{}", framed(PROBE)),
            format!("Content-Length: -5\r\n\r\n{{}}{}", framed(PROBE)),
            format!("Content-Length:\r\n\r\n{{}}{}", framed(PROBE)),
            format!(
                "Content-Length: 99999999999999999999999\r\n\r\n{{}}{}",
                framed(PROBE)
            ),
            format!("X-Nothing: 1\r\n\r\n{{}}{}", framed(PROBE)),
            // Too short: the body's tail is garbage before the next header.
            format!("Content-Length: 10\r\n\r\n{PROBE}{}", framed(PROBE)),
        ];
        for input in &cases {
            let got = messages(input.as_bytes(), 5);
            assert_eq!(
                got.last().map(String::as_str),
                Some(PROBE),
                "{input:?}: {got:?}"
            );
        }
    }

    #[test]
    fn an_over_long_body_gives_back_the_next_message() {
        let input = format!(
            "Content-Length: {}\r\n\r\n{PROBE}{}",
            PROBE.len() + 40,
            framed(PROBE)
        );
        assert_eq!(messages(input.as_bytes(), 4), [PROBE, PROBE]);
    }

    #[test]
    fn a_huge_body_is_thrown_away_as_it_arrives() {
        let mut framer = Framer::new(1000);
        framer.feed(b"Content-Length: 1010\r\n\r\n");
        assert!(matches!(framer.next_item(), Some(Item::Garbage(..))));
        for _ in 0..10 {
            framer.feed(&[b' '; 101]);
            assert!(framer.buf.len() < 64, "held {} bytes", framer.buf.len());
        }
        framer.feed(framed(PROBE).as_bytes());
        let mut got = Vec::new();
        while let Some(item) = framer.next_item() {
            got.push(item);
        }
        assert!(
            got.contains(&Item::Message(PROBE.as_bytes().to_vec())),
            "{got:?}"
        );
    }

    #[test]
    fn replies_to_invalid_messages() {
        let cases = [
            (
                r#"{"jsonrpc":"2.0","id":77,"method":"#,
                PARSE_ERROR,
                Value::Null,
            ),
            ("", PARSE_ERROR, Value::Null),
            (
                r#"[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]"#,
                INVALID_REQUEST,
                Value::Null,
            ),
            (r#"[]"#, INVALID_REQUEST, Value::Null),
            (
                r#"{"jsonrpc":"2.0","id":1180591620717411303424,"method":"x"}"#,
                INVALID_REQUEST,
                Value::Null,
            ),
            (
                r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#,
                INVALID_REQUEST,
                Value::Null,
            ),
            (
                r#"{"jsonrpc":"1.0","id":502,"method":"x"}"#,
                INVALID_REQUEST,
                json!(502),
            ),
            (r#"{"id":503,"method":"x"}"#, INVALID_REQUEST, json!(503)),
            (
                r#"{"jsonrpc":"2.0","id":"a","method":5}"#,
                INVALID_REQUEST,
                json!("a"),
            ),
            (
                r#"{"jsonrpc":"2.0","id":4,"method":"$/bar"}"#,
                METHOD_NOT_FOUND,
                json!(4),
            ),
            (r#"{"jsonrpc":"2.0"}"#, INVALID_REQUEST, Value::Null),
            ("42", INVALID_REQUEST, Value::Null),
        ];
        for (body, code, id) in cases {
            let r = reply(body);
            assert_eq!(r["error"]["code"], code, "{body}");
            assert_eq!(r["id"], id, "{body}");
            assert_eq!(r["jsonrpc"], "2.0");
        }
        // Invalid UTF-8 in a part this layer would skip.
        let body = b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"a\":\"\xff\"}}";
        assert!(matches!(check(body), Verdict::Reply(r) if r.windows(6).any(|w| w == b"-32700")));
    }

    /// A body of `n` pieces of `piece`; `changes` makes the second serialisation longer,
    /// `panics` makes it panic after the first piece.
    struct Pieces {
        piece: &'static [u8],
        n: usize,
        calls: std::sync::atomic::AtomicUsize,
        changes: bool,
        panics: bool,
    }

    impl Body for Pieces {
        fn write(&self, out: &mut dyn FnMut(&[u8]) -> bool) {
            let call = self.calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let n = if self.changes && call > 0 {
                self.n * 2
            } else {
                self.n
            };
            for i in 0..n {
                if self.panics && i == 1 {
                    panic!("body failed");
                }
                if !out(self.piece) {
                    return;
                }
            }
        }
    }

    fn streamed(body: Pieces) -> Vec<u8> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let mut out = Vec::new();
            let mut pinned = std::pin::Pin::new(&mut out);
            write_streamed(&mut pinned, Box::new(body))
                .await
                .expect("write");
            out
        })
    }

    fn pieces(n: usize, changes: bool, panics: bool) -> Pieces {
        Pieces {
            piece: b"[1,2,3],",
            n,
            calls: Default::default(),
            changes,
            panics,
        }
    }

    #[test]
    fn a_streamed_body_is_one_frame() {
        // Larger than a piece, so it goes out in several.
        let out = streamed(pieces(20_000, false, false));
        let mut framer = Framer::new(usize::MAX);
        framer.feed(&out);
        assert_eq!(
            framer.next_item(),
            Some(Item::Message(b"[1,2,3],".repeat(20_000)))
        );
        assert_eq!(framer.next_item(), None);
    }

    #[test]
    fn a_misbehaving_streamed_body_keeps_the_framing() {
        // Longer the second time: cut to the length announced.
        let out = streamed(pieces(3, true, false));
        assert_eq!(out, frame(&b"[1,2,3],".repeat(3)));
        // Panics while it is counted: nothing is sent.
        assert_eq!(streamed(pieces(3, false, true)), b"");
    }

    #[test]
    fn passes_on_what_the_library_reads() {
        let cases = [
            PROBE,
            r#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#,
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
            r#"{"jsonrpc":"2.0","id":"s","method":"x","params":[1]}"#,
            r#"{"jsonrpc":"2.0","id":3,"result":null}"#,
            r#"{"jsonrpc":"2.0","id":3,"error":{"code":-1,"message":"no"}}"#,
        ];
        for body in cases {
            assert_eq!(check(body.as_bytes()), Verdict::Forward, "{body}");
            assert!(
                serde_json::from_str::<tower_lsp_server::jsonrpc::Request>(body).is_ok()
                    || serde_json::from_str::<tower_lsp_server::jsonrpc::Response>(body).is_ok(),
                "{body}"
            );
        }
        // Malformed responses have no one to answer.
        assert_eq!(check(br#"{"jsonrpc":"2.0","id":3}"#), Verdict::Drop);
        assert_eq!(
            check(br#"{"jsonrpc":"2.0","id":3,"error":5}"#),
            Verdict::Drop
        );
    }

    #[test]
    fn lone_surrogates_are_mended_and_pairs_kept() {
        let mend = |s: &str| {
            let mut b = s.as_bytes().to_vec();
            mend_lone_surrogates(&mut b);
            String::from_utf8(b).unwrap()
        };
        assert_eq!(mend(r#"{"t":"a\ud83db"}"#), r#"{"t":"a\ufffdb"}"#);
        assert_eq!(mend(r#"{"t":"\ude00"}"#), r#"{"t":"\ufffd"}"#);
        assert_eq!(mend(r#"{"t":"\ud83d\ude00"}"#), r#"{"t":"\ud83d\ude00"}"#);
        assert_eq!(mend(r#"{"t":"\\ud83d"}"#), r#"{"t":"\\ud83d"}"#);
        assert_eq!(
            mend(r#"{"t":"\u00e9\"\ud800"}"#),
            r#"{"t":"\u00e9\"\ufffd"}"#
        );
        assert_eq!(mend(r#"{"t":"\ud8"#), r#"{"t":"\ud8"#);
        // What comes out is what the library reads.
        let body =
            mend(r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"t":"\ud83d"}}"#);
        assert_eq!(check(body.as_bytes()), Verdict::Forward);
        assert!(serde_json::from_str::<tower_lsp_server::jsonrpc::Request>(&body).is_ok());
    }

    #[test]
    fn a_message_nested_too_deeply_gets_a_parse_error() {
        let deep = format!(
            r#"{{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{}1{}}}"#,
            r#"{"a":"#.repeat(5000),
            "}".repeat(5000)
        );
        assert!(serde_json::from_str::<tower_lsp_server::jsonrpc::Request>(&deep).is_err());
        match check(deep.as_bytes()) {
            Verdict::Reply(reply) => {
                let v: Value = serde_json::from_slice(&reply).unwrap();
                assert_eq!(v["id"], 7);
                assert_eq!(v["error"]["code"], PARSE_ERROR);
            }
            other => panic!("{other:?}"),
        }
        // Nesting the library reads goes on to it.
        let fine = format!(
            r#"{{"jsonrpc":"2.0","method":"x","params":{}1{}}}"#,
            "[".repeat(80),
            "]".repeat(80)
        );
        assert_eq!(nesting_depth(fine.as_bytes()), 81);
        assert_eq!(check(fine.as_bytes()), Verdict::Forward);
        assert_eq!(nesting_depth(br#"{"s":"[[[[\"{{"}"#), 1);
    }
}
