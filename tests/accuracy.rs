//! Accuracy of `unattributed-figure` on annotated published articles (`tests/accuracy/`).
//!
//! Each file is an article with its expected findings marked inline: `{{rule-id|text}}` where
//! the rule must report, `{{~|text}}` where reporting or not are both fine. The markers are
//! stripped, the real analysis runs on the plain text, and a finding matches an expected span
//! when the rule is the same and the ranges overlap (each span matched once); a finding
//! overlapping no expected span and no `~` span is a false alarm. The test fails below the
//! precision and recall floors and prints every miss and false alarm.

use std::ops::Range;
use std::path::{Path, PathBuf};

use copydesk::{check, Config, Format};

/// The rule scored, the folder holding its annotated articles, and the floors.
const RULE: &str = "unattributed-figure";
const MIN_PRECISION: f64 = 0.80;
const MIN_RECALL: f64 = 0.90;

/// An annotated span: the rule (or `~`) and its byte range in the plain text.
#[derive(Debug, PartialEq)]
struct Span {
    rule: String,
    range: Range<usize>,
}

/// The plain text and the annotated spans of an annotated article.
fn strip_markers(annotated: &str) -> (String, Vec<Span>) {
    let mut plain = String::with_capacity(annotated.len());
    let mut spans = Vec::new();
    let mut rest = annotated;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let marker = after.find('|').and_then(|bar| {
            let rule = &after[..bar];
            let valid = !rule.is_empty()
                && rule
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c == '~');
            let close = after[bar + 1..].find("}}")?;
            valid.then(|| (rule, &after[bar + 1..bar + 1 + close], bar + 1 + close + 2))
        });
        match marker {
            Some((rule, body, consumed)) => {
                plain.push_str(&rest[..open]);
                let start = plain.len();
                plain.push_str(body);
                spans.push(Span {
                    rule: rule.to_string(),
                    range: start..plain.len(),
                });
                rest = &after[consumed..];
            }
            None => {
                plain.push_str(&rest[..open + 2]);
                rest = after;
            }
        }
    }
    plain.push_str(rest);
    (plain, spans)
}

/// Whether annotated span `span` and finding `found` overlap; an empty finding counts as one
/// byte, as the scoring script has it.
fn overlaps(span: &Range<usize>, found: &Range<usize>) -> bool {
    span.start < found.end.max(found.start + 1) && found.start < span.end
}

/// Counts for one article, with a line for each miss and false alarm.
#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    notes: Vec<String>,
}

fn context(text: &str, range: &Range<usize>) -> String {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = floor(range.start.saturating_sub(50));
    let to = floor((range.end + 40).min(text.len()));
    format!(
        "{}[{}]{}",
        &text[from..range.start],
        &text[range.clone()],
        &text[range.end..to]
    )
    .replace('\n', " / ")
}

fn score(path: &Path) -> Score {
    let annotated = std::fs::read_to_string(path).expect("annotated article is UTF-8");
    let (plain, spans) = strip_markers(&annotated);
    let format = Format::from_path(path);
    let found = check(&plain, format, &Config::default()).diagnostics;
    let name = path
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let expected: Vec<&Span> = spans.iter().filter(|s| s.rule == RULE).collect();
    let either: Vec<&Span> = spans.iter().filter(|s| s.rule == "~").collect();
    let mut matched = vec![false; expected.len()];
    let mut out = Score::default();
    for d in found.iter().filter(|d| d.rule == RULE) {
        let hit =
            (0..expected.len()).find(|&i| !matched[i] && overlaps(&expected[i].range, &d.range));
        if let Some(i) = hit {
            matched[i] = true;
            out.tp += 1;
        } else if !either.iter().any(|s| overlaps(&s.range, &d.range)) {
            out.fp += 1;
            out.notes
                .push(format!("false alarm {name}: {}", context(&plain, &d.range)));
        }
    }
    for (span, hit) in expected.iter().zip(&matched) {
        if !hit {
            out.fn_ += 1;
            out.notes
                .push(format!("missed {name}: {}", context(&plain, &span.range)));
        }
    }
    out
}

