//! Property: any sequence of LSP edits leaves the server's copy of a document equal to a
//! reference model, in every position encoding.

mod common;

use copydesk::prose::Format;
use copydesk::server::document::OpenDocument;
use copydesk::server::encoding::Encoding;
use proptest::prelude::*;
use serde_json::json;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

fn piece() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "a", "é", "e\u{301}", "東", "😀", " ", "\n", "\r\n", "\r", "the",
        ]),
        0..6,
    )
    .prop_map(|v| v.concat())
}

#[derive(Debug, Clone)]
enum Change {
    /// A range given as (line, character) pairs, possibly past the end of a line or the text.
    Edit((u32, u32), (u32, u32), String),
    Full(String),
}

fn change() -> impl Strategy<Value = Change> {
    let pos = (0u32..8, 0u32..12);
    prop_oneof![
        8 => (pos.clone(), pos, piece()).prop_map(|(a, b, t)| Change::Edit(a, b, t)),
        1 => piece().prop_map(Change::Full),
    ]
}

fn name(e: Encoding) -> &'static str {
    match e {
        Encoding::Utf8 => "utf-8",
        Encoding::Utf16 => "utf-16",
        Encoding::Utf32 => "utf-32",
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(400)))]

    #[test]
    fn edits_match_the_reference(
        initial in piece(),
        changes in prop::collection::vec(change(), 1..25),
        enc in prop::sample::select(vec![Encoding::Utf8, Encoding::Utf16, Encoding::Utf32]),
    ) {
        let mut doc = OpenDocument::new(&initial, 0, Format::Markdown);
        let mut model = initial.clone();
        for (i, c) in changes.iter().enumerate() {
            let event = match c {
                Change::Full(text) => {
                    model = text.clone();
                    TextDocumentContentChangeEvent { range: None, range_length: None, text: text.clone() }
                }
                Change::Edit(a, b, text) => {
                    let (a, b) = if a <= b { (a, b) } else { (b, a) };
                    let start = common::offset(&model, &json!({"line": a.0, "character": a.1}), name(enc));
                    let end = common::offset(&model, &json!({"line": b.0, "character": b.1}), name(enc));
                    model.replace_range(start..end.max(start), text);
                    TextDocumentContentChangeEvent {
                        range: Some(Range::new(Position::new(a.0, a.1), Position::new(b.0, b.1))),
                        range_length: None,
                        text: text.clone(),
                    }
                }
            };
            doc.apply(&[event], i as i32 + 1, enc);
            prop_assert_eq!(doc.rope.to_string(), model.clone());
        }
    }
}

