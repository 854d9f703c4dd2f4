//! Open documents: their text in a rope, their version, and edits applied in order.

use ropey::Rope;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

use super::encoding::{self, Encoding};
use crate::prose::Format;

/// A document the client has open.
#[derive(Debug, Clone)]
pub struct OpenDocument {
    pub rope: Rope,
    pub version: i32,
    pub format: Format,
    /// Which opening of the URI this is: every `didOpen` gets a new one, so a document closed
    /// and reopened at the same version is still told apart from its earlier self.
    pub opening: u64,
}

/// What identifies one text of an open document: its opening and its version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TextId {
    pub opening: u64,
    pub version: i32,
}

impl OpenDocument {
    pub fn new(text: &str, version: i32, format: Format) -> Self {
        OpenDocument {
            rope: Rope::from_str(text),
            version,
            format,
            opening: 0,
        }
    }

    /// The identity of the current text.
    pub fn text_id(&self) -> TextId {
        TextId {
            opening: self.opening,
            version: self.version,
        }
    }

    /// Applies a client's changes in order and takes the new version. An entry with no range
    /// replaces the whole text.
    pub fn apply(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        version: i32,
        encoding: Encoding,
    ) {
        for change in changes {
            apply_change(&mut self.rope, change, encoding);
        }
        self.version = version;
    }
}

/// The text of `rope` in one `String` of exactly its length (`to_string` grows one by doubling,
/// up to twice the room).
pub fn text_of(rope: &Rope) -> String {
    let mut text = String::with_capacity(rope.len_bytes());
    for chunk in rope.chunks() {
        text.push_str(chunk);
    }
    text
}

/// Applies one content change to `rope`.
pub fn apply_change(rope: &mut Rope, change: &TextDocumentContentChangeEvent, encoding: Encoding) {
    match change.range {
        None => *rope = Rope::from_str(&change.text),
        Some(range) => {
            let start = encoding::to_char(rope, range.start, encoding);
            let end = encoding::to_char(rope, range.end, encoding).max(start);
            rope.remove(start..end);
            rope.insert(start, &change.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn incremental_edits_in_order() {
        let mut doc = OpenDocument::new("hello world", 1, Format::Text);
        doc.apply(
            &[
                change(0, 5, 0, 11, ""),
                change(0, 0, 0, 0, "¡"),
                change(0, 6, 0, 6, "!"),
            ],
            2,
            Encoding::Utf16,
        );
        assert_eq!(doc.rope.to_string(), "¡hello!");
        assert_eq!(doc.version, 2);
    }

    #[test]
    fn full_replacement() {
        let mut doc = OpenDocument::new("old", 1, Format::Text);
        let full = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "new\r\ntext".into(),
        };
        doc.apply(&[full, change(1, 0, 1, 4, "body")], 2, Encoding::Utf8);
        assert_eq!(doc.rope.to_string(), "new\r\nbody");
    }

    #[test]
    fn text_of_is_the_whole_text() {
        let text = "line one\r\nzwei é\n".repeat(5_000);
        let rope = Rope::from_str(&text);
        let copy = text_of(&rope);
        assert_eq!(copy, text);
        assert_eq!(copy.capacity(), text.len());
    }

    #[test]
    fn reversed_range_is_empty() {
        let mut rope = Rope::from_str("abc");
        apply_change(&mut rope, &change(0, 2, 0, 1, "X"), Encoding::Utf32);
        assert_eq!(rope.to_string(), "abXc");
    }
}
