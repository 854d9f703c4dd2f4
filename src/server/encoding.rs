//! Position encodings: the only place LSP positions and byte offsets are converted.

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

/// The unit a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// The first of the client's encodings the server supports, else UTF-16 (LSP 3.17).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        offered
            .into_iter()
            .flatten()
            .find_map(Encoding::from_kind)
            .unwrap_or_default()
    }

    fn from_kind(kind: &PositionEncodingKind) -> Option<Self> {
        match kind.as_str() {
            "utf-8" => Some(Encoding::Utf8),
            "utf-16" => Some(Encoding::Utf16),
            "utf-32" => Some(Encoding::Utf32),
            _ => None,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }
}

/// The number of chars of line `line`'s text, without its line break.
fn content_chars(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let mut n = slice.len_chars();
    if n > 0 && slice.char(n - 1) == '\n' {
        n -= 1;
    }
    if n > 0 && slice.char(n - 1) == '\r' {
        n -= 1;
    }
    n
}

/// The char index of `position`. A character past the end of its line means the end of the
/// line; a line past the end of the document means the end of the document; a position inside
/// a character (half a surrogate pair, the middle of a UTF-8 sequence) means its start.
pub fn to_char(rope: &Rope, position: Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let slice = rope.line(line);
    let chars = content_chars(rope, line);
    let character = position.character as usize;
    let within = match encoding {
        Encoding::Utf32 => character.min(chars),
        Encoding::Utf16 => {
            let limit = slice.char_to_utf16_cu(chars);
            slice.utf16_cu_to_char(character.min(limit))
        }
        Encoding::Utf8 => {
            let limit = slice.char_to_byte(chars);
            slice.byte_to_char(character.min(limit))
        }
    };
    rope.line_to_char(line) + within.min(chars)
}

/// The byte offset of `position` (see [`to_char`] for out-of-range positions).
pub fn to_byte(rope: &Rope, position: Position, encoding: Encoding) -> usize {
    rope.char_to_byte(to_char(rope, position, encoding))
}

/// The position of byte offset `byte` (clamped to the document).
pub fn to_position(rope: &Rope, byte: usize, encoding: Encoding) -> Position {
    let byte = byte.min(rope.len_bytes());
    let char_index = rope.byte_to_char(byte);
    let line = rope.char_to_line(char_index);
    let line_start = rope.line_to_char(line);
    let character = match encoding {
        Encoding::Utf32 => char_index - line_start,
        Encoding::Utf16 => rope.char_to_utf16_cu(char_index) - rope.char_to_utf16_cu(line_start),
        Encoding::Utf8 => rope.char_to_byte(char_index) - rope.line_to_byte(line),
    };
    position(line, character)
}

/// An LSP position, saturating at `u32::MAX`.
fn position(line: usize, character: usize) -> Position {
    Position::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(character).unwrap_or(u32::MAX),
    )
}

/// The positions of many byte offsets at once, in one walk of the rope: for each offset the
/// same as [`to_position`], in time linear in the document (plus sorting the offsets) instead
/// of a walk down the rope's tree for each.
pub fn to_positions(rope: &Rope, offsets: &[usize], encoding: Encoding) -> Vec<Position> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut out = vec![Position::default(); offsets.len()];
    let mut next = 0;
    let (mut line, mut character, mut byte) = (0, 0, 0);
    // A carriage return just passed: the line ends after it unless a line feed follows.
    let mut after_cr = false;
    'walk: for chunk in rope.chunks() {
        for c in chunk.chars() {
            if after_cr && c != '\n' {
                line += 1;
                character = 0;
            }
            let len = c.len_utf8();
            // Every offset at this character, or inside it, is its start.
            while let Some(&i) = order.get(next).filter(|&&i| offsets[i] < byte + len) {
                out[i] = position(line, character);
                next += 1;
            }
            if next == order.len() {
                break 'walk;
            }
            character += match encoding {
                Encoding::Utf8 => len,
                Encoding::Utf16 => c.len_utf16(),
                Encoding::Utf32 => 1,
            };
            after_cr = c == '\r';
            if c == '\n' {
                line += 1;
                character = 0;
            }
            byte += len;
        }
    }
    if after_cr {
        line += 1;
        character = 0;
    }
    // Offsets at or past the end: the end of the document.
    for &i in &order[next..] {
        out[i] = position(line, character);
    }
    out
}

