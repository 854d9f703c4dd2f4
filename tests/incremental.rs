//! Property: typing random edits into random drafts and re-checking with a [`BlockCache`]
//! after every step, on a document re-parsed only around each change
//! ([`Document::reparse`]), gives exactly what a from-scratch parse and check give.

mod common;

use copydesk::prose::{Parsed, TextChange};
use copydesk::{check, BlockCache, Config, Document, Format};
use proptest::prelude::*;

/// Pieces of drafts: prose with findings for every rule, Markdown structure that changes what
/// is prose (fences, front matter, HTML, lists, quotes, tables), suppression comments, and
/// every line ending.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "The the council met. ",
        "Officials said 95 people died. ",
        "About 3,000 homes were lost. ",
        "It also destroyed 300 homes. ",
        "# Floods kill 40 people\n",
        "Officials said the toll was 40 people. ",
        "Pedro Sánchez spoke. Sanchez left. ",
        "“We will rebuild,” she said. ",
        "\"Quote ",
        "don't ",
        "O’Brien's ",
        "'single' ",
        "“open ‘nested’ ",
        "” ",
        "6'2\" ",
        "on Tuesday, on Tuesday ",
        "word ",
        "x",
        "é",
        "😀",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "# Heading 12 ",
        "- item 40 percent ",
        "1. first ",
        "> quoted 7 people ",
        "| a 5 | b |\n|---|---|\n| 6 men | c |\n",
        "```\n",
        "    indented code the the\n",
        "---\ntitle: x\n---\n",
        "<div>\n",
        "</div>\n",
        "<!-- copydesk-disable-next-line repeated-word -->\n",
        "<!-- copydesk-disable unattributed-figure -->",
        "<!-- copydesk-enable -->",
        "<!-- copydesk-disable repeated-wrod -->",
        "`code the the` ",
        "https://example.com/the/the ",
        "[link 9 people](http://x.y) ",
        "[ref] the the ",
        "\n[ref]: http://x.y\n",
        "Setext title\n===\n",
        "  two spaces in ",
        "\t",
        "***\n",
        "2024 was a year. ",
        "3) third ",
        "<!--\n\nopen comment ",
        " -->\n",
        "[^1] note ",
        "\n[^1]: The note.\n",
        "~~~\n",
        "   \n",
        "+++\n",
        "Plain words follow here. ",
        "Another plain sentence, 40 percent of it. ",
        // Names whose reading depends on the rest of the draft (a word also written in lower
        // case), dates whose year comes from an earlier one, and one toll given two ways.
        "Zorbing began. They met Zorbin. ",
        "the zorbing ended. ",
        "Peter Baker spoke. Bakr left. ",
        "the baker left. ",
        "Friday, 8 November 2024. ",
        "It ended Thursday, 8 November 2024. ",
        "on Thursday, 8 November. ",
        "The flood killed 14 people. ",
        "The flood killed 15 people. ",
    ])
}

fn draft() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..30).prop_map(|v| v.concat())
}

#[derive(Debug, Clone)]
enum Step {
    /// Insert a piece at a fraction of the text.
    Insert(f64, &'static str),
    /// Delete between two fractions of the text.
    Delete(f64, f64),
    /// Type a piece one character at a time at a fraction of the text.
    Type(f64, &'static str),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0.0..1.0, piece()).prop_map(|(at, p)| Step::Insert(at, p)),
        2 => (0.0..1.0, 0.0..0.2).prop_map(|(a, len)| Step::Delete(a, len)),
        2 => (0.0..1.0, piece()).prop_map(|(at, p)| Step::Type(at, p)),
    ]
}

/// The char boundary nearest below `fraction` of `text`.
fn boundary(text: &str, fraction: f64) -> usize {
    let mut at = ((text.len() as f64) * fraction) as usize;
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The editor's side: the text it checked last and that text's parse.
struct Kept {
    text: String,
    parsed: Option<Parsed>,
}

/// Re-parses `text` from what `kept` holds, checks it with `cache`, and compares both with a
/// from-scratch parse and check.
fn compare(
    text: &str,
    format: Format,
    cache: &mut BlockCache,
    kept: &mut Kept,
) -> Result<(), TestCaseError> {
    let config = Config::default();
    let full = check(text, format, &config);
    let fresh = Document::parse(text, format);
    let doc = match (kept.parsed.take(), TextChange::between(&kept.text, text)) {
        (Some(parsed), Some(change)) => {
            let removed = &kept.text[change.start..change.old_end];
            Document::reparse(parsed, text, change, removed)
        }
        (Some(parsed), None) => parsed.document(text),
        (None, _) => Document::parse(text, format),
    };
    prop_assert_eq!(
        &doc,
        &fresh,
        "re-parse differs; before: {:?}; after: {:?}",
        kept.text,
        text
    );
    let cached = cache.check(&doc, &config, 0);
    prop_assert_eq!(&cached.diagnostics, &full.diagnostics, "text: {:?}", text);
    prop_assert_eq!(&cached.failures, &full.failures);
    kept.text = text.to_string();
    kept.parsed = Some(doc.into_parsed());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(150)))]

    #[test]
    fn incremental_equals_full(
        initial in draft(),
        steps in prop::collection::vec(step(), 1..20),
        markdown in any::<bool>(),
    ) {
        let format = if markdown { Format::Markdown } else { Format::Text };
        let mut cache = BlockCache::new();
        let mut kept = Kept { text: String::new(), parsed: None };
        let mut text = initial;
        compare(&text, format, &mut cache, &mut kept)?;
        for s in steps {
            match s {
                Step::Insert(at, p) => {
                    let at = boundary(&text, at);
                    text.insert_str(at, p);
                }
                Step::Delete(a, len) => {
                    let start = boundary(&text, a);
                    let end = boundary(&text, (a + len).min(1.0)).max(start);
                    text.replace_range(start..end, "");
                }
                Step::Type(at, p) => {
                    let mut at = boundary(&text, at);
                    for c in p.chars() {
                        text.insert(at, c);
                        at += c.len_utf8();
                        compare(&text, format, &mut cache, &mut kept)?;
                    }
                }
            }
            compare(&text, format, &mut cache, &mut kept)?;
        }
    }
}
