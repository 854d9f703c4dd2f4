//! LF, CRLF and lone-CR line endings read identically: the same draft gives the same
//! findings (rule, message, ranges mapped back), and every fix keeps the file's own line
//! ending.

use std::path::{Path, PathBuf};

use copydesk::{check, Config, Format};

/// Markdown drafts with everything whose end is a line ending.
const CRAFTED: &[&str] = &[
    "---\ntitle: The the draft\n---\n\nThe council met on on Monday.\n",
    "+++\ntitle = \"the the\"\n+++\n\nThe council met on on Monday.\n",
    "Intro text.\n\n<!-- a comment\nover two lines -->\n\nThe council met on on Monday.\n",
    "<div>\nan HTML block with the the words\n</div>\n\nThe council met on on Monday.\n\nOfficials said 40 people were hurt.\n",
    "Text before.\n\n    indented code the the\n    more code\n\nThe council met on on Monday.\n",
    "```\nfenced the the\n```\n\nThe council met on on Monday.\n\n~~~text\nmore the the\n~~~\n\nAnd and after.\n",
    "<!-- copydesk-disable repeated-word -->\n\nOne the the.\n\n<!-- copydesk-enable repeated-word -->\n\nTwo the the.\n",
    "<!-- copydesk-disable-next-line repeated-word -->\nOne the the\nstill the the.\n\nTwo the the.\n",
    "<!-- copydesk-disable-next-line -->\n\n\nOne the the.\n\nTwo the the.\n",
    "<!-- copydesk-disable-file repeated-wrod -->\n\nOne the the.\n",
    "# Heading the the\n\n- item one one\n- item two\n\n| a | b |\n|---|---|\n| the the | 5 |\n\n> quoted the the\n",
    "Line one with a hard break  \nline two the the.\nLine three.\\\nline four and and.\n",
    "A blank line with spaces follows.\n   \nThe the start.\n\n\n\nEnd end.\n",
    "The company said revenue rose 36% to $759.7 billion.\n\nAnother paragraph says 12 people\nwere injured, police said.\n",
];

/// Plain-text drafts.
const CRAFTED_TEXT: &[&str] = &[
    "Headline without a stop\n\nThe council met on on Monday.\nA second line the the.\n\nOfficials said 40 people were hurt.\n",
    "Every line a paragraph.\nThe the second.\nThird and and.\n",
];

fn normalise(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The draft without its `{{rule|text}}` markers.
fn strip_markers(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match (after.find('|'), after.find("}}")) {
            (Some(bar), Some(end)) if bar < end => {
                out.push_str(&after[bar + 1..end]);
                rest = &after[end + 2..];
            }
            _ => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// What is compared: rule, message and ranges (of the finding, its related places and its
/// fixes' edits), as offsets into the LF text.
type Finding = (&'static str, String, Vec<(usize, usize)>);

/// Findings in `variant` (whose line breaks are `eol`), with offsets mapped to the LF text.
fn findings(variant: &str, eol: &str, format: Format) -> Vec<Finding> {
    // to_lf[i]: the LF offset of variant offset i.
    let mut to_lf = Vec::with_capacity(variant.len() + 1);
    let bytes = variant.as_bytes();
    let mut lf = 0;
    for i in 0..=bytes.len() {
        to_lf.push(lf);
        let dropped =
            eol == "\r\n" && bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n');
        if !dropped {
            lf += 1;
        }
    }
    let outcome = check(variant, format, &Config::default());
    assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    outcome
        .diagnostics
        .iter()
        .map(|d| {
            let mut ranges = vec![(to_lf[d.range.start], to_lf[d.range.end])];
            ranges.extend(
                d.related
                    .iter()
                    .map(|r| (to_lf[r.range.start], to_lf[r.range.end])),
            );
            for fix in &d.fixes {
                for e in &fix.edits {
                    assert!(
                        keeps_line_ending(&e.new_text, eol),
                        "{}: fix '{}' inserts {:?} into a file with {eol:?} line endings",
                        d.rule,
                        fix.title,
                        e.new_text
                    );
                    ranges.push((to_lf[e.range.start], to_lf[e.range.end]));
                }
                let fixed = fix.apply(variant).expect("the fix applies");
                assert!(
                    keeps_line_ending(&fixed, eol),
                    "{}: fix '{}' mixes line endings",
                    d.rule,
                    fix.title
                );
            }
            (d.rule, normalise(&d.message), ranges)
        })
        .collect()
}

/// Whether every line break in `text` is `eol`.
fn keeps_line_ending(text: &str, eol: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).all(|i| match eol {
        "\n" => bytes[i] != b'\r',
        "\r" => bytes[i] != b'\n',
        _ => {
            (bytes[i] != b'\n' || (i > 0 && bytes[i - 1] == b'\r'))
                && (bytes[i] != b'\r' || bytes.get(i + 1) == Some(&b'\n'))
        }
    })
}

/// Checks one draft with each line ending; returns the names of the variants that differ.
fn compare(name: &str, text: &str, format: Format) -> Vec<String> {
    let lf = normalise(text);
    let expected = findings(&lf, "\n", format);
    let mut differ = Vec::new();
    for eol in ["\r\n", "\r"] {
        let variant = lf.replace('\n', eol);
        let got = findings(&variant, eol, format);
        if got != expected {
            differ.push(format!(
                "{name} with {eol:?}:\n  LF:      {expected:?}\n  variant: {got:?}"
            ));
        }
    }
    differ
}

fn drafts_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "txt")));
    files.sort();
    files
}

#[test]
fn crafted_drafts_read_the_same_with_every_line_ending() {
    let mut differ = Vec::new();
    for (i, text) in CRAFTED.iter().enumerate() {
        differ.extend(compare(&format!("crafted #{i}"), text, Format::Markdown));
    }
    for (i, text) in CRAFTED_TEXT.iter().enumerate() {
        differ.extend(compare(&format!("crafted text #{i}"), text, Format::Text));
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn test_drafts_read_the_same_with_every_line_ending() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = drafts_in(&root.join("tests/fixtures"));
    assert!(!files.is_empty(), "tests/fixtures has drafts");
    let shared = root.join("../shared/examples");
    if shared.is_dir() {
        files.extend(drafts_in(&shared));
    } else {
        eprintln!(
            "skipped: {} not found; checking tests/fixtures only",
            shared.display()
        );
    }
    let mut differ = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("read draft");
        let text = strip_markers(&text);
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        differ.extend(compare(&name, &text, Format::from_path(path)));
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn the_comparison_sees_a_difference() {
    // The helpers themselves: a finding moved by one byte counts as a difference.
    let a = findings("One the the.\n", "\n", Format::Text);
    let b = findings("One  the the.\n", "\n", Format::Text);
    assert_ne!(a, b);
    assert!(keeps_line_ending("a\r\nb", "\r\n") && !keeps_line_ending("a\nb", "\r\n"));
    assert!(!keeps_line_ending("a\r\nb", "\r") && keeps_line_ending("a\rb", "\r"));
    assert_eq!(strip_markers("a {{x|b c}} {{~|d}}"), "a b c d");
}
