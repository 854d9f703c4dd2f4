//! `quote-marks`: quotation marks and apostrophes in two styles, left unpaired, or turned the
//! wrong way.
//!
//! ## What it does
//! - **One style per draft.** Quotation marks and apostrophes are either straight (`"` `'`) or
//!   typographic (`“ ” ‘ ’`). The style is the draft's majority (counting every mark), or the
//!   configured one. Each quotation in the other style is reported (range: opening to closing
//!   mark), and each apostrophe in the other style (range: the mark).
//! - **Unbalanced marks.** An opening mark with no closing mark before the end of its
//!   paragraph — unless the next paragraph opens with a quotation mark, the convention for a
//!   quotation running over several paragraphs — and a closing double mark with no opening
//!   one.
//! - **Wrong-way marks** left by autocorrect: “ where a closing mark belongs and ” where an
//!   opening one does, and ‘ for an apostrophe (‘60s, ‘em, don‘t).
//!
//! ## Why is this bad?
//! Mixed marks are the sign of text pasted from elsewhere; a quotation that never closes
//! leaves the reader unsure where the speaker's words end.
//!
//! ## Left alone
//! Apostrophes that open or end words (’80s, rock ’n’ roll, the Joneses’) are not quotation
//! marks; feet and inches (6'2"); marks inside code, URLs and HTML; single quotation marks
//! nested inside double ones are not checked for balance. A straight single mark at the end of
//! a word with no opening one before it is read as an apostrophe, and one at the start of a
//! word with no closing one is not reported (it may be an elision: 'scopes, 'burbs).
//!
//! ## Fix
//! Each diagnostic except an unbalanced mark has one fix, to the chosen style or to the right
//! mark; every mark gets the curly form its position calls for (opening “ ‘, closing ” ’,
//! apostrophe ’), so "fix all" converts the draft.
//!
//! ## Options
//! `[quote-marks] style = "consistent" | "curly" | "straight"`.

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use super::{Context, Rule};
use crate::config::QuoteStyle;
use crate::data::word_list;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::prose::Block;

pub struct QuoteMarks;

/// Words written with a leading apostrophe ('em, 'n'), from `data/elisions.txt`.
static ELISIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/elisions.txt")));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Double,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Apostrophe,
}

/// One quotation mark or apostrophe of the draft, with the part it plays.
#[derive(Debug, Clone)]
struct Mark {
    at: usize,
    ch: char,
    kind: Kind,
    role: Role,
    /// A single quotation mark inside a double quotation.
    nested: bool,
    /// The other mark of its quotation.
    partner: Option<usize>,
    /// An opening or closing mark with no partner in its paragraph.
    unpaired: bool,
}

impl Mark {
    fn curly(&self) -> bool {
        self.ch != '"' && self.ch != '\''
    }

    fn range(&self) -> Range<usize> {
        self.at..self.at + self.ch.len_utf8()
    }

    /// The mark its position calls for in the curly or the straight style.
    fn proper(&self, curly: bool) -> char {
        match (self.kind, self.role, curly) {
            (Kind::Double, _, false) => '"',
            (Kind::Single, _, false) => '\'',
            (Kind::Double, Role::Open, true) => '“',
            (Kind::Double, _, true) => '”',
            (Kind::Single, Role::Open, true) => '‘',
            (Kind::Single, _, true) => '’',
        }
    }
}

