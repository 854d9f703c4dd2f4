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

fn articles() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/accuracy")
        .join(RULE);
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

#[test]
fn unattributed_figure_meets_its_precision_and_recall_floors() {
    let files = articles();
    assert!(
        files.len() >= 50,
        "expected at least 50 annotated articles, found {}",
        files.len()
    );
    let mut total = Score::default();
    for path in &files {
        let s = score(path);
        total.tp += s.tp;
        total.fp += s.fp;
        total.fn_ += s.fn_;
        total.notes.extend(s.notes);
    }
    assert!(
        total.tp + total.fn_ > 0,
        "the articles mark no expected findings"
    );
    let precision = total.tp as f64 / (total.tp + total.fp).max(1) as f64;
    let recall = total.tp as f64 / (total.tp + total.fn_) as f64;
    let report = format!(
        "{RULE} on {} articles: tp={} fp={} fn={} precision={precision:.2} recall={recall:.2}\n{}",
        files.len(),
        total.tp,
        total.fp,
        total.fn_,
        total.notes.join("\n")
    );
    eprintln!("{report}");
    assert!(
        precision >= MIN_PRECISION && recall >= MIN_RECALL,
        "below the floors (precision {MIN_PRECISION}, recall {MIN_RECALL}): {report}"
    );
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
