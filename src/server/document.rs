//! Open documents: their text in a rope, their version, and edits applied in order.

use ropey::Rope;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

use super::encoding::{self, Encoding};
use crate::prose::{common_prefix, common_suffix, Format, TextChange};

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

/// Brings `old`, the text of an earlier version of a document, up to `rope`, its text now:
/// replaces what lies between their common start and end. Returns the change and the text it
/// took out, or `None` when nothing changed. Costs a comparison of the two texts, not a copy.
pub fn catch_up(old: &mut String, rope: &Rope) -> Option<(TextChange, String)> {
    let change = change_to(old, rope)?;
    let Some(slice) = rope.get_byte_slice(change.start..change.new_end) else {
        // Not reached: the change's ends are character boundaries. Taken as a new text.
        let removed = std::mem::replace(old, text_of(rope));
        let whole = TextChange {
            start: 0,
            old_end: removed.len(),
            new_end: old.len(),
        };
        return Some((whole, removed));
    };
    let inserted: String = slice.chunks().collect();
    let removed = old[change.start..change.old_end].to_string();
    old.replace_range(change.start..change.old_end, &inserted);
    Some((change, removed))
}

/// The change that turns `old` into the text of `rope` (see [`TextChange::between`]).
fn change_to(old: &str, rope: &Rope) -> Option<TextChange> {
    let (o, old_len, new_len) = (old.as_bytes(), old.len(), rope.len_bytes());
    let mut start = 0;
    for chunk in rope.chunks() {
        let c = chunk.as_bytes();
        let same = common_prefix(&o[start.min(old_len)..], c);
        start += same;
        if same < c.len() {
            break;
        }
    }
    if start == old_len && start == new_len {
        return None;
    }
    let boundary = |i: usize| i >= new_len || rope.get_byte(i).is_some_and(|b| b & 0xC0 != 0x80);
    while !(old.is_char_boundary(start) && boundary(start)) {
        start -= 1;
    }
    let room = old_len.min(new_len) - start;
    let mut suffix = 0;
    let (mut chunks, ..) = rope.chunks_at_byte(new_len);
    while let Some(chunk) = chunks.prev() {
        let c = chunk.as_bytes();
        let left = room - suffix;
        let c = &c[c.len().saturating_sub(left)..];
        let same = common_suffix(&o[..old_len - suffix], c);
        suffix += same;
        if same < c.len() || suffix >= room {
            break;
        }
    }
    while !(old.is_char_boundary(old_len - suffix) && boundary(new_len - suffix)) {
        suffix -= 1;
    }
    Some(TextChange {
        start,
        old_end: old_len - suffix,
        new_end: new_len - suffix,
    })
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

    proptest::proptest! {
        /// Catching up on a rope gives the rope's text and the change between the two texts,
        /// whatever the edit and however the rope is cut into chunks.
        #[test]
        fn catching_up_gives_the_new_text(
            old in "(a|é|😀|\\r|\\n| ){0,300}",
            repeat in 1usize..40,
            at in 0.0..1.0f64,
            len in 0.0..0.3f64,
            with in "(a|è|😁|\\n){0,5}",
        ) {
            let old = old.repeat(repeat);
            let cut = |f: f64| {
                let mut i = (old.len() as f64 * f) as usize;
                while !old.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            let (start, end) = (cut(at), cut((at + len).min(1.0)));
            let end = end.max(start);
            let new = [&old[..start], with.as_str(), &old[end..]].concat();
            let rope = Rope::from_str(&new);
            let mut caught = old.clone();
            let result = catch_up(&mut caught, &rope);
            proptest::prop_assert_eq!(&caught, &new);
            let expected = TextChange::between(&old, &new);
            proptest::prop_assert_eq!(result.map(|(c, removed)| {
                assert_eq!(removed, old[c.start..c.old_end]);
                c
            }), expected);
        }
    }
}