impl Rule for QuoteMarks {
    fn id(&self) -> &'static str {
        "quote-marks"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn summary(&self) -> &'static str {
        "quotation marks and apostrophes in two styles, unpaired, or turned the wrong way"
    }

    fn check_document(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let marks = scan(ctx);
        let Some(first) = marks.first() else {
            return;
        };
        let curly_count = marks.iter().filter(|m| m.curly()).count();
        let straight_count = marks.len() - curly_count;
        let (curly, why) = match ctx.config.quote_marks.style {
            QuoteStyle::Curly => (true, "the house style is curly marks"),
            QuoteStyle::Straight => (false, "the house style is straight marks"),
            QuoteStyle::Consistent if curly_count == straight_count => (
                first.curly(),
                if first.curly() {
                    "the draft's first mark is curly"
                } else {
                    "the draft's first mark is straight"
                },
            ),
            QuoteStyle::Consistent if curly_count > straight_count => {
                (true, "most of the draft's marks are curly")
            }
            QuoteStyle::Consistent => (false, "most of the draft's marks are straight"),
        };
        let (this, other) = if curly {
            ("straight", "curly")
        } else {
            ("curly", "straight")
        };
        let source = ctx.doc.source;
        let convert = |ms: &[&Mark]| -> Vec<Edit> {
            ms.iter()
                .filter(|m| m.ch != m.proper(curly))
                .map(|m| Edit::replace(m.range(), m.proper(curly).to_string()))
                .collect()
        };
        let diag = |range: Range<usize>, message: String| {
            Diagnostic::new(self.id(), ctx.severity, range, message)
        };
        for (i, m) in marks.iter().enumerate() {
            match (m.role, m.partner) {
                (Role::Apostrophe, _) => {
                    if m.ch == m.proper(curly) {
                        continue;
                    }
                    let right = m.proper(curly);
                    let message = if m.curly() == curly {
                        format!("'{}' used for an apostrophe: write '{right}'", m.ch)
                    } else {
                        format!("{this} apostrophe in a draft set in {other} marks ({why})")
                    };
                    out.push(
                        diag(m.range(), message).with_fix(
                            Fix::new(
                                format!("Change to {right}"),
                                vec![Edit::replace(m.range(), right.to_string())],
                            )
                            .preferred(),
                        ),
                    );
                }
                (_, Some(p)) if p > i => {
                    let pair = [m, &marks[p]];
                    let edits = convert(&pair);
                    if edits.is_empty() {
                        continue;
                    }
                    if pair.iter().any(|x| x.curly() != curly) {
                        let what = match m.kind {
                            Kind::Double => "quotation",
                            Kind::Single => "single quotation",
                        };
                        let mixed = if m.curly() == marks[p].curly() {
                            format!("{what} in {this} marks")
                        } else {
                            format!("{what} opened and closed with different marks")
                        };
                        out.push(
                            diag(
                                m.at..marks[p].range().end,
                                format!("{mixed} in a draft set in {other} marks ({why})"),
                            )
                            .with_fix(
                                Fix::new(format!("Use {other} quotation marks"), edits).preferred(),
                            ),
                        );
                    } else {
                        for x in pair.into_iter().filter(|x| x.ch != x.proper(curly)) {
                            out.push(wrong_way(self.id(), ctx.severity, x));
                        }
                    }
                }
                (_, Some(_)) => {}
                (role, None) => {
                    if m.unpaired {
                        let message = match role {
                            Role::Open => {
                                "opening quotation mark with no closing mark in its paragraph"
                            }
                            _ => "closing quotation mark with no opening mark",
                        };
                        out.push(diag(m.range(), message.to_string()));
                    }
                    if m.curly() != curly {
                        let right = m.proper(curly);
                        out.push(
                            diag(
                                m.range(),
                                format!(
                                    "{this} quotation mark in a draft set in {other} marks ({why})"
                                ),
                            )
                            .with_fix(
                                Fix::new(
                                    format!("Change to {right}"),
                                    vec![Edit::replace(m.range(), right.to_string())],
                                )
                                .preferred(),
                            ),
                        );
                    } else if curly && !m.unpaired && m.ch != m.proper(true) {
                        out.push(wrong_way(self.id(), ctx.severity, m));
                    }
                }
            }
        }
        debug_assert!(out.iter().all(|d| source.is_char_boundary(d.range.start)));
    }
}

/// A curly mark turned the wrong way, with the fix that turns it.
fn wrong_way(rule: &'static str, severity: Severity, m: &Mark) -> Diagnostic {
    let right = m.proper(true);
    let role = match m.role {
        Role::Open => "an opening",
        Role::Close => "a closing",
        Role::Apostrophe => "an apostrophe",
    };
    Diagnostic::new(
        rule,
        severity,
        m.range(),
        format!("'{}' where {role} mark belongs: write '{right}'", m.ch),
    )
    .with_fix(
        Fix::new(
            format!("Change to {right}"),
            vec![Edit::replace(m.range(), right.to_string())],
        )
        .preferred(),
    )
}

/// Before a mark: nothing, space, an opening bracket or dash, or another opening mark.
fn opens_after(prev: Option<char>) -> bool {
    prev.is_none_or(|c| {
        c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘')
    })
}