/// The annotated sets: the folder, the floors that set alone must keep, and whether it counts
/// towards the floors for the sets together. The first set is the one the rule was
/// developed against; the second was annotated later, by other annotators and after the rule
/// was written, to show how it does on text it was not tuned to; the third ("fresh") to the
/// sixth ("fresh4") came later still, from articles outside the project's
/// corpus, each annotated blind by a stricter reading of the definition (more counts and measurements
/// marked, attribution carried less far). The later sets' floors guard against regressions, a
/// little under what each measures now; the fresh sets are reported with the others but kept
/// out of the sets-together floors, whose recall their stricter annotation would not meet.
const SETS: &[(&str, f64, f64, bool)] = &[
    ("unattributed-figure", MIN_PRECISION, MIN_RECALL, true),
    ("unattributed-figure-heldout", 0.85, 0.80, true),
    ("unattributed-figure-fresh", 0.70, 0.70, false),
    ("unattributed-figure-fresh2", 0.80, 0.60, false),
    ("unattributed-figure-fresh3", 0.75, 0.65, false),
    ("unattributed-figure-fresh4", 0.80, 0.45, false),
    ("unattributed-figure-fresh5", 0.80, 0.85, false),
    ("unattributed-figure-fresh6", 0.75, 0.75, false),
];

fn articles(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/accuracy")
        .join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

impl Score {
    fn add(&mut self, other: Score) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
        self.notes.extend(other.notes);
    }

    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }

    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }

    fn line(&self, what: &str, articles: usize) -> String {
        format!(
            "{RULE} on {what} ({articles} articles): tp={} fp={} fn={} precision={:.2} recall={:.2}",
            self.tp,
            self.fp,
            self.fn_,
            self.precision(),
            self.recall()
        )
    }
}

#[test]
fn unattributed_figure_meets_its_precision_and_recall_floors() {
    let mut total = Score::default();
    let mut every = Score::default();
    let mut count = 0;
    let mut every_count = 0;
    let mut lines = Vec::new();
    let mut failures = Vec::new();
    for &(folder, min_precision, min_recall, in_total) in SETS {
        let files = articles(folder);
        assert!(!files.is_empty(), "no annotated articles in {folder}");
        let mut set = Score::default();
        for path in &files {
            set.add(score(path));
        }
        assert!(set.tp + set.fn_ > 0, "{folder} marks no expected findings");
        let line = set.line(folder, files.len());
        if set.precision() < min_precision || set.recall() < min_recall {
            failures.push(format!(
                "{line} is below its floors (precision {min_precision}, recall {min_recall})"
            ));
        }
        lines.push(line);
        every_count += files.len();
        every.tp += set.tp;
        every.fp += set.fp;
        every.fn_ += set.fn_;
        if in_total {
            count += files.len();
            total.add(set);
        } else {
            total.notes.extend(set.notes);
        }
    }
    assert!(
        count >= 50,
        "expected at least 50 annotated articles, found {count}"
    );
    lines.push(total.line("the first two sets", count));
    lines.push(every.line("all sets", every_count));
    if total.precision() < MIN_PRECISION || total.recall() < MIN_RECALL {
        failures.push(format!(
            "the first two sets together are below the floors (precision {MIN_PRECISION}, recall {MIN_RECALL})"
        ));
    }
    let report = format!("{}\n{}", lines.join("\n"), total.notes.join("\n"));
    eprintln!("{report}");
    assert!(failures.is_empty(), "{}\n{report}", failures.join("\n"));
}

#[test]
fn markers_are_stripped_into_spans() {
    let (plain, spans) =
        strip_markers("It cost {{unattributed-figure|$5 million}}, {{~|about 40}} said {{x}}.");
    assert_eq!(plain, "It cost $5 million, about 40 said {{x}}.");
    assert_eq!(
        spans,
        [
            Span {
                rule: RULE.to_string(),
                range: 8..18
            },
            Span {
                rule: "~".to_string(),
                range: 20..28
            }
        ]
    );
}

#[test]
fn a_finding_matches_one_overlapping_span() {
    assert!(overlaps(&(8..18), &(10..11)));
    assert!(!overlaps(&(8..18), &(18..20)));
    assert!(overlaps(&(8..18), &(8..8)));
}
