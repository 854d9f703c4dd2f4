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