/// After a mark: nothing, space, punctuation that ends a phrase, or another mark.
fn closes_before(next: Option<char>) -> bool {
    next.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | ','
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | ')'
                    | ']'
                    | '}'
                    | '—'
                    | '–'
                    | '-'
                    | '…'
                    | '”'
                    | '’'
                    | '"'
                    | '\''
            )
    })
}

fn wordy(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Whether the text after a mark is an elided word ('em, 'n', '80s).
fn elided(after: &str) -> bool {
    let digits = after.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        return digits == 2;
    }
    let word: String = after
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    ELISIONS.contains(word.as_str())
}

/// Whether a block's text opens with a quotation mark (a quotation carried on).
fn opens_with_quote(text: &str) -> bool {
    text.trim_start().starts_with(['"', '“', '‘', '\''])
}

/// What one block holds of marks, read with no quotation carried into it from the block
/// before: positions relative to the block, partners as indices among the block's own marks,
/// and the marks still open at its end. Kept between checks (see
/// [`Context::block_facts`](super::Context::block_facts)).
#[derive(Debug, Default)]
struct BlockMarks {
    marks: Vec<Mark>,
    open_double: Option<usize>,
    open_single: Option<usize>,
}

/// Every quotation mark and apostrophe of the prose, paired within paragraphs.
fn scan(ctx: &Context) -> Vec<Mark> {
    let doc = ctx.doc;
    let text = doc.text.as_str();
    let mut marks: Vec<Mark> = Vec::new();
    // A double quotation still open at the end of a block whose next block follows on the very
    // next line (plain text read a line at a time): it runs on across the line break.
    let mut carried: Option<usize> = None;
    for (b, block) in doc.blocks.iter().enumerate() {
        let (open_double, open_single) = match carried.take() {
            // A block read on its own: its marks as an earlier check kept them.
            None => {
                let kept = ctx.block_facts(
                    "quote-marks",
                    b,
                    |_| true,
                    |block| {
                        let mut own = Vec::new();
                        let (open_double, open_single) = scan_block(text, block, None, &mut own);
                        for m in &mut own {
                            m.at -= block.range.start;
                        }
                        own.shrink_to_fit();
                        BlockMarks {
                            marks: own,
                            open_double,
                            open_single,
                        }
                    },
                );
                let (offset, at) = (marks.len(), block.range.start);
                marks.extend(kept.marks.iter().map(|m| Mark {
                    at: m.at + at,
                    partner: m.partner.map(|p| p + offset),
                    ..m.clone()
                }));
                (
                    kept.open_double.map(|o| o + offset),
                    kept.open_single.map(|o| o + offset),
                )
            }
            Some(open) => scan_block(text, block, Some(open), &mut marks),
        };
        let carried_on = doc
            .blocks
            .get(b + 1)
            .and_then(|n| text.get(n.range.clone()))
            .is_some_and(opens_with_quote);
        let next_line = doc
            .blocks
            .get(b + 1)
            .and_then(|n| text.get(block.range.end..n.range.start))
            .is_some_and(one_line_break);
        if let Some(o) = open_double {
            if next_line && !carried_on {
                carried = Some(o);
            } else {
                marks[o].unpaired = !carried_on;
            }
        }
        // A straight single mark at the start of a word may be an elision the list does not
        // know ('scopes, 'burbs): only a curly one is surely an opening mark.
        if let Some(o) = open_single {
            marks[o].unpaired = !carried_on && !marks[o].nested && marks[o].ch == '‘';
        }
    }
    marks
}

