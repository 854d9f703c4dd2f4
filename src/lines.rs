//! Line and column numbers for byte offsets, as the command line reports them.

/// Maps byte offsets to 1-based lines and columns counted in Unicode characters.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as in the Language Server Protocol.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        LineIndex { text, starts }
    }

    /// 1-based line and character column of `offset` (clamped to the text, and moved back to
    /// a character boundary).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let col = self.text[self.starts[line]..offset].chars().count();
        (line + 1, col + 1)
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line(&self, line: usize) -> &'a str {
        let start = self
            .starts
            .get(line - 1)
            .copied()
            .unwrap_or(self.text.len());
        let end = self.starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
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
    }
}
