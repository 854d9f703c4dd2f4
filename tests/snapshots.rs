//! Snapshot tests: every rule's findings and fixes on fixture drafts.

use std::fmt::Write;
use std::path::Path;

use copydesk::{check, Config, Format};

/// A readable account of every diagnostic: where, what, and what each fix does to its line.
fn render(source: &str, format: Format) -> String {
    let index = copydesk::lines::LineIndex::new(source);
    let mut out = String::new();
    for d in check(source, format, &Config::default()).diagnostics {
        let (line, col) = index.line_col(d.range.start);
        let _ = writeln!(
            out,
            "{line}:{col} {} [{}] {:?}: {}",
            d.rule,
            d.severity,
            &source[d.range.clone()],
            d.message
        );
        for r in &d.related {
            let (l, c) = index.line_col(r.range.start);
            let _ = writeln!(
                out,
                "    related {l}:{c} {:?}: {}",
                &source[r.range.clone()],
                r.message
            );
        }
        for f in &d.fixes {
            let fixed = f.apply(source).expect("fix applies");
            let changed: Vec<&str> = fixed
                .lines()
                .zip(source.lines().chain(std::iter::repeat("")))
                .filter(|(a, b)| a != b)
                .map(|(a, _)| a)
                .take(3)
                .collect();
            let mark = if f.preferred { "*" } else { " " };
            let _ = writeln!(out, "  {mark} fix {:?} -> {:?}", f.title, changed);
        }
    }
    out
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .expect("fixture exists")
}

#[test]
fn flagged_draft() {
    insta::assert_snapshot!(render(&fixture("flagged.md"), Format::Markdown));
}

#[test]
fn clean_draft() {
    insta::assert_snapshot!(render(&fixture("clean.md"), Format::Markdown));
}

#[test]
fn figures_and_quotation_marks() {
    insta::assert_snapshot!(render(&fixture("figures-and-quotes.md"), Format::Markdown));
}

#[test]
fn example_draft_in_the_readme() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/draft.md");
    insta::assert_snapshot!(render(
        &std::fs::read_to_string(path).unwrap(),
        Format::Markdown
    ));
}

#[test]
fn pre_publication_checks() {
    insta::assert_snapshot!(render(&fixture("pre-publication.md"), Format::Markdown));
}