/// Reads the marks of one block into `marks` (absolute positions), with `open_double` the
/// double quotation carried into it, if any: returns the double and the single mark still open
/// at its end.
fn scan_block(
    text: &str,
    block: &Block,
    mut open_double: Option<usize>,
    marks: &mut Vec<Mark>,
) -> (Option<usize>, Option<usize>) {
    let Some(body) = text.get(block.range.clone()) else {
        return (open_double, None);
    };
    let mut open_single: Option<usize> = None;
    // Every mark is `"`, `'` or a three-byte character starting 0xE2.
    let candidates = body
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'"' || b == b'\'' || b == 0xE2)
        .map(|(i, _)| i);
    for i in candidates {
        let Some(c) = body[i..].chars().next() else {
            continue;
        };
        if !matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’') {
            continue;
        }
        let before = body[..i].chars().next_back();
        let next = body[i + c.len_utf8()..].chars().next();
        let at = block.range.start + i;
        let (ob, ca) = (opens_after(before), closes_before(next));
        let (kind, role) = match c {
            '"' | '“' | '”' => {
                let role = match c {
                    // Inches: a straight mark after a number, no quotation open.
                    '"' if before.is_some_and(|p| p.is_ascii_digit()) && open_double.is_none() => {
                        continue
                    }
                    '"' => match (ob, ca) {
                        (true, false) => Role::Open,
                        (false, true) => Role::Close,
                        _ if open_double.is_some() => Role::Close,
                        _ => Role::Open,
                    },
                    '“' if !ob && ca && open_double.is_some() => Role::Close,
                    '“' => Role::Open,
                    _ if ob && !ca && open_double.is_none() => Role::Open,
                    _ => Role::Close,
                };
                (Kind::Double, role)
            }
            '\'' | '‘' | '’' => {
                let (pw, nw) = (wordy(before), wordy(next));
                let role = if pw && nw {
                    // Feet: 6'2".
                    if c == '\''
                        && before.is_some_and(|p| p.is_ascii_digit())
                        && next.is_some_and(|n| n.is_ascii_digit())
                    {
                        continue;
                    }
                    Role::Apostrophe
                } else if nw {
                    if elided(&body[i + c.len_utf8()..]) || c == '’' {
                        Role::Apostrophe
                    } else if ob {
                        Role::Open
                    } else {
                        continue;
                    }
                } else if before.is_some() && !opens_after(before) {
                    let feet = c == '\''
                        && before.is_some_and(|p| p.is_ascii_digit())
                        && (next == Some('"')
                            || body[i + 1..]
                                .trim_start_matches(' ')
                                .starts_with(|d: char| d.is_ascii_digit()));
                    if open_single.is_some() && ca {
                        Role::Close
                    } else if feet {
                        continue;
                    } else if pw {
                        Role::Apostrophe
                    } else {
                        continue;
                    }
                } else {
                    continue;
                };
                (Kind::Single, role)
            }
            _ => continue,
        };
        let index = marks.len();
        marks.push(Mark {
            at,
            ch: c,
            kind,
            role,
            nested: kind == Kind::Single && open_double.is_some(),
            partner: None,
            unpaired: false,
        });
        match (kind, role) {
            (Kind::Double, Role::Open) => {
                if let Some(o) = open_double.replace(index) {
                    marks[o].unpaired = true;
                }
                // A single mark still open inside the old quotation is dropped.
                if open_single.is_some_and(|s| marks[s].nested) {
                    open_single = None;
                }
            }
            (Kind::Double, _) => {
                match open_double.take() {
                    Some(o) => pair(marks, o, index),
                    None => marks[index].unpaired = true,
                }
                if open_single.is_some_and(|s| marks[s].nested) {
                    open_single = None;
                }
            }
            (Kind::Single, Role::Open) => {
                if let Some(o) = open_single.replace(index) {
                    marks[o].unpaired = !marks[o].nested && marks[o].ch == '‘';
                }
            }
            (Kind::Single, Role::Close) => {
                if let Some(o) = open_single.take() {
                    pair(marks, o, index);
                }
            }
            (Kind::Single, Role::Apostrophe) => {}
        }
    }
    (open_double, open_single)
}

/// Whether `gap` is white space holding exactly one line break (LF, CRLF or a lone CR).
fn one_line_break(gap: &str) -> bool {
    gap.chars().all(char::is_whitespace)
        && gap
            .replace("\r\n", "\n")
            .chars()
            .filter(|&c| c == '\n' || c == '\r')
            .count()
            == 1
}

