//! What a rule reports: diagnostics with byte ranges, related places and fixes.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered from least to most serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Information,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Information => "information",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One replacement of a byte range.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    pub range: Range<usize>,
    pub new_text: String,
}

impl Edit {
    pub fn delete(range: Range<usize>) -> Self {
        Edit {
            range,
            new_text: String::new(),
        }
    }

    pub fn replace(range: Range<usize>, new_text: impl Into<String>) -> Self {
        Edit {
            range,
            new_text: new_text.into(),
        }
    }

    pub fn insert(at: usize, new_text: impl Into<String>) -> Self {
        Edit::replace(at..at, new_text)
    }
}

/// A fix: a title and non-overlapping edits, applied together.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fix {
    pub title: String,
    /// The fix a user most likely wants; at most one per diagnostic.
    pub preferred: bool,
    /// Sorted by position, never overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(title: impl Into<String>, mut edits: Vec<Edit>) -> Self {
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        Fix {
            title: title.into(),
            preferred: false,
            edits,
        }
    }

    pub fn preferred(mut self) -> Self {
        self.preferred = true;
        self
    }

    /// Applies the fix to `text`, or `None` when an edit is out of bounds, splits a character
    /// or overlaps another.
    pub fn apply(&self, text: &str) -> Option<String> {
        apply_edits(text, &self.edits)
    }
}

/// Applies sorted, non-overlapping edits to `text`.
pub fn apply_edits(text: &str, edits: &[Edit]) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        if e.range.start < at
            || e.range.end < e.range.start
            || !text.is_char_boundary(e.range.start)
            || !text.is_char_boundary(e.range.end)
        {
            return None;
        }
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.new_text);
        at = e.range.end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// Another place that explains a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Related {
    pub range: Range<usize>,
    pub message: String,
}

/// A finding of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub range: Range<usize>,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            range,
            related: Vec::new(),
            fixes: Vec::new(),
        }
    }

    pub fn with_related(mut self, range: Range<usize>, message: impl Into<String>) -> Self {
        self.related.push(Related {
            range,
            message: message.into(),
        });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }

    /// A copy with every range (its own, its related places' and its fixes' edits) moved from
    /// text that started at `from` to the same text starting at `to`. Every range must start at
    /// or after `from`.
    pub fn moved(&self, from: usize, to: usize) -> Diagnostic {
        let mv = |r: &Range<usize>| r.start - from + to..r.end - from + to;
        let mut d = self.clone();
        d.range = mv(&d.range);
        for r in &mut d.related {
            r.range = mv(&r.range);
        }
        for f in &mut d.fixes {
            for e in &mut f.edits {
                e.range = mv(&e.range);
            }
        }
        d
    }

    /// The preferred fix, if any.
    pub fn preferred_fix(&self) -> Option<&Fix> {
        self.fixes.iter().find(|f| f.preferred)
    }

    /// Gives back the spare room of every string and list it holds, for a finding that is
    /// kept (the server's cache keeps every block's findings; as built, a third of their room
    /// was spare).
    pub fn shrink_to_fit(&mut self) {
        self.message.shrink_to_fit();
        self.related.shrink_to_fit();
        for r in &mut self.related {
            r.message.shrink_to_fit();
        }
        self.fixes.shrink_to_fit();
        for f in &mut self.fixes {
            f.title.shrink_to_fit();
            f.edits.shrink_to_fit();
            for e in &mut f.edits {
                e.new_text.shrink_to_fit();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_order() {
        let fix = Fix::new(
            "t",
            vec![
                Edit::insert(5, "!"),
                Edit::delete(0..1),
                Edit::replace(2..3, "X"),
            ],
        );
        assert_eq!(fix.apply("abcde").as_deref(), Some("bXde!"));
    }

    #[test]
    fn shrinking_keeps_the_finding() {
        let mut message = String::with_capacity(100);
        message.push_str("'the' is repeated");
        let d = Diagnostic::new("repeated-word", Severity::Warning, 4..7, message)
            .with_related(0..3, format!("first {}", "written here"))
            .with_fix(Fix::new("Delete", vec![Edit::delete(3..7)]).preferred());
        let mut shrunk = d.clone();
        shrunk.shrink_to_fit();
        assert_eq!(shrunk, d);
        assert_eq!(shrunk.message.capacity(), shrunk.message.len());
    }

    #[test]
    fn bad_edits_are_refused() {
        assert_eq!(apply_edits("abc", &[Edit::delete(2..9)]), None);
        assert_eq!(apply_edits("é", &[Edit::delete(0..1)]), None);
        assert_eq!(
            apply_edits("abcd", &[Edit::delete(0..2), Edit::delete(1..3)]),
            None
        );
    }
}
