//! `copydesk fix`: applies the preferred fixes that are safe, in place or as a diff.
//!
//! A fix is safe unless it inserts the placeholder for copy to come (`TK`, the
//! `unattributed-figure` fix) or a suppression comment; `--unsafe-fixes` applies those too.
//! Fixes are taken whole, never one that touches (overlaps or abuts) another already taken;
//! the ones left out are tried again on the fixed text, for up to [`PASSES`] passes.
//! Writes are atomic (a temporary file beside the draft, then a rename), keep the draft's line
//! endings, permissions and byte-order mark, and never overwrite a draft that changed since it
//! was read.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::{Edit, Fix};
use crate::prose::Format;

/// Rounds of checking and fixing, each on the text the previous one left.
pub const PASSES: usize = 4;

/// What to apply.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only these rules' fixes (none: every rule's).
    pub rules: Vec<String>,
    pub unsafe_fixes: bool,
}

/// The result of fixing one text.
#[derive(Debug, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied, over every pass.
    pub applied: usize,
}

/// `text` with every wanted fix applied, pass after pass until none is left.
pub fn fix_text(text: &str, format: Format, config: &Config, options: &Options) -> Fixed {
    let line_break = line_break(text);
    let mut current = text.to_string();
    let mut applied = 0;
    for _ in 0..PASSES {
        let outcome = crate::check(&current, format, config);
        let wanted: Vec<&Fix> = outcome
            .diagnostics
            .iter()
            .filter(|d| options.rules.is_empty() || options.rules.iter().any(|r| r == d.rule))
            .filter_map(|d| d.preferred_fix())
            .filter(|f| options.unsafe_fixes || is_safe(f, config))
            .collect();
        let (edits, taken) = merge(wanted);
        if taken == 0 {
            break;
        }
        let edits: Vec<Edit> = edits
            .into_iter()
            .map(|e| Edit::replace(e.range, with_line_break(&e.new_text, line_break)))
            .collect();
        match crate::diagnostic::apply_edits(&current, &edits) {
            Some(next) if next != current => current = next,
            _ => break,
        }
        applied += taken;
    }
    Fixed {
        text: current,
        applied,
    }
}

/// Whether `fix` may be applied without `--unsafe-fixes`: it inserts no placeholder for copy
/// to come and no suppression comment.
pub fn is_safe(fix: &Fix, config: &Config) -> bool {
    let placeholder = config.unattributed_figure.placeholder.as_str();
    !fix.edits.iter().any(|e| {
        (!placeholder.is_empty() && e.new_text.contains(placeholder))
            || e.new_text.contains("copydesk-disable")
    })
}

/// The edits of the fixes taken (each whole, none touching another) and how many were taken.
fn merge(mut fixes: Vec<&Fix>) -> (Vec<Edit>, usize) {
    fixes.sort_by_key(|f| f.edits.first().map(|e| (e.range.start, e.range.end)));
    let mut taken: Vec<Edit> = Vec::new();
    let mut count = 0;
    for fix in fixes {
        let clashes = fix
            .edits
            .iter()
            .any(|e| taken.iter().any(|t| touches(&t.range, &e.range)));
        if !clashes && !fix.edits.is_empty() {
            taken.extend(fix.edits.iter().cloned());
            count += 1;
        }
    }
    taken.sort_by_key(|e| (e.range.start, e.range.end));
    (taken, count)
}

/// Two ranges share a byte or meet: a fix next to another waits for the next pass, when it is
/// recomputed on the text the first left.
fn touches(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// The draft's own line break: that of its first line.
fn line_break(text: &str) -> &'static str {
    match text.find(['\n', '\r']) {
        Some(i) if text[i..].starts_with("\r\n") => "\r\n",
        Some(i) if text[i..].starts_with('\r') => "\r",
        _ => "\n",
    }
}

/// `new_text` with its line breaks written as the draft writes them.
fn with_line_break(new_text: &str, line_break: &str) -> String {
    if !new_text.contains(['\n', '\r']) {
        return new_text.to_string();
    }
    new_text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\n', line_break)
}

/// Replaces `path`'s contents with `new`, atomically, if they are still `old`: a temporary
/// file in the same folder, the original's permissions, then a rename over the original.
pub fn write_if_unchanged(path: &Path, old: &[u8], new: &[u8]) -> io::Result<()> {
    let metadata = std::fs::metadata(path)?;
    if std::fs::read(path)? != old {
        return Err(io::Error::other(
            "changed since it was read; not overwritten (run copydesk fix again)",
        ));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "draft".into(), |n| n.to_string_lossy().into_owned());
    let temp: PathBuf = dir.join(format!(".{name}.copydesk-{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(new)?;
        file.set_permissions(metadata.permissions())?;
        file.sync_all()?;
        drop(file);
        // The last look before the swap: a save that landed while we wrote wins.
        if std::fs::read(path)? != old {
            return Err(io::Error::other(
                "changed since it was read; not overwritten (run copydesk fix again)",
            ));
        }
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// A unified diff of `old` and `new`, both named `name`.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(name, name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str, options: &Options) -> Fixed {
        fix_text(text, Format::Text, &Config::default(), options)
    }

    #[test]
    fn fixes_that_touch_wait_for_a_second_pass() {
        let f = fixed("It was was was late.\n", &Options::default());
        assert_eq!(f.text, "It was late.\n");
        assert_eq!(f.applied, 2);
    }

    #[test]
    fn placeholders_only_when_unsafe_fixes_are_asked_for() {
        let text = "Officials spent $3 million on the the bridge.\n";
        let f = fixed(text, &Options::default());
        assert_eq!(f.text, "Officials spent $3 million on the bridge.\n");
        let f = fixed(
            text,
            &Options {
                unsafe_fixes: true,
                ..Options::default()
            },
        );
        assert!(f.text.contains("according to TK"), "{}", f.text);
    }

    #[test]
    fn rules_limit_what_is_fixed() {
        let text = "The the mayor spoke.\n";
        let only_other = Options {
            rules: vec!["repeated-phrase".into()],
            ..Options::default()
        };
        assert_eq!(fixed(text, &only_other).applied, 0);
        let only_this = Options {
            rules: vec!["repeated-word".into()],
            ..Options::default()
        };
        assert_eq!(fixed(text, &only_this).applied, 1);
    }

    #[test]
    fn inserted_line_breaks_follow_the_draft() {
        assert_eq!(line_break("a\r\nb\n"), "\r\n");
        assert_eq!(line_break("a\rb"), "\r");
        assert_eq!(line_break("ab"), "\n");
        assert_eq!(with_line_break("<!-- x -->\n", "\r\n"), "<!-- x -->\r\n");
        assert_eq!(with_line_break("a\r\nb", "\r"), "a\rb");
    }

    #[test]
    fn a_draft_changed_since_it_was_read_is_not_overwritten() {
        let dir = std::env::temp_dir().join(format!("copydesk-fix-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.txt");
        std::fs::write(&path, "edited meanwhile").unwrap();
        let e = write_if_unchanged(&path, b"as read", b"fixed").unwrap_err();
        assert!(e.to_string().contains("changed since it was read"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited meanwhile");
        write_if_unchanged(&path, b"edited meanwhile", b"fixed").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "fixed");
        let leftovers = std::fs::read_dir(&dir).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