fn pair(marks: &mut [Mark], open: usize, close: usize) {
    marks[open].partner = Some(close);
    marks[close].partner = Some(open);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::prose::Format;
    use crate::rules::test_support::{check, check_as, fixed, flagged};

    const RULE: &str = "quote-marks";

    fn with_style(text: &str, style: QuoteStyle) -> Vec<Diagnostic> {
        let mut config = Config::default();
        config.quote_marks.style = style;
        check_as(RULE, text, Format::Text, &config)
    }

    /// The draft after every preferred fix, as "fix all" applies them.
    fn fix_all(text: &str, diags: &[Diagnostic]) -> String {
        let fixes: Vec<&Fix> = diags.iter().filter_map(|d| d.preferred_fix()).collect();
        let mut edits: Vec<Edit> = fixes.iter().flat_map(|f| f.edits.clone()).collect();
        edits.sort_by_key(|e| e.range.start);
        crate::diagnostic::apply_edits(text, &edits).expect("edits apply")
    }

    #[test]
    fn quotations_pair_within_each_paragraph_of_many() {
        let text =
            "One \"straight\" pair.\n\nAnother \"straight\" pair.\n\nThen a “curly” one.\n\n\
                    And \"straight\" again.\n";
        let found = check(RULE, text);
        let ranges: Vec<&str> = found.iter().map(|d| &text[d.range.clone()]).collect();
        assert_eq!(ranges, ["“curly”"], "{found:#?}");
        // Checked again with the paragraphs' marks kept from the first check: the same.
        let mut cache = crate::BlockCache::new();
        let config = Config::default();
        for _ in 0..2 {
            let doc = crate::Document::parse(text, Format::Text);
            let again: Vec<Diagnostic> = cache
                .check(&doc, &config, 0)
                .diagnostics
                .into_iter()
                .filter(|d| d.rule == RULE)
                .collect();
            assert_eq!(again, found);
        }
    }

    #[test]
    fn minority_quotation_is_flagged_from_mark_to_mark() {
        let text = "“We can hear them,” he said. “We go on.” \"We will not stop,\" she said.";
        assert_eq!(flagged(RULE, text), ["\"We will not stop,\""]);
        assert_eq!(
            fixed(RULE, text, "Use curly quotation marks"),
            "“We can hear them,” he said. “We go on.” “We will not stop,” she said."
        );
    }

    #[test]
    fn one_style_throughout_is_left_alone() {
        assert!(flagged(RULE, "\"Yes,\" he said. It's NATO's \"plan\".").is_empty());
        assert!(flagged(RULE, "“Yes,” he said. It’s NATO’s “plan”.").is_empty());
    }

    #[test]
    fn mixed_quotation_and_minority_apostrophes() {
        let text =
            "NATO's \"dangerous escalation\" and a \"just order” for the treaty’s sake, it's said.";
        assert_eq!(flagged(RULE, text), ["\"just order”", "’"]);
        let d = check(RULE, text);
        assert!(d[0].message.contains("different marks"), "{}", d[0].message);
        assert_eq!(
            fix_all(text, &d),
            "NATO's \"dangerous escalation\" and a \"just order\" for the treaty's sake, it's said."
        );
    }

    #[test]
    fn configured_style_wins_over_the_majority() {
        let text = "\"Yes,\" he said. It's \"fine\". “No.”";
        assert_eq!(flagged(RULE, text), ["“No.”"]);
        let d = with_style(text, QuoteStyle::Curly);
        let got: Vec<&str> = d.iter().map(|d| &text[d.range.clone()]).collect();
        assert_eq!(got, ["\"Yes,\"", "'", "\"fine\""]);
        assert!(d[0].message.contains("house style"));
        assert_eq!(fix_all(text, &d), "“Yes,” he said. It’s “fine”. “No.”");
        assert!(with_style("“Yes,” it’s fine.", QuoteStyle::Curly).is_empty());
        assert_eq!(
            with_style("“Yes,” it’s fine.", QuoteStyle::Straight).len(),
            2
        );
    }

    #[test]
    fn fix_all_converts_the_draft_with_the_right_mark_for_each_position() {
        let text = "“Curly,” he said. “Again.” \"It's 'odd' to say 'no',\" she said of the '80s, the Joneses' house and rock 'n' roll.";
        let d = with_style(text, QuoteStyle::Curly);
        assert_eq!(
            fix_all(text, &d),
            "“Curly,” he said. “Again.” “It’s ‘odd’ to say ‘no’,” she said of the ’80s, the Joneses’ house and rock ’n’ roll."
        );
    }

    #[test]
    fn unbalanced_marks() {
        // Opened and never closed in its paragraph.
        let text =
            "“We will rebuild,” he said.\n\n“The town will recover. Nobody doubts it.\n\nShe left.";
        let d = check(RULE, text);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(&text[d[0].range.clone()], "“");
        assert!(d[0].message.contains("no closing mark"));
        assert!(d[0].fixes.is_empty());
        // A closing mark with no opening one.
        let text = "He said we will rebuild.” Then he left. “Yes,” she said.";
        let d = check(RULE, text);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert!(d[0].message.contains("no opening mark"));
        // A straight opening mark at the end of the text.
        let d = check(RULE, "He said \"yes\" and then \"");
        assert_eq!(d.len(), 1, "{d:#?}");
        // A single quotation opened and not closed.
        assert_eq!(
            flagged(RULE, "‘Yes,’ he said. He called it ‘a farce."),
            ["‘"]
        );
    }

    #[test]
    fn a_quotation_running_on_to_the_next_line_is_balanced() {
        // Plain text a sentence per line: each line is read as a paragraph of its own.
        for ending in ["\n", "\r\n", "\r"] {
            let text = format!(
                "Sugar said \"Everyone told us we were crazy, that we had no chance.{ending}But we took a big swing and hit a home run.\" Then he left the stage.{ending}Analysts agreed."
            );
            let d = with_style(&text, QuoteStyle::Consistent);
            assert!(d.is_empty(), "{ending:?}: {d:#?}");
        }
        // Across a blank line the news convention holds: the quotation must be reopened.
        let text = "Sugar said \"Everyone told us we were crazy.\n\nBut we hit a home run.\" Then he left.";
        let d = with_style(text, QuoteStyle::Consistent);
        assert_eq!(d.len(), 2, "{d:#?}");
    }

    #[test]
    fn a_quotation_carried_into_the_next_paragraph_is_balanced() {
        let text =
            "“We will rebuild,” he said. “The town will recover.\n\n“Nobody doubts it,” he added.";
        assert!(check(RULE, text).is_empty(), "{:#?}", check(RULE, text));
        let text = "\"We will rebuild.\n\n\"Nobody doubts it,\" he added.";
        assert!(check(RULE, text).is_empty());
    }

    #[test]
    fn wrong_way_marks() {
        let text = "“We will rebuild,“ he said. “Yes.”";
        assert_eq!(flagged(RULE, text), ["“"]);
        assert_eq!(
            fixed(RULE, text, "Change to ”"),
            "“We will rebuild,” he said. “Yes.”"
        );
        let text = "”We will rebuild,” he said. “Yes.”";
        assert_eq!(
            fixed(RULE, text, "Change to “"),
            "“We will rebuild,” he said. “Yes.”"
        );
        let text = "Back in the ‘60s they told ‘em. “Yes,” it’s true.";
        let d = check(RULE, text);
        assert_eq!(d.len(), 2, "{d:#?}");
        assert!(d.iter().all(|d| &text[d.range.clone()] == "‘"));
        assert_eq!(
            fix_all(text, &d),
            "Back in the ’60s they told ’em. “Yes,” it’s true."
        );
        assert_eq!(
            fixed(RULE, "It’s Korea‘s “plan”.", ""),
            "It’s Korea’s “plan”."
        );
    }

    #[test]
    fn word_apostrophes_feet_and_nesting_are_left_alone() {
        for text in [
            "“The ’80s,” she said, “were rock ’n’ roll at the Joneses’.”",
            "He is 6'2\" and she is 5' 10\"; the \"tall\" one's plan.",
            "\"He said 'no' to me,\" she said. \"It's 'over,\" he said.",
            "It's the Joneses' house, the players' union and the 1990s' boom.",
            "'Tis the season, he told 'em.",
            "He looked under the 'scopes at the samples.",
        ] {
            assert!(
                check(RULE, text).is_empty(),
                "{text}: {:#?}",
                check(RULE, text)
            );
        }
    }

    #[test]
    fn code_urls_and_html_are_not_prose() {
        let text = "“Yes,” he said. Run `echo \"hi\"` or see <span title=\"x\">it</span> and https://example.com/o'neil/x.\n";
        let d = check_as(RULE, text, Format::Markdown, &Config::default());
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn never_panics_on_awkward_text() {
        for text in [
            "",
            "\"",
            "'",
            "“",
            "’",
            "\r\n\"\r\n\r\n'\r",
            "a\rb \"c\rd\" e",
            "😀\"😀'😀“😀”‘’",
            "\n\n\n\"\n\n",
            "'\"'\"'\"",
        ] {
            for d in check(RULE, text) {
                assert!(text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end));
                for f in &d.fixes {
                    assert!(f.apply(text).is_some());
                }
            }
        }
    }
}