/// A small deterministic random number generator (xorshift), so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The line breaks and content lengths of `text`, as LSP counts them in `encoding`.
fn line_lengths(text: &str, encoding: &str) -> Vec<(usize, Vec<usize>)> {
    let mut lines = Vec::new();
    let mut rest = text;
    loop {
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let content = &rest[..end];
        // Each character boundary of the line, in code units.
        let mut boundaries = vec![0];
        let mut units = 0;
        for c in content.chars() {
            units += match encoding {
                "utf-8" => c.len_utf8(),
                "utf-16" => c.len_utf16(),
                _ => 1,
            };
            boundaries.push(units);
        }
        lines.push((units, boundaries));
        if end == rest.len() {
            return lines;
        }
        let brk = if rest[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
        rest = &rest[end + brk..];
    }
}

/// Whether an LSP position lies inside `text`, on a character boundary.
fn inside(lines: &[(usize, Vec<usize>)], pos: &serde_json::Value) -> bool {
    let line = pos["line"].as_u64().unwrap_or(u64::MAX) as usize;
    let character = pos["character"].as_u64().unwrap_or(u64::MAX) as usize;
    lines
        .get(line)
        .is_some_and(|(_, boundaries)| boundaries.binary_search(&character).is_ok())
}

/// Edits per encoding: `COPYDESK_SYNC_EDITS` when set (for a longer run), else 2,000.
fn edit_count() -> usize {
    std::env::var("COPYDESK_SYNC_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000)
}

/// Thousands of random incremental edits in one burst, through the real server binary, in
/// each position encoding: the server's text equals the model's and every published range
/// lies inside the text of the version it names.
#[test]
fn a_burst_of_edits_through_the_server_binary_matches_the_model() {
    for (e, encoding) in ["utf-8", "utf-16", "utf-32"].into_iter().enumerate() {
        burst(e as u64 + 1, encoding, false);
    }
}

/// The same bursts: versions published never go backwards, and the last publish is for the
/// last version (publishing is ordered per document and tied to the text analysed).
#[test]
fn a_burst_of_edits_publishes_versions_in_order() {
    for (e, encoding) in ["utf-8", "utf-16", "utf-32"].into_iter().enumerate() {
        burst(e as u64 + 1, encoding, true);
    }
}

fn burst(seed: u64, encoding: &str, check_order: bool) {
    const PIECES: &[&str] = &[
        "a",
        "é",
        "e\u{301}",
        "東",
        "😀",
        "👩‍👩‍👧",
        " ",
        "\n",
        "\r\n",
        "\r",
        "the the ",
        "said 40 ",
        ". ",
        "\u{a0}",
    ];
    let uri = "file:///drafts/sync.md";
    let initial = "# Sync 😀\r\n\r\nOfficials said 40 people e\u{301}vacuated the the town.\rNext line\n\nEnd.\n";
    let count = edit_count();
    {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ seed);
        let mut server = common::process::Process::start(encoding);
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 0, "text": initial}}),
        );
        let mut model = initial.to_string();
        let mut versions = vec![model.clone()];
        for v in 1..=count {
            let lines = line_lengths(&model, encoding);
            // Positions anywhere, sometimes past a line's end, the document's end or inside
            // a character.
            let pos = |rng: &mut Rng| {
                let line = rng.below(lines.len() + 1);
                let width = lines.get(line).map_or(3, |l| l.0 + 3);
                json!({"line": line, "character": rng.below(width)})
            };
            let (mut a, mut b) = (pos(&mut rng), pos(&mut rng));
            let mut start = common::offset(&model, &a, encoding);
            let mut end = common::offset(&model, &b, encoding);
            if start > end {
                std::mem::swap(&mut a, &mut b);
                std::mem::swap(&mut start, &mut end);
            }
            // Mostly short deletions and insertions, as typing makes.
            if end - start > 8 && rng.below(4) > 0 {
                b = a.clone();
                end = start;
            }
            let text: String = (0..rng.below(3))
                .map(|_| PIECES[rng.below(PIECES.len())])
                .collect();
            model.replace_range(start..end, &text);
            versions.push(model.clone());
            server.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": v},
                       "contentChanges": [{"range": {"start": a, "end": b}, "text": text}]}),
            );
        }
        let reply = server.request("copydesk/documentText", json!({"uri": uri}));
        assert_eq!(reply["result"]["version"], count, "{encoding}");
        assert_eq!(
            reply["result"]["text"].as_str(),
            Some(model.as_str()),
            "{encoding}: the server's text differs from the model's"
        );

        // Publishes until the one for the last version, and any that follow it soon after.
        let mut publishes: Vec<serde_json::Value> = std::mem::take(&mut server.seen);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        let last_seen = |p: &[serde_json::Value]| {
            p.iter().any(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == count
            })
        };
        while !last_seen(&publishes) && std::time::Instant::now() < deadline {
            publishes.extend(server.next(std::time::Duration::from_secs(1)));
        }
        while let Some(m) = server.next(std::time::Duration::from_millis(500)) {
            publishes.push(m);
        }
        let publishes: Vec<&serde_json::Value> = publishes
            .iter()
            .filter(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            })
            .map(|m| &m["params"])
            .collect();
        assert!(!publishes.is_empty(), "{encoding}: nothing published");
        let mut previous = -1;
        for p in &publishes {
            let version = p["version"].as_i64().expect("a version");
            assert!(
                !check_order || version >= previous,
                "{encoding}: version {version} published after {previous}"
            );
            previous = version;
            let text = &versions[version as usize];
            let lines = line_lengths(text, encoding);
            for d in p["diagnostics"].as_array().into_iter().flatten() {
                for end in ["start", "end"] {
                    assert!(
                        inside(&lines, &d["range"][end]),
                        "{encoding}: a range {} outside version {version}: {text:?}",
                        d["range"]
                    );
                }
            }
        }
        if check_order {
            assert_eq!(
                publishes.last().map(|p| p["version"].clone()),
                Some(json!(count)),
                "{encoding}: the last publish is not for the last version"
            );
        }
        assert!(server.stop(), "{encoding}: clean exit");
    }
}

#[test]
fn positions_outside_the_text_or_inside_a_character_are_seen() {
    let lines = line_lengths("a😀\r\nb\rc", "utf-16");
    assert!(inside(&lines, &json!({"line": 0, "character": 3})));
    assert!(
        !inside(&lines, &json!({"line": 0, "character": 2})),
        "half a surrogate pair"
    );
    assert!(
        !inside(&lines, &json!({"line": 0, "character": 4})),
        "past the line"
    );
    assert!(inside(&lines, &json!({"line": 2, "character": 1})));
    assert!(
        !inside(&lines, &json!({"line": 3, "character": 0})),
        "past the text"
    );
}
