//! Properties of the analysis on arbitrary text: it never fails, its ranges are sound, and
//! every fix applies cleanly and touches only its own edits.

mod common;

use copydesk::{check, Config, Format};
use proptest::prelude::*;

/// Draft-like text built from pieces that exercise every rule, plus arbitrary characters.
fn drafty() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "the ",
        "the the ",
        "Last month, ",
        "said last month ",
        "Sánchez ",
        "Sanchez ",
        "Kim Jong Un ",
        "Kim Jong-un ",
        "$1.2 billion ",
        "40% ",
        "12,000 ",
        "officials said ",
        ". ",
        ", ",
        "\n",
        "\n\n",
        "\r\n",
        "\"",
        "“",
        "”",
        "`code` ",
        "# ",
        "- ",
        "<!-- copydesk-disable-next-line -->\n",
        "https://example.com ",
        "😀 ",
        "東京 ",
        "e\u{301} ",
        "U.S. ",
        "Mr. ",
        "today ",
        "Today, ",
    ]);
    prop::collection::vec(
        prop_oneof![4 => pieces.prop_map(str::to_string), 1 => any::<String>()],
        0..60,
    )
    .prop_map(|v| v.concat())
}

fn sound(text: &str, format: Format) -> Result<(), TestCaseError> {
    let outcome = check(text, format, &Config::default());
    prop_assert!(
        outcome.failures.is_empty(),
        "rule failed: {:?}",
        outcome.failures
    );
    let mut last = 0;
    for d in &outcome.diagnostics {
        prop_assert!(d.range.start >= last, "diagnostics are sorted by position");
        last = d.range.start;
        prop_assert!(d.range.start <= d.range.end && d.range.end <= text.len());
        prop_assert!(text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end));
        prop_assert!(d.fixes.iter().filter(|f| f.preferred).count() <= 1);
        for f in &d.fixes {
            let fixed = f.apply(text);
            prop_assert!(
                fixed.is_some(),
                "fix {:?} does not apply to {:?}",
                f.title,
                text
            );
            // Outside the edits, nothing changes: rebuild from the untouched pieces.
            let fixed = fixed.unwrap_or_default();
            let mut at = 0;
            let mut rebuilt = String::new();
            for e in &f.edits {
                rebuilt.push_str(&text[at..e.range.start]);
                rebuilt.push_str(&e.new_text);
                at = e.range.end;
            }
            rebuilt.push_str(&text[at..]);
            prop_assert_eq!(fixed, rebuilt);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(300)))]

    #[test]
    fn analysis_is_sound_on_drafts(text in drafty()) {
        sound(&text, Format::Markdown)?;
        sound(&text, Format::Text)?;
    }

    #[test]
    fn analysis_is_sound_on_any_text(text in any::<String>()) {
        sound(&text, Format::Markdown)?;
        sound(&text, Format::Text)?;
    }
}