/// The LSP range of a byte range.
pub fn to_range(rope: &Rope, bytes: &std::ops::Range<usize>, encoding: Encoding) -> Range {
    Range::new(
        to_position(rope, bytes.start, encoding),
        to_position(rope, bytes.end, encoding),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn negotiation_takes_the_first_supported() {
        let offered = [
            PositionEncodingKind::new("utf-7"),
            PositionEncodingKind::UTF8,
            PositionEncodingKind::UTF16,
        ];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf32
        );
        assert_eq!(Encoding::negotiate(Some(&[])), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }

    #[test]
    fn astral_characters_in_each_encoding() {
        let rope = Rope::from_str("a😀b\nc");
        let b_byte = "a😀".len();
        assert_eq!(to_byte(&rope, pos(0, 2), Encoding::Utf32), b_byte);
        assert_eq!(to_byte(&rope, pos(0, 3), Encoding::Utf16), b_byte);
        assert_eq!(to_byte(&rope, pos(0, 5), Encoding::Utf8), b_byte);
        assert_eq!(to_position(&rope, b_byte, Encoding::Utf16), pos(0, 3));
        assert_eq!(to_position(&rope, b_byte, Encoding::Utf8), pos(0, 5));
        assert_eq!(to_position(&rope, b_byte, Encoding::Utf32), pos(0, 2));
        // Inside the emoji: its start.
        assert_eq!(to_byte(&rope, pos(0, 2), Encoding::Utf16), 1);
        assert_eq!(to_byte(&rope, pos(0, 3), Encoding::Utf8), 1);
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let rope = Rope::from_str("ab\r\ncd");
        assert_eq!(
            to_byte(&rope, pos(0, 99), Encoding::Utf16),
            2,
            "end of line, before CRLF"
        );
        assert_eq!(
            to_byte(&rope, pos(9, 0), Encoding::Utf16),
            6,
            "end of document"
        );
        assert_eq!(to_byte(&rope, pos(1, 1), Encoding::Utf16), 5);
        let rope = Rope::from_str("ab\rcd\n");
        assert_eq!(
            to_byte(&rope, pos(1, 0), Encoding::Utf8),
            3,
            "a lone CR ends a line"
        );
        assert_eq!(to_byte(&rope, pos(2, 0), Encoding::Utf8), 6);
    }

    proptest::proptest! {
        /// Many offsets at once give what each gives alone, whatever the line endings,
        /// characters and chunking of the rope, and for offsets inside a character or past
        /// the end.
        #[test]
        fn positions_at_once_are_positions_one_by_one(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["a", "bc ", "\n", "\r", "\r\n", "é", "東京", "😀", "  "]),
                0..900,
            ),
            offsets in proptest::collection::vec(0usize..4000, 0..60),
        ) {
            let text: String = pieces.concat();
            let rope = Rope::from_str(&text);
            for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                let at_once = to_positions(&rope, &offsets, enc);
                let one_by_one: Vec<Position> =
                    offsets.iter().map(|&b| to_position(&rope, b, enc)).collect();
                proptest::prop_assert_eq!(at_once, one_by_one, "{:?}", enc);
            }
        }
    }

    #[test]
    fn round_trip_cjk_and_combining() {
        let text = "東京 e\u{301}t\u{e9}\r\nx";
        let rope = Rope::from_str(text);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (b, _) in text.char_indices().filter(|&(_, c)| c != '\r' && c != '\n') {
                assert_eq!(
                    to_byte(&rope, to_position(&rope, b, enc), enc),
                    b,
                    "{enc:?} {b}"
                );
            }
        }
    }
}
