//! Properties of `unattributed-figure` on news-like drafts: `mode = "all"` reports every figure
//! that `mode = "claims"` does, and the placeholder its fix inserts is never taken for a source.

mod common;

use copydesk::{check, Config, Diagnostic, Format};
use proptest::prelude::*;

const RULE: &str = "unattributed-figure";

/// Sentences made of news pieces: subjects, verbs, figures, cues, quotations and breaks.
fn drafts() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "The storm ",
        "Police ",
        "The company ",
        "Shares in the bank ",
        "The index ",
        "It ",
        "killed ",
        "ordered ",
        "fell ",
        "will cost ",
        "is estimated to cost ",
        "about ",
        "at least ",
        "14 people",
        "$1.2 billion",
        "40%",
        "20 to 25 percent",
        "8,26%",
        "12,000",
        "two million",
        "3.5 km",
        " homes",
        ", officials said",
        ", according to TK",
        ", according to the council",
        " in the United States",
        ". ",
        ", ",
        "\n",
        "\n\n",
        "\"",
        "“",
        "”",
        "# ",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn findings(text: &str, toml: &str) -> Vec<Diagnostic> {
    let config = Config::from_toml(toml, None).expect("valid configuration");
    // Markdown: its headings are marked, so a fix never turns a line into a headline.
    check(text, Format::Markdown, &config)
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == RULE)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(300)))]

    #[test]
    fn all_mode_reports_every_claim(text in drafts()) {
        let claims = findings(&text, "");
        let all = findings(&text, "[unattributed-figure]\nmode = \"all\"\n");
        for d in &claims {
            prop_assert!(
                all.iter().any(|a| a.range == d.range),
                "{:?} reported in claims mode but not in all mode: {:?}",
                &text[d.range.clone()],
                text
            );
        }
    }

    #[test]
    fn the_placeholder_fix_never_silences_a_figure(text in drafts()) {
        let before = findings(&text, "");
        let Some(fix) = before.first().and_then(|d| d.preferred_fix()) else {
            return Ok(());
        };
        let fixed = fix.apply(&text).expect("the fix applies");
        let after = findings(&fixed, "");
        // The fixed sentence's figures are still reported; only positions move.
        prop_assert!(
            after.len() >= before.len(),
            "{} findings before the fix, {} after: {:?} -> {:?}",
            before.len(),
            after.len(),
            text,
            fixed
        );
    }
}
