//! The checks the fuzz targets make, shared with the stable-toolchain test that replays the
//! seed corpus (`tests/fuzz_corpus.rs`). Each panics when an invariant breaks.

#![allow(dead_code)]

use copydesk::server::document::OpenDocument;
use copydesk::server::encoding::{self, Encoding};
use copydesk::{check, Config, Format};
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

/// Fixes re-analysed per input (each costs a whole analysis).
const REANALYSED: usize = 16;

/// The analysis core on `data` read as UTF-8, in both formats: no rule fails, every range
/// is on character boundaries inside the text, every fix applies, and the fixed text
/// analyses without failure.
pub fn analyse(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut reanalysed = 0;
    for format in [Format::Markdown, Format::Text] {
        let outcome = check(&text, format, &Config::default());
        assert!(
            outcome.failures.is_empty(),
            "{format:?}: {:?}",
            outcome.failures
        );
        let mut previous = 0;
        for d in &outcome.diagnostics {
            assert!(
                d.range.start >= previous,
                "{}: diagnostics out of order",
                d.rule
            );
            previous = d.range.start;
            in_text(&text, &d.range, d.rule);
            for r in &d.related {
                in_text(&text, &r.range, d.rule);
            }
            for fix in &d.fixes {
                for e in &fix.edits {
                    in_text(&text, &e.range, d.rule);
                }
                let fixed = fix
                    .apply(&text)
                    .unwrap_or_else(|| panic!("{}: fix '{}' does not apply", d.rule, fix.title));
                if reanalysed < REANALYSED {
                    reanalysed += 1;
                    let again = check(&fixed, format, &Config::default());
                    assert!(
                        again.failures.is_empty(),
                        "after '{}': {:?}",
                        fix.title,
                        again.failures
                    );
                }
            }
        }
    }
}

fn in_text(text: &str, range: &std::ops::Range<usize>, rule: &str) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{rule}: range {range:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{rule}: range {range:?} cuts a character"
    );
}

/// Reads bytes one decision at a time; zeros when they run out.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        let (first, rest) = self.0.split_first().unwrap_or((&0, &[]));
        self.0 = rest;
        *first
    }
    fn empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Pieces of text edits insert: line breaks of every kind and characters of every width.
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
    "the",
    "\u{a0}",
    "\t",
];

/// Document edits in every position encoding against a reference model: the first byte picks
/// the encoding, then each edit takes five bytes (start line and character, end line and
/// character, text) and the server's document must equal the model after every edit.
pub fn edits(data: &[u8]) {
    let mut bytes = Bytes(data);
    let encoding =
        [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32][usize::from(bytes.byte() % 3)];
    let mut model = String::new();
    for _ in 0..usize::from(bytes.byte() % 8) {
        model.push_str(PIECES[usize::from(bytes.byte()) % PIECES.len()]);
    }
    let mut doc = OpenDocument::new(&model, 0, Format::Markdown);
    let mut version = 0;
    while !bytes.empty() {
        let start = Position::new(u32::from(bytes.byte() % 8), u32::from(bytes.byte() % 16));
        let end = Position::new(u32::from(bytes.byte() % 8), u32::from(bytes.byte() % 16));
        let code = bytes.byte();
        let text: String = (0..code / 64)
            .map(|i| PIECES[usize::from(code.wrapping_add(i * 7)) % PIECES.len()])
            .collect();
        let full = code % 64 == 63;
        let change = TextDocumentContentChangeEvent {
            range: (!full).then(|| Range::new(start, end)),
            range_length: None,
            text: text.clone(),
        };
        if full {
            model = text;
        } else {
            let a = model_offset(&model, start, encoding);
            let b = model_offset(&model, end, encoding);
            model.replace_range(a..b.max(a), &text);
        }
        version += 1;
        doc.apply(&[change], version, encoding);
        assert_eq!(
            doc.rope.to_string(),
            model,
            "{encoding:?} after edit {version}"
        );
        // Every character boundary round-trips through a position.
        for (b, _) in model.char_indices().chain([(model.len(), ' ')]) {
            let pos = encoding::to_position(&doc.rope, b, encoding);
            let back = encoding::to_byte(&doc.rope, pos, encoding);
            let on_break = model[..b].ends_with('\r') && model[b..].starts_with('\n');
            if !on_break {
                assert_eq!(back, b, "{encoding:?}: byte {b} -> {pos:?} in {model:?}");
            }
        }
    }
}

/// The byte offset of an LSP position in `text`, by the protocol's definition: lines end at
/// `\n`, `\r\n` or `\r`; a position past a line's end is its end, past the last line the
/// text's end, and inside a character that character's start.
pub fn model_offset(text: &str, pos: Position, encoding: Encoding) -> usize {
    let bytes = text.as_bytes();
    let mut line_start = 0;
    for _ in 0..pos.line {
        match bytes[line_start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
        {
            None => return text.len(),
            Some(i) => {
                let brk = line_start + i;
                let crlf = bytes[brk] == b'\r' && bytes.get(brk + 1) == Some(&b'\n');
                line_start = brk + 1 + usize::from(crlf);
            }
        }
    }
    let line = &text[line_start..];
    let content = &line[..line.find(['\n', '\r']).unwrap_or(line.len())];
    let mut units = 0;
    for (i, c) in content.char_indices() {
        let width = match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        };
        if units + width > pos.character as usize {
            return line_start + i;
        }
        units += width;
    }
    line_start + content.len()
}

/// The configuration parser on `data` as `copydesk.toml` and as editor settings (JSON): no
/// panic, errors print, and a configuration that loads can check a draft.
pub fn config(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let sample = "Officials said 40 people were hurt in the the storm.\n\nThe Zelensky office.\n";
    match Config::from_toml(&text, Some(std::path::Path::new("copydesk.toml"))) {
        Ok(config) => {
            let outcome = check(sample, Format::Markdown, &config);
            assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
    if let Ok(settings) = serde_json::from_str::<serde_json::Value>(&text) {
        match Config::default().with_settings(&settings) {
            Ok(config) => {
                let outcome = check(sample, Format::Text, &config);
                assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
}
