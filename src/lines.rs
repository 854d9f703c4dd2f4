//! Line and column numbers for byte offsets, as the command line reports them.

use std::ops::Range;

/// Bytes between two column checkpoints on a long line.
const CHECKPOINT: usize = 256;

/// Maps byte offsets to 1-based lines and columns counted in Unicode characters.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as in the Language Server Protocol. Built in one
/// pass over the text; each look-up is a binary search plus at most a few hundred bytes of
/// counting, however long the line, so reporting many findings on one long line stays linear.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// `(byte offset, characters since its line's start)` about every [`CHECKPOINT`] bytes.
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        let mut checkpoints = Vec::new();
        let bytes = text.as_bytes();
        let (mut line_start, mut chars, mut last_mark) = (0, 0, 0);
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
                (line_start, chars, last_mark) = (i + 1, 0, i + 1);
                continue;
            }
            // A byte that starts a character.
            if (b as i8) >= -0x40 {
                if i - last_mark >= CHECKPOINT && i > line_start {
                    checkpoints.push((i, chars));
                    last_mark = i;
                }
                chars += 1;
            }
        }
        LineIndex {
            text,
            starts,
            checkpoints,
        }
    }

    /// 1-based line and character column of `offset` (clamped to the text, and moved back to
    /// a character boundary).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let line_start = self.starts[line];
        let (from, base) = match self.checkpoints.partition_point(|&(at, _)| at <= offset) {
            0 => (line_start, 0),
            n => match self.checkpoints[n - 1] {
                (at, chars) if at >= line_start => (at, chars),
                _ => (line_start, 0),
            },
        };
        let col = base + self.text[from..offset].chars().count();
        (line + 1, col + 1)
    }

    /// The byte range of 1-based line `line`, without its line break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        let end = self.starts.get(line).copied().unwrap_or(self.text.len());
        let end = start + self.text[start..end].trim_end_matches(['\n', '\r']).len();
        start..end
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line(&self, line: usize) -> &'a str {
        &self.text[self.line_range(line)]
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn columns_count_characters() {
        let text = "é😀 the\r\nnext\rlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(text.find("the").unwrap()), (1, 4));
        assert_eq!(idx.line_col(text.find("next").unwrap()), (2, 1));
        assert_eq!(idx.line_col(text.find("last").unwrap()), (3, 1));
        assert_eq!(idx.line_col(text.len()), (3, 5));
        assert_eq!(idx.line(1), "é😀 the");
        assert_eq!(idx.line(2), "next");
        assert_eq!(idx.line_range(3), text.len() - 4..text.len());
    }

    /// The checkpoints on long lines give the same columns as counting from the line start.
    #[test]
    fn long_lines_agree_with_counting() {
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(["a", "é", "😀", " ", "中"][i % 5]);
            if i % 1100 == 1099 {
                text.push_str(if i % 2 == 0 { "\r\n" } else { "\n" });
            }
        }
        let idx = LineIndex::new(&text);
        assert!(idx.checkpoints.len() > 10);
        for (offset, _) in text.char_indices() {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let line = text[..offset].matches('\n').count() + 1;
            let col = text[line_start..offset].chars().count() + 1;
            assert_eq!(idx.line_col(offset), (line, col), "at {offset}");
        }
    }
}
