//! Inputs: which files a command reads, reading them, and decoding them as UTF-8 drafts.

use std::path::{Path, PathBuf};

use crate::lines::LineIndex;

/// Something to check: standard input or a file.
#[derive(Debug, Clone)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

/// The files named by `paths`, folders walked; a path that is neither gives an error message.
pub fn collect(paths: &[PathBuf]) -> Vec<Result<PathBuf, String>> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            match walk(path) {
                Ok(files) => found.extend(files.into_iter().map(Ok)),
                Err(e) => found.push(Err(format!("{}: {e}", path.display()))),
            }
        } else if path.exists() {
            found.push(Ok(path.clone()));
        } else {
            found.push(Err(format!("{}: no such file or folder", path.display())));
        }
    }
    found
}

/// The drafts under a folder, sorted, honouring ignore files.
fn walk(dir: &Path) -> Result<Vec<PathBuf>, ignore::Error> {
    let mut files = Vec::new();
    for entry in ignore::WalkBuilder::new(dir).require_git(false).build() {
        let entry = entry?;
        let path = entry.path();
        let draft = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            ["md", "markdown", "txt"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        });
        if draft && entry.file_type().is_some_and(|t| t.is_file()) {
            files.push(path.to_path_buf());
        }
    }
    files.sort();
    Ok(files)
}

/// A draft's text, with what a writer must put back: a byte-order mark.
#[derive(Debug)]
pub struct Decoded {
    /// The text without the byte-order mark (editors hide it; so do line and column numbers).
    pub text: String,
    pub bom: bool,
}

/// `bytes` as a UTF-8 draft, or an error message for a user: where the first byte that is not
/// UTF-8 is (line and column), and how to convert the file.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<Decoded, String> {
    let mut text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => return Err(not_utf8(name, e.as_bytes(), e.utf8_error().valid_up_to())),
    };
    let bom = text.starts_with('\u{feff}');
    if bom {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(Decoded { text, bom })
}

fn not_utf8(name: &str, bytes: &[u8], valid_up_to: usize) -> String {
    let from = if bytes.starts_with(&[0xff, 0xfe]) {
        "UTF-16LE"
    } else if bytes.starts_with(&[0xfe, 0xff]) {
        "UTF-16BE"
    } else {
        // Latin-1 and its Windows superset are what older newsroom systems save.
        "WINDOWS-1252"
    };
    // Everything before the bad byte is valid, so it can be indexed as text.
    let before = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
    let (line, column) = LineIndex::new(before).line_col(valid_up_to);
    let quoted = shell_quote(name);
    format!(
        "{name}:{line}:{column}: not UTF-8 text (byte 0x{:02X}); skipped. Re-save it as UTF-8 in \
         your editor, or convert it: iconv -f {from} -t UTF-8 {quoted} > converted && mv converted {quoted}",
        bytes[valid_up_to]
    )
}

/// `s` as one shell word.
fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./+,:@%".contains(&b));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_byte_is_placed_by_line_and_column() {
        let e = decode(
            "old.txt",
            b"First line.\nA caf\xe9 on the corner.\n".to_vec(),
        )
        .unwrap_err();
        assert!(
            e.starts_with("old.txt:2:6: not UTF-8 text (byte 0xE9); skipped."),
            "{e}"
        );
        assert!(
            e.contains(
                "iconv -f WINDOWS-1252 -t UTF-8 old.txt > converted && mv converted old.txt"
            ),
            "{e}"
        );
        let e = decode("my draft.txt", b"\xff\xfeA\0".to_vec()).unwrap_err();
        assert!(e.starts_with("my draft.txt:1:1:"), "{e}");
        assert!(
            e.contains("iconv -f UTF-16LE -t UTF-8 'my draft.txt'"),
            "{e}"
        );
    }

    #[test]
    fn a_byte_order_mark_is_kept_aside() {
        let d = decode("a", "\u{feff}Text".as_bytes().to_vec()).unwrap();
        assert_eq!((d.text.as_str(), d.bom), ("Text", true));
        let d = decode("a", b"Text".to_vec()).unwrap();
        assert_eq!((d.text.as_str(), d.bom), ("Text", false));
    }
}
