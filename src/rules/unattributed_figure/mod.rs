//! `unattributed-figure`: a claim stated with no source ("killed at least 14 people" — says
//! who?).
//!
//! ## What it does
//! Finds figures — quantities in digits (with a currency, magnitude, percentage or unit),
//! ranges, and spelled-out numbers with a magnitude or percentage ("two million") — decides
//! what kind of figure each is from its shape and its sentence, and flags the claims (counts
//! of people affected, damage, money, statistics, estimates, polls, forecasts, crowds) that
//! nothing attributes. Facts of record (market data, results, prices and specifications,
//! dimensions, a subject's own action, quotations) are left alone unless configured.
//!
//! ## Why is this bad?
//! The first question a copy editor asks of a number someone counted, measured, estimated or
//! polled is "says who?".
//!
//! ## Attribution
//! A cue in the figure's sentence, read as what it is there (not "States" in a name, not a
//! noun, not a passive with no agent); the next sentence when it clearly refers back; an
//! earlier sentence of the paragraph while the text keeps its subject; a quotation's speaker.
//! The configured placeholder ("according to TK") is not a source.
//!
//! ## Fix
//! 1. Insert ", according to TK" before the sentence's closing punctuation (preferred); the
//!    placeholder is configurable.
//! 2. In Markdown, "Mark as checked": a suppression comment for the paragraph.
//!
//! ## Options
//! `[unattributed-figure]` `mode`, `market-data`, `results`, `specs`, `quotes`,
//! `placeholder`, `vague-quantities`, `cues`.

mod attribution;
mod find;
mod kind;

use std::ops::Range;

use rustc_hash::FxHashMap as HashMap;

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::prose::{Block, BlockKind, Format};
use attribution::{Attribution, BlockCues};
use find::Figure;
use kind::Kind;

pub struct UnattributedFigure;

impl Rule for UnattributedFigure {
    fn id(&self) -> &'static str {
        "unattributed-figure"
    }

    fn default_severity(&self) -> Severity {
        Severity::Information
    }

    fn summary(&self) -> &'static str {
        "a claim (a toll, a cost, a statistic, an estimate) stated with no source (\"says who?\")"
    }

    /// Figures whose attribution may come from the paragraph before (the block opens by going on
    /// from it) are left to `check_document`, so that a block's findings depend on its own text.
    fn check_block(&self, ctx: &Context, block: &Block, out: &mut Vec<Diagnostic>) {
        let options = &ctx.config.unattributed_figure;
        let found = find::figures(ctx, block);
        if found.is_empty() {
            return;
        }
        let cues = cues(ctx, block);
        let judged = judge_all(ctx, block, &found, &cues);
        // The suppression comment is the same for every figure of the block: made once.
        let mut mark: Option<(usize, String)> = None;
        for (figure, (kind, attributed)) in found.iter().zip(judged) {
            if !kind.checked(options) || attributed.as_ref().is_some_and(|a| !a.placeholder) {
                continue;
            }
            if attributed.is_none() && cues.may_inherit(figure.sentence) {
                continue;
            }
            out.push(self.report(ctx, block, figure, attributed.is_some(), &mut mark));
        }
    }

    /// In a story that reports a company's results, its sales, profit and losses are the
    /// event's own results; an interview's answers are the interviewee speaking; the lines
    /// inside a quotation whose marks were lost are the speaker's. Only the whole document
    /// shows any of these.
    fn drops_block_findings<'c>(&self, ctx: &'c Context<'c>) -> Option<super::Drops<'c>> {
        let options = &ctx.config.unattributed_figure;
        let results = !Kind::Result.checked(options) && results_story(ctx);
        let (answers, continued) = if Kind::Quote.checked(options) {
            (Vec::new(), Vec::new())
        } else {
            (interview_answers(ctx), continued_quotes(ctx))
        };
        if !results && answers.is_empty() && continued.is_empty() {
            return None;
        }
        // Each block's figures are judged once, however many findings it holds.
        let mut company: HashMap<usize, Vec<usize>> = HashMap::default();
        Some(Box::new(move |d: &Diagnostic| {
            let at = d.range.start;
            if answer_at(&answers, at).is_some() || answer_at(&continued, at).is_some() {
                return true;
            }
            results
                && ctx.doc.block_at(at).is_some_and(|block| {
                    company
                        .entry(block.range.start)
                        .or_insert_with(|| company_results(ctx, block))
                        .contains(&at)
                })
        }))
    }

    /// Headlines: a claim in a headline is covered when the body attributes the same figure.
    ///
    /// Figures `check_block` left: the first sentences of a block that goes on from the
    /// paragraph before ("It also destroyed 300 homes."), covered when that paragraph closes
    /// with a source.
    ///
    /// What each block holds for both is worked out from the block alone and kept between
    /// checks ([`BlockFacts`]), so a keystroke does not judge every figure of the draft again.
    fn check_document(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let options = &ctx.config.unattributed_figure;
        // Each block's facts, derived (or taken from an earlier check) only when asked for:
        // most blocks neither go on from the paragraph before nor end one that another goes
        // on from, and the body's sources are read only for a headline with a claim.
        let kept: Vec<std::cell::OnceCell<std::sync::Arc<BlockFacts>>> = (0..ctx.doc.blocks.len())
            .map(|_| std::cell::OnceCell::new())
            .collect();
        let facts = |i: usize| {
            kept[i]
                .get_or_init(|| {
                    ctx.block_facts(
                        self.id(),
                        i,
                        |_| true,
                        |block| BlockFacts::new(self, ctx, block),
                    )
                })
                .clone()
        };
        // Whether block `i` may go on from a source at the close of the block before.
        let carried =
            |i: usize| i > 0 && is_prose(&ctx.doc.blocks[i]) && facts(i - 1).closes_with_source;
        let start = out.len();
        for (i, block) in ctx.doc.blocks.iter().enumerate() {
            if !attribution::opens_continuing(block) || find::is_headline(ctx, block) {
                continue;
            }
            let own = facts(i);
            if !own.pending.is_empty() && !carried(i) {
                let at = line_start(ctx.doc.source, block.range.start);
                out.extend(own.pending.iter().map(|d| d.moved(0, at)));
            }
        }
        // What the document drops of block findings, it drops of these too.
        if out.len() > start {
            if let Some(mut drop) = self.drops_block_findings(ctx) {
                let mut own = out.split_off(start);
                own.retain(|d| !drop(d));
                out.extend(own);
            }
        }
        let mut attributed_in_body: Option<Vec<String>> = None;
        for block in ctx.doc.blocks.iter().filter(|b| find::is_headline(ctx, b)) {
            let found = find::figures_in(ctx, block);
            if found.is_empty() {
                continue;
            }
            let cues = cues(ctx, block);
            let mut mark: Option<(usize, String)> = None;
            for (figure, (kind, attributed)) in
                found.iter().zip(judge_all(ctx, block, &found, &cues))
            {
                let placeholder = attributed.as_ref().is_some_and(|a| a.placeholder);
                if !kind.is_claim()
                    || !kind.checked(options)
                    || attributed.is_some() && !placeholder
                {
                    continue;
                }
                let body = attributed_in_body.get_or_insert_with(|| {
                    let mut keys = Vec::new();
                    for i in 0..ctx.doc.blocks.len() {
                        let own = facts(i);
                        keys.extend(own.attributed.iter().cloned());
                        if carried(i) {
                            keys.extend(own.inheriting.iter().cloned());
                        }
                    }
                    keys
                });
                let key = figure_key(&ctx.doc.text[figure.range.clone()]);
                if body.contains(&key) {
                    continue;
                }
                let text = &ctx.doc.source[figure.range.clone()];
                let message = if placeholder {
                    format!(
                        "'{text}' is attributed to {}: the source is still to come",
                        options.placeholder
                    )
                } else {
                    format!(
                        "'{text}' has no attribution in the headline or the story: who says so?"
                    )
                };
                let diag = Diagnostic::new(self.id(), ctx.severity, figure.range.clone(), message);
                out.push(self.mark_as_checked(ctx, block, diag, &mut mark));
            }
        }
    }

    fn hover(&self, ctx: &Context, offset: usize) -> Option<String> {
        let block = ctx.doc.block_at(offset)?;
        let found = find::figures(ctx, block);
        let i = found
            .iter()
            .position(|f| f.range.start <= offset && offset < f.range.end)?;
        let text = &ctx.doc.source[found[i].range.clone()];
        let options = &ctx.config.unattributed_figure;
        let cues = cues(ctx, block);
        let (kind, mut attributed) = judge_all(ctx, block, &found[..=i], &cues).pop()?;
        if attributed.is_none() && cues.may_inherit(found[i].sentence) {
            let index = ctx
                .doc
                .blocks
                .iter()
                .position(|b| b.range.start == block.range.start)?;
            attributed = carried_from_previous(ctx, index);
        }
        let kind = if kind.checked(options)
            && !Kind::Result.checked(options)
            && results_story(ctx)
            && kind::company_result(block, &found[i], kind, &kind::SentenceMemo::default())
        {
            Kind::Result
        } else {
            kind
        };
        let answers = interview_answers(ctx);
        let continued = continued_quotes(ctx);
        let (kind, attributed) = match (answer_at(&answers, offset), answer_at(&continued, offset))
        {
            (Some(question), _) if !Kind::Quote.checked(options) => (
                Kind::Quote,
                Some(Attribution {
                    cue: question.clone(),
                    place: "an interview answer: the interviewee is speaking",
                    placeholder: false,
                }),
            ),
            (None, Some(opening)) if !Kind::Quote.checked(options) => (
                Kind::Quote,
                Some(Attribution {
                    cue: opening.clone(),
                    place: "a quotation that runs on from an earlier paragraph",
                    placeholder: false,
                }),
            ),
            _ => (kind, attributed),
        };
        let status = if kind.checked(options) {
            "needs a source"
        } else if kind.is_claim()
            || matches!(
                kind,
                Kind::Dimension
                    | Kind::OwnAction
                    | Kind::Holding
                    | Kind::Programme
                    | Kind::Requirement
                    | Kind::Other
                    | Kind::Conversion
                    | Kind::Part
            )
        {
            "not checked in mode \"claims\""
        } else {
            "not checked by default"
        };
        let source = match attributed {
            Some(a) if a.placeholder => format!(
                "attributed to the placeholder '{}': the source is still to come",
                options.placeholder
            ),
            Some(a) => format!(
                "attributed by '{}' ({})",
                &ctx.doc.source[a.cue.clone()],
                a.place
            ),
            None => "no attribution found in its sentence, the next, earlier in the paragraph, or at the close of the paragraph before"
                .to_string(),
        };
        Some(format!(
            "**Figure** '{text}': {} — {status}; {source}",
            kind.label()
        ))
    }
}

impl UnattributedFigure {
    /// The diagnostic for a claim with no source (`placeholder`: attributed only to the
    /// placeholder), with its fixes; `mark` holds the block's "Mark as checked" edit once made.
    fn report(
        &self,
        ctx: &Context,
        block: &Block,
        figure: &Figure,
        placeholder: bool,
        mark: &mut Option<(usize, String)>,
    ) -> Diagnostic {
        let text = &ctx.doc.source[figure.range.clone()];
        let placeholder_text = &ctx.config.unattributed_figure.placeholder;
        let diag = if placeholder {
            Diagnostic::new(
                self.id(),
                ctx.severity,
                figure.range.clone(),
                format!(
                    "'{text}' is attributed to {placeholder_text}: the source is still to come"
                ),
            )
        } else {
            let sentence = block.sentences[figure.sentence].clone();
            let at = insertion_point(&ctx.doc.text, &sentence);
            Diagnostic::new(
                self.id(),
                ctx.severity,
                figure.range.clone(),
                format!("'{text}' has no attribution: who says so?"),
            )
            .with_fix(
                Fix::new(
                    format!("Add \", according to {placeholder_text}\""),
                    vec![Edit::insert(
                        at,
                        format!(", according to {placeholder_text}"),
                    )],
                )
                .preferred(),
            )
        };
        self.mark_as_checked(ctx, block, diag, mark)
    }

    /// `diag` with the "Mark as checked" fix (Markdown only): a suppression comment before the
    /// block, made once per block in `mark`.
    fn mark_as_checked(
        &self,
        ctx: &Context,
        block: &Block,
        diag: Diagnostic,
        mark: &mut Option<(usize, String)>,
    ) -> Diagnostic {
        if ctx.doc.format != Format::Markdown {
            return diag;
        }
        let (at, comment) = mark
            .get_or_insert_with(|| {
                crate::suppress::disable_next_line_comment(
                    ctx.doc.source,
                    block.range.start,
                    self.id(),
                )
            })
            .clone();
        diag.with_fix(Fix::new("Mark as checked", vec![Edit::insert(at, comment)]))
    }
}

/// Whether the story reports results: its headline (the first block, when it is one) is
/// about sales, profit or losses.
fn results_story(ctx: &Context) -> bool {
    ctx.doc
        .blocks
        .first()
        .is_some_and(|b| find::is_headline(ctx, b) && kind::results_headline(&b.words))
}

/// Where the figures of `block` that are a company's results start, for a results story.
fn company_results(ctx: &Context, block: &Block) -> Vec<usize> {
    let found = find::figures(ctx, block);
    let cues = cues(ctx, block);
    let memo = kind::SentenceMemo::default();
    found
        .iter()
        .zip(judge_all(ctx, block, &found, &cues))
        .filter(|(figure, (kind, _))| kind::company_result(block, figure, *kind, &memo))
        .map(|(figure, _)| figure.range.start)
        .collect()
}

/// The answers of an interview in question-and-answer form, each with the question it answers
/// (its last sentence): the paragraphs after a paragraph that asks a question, up to the next
/// question or heading. A draft is read as an interview when at least two paragraphs ask a
/// question and either a third does or its opening names an interview.
fn interview_answers(ctx: &Context) -> Vec<(Range<usize>, Range<usize>)> {
    let blocks = &ctx.doc.blocks;
    let text = &ctx.doc.text;
    let is_question = |b: &Block| {
        is_prose(b)
            && text[b.range.clone()]
                .trim_end()
                .trim_end_matches(['"', '”', '’', '\'', ')', ']'])
                .ends_with('?')
    };
    let questions = blocks.iter().filter(|b| is_question(b)).take(3).count();
    if questions < 2 {
        return Vec::new();
    }
    let named = questions >= 3
        || blocks.iter().take(6).any(|b| {
            text[b.range.clone()]
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| {
                    ["interview", "interviews", "interviewed", "q&a"]
                        .iter()
                        .any(|k| w.eq_ignore_ascii_case(k))
                })
        });
    if !named {
        return Vec::new();
    }
    let mut answers = Vec::new();
    let mut question: Option<Range<usize>> = None;
    for b in blocks {
        if is_question(b) {
            question = b.sentences.last().cloned();
        } else if !is_prose(b) || find::is_headline(ctx, b) {
            question = None;
        } else if let Some(q) = &question {
            answers.push((b.range.clone(), q.clone()));
        }
    }
    answers
}

/// The question answered by the interview answer holding `offset`, if one does (`answers` are
/// in order and do not overlap).
fn answer_at(answers: &[(Range<usize>, Range<usize>)], offset: usize) -> Option<&Range<usize>> {
    let i = answers.partition_point(|(a, _)| a.end <= offset);
    answers
        .get(i)
        .filter(|(a, _)| a.start <= offset)
        .map(|(_, question)| question)
}

/// Paragraphs inside a quotation that runs over several paragraphs and whose marks the text
/// lost (a content system's export, one paragraph per line): a paragraph with no quotation mark
/// at all, after one that leaves a quotation open and before one whose first mark closes it.
/// Each with the quotation's opening sentence, the speaker's words that it continues.
fn continued_quotes(ctx: &Context) -> Vec<(Range<usize>, Range<usize>)> {
    let text = &ctx.doc.text;
    let mut out = Vec::new();
    // The quotation left open, and the paragraphs since that hold no mark.
    let mut open: Option<Range<usize>> = None;
    let mut pending: Vec<Range<usize>> = Vec::new();
    for b in &ctx.doc.blocks {
        if !is_prose(b) {
            open = None;
            pending.clear();
            continue;
        }
        let t = &text[b.range.clone()];
        if let Some(opening) = &open {
            match t
                .char_indices()
                .find(|&(_, c)| matches!(c, '"' | '“' | '”'))
            {
                None => {
                    pending.push(b.range.clone());
                    continue;
                }
                Some((i, c)) => {
                    if closes_quote(t, i, c) {
                        out.extend(pending.drain(..).map(|p| (p, opening.clone())));
                    }
                    pending.clear();
                }
            }
        }
        // A quotation this paragraph opens and leaves open, from its opening mark to the end of
        // that sentence.
        open =
            b.quotes
                .last()
                .filter(|q| {
                    let runs_to_end = q.end == b.range.end
                        && !(q.end > q.start + 1 && text[..q.end].ends_with(['"', '”']));
                    let opens = text[q.start..].starts_with('“')
                        || text[..q.start].chars().next_back().is_none_or(|p| {
                            p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–')
                        });
                    runs_to_end && opens
                })
                .map(|q| {
                    let sentence = b
                        .sentences
                        .iter()
                        .find(|s| s.start <= q.start && q.start < s.end);
                    sentence.map_or(q.clone(), |s| q.start..s.end)
                });
    }
    out
}

/// Whether the quotation mark `c` at byte `i` of `t` closes a quotation: a right double mark,
/// or a straight one right after a word or punctuation ("…message," she said).
fn closes_quote(t: &str, i: usize, c: char) -> bool {
    c == '”'
        || (c == '"'
            && t[..i]
                .chars()
                .next_back()
                .is_some_and(|p| !p.is_whitespace()))
}

/// A paragraph or a list item: prose a source can carry through, or an answer stand in.
fn is_prose(b: &Block) -> bool {
    matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem)
}

/// What the paragraph before block `index` closes with, when it is a paragraph (or list item)
/// and block `index` one too: the source that a block going on from it inherits.
fn carried_from_previous(ctx: &Context, index: usize) -> Option<Attribution> {
    let blocks = &ctx.doc.blocks;
    let block = blocks.get(index)?;
    let prev = blocks.get(index.checked_sub(1)?)?;
    if !is_prose(block) || !is_prose(prev) || find::is_headline(ctx, prev) {
        return None;
    }
    let cues = cues(ctx, prev);
    attribution::attribution_at_end(prev, &cues)
}

/// A figure's number and magnitude, for finding it again elsewhere: "$40 billion",
/// "US$40bn" are both "40 b"; "40 states" is "40".
fn figure_key(text: &str) -> String {
    if !text.chars().any(|c| c.is_ascii_digit()) {
        return spelled_key(text);
    }
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        .filter(|c| *c != ',')
        .collect();
    let lower = text.to_lowercase();
    let rest = lower.trim_start_matches(|c: char| !c.is_ascii_digit());
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ','));
    let rest = rest.trim_start();
    let magnitude = if rest.starts_with("tr") || rest.starts_with("tn") {
        " t"
    } else if rest.starts_with('b') {
        " b"
    } else if rest.starts_with('m') {
        " m"
    } else if rest.starts_with('%') || rest.starts_with("per") {
        " %"
    } else if rest.starts_with('k') && !rest[1..].starts_with(|c: char| c.is_alphabetic()) {
        // "US$500K" is "US$500,000", "1.5k" is "1500": the thousands written out.
        let (whole, frac) = digits.split_once('.').unwrap_or((&digits, ""));
        if frac.len() <= 3 {
            let n = format!("{whole}{frac:0<3}");
            return n.trim_start_matches('0').to_string();
        }
        " k"
    } else {
        ""
    };
    format!("{}{magnitude}", digits.trim_end_matches('.'))
}

/// [`figure_key`] of a figure in words: "six" and "6" are both "6", "two billion" is "2 b";
/// other words are kept as written, lower-cased ("a dozen").
fn spelled_key(text: &str) -> String {
    const NUMBERS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: &[&str] = &[
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let lower = text.to_lowercase();
    let mut words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let value = words.by_ref().find_map(|w| {
        NUMBERS
            .iter()
            .position(|n| *n == w)
            .or_else(|| TENS.iter().position(|t| *t == w).map(|i| 20 + 10 * i))
    });
    let Some(value) = value else {
        return lower.trim().to_string();
    };
    let magnitude = match words.next() {
        Some("trillion") => " t",
        Some("billion") => " b",
        Some("million") => " m",
        Some("percent" | "per") => " %",
        _ => "",
    };
    format!("{value}{magnitude}")
}

/// What the document pass needs of one block, from the block alone.
struct BlockFacts {
    /// The block closes with a source that the next paragraph may go on from (see
    /// [`carried_from_previous`]).
    closes_with_source: bool,
    /// The keys ([`figure_key`]) of the figures the block itself attributes, and of its amounts
    /// of money that are on record.
    attributed: Vec<String>,
    /// The keys of the figures nothing in the block attributes that may take the source at the
    /// close of the block before.
    inheriting: Vec<String>,
    /// The findings for the claims among those, reported when the block before closes with no
    /// source; positions relative to the start of the block's first line.
    pending: Vec<Diagnostic>,
}

impl BlockFacts {
    fn new(rule: &UnattributedFigure, ctx: &Context, block: &Block) -> Self {
        let options = &ctx.config.unattributed_figure;
        let headline = find::is_headline(ctx, block);
        let cues = cues(ctx, block);
        let mut facts = BlockFacts {
            closes_with_source: is_prose(block)
                && !headline
                && attribution::attribution_at_end(block, &cues).is_some(),
            attributed: Vec::new(),
            inheriting: Vec::new(),
            pending: Vec::new(),
        };
        let found = find::figures(ctx, block);
        if found.is_empty() {
            return facts;
        }
        let continuing = attribution::opens_continuing(block) && !headline;
        let at = line_start(ctx.doc.source, block.range.start);
        let mut mark: Option<(usize, String)> = None;
        for (figure, (kind, attributed)) in found.iter().zip(judge_all(ctx, block, &found, &cues)) {
            let key = || figure_key(&ctx.doc.text[figure.range.clone()]);
            match attributed {
                Some(a) if !a.placeholder => facts.attributed.push(key()),
                Some(_) => {}
                // An amount of money on record here ("was fined US$500,000 by the
                // Department") is on record in the headline too. Not a bare number: "12 miles"
                // says nothing of a headline's "kills 12".
                None if !kind.checked(options) && figure.shape == find::Shape::Money => {
                    facts.attributed.push(key());
                }
                None if cues.may_inherit(figure.sentence) => {
                    facts.inheriting.push(key());
                    if continuing && kind.checked(options) {
                        let d = rule.report(ctx, block, figure, false, &mut mark);
                        facts.pending.push(d.moved(at, 0));
                    }
                }
                None => {}
            }
        }
        facts.attributed.shrink_to_fit();
        facts.inheriting.shrink_to_fit();
        facts.pending.shrink_to_fit();
        for d in &mut facts.pending {
            d.shrink_to_fit();
        }
        facts
    }
}

/// The start of the line that holds `offset`.
fn line_start(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1)
}

/// Each sentence's attribution cue.
fn cues(ctx: &Context, block: &Block) -> BlockCues {
    let options = &ctx.config.unattributed_figure;
    let extra = attribution::configured(&options.cues);
    let list = attribution::sentence_cues(&ctx.doc.text, block, &extra, &options.placeholder);
    BlockCues::new(&ctx.doc.text, block, list)
}

/// Each figure's kind and what attributes it. A figure given in parallel with the one before
/// ("$199 and $249", "cost $5 million (£4 million)") is of the same kind.
fn judge_all(
    ctx: &Context,
    block: &Block,
    figures: &[Figure],
    cues: &BlockCues,
) -> Vec<(Kind, Option<Attribution>)> {
    let mut judged: Vec<(Kind, Option<Attribution>)> = Vec::with_capacity(figures.len());
    let memo = kind::SentenceMemo::default();
    for (i, figure) in figures.iter().enumerate() {
        let mut verdict = judge(ctx, block, figure, cues, &memo);
        if let Some((prev, (prev_kind, prev_attr), gap)) = i
            .checked_sub(1)
            .map(|p| {
                let prev = &figures[p];
                (prev, &judged[p], gap_between(&ctx.doc.text, prev, figure))
            })
            .filter(|(p, _, gap)| {
                p.sentence == figure.sentence && (p.shape.same_kind(&figure.shape) || out_of(gap))
            })
        {
            // "(US $2.63 billion)": a currency code may stand between.
            let opening = gap.trim_end_matches(|c: char| c.is_ascii_uppercase() || c == ' ');
            let conversion = opening == "(" || gap == "/";
            // "$25,000 vehicle voucher and $50,000", "for up to $60 billion, up to $40
            // billion": a few words, and "and", "or" or a comma.
            let parallel = gap.split_whitespace().count() <= 3
                && (gap.ends_with(" and")
                    || gap.ends_with(" or")
                    || gap.ends_with(',')
                    || gap.starts_with(','))
                || matches!(gap, "and" | "or" | "," | "to")
                || out_of(gap)
                // A list of shares: "55 percent by the union, eight percent by the state".
                || (figure.shape == find::Shape::Percent
                    && gap.ends_with(',')
                    && gap.split_whitespace().count() <= 6);
            // The same thing counted: "France will lose 4,300 jobs, followed by Germany having
            // a loss of 3,700 jobs".
            let noun_after = |f: &Figure| {
                block
                    .words
                    .get(f.last + 1)
                    .filter(|w| {
                        w.sentence == f.sentence && w.lower.chars().all(char::is_alphabetic)
                    })
                    .map(|w| w.lower.as_str())
            };
            // The two ends of one change: "from $27.5 billion in unsecured debt to $9.2
            // billion".
            let path = prev.first > 0
                && block.words[prev.first - 1].lower == "from"
                && block.words[prev.first - 1].sentence == prev.sentence
                && (gap == "to" || gap.ends_with(" to"))
                && gap.split_whitespace().count() <= 5
                && !gap.contains([',', ';', '(']);
            let parallel = parallel
                || path
                || (noun_after(prev).is_some()
                    && noun_after(prev) == noun_after(figure)
                    && !gap.contains(';'));
            // One count of people given in its parts: "283 passengers and 15 crew", "40 adults
            // and 12 children". Not a toll and its injured ("3 dead and 12 injured"), nor two
            // different things ("5,000 employees and 300 stores").
            // Only asked of two claims, and without collecting the gap's words.
            let part = prev_kind.is_claim() && verdict.0.is_claim() && {
                let mut gap_words = gap.split_whitespace();
                match (gap_words.next(), gap_words.next(), gap_words.next()) {
                    (Some(noun), Some("and"), None) => {
                        noun_after(prev).is_some_and(|n| n == noun && kind::is_people(n))
                            && noun_after(figure).is_some_and(|n| n != noun && kind::is_people(n))
                    }
                    _ => false,
                }
            };
            // A count within the count before it, of the same kind: "40 people were detained
            // on Wednesday, including three retired army generals", "86 people were indicted,
            // including many officials and two retired generals".
            let within = prev_kind.is_claim()
                && !verdict.0.is_claim()
                && ["including", "among them"].iter().any(|w| {
                    gap.rsplit_once(w).is_some_and(|(before, list)| {
                        before.ends_with([' ', ',']) && !list.contains([',', ';', ':', '('])
                    })
                })
                && kind::people_follow(&block.words, figure.last, 3, |_| false);
            if part {
                verdict = (Kind::Part, prev_attr.clone());
            } else if within {
                verdict.0 = *prev_kind;
            } else if conversion {
                // The same figure in another currency or unit: it stands with the first.
                verdict = (*prev_kind, prev_attr.clone());
                if prev_kind.is_claim() && prev_attr.is_none() {
                    verdict = (Kind::Conversion, None);
                }
            } else if parallel && !prev_kind.is_claim() && verdict.0.is_claim() {
                verdict.0 = *prev_kind;
            }
        }
        judged.push(verdict);
    }
    judged
}

/// The text between figure `prev` and the next, `figure`, trimmed. Figures do not overlap, but
/// a currency code glued before a symbol may reach back into the figure before ("5 BN$5"):
/// then there is no gap.
fn gap_between<'t>(text: &'t str, prev: &Figure, figure: &Figure) -> &'t str {
    text.get(prev.range.end..figure.range.start)
        .unwrap_or("")
        .trim()
}

/// Whether the `gap` after a figure makes the next the whole it is out of: "by only 129 votes,
/// out of a total of 2.8 million".
fn out_of(gap: &str) -> bool {
    gap.split_whitespace().count() <= 6 && (gap.ends_with("out of") || gap.ends_with("a total of"))
}

/// A figure's kind and what attributes it.
fn judge(
    ctx: &Context,
    block: &Block,
    figure: &Figure,
    cues: &BlockCues,
    memo: &kind::SentenceMemo,
) -> (Kind, Option<Attribution>) {
    let options = &ctx.config.unattributed_figure;
    let speaker = attribution::quote_speaker(&ctx.doc.text, block, figure.range.start, cues);
    // With `quotes` on, a quotation's figures need their own attribution like any other.
    if speaker.is_some() && !Kind::Quote.checked(options) {
        return (Kind::Quote, speaker);
    }
    let kind = kind::kind(&ctx.doc.text, block, figure, memo);
    let attributed = attribution::attribution(figure.sentence, figure.range.start, cues);
    (kind, attributed)
}

/// Where ", according to TK" goes: before the sentence's closing punctuation.
fn insertion_point(text: &str, sentence: &Range<usize>) -> usize {
    let s = &text[sentence.clone()];
    let body = s.trim_end_matches(['"', '”', '’', '\'', ')', ']']);
    let body = body.trim_end_matches(['.', '!', '?', '…']);
    // '…"very real".' keeps its closing quote before the insertion.
    sentence.start + body.len()
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, check_as, fixed, flagged};
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::prose::{Document, Format};

    const RULE: &str = "unattributed-figure";

    fn md(text: &str) -> Vec<String> {
        check_as(RULE, text, Format::Markdown, &Config::default())
            .iter()
            .map(|d| text[d.range.clone()].to_string())
            .collect()
    }

    /// The flagged texts under a configuration given as TOML.
    fn with(toml: &str, text: &str) -> Vec<String> {
        let config = Config::from_toml(toml, None).unwrap();
        check_as(RULE, text, Format::Text, &config)
            .iter()
            .map(|d| text[d.range.clone()].to_string())
            .collect()
    }

    /// The flagged texts with `mode = "all"`: every figure, so what is a figure shows.
    fn every(text: &str) -> Vec<String> {
        with("[unattributed-figure]\nmode = \"all\"\n", text)
    }

    fn hover_at(text: &str, at: &str) -> String {
        let doc = Document::parse(text, Format::Text);
        crate::hover(&doc, &Config::default(), text.find(at).unwrap()).unwrap()
    }

    #[test]
    fn flags_each_kind_of_figure_whole() {
        let text = "The flood killed at least 14 people. Damage reached $1.2 billion. It hit 1.5 million homes. \
                    The bill was £288,000. Turnout was 29%. Prices rose 40 percent. Costs rose 40 per cent. \
                    The town lost £200m. It was 1.5C warmer. Winds hit 70 mph. The road is 10 km long. \
                    It burned 4,000 acres. Sales hit NT$759.7 billion. Aid was US$ 20,000. Fines were Rs 500. \
                    It cost 5,000 rubles. The fund holds two million. Rates fell ten percent. \
                    Between 10,000 and 12,000 fled. Some 10-12 died. Some 10–12 boats sank. It took 10–12 days.";
        assert_eq!(
            every(text),
            [
                "14",
                "$1.2 billion",
                "1.5 million",
                "£288,000",
                "29%",
                "40 percent",
                "40 per cent",
                "£200m",
                "1.5C",
                "70 mph",
                "10 km",
                "4,000 acres",
                "NT$759.7 billion",
                "US$ 20,000",
                "Rs 500",
                "5,000 rubles",
                "two million",
                "ten percent",
                "10,000 and 12,000",
                "10-12",
                "10–12"
            ]
        );
    }

    #[test]
    fn message_names_the_figure_and_severity_is_information() {
        let d = &check(RULE, "Damage reached $1.2 billion.")[0];
        assert_eq!(d.message, "'$1.2 billion' has no attribution: who says so?");
        assert_eq!(d.severity, Severity::Information);
    }

    #[test]
    fn leaves_dates_times_ages_and_ordinals_alone() {
        for text in [
            "It happened on March 3 and again on 3 March.",
            "It was signed on 3/4/2024 in 2023.",
            "The talks began in August 2023 and ran into 2023-24, as in the 1990s.",
            "They met at 4:15 a.m. and again at 10pm and at 2 p.m. on 30 October.",
            "Mehmet Yilmaz, 62, was there. A man aged 45 and a 71-year-old came.",
            "It was the 1st, the 21st and the 15th month.",
            "It makes 4-nanometre chips under a 10-year plan over a three-day visit.",
        ] {
            assert!(every(text).is_empty(), "{text}: {:?}", every(text));
        }
    }

    #[test]
    fn leaves_names_and_identifiers_alone() {
        for text in [
            "Under Article 5 the allies act. COVID-19 spread. The G7 met. An F-16 flew.",
            "A Boeing 737 landed. The ID.3 sold. The A61 closed. Vision 2030 began. It runs iOS 4 now.",
            "Flight MH17 was lost. Section 230 applies. He went to No. 10 today.",
            "They live at 10 Downing Street and 1 Millennium Square.",
            "Call +44 20 7946 0958 now. See page 12 and chapter 3.",
        ] {
            assert!(every(text).is_empty(), "{text}: {:?}", every(text));
        }
    }

    #[test]
    fn either_or_is_one_figure() {
        assert_eq!(every("We list 15 or 20 ideas."), ["15 or 20"]);
    }

    #[test]
    fn leaves_list_markers_old_years_and_ages_alone() {
        for text in [
            "You either 1) sacrifice breadth or 2) sacrifice quality.",
            "Bush won in 00 and Romney lost in 08.",
            "At the age of 40 he was famous. It published its 50,000th article.",
        ] {
            assert!(every(text).is_empty(), "{text}: {:?}", every(text));
        }
    }

    #[test]
    fn leaves_scores_and_durations_alone() {
        for text in [
            "Sweden defeated South Korea 1 – 0 and the match ended 1 – 1.",
            "England won 2-1 at home.",
            "It has been waging the war for almost 15 years, and 73 seconds after liftoff it exploded.",
            "A survey of schoolchildren aged 8–10 years ran.",
        ] {
            assert!(every(text).is_empty(), "{text}: {:?}", every(text));
        }
    }

    #[test]
    fn leaves_spelled_numbers_and_vague_quantities_alone_by_default() {
        let text = "Two countries signed. It took seven years. Dozens fled, hundreds stayed, and thousands of people watched.";
        assert!(every(text).is_empty());
        let config =
            Config::from_toml("[unattributed-figure]\nvague-quantities = true\n", None).unwrap();
        let found: Vec<String> = check_as(RULE, text, Format::Text, &config)
            .iter()
            .map(|d| text[d.range.clone()].to_string())
            .collect();
        assert_eq!(found, ["Dozens", "hundreds", "thousands"]);
    }

    #[test]
    fn leaves_headings_code_and_urls_alone() {
        // A headline's figure is covered when the story attributes it.
        assert!(md("# Floods kill 95 people\n\nPolice said 95 people died.\n").is_empty());
        assert_eq!(md("# Floods kill 95 people\n\nText.\n"), ["95"]);
        assert!(md("# Markets fall 5%\n\nText.\n").is_empty());
        assert!(md("Run `rm -rf 500` and see https://example.com/2000000.\n").is_empty());
    }

    #[test]
    fn plain_text_headline_is_left_alone() {
        assert!(every("Airbus to cut 10,000 jobs\n\nThe company confirmed it.").is_empty());
    }

    #[test]
    fn attribution_in_the_sentence() {
        for text in [
            "At least 95 people died, officials said.",
            "The agency says 300 homes were destroyed.",
            "According to the council, 58% agreed.",
            "A survey found that 58% agreed.",
            "Data from the ministry show 12,000 jobs went.",
            "Insurers estimate the damage at €3.5 billion.",
            "TSMC reported a 54% rise.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn attribution_carries_forward_within_a_paragraph_only() {
        let text = "The ministry said 300 homes were destroyed. It struck at a depth of 10 km.\n\nRepairs took 7% of the budget.";
        assert_eq!(flagged(RULE, text), ["7%"]);
        // Not backwards: a later sentence does not cover an earlier one.
        assert_eq!(
            flagged(
                RULE,
                "Losses reached $12 billion in 2021. Newsom said help would come."
            ),
            ["$12 billion"]
        );
    }

    #[test]
    fn attributed_and_unattributed_across_a_paragraph_break() {
        let text = "Officials said 400 homes burned.\n\nWinds reached 70 mph that night.";
        assert_eq!(flagged(RULE, text), ["70 mph"]);
    }

    #[test]
    fn quotations_with_a_named_speaker() {
        let text = "\"We lost 300 homes. Another 20 are damaged,\" the mayor said.";
        assert!(flagged(RULE, text).is_empty());
        let text = "\"We lost $300 million.\"";
        assert_eq!(flagged(RULE, text), ["$300 million"]);
    }

    #[test]
    fn configured_cues() {
        let text = "Per the filing, debts reached $5 million.";
        assert_eq!(flagged(RULE, text), ["$5 million"]);
        let config =
            Config::from_toml("[unattributed-figure]\ncues = [\"per the filing\"]\n", None)
                .unwrap();
        assert!(check_as(RULE, text, Format::Text, &config).is_empty());
    }

    #[test]
    fn fix_inserts_according_to_before_the_full_stop() {
        assert_eq!(
            fixed(RULE, "Winds gusting up to 70 mph pushed the flames.", ""),
            "Winds gusting up to 70 mph pushed the flames, according to TK."
        );
        assert_eq!(
            fixed(RULE, "TSMC makes about 90% of \"advanced chips\".", ""),
            "TSMC makes about 90% of \"advanced chips\", according to TK."
        );
        assert_eq!(super::insertion_point("It cost $5", &(0..10)), 10);
        assert_eq!(super::insertion_point("x. It cost $5!\")", &(3..16)), 13);
        let config =
            Config::from_toml("[unattributed-figure]\nplaceholder = \"XX\"\n", None).unwrap();
        let text = "It cost $5.";
        let d = &check_as(RULE, text, Format::Text, &config)[0];
        assert_eq!(
            d.fixes[0].apply(text).unwrap(),
            "It cost $5, according to XX."
        );
    }

    #[test]
    fn mark_as_checked_in_markdown() {
        let text = "# T\n\nIt cost $5.\n";
        let d = &check_as(RULE, text, Format::Markdown, &Config::default())[0];
        let fix = d
            .fixes
            .iter()
            .find(|f| f.title == "Mark as checked")
            .unwrap();
        let after = fix.apply(text).unwrap();
        assert_eq!(
            after,
            "# T\n\n<!-- copydesk-disable-next-line unattributed-figure -->\nIt cost $5.\n"
        );
        assert!(check_as(RULE, &after, Format::Markdown, &Config::default()).is_empty());
    }

    #[test]
    fn hover_says_what_covers_a_figure() {
        let text = "The US Geological Survey said it struck at 7 a.m. It had a magnitude of 6.1 on the scale.\n\nIt cost $5.";
        let doc = Document::parse(text, Format::Text);
        let config = Config::default();
        let at = text.find("6.1").unwrap();
        let hover = crate::hover(&doc, &config, at).unwrap();
        assert!(
            hover.contains("attributed by 'The US Geological Survey said' (previous sentence)"),
            "{hover}"
        );
        let text2 = "Council tax will rise by 4.99%, the council said in a statement.";
        let doc2 = Document::parse(text2, Format::Text);
        let hover2 = crate::hover(&doc2, &config, text2.find("4.99").unwrap()).unwrap();
        assert!(
            hover2.contains("attributed by 'the council said' (this sentence)"),
            "{hover2}"
        );
        let hover = crate::hover(&doc, &config, text.find("$5").unwrap()).unwrap();
        assert!(
            hover.contains("attributed by 'The US Geological Survey said' (the paragraph before)"),
            "{hover}"
        );
        let text3 = "The US Geological Survey said it struck at 7 a.m.\n\nRepairs cost $5.";
        let doc3 = Document::parse(text3, Format::Text);
        let hover3 = crate::hover(&doc3, &config, text3.find("$5").unwrap()).unwrap();
        assert!(hover3.contains("no attribution found"), "{hover3}");
        assert!(crate::hover(&doc, &config, 0).is_none());
    }

    #[test]
    fn a_paragraph_that_goes_on_from_a_sourced_one_is_covered() {
        // One sentence per paragraph, as content systems export it: a paragraph that opens by
        // going on from the one before inherits the source its last sentence has.
        for text in [
            "Airbus said it would cut 10,000 jobs.\n\nAbout half of those cuts will fall on France, or 5,000 jobs.",
            "GM said it lost $1.5 billion in the quarter.\n\nA further $1.3 billion went on charges.",
            "The agency said the fire burned 4,000 acres.\n\nIt also destroyed 300 homes.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}: {:?}", flagged(RULE, text));
            assert!(md(text).is_empty(), "{text}");
        }
        for text in [
            // The paragraph before has no source at its close.
            "Airbus said it would cut jobs. Demand fell.\n\nAbout half of those cuts, 5,000 jobs, will fall on France.",
            // A new subject does not go on from it.
            "The agency said the fire burned 4,000 acres.\n\nRents have risen 30% since 2015.",
            // Only the paragraph just before: no chain through a sourced story.
            "The agency said the fire burned 4,000 acres.\n\nRents have risen since 2015.\n\nIt destroyed 300 homes.",
            // A headline is no paragraph to inherit from.
            "Police said 12 died\n\nIt also destroyed 300 homes.",
        ] {
            assert!(!flagged(RULE, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn interview_answers_are_the_interviewee_speaking() {
        let interview = "Wikinews interviews a storm expert\n\nThe storm killed 40 people on Monday.\n\nHow strong is the storm now?\n\nIt has winds of 190 kilometers per hour and about 3,000 homes are flooded.\n\nA storm in 1999 left 10,000 people dead. Is the government ready?\n\nThe government evacuated 200,000 people.\n";
        // The intro and the questions are the reporter's; the answers are the interviewee's.
        assert_eq!(flagged(RULE, interview), ["40", "10,000"]);
        assert_eq!(md(interview), ["40", "10,000"]);
        let hover = hover_at(interview, "3,000");
        assert!(
            hover.contains("figure in a direct quotation")
                && hover.contains("'How strong is the storm now?' (an interview answer"),
            "{hover}"
        );
        // With `quotes` on, answers are checked like any other paragraph.
        assert_eq!(
            with("[unattributed-figure]\nquotes = true\n", interview),
            ["40", "190 kilometers", "3,000", "10,000", "200,000"]
        );
        // Two rhetorical questions in a news story do not make it an interview.
        let news = "The storm killed 40 people.\n\nWhat comes next?\n\nAbout 3,000 homes are flooded.\n\nWho pays?\n\nRepairs cost $2 million.\n";
        assert_eq!(flagged(RULE, news), ["40", "3,000", "$2 million"]);
    }

    #[test]
    fn a_results_story_reports_its_own_results() {
        let story = "Ford's US auto sales spike, surpassing GM\n\nFord's sales were influenced by a 74% increase in fleet sales.\n\nSales to retail consumers increased only 28%.\n\nA further $1.3 billion was lost in restructuring charges.\n\nIndustry-wide US car sales dropped 18% last year.\n\nThe storm killed 40 people.\n";
        // The company's sales and losses are the story's event; the industry's are a statistic,
        // and a toll is a toll.
        assert_eq!(flagged(RULE, story), ["18%", "40"]);
        let hover = hover_at(story, "74%");
        assert!(hover.contains("result the story reports"), "{hover}");
        // With `results` on, they are checked.
        assert_eq!(
            with("[unattributed-figure]\nresults = true\n", story),
            ["74%", "28%", "$1.3 billion", "18%", "40"]
        );
        // Not a results story: the same sentence is an unsourced statistic.
        let other =
            "GM and Chrysler receive loans\n\nChrysler's sales in Canada dropped 23% in March.\n";
        assert_eq!(flagged(RULE, other), ["23%"]);
        // A markets story about retail sales figures is no company's results.
        let markets = "Dow falls amid retail sales news\n\nRetail sales fell 1.2% in March.\n";
        assert_eq!(flagged(RULE, markets), ["1.2%"]);
    }

    #[test]
    fn a_hedged_count_of_people_in_words_is_an_estimate() {
        for (text, figure) in [
            (
                "The march went ahead with approximately a dozen officers attending.",
                "a dozen",
            ),
            ("Nearly twenty people were hurt in the crush.", "twenty"),
            ("Some two dozen residents gathered outside.", "two dozen"),
        ] {
            assert_eq!(flagged(RULE, text), [figure], "{text}");
        }
        // Written counts without a hedge are prose; a hedged time or thing is no count of people.
        assert_unflagged(&[
            "Three retired generals were released on Friday.",
            "The meeting lasted about twenty minutes.",
            "Police said about a dozen officers attended.",
            "It took nearly two dozen attempts.",
        ]);
    }

    #[test]
    fn a_count_of_people_in_words_in_a_toll_is_a_casualty_count() {
        for (text, figures) in [
            ("The blast killed three people.", &["three"][..]),
            ("Two children died in the fire.", &["Two"][..]),
            ("Fourteen miners are still missing.", &["Fourteen"][..]),
            (
                "40 people were detained on Wednesday, including three retired army generals.",
                &["40", "three"][..],
            ),
            (
                "86 individuals have been indicted, including many officials from the military \
                 and two retired four-star generals.",
                &["86", "two"][..],
            ),
            (
                "40 people were detained, including 3 retired army generals.",
                &["40", "3"][..],
            ),
            // What happened to them right beside the count, with no noun.
            ("At least seven were killed.", &["seven"][..]),
            (
                "The train derailed on a bridge, killing three; two more died later.",
                &["three"][..],
            ),
            ("Two killed as storm hits coast", &["Two"][..]),
            (
                "A bomb exploded in the market, injuring four in the crowd.",
                &["four"][..],
            ),
            // People named by where they are from.
            (
                "The blast killed three Americans and two Britons.",
                &["three"][..],
            ),
        ] {
            assert_eq!(flagged(RULE, text), figures, "{text}");
        }
        assert_unflagged(&[
            // Killing something else, or a count that goes on.
            "The frost is killing two crops a year.",
            "The gunman, killing two of them, fled.",
            // Nothing happened to them.
            "Three people attended the meeting.",
            "The bus carried twenty passengers.",
            "Three retired generals were released on Friday.",
            // A group the story has already counted, or that everyone knows.
            "The three men were arrested on Monday.",
            "The disaster killed all seven astronauts aboard.",
            "Its two pilots died in the crash.",
            // Attributed, or not people.
            "Two officers were hurt, police said.",
            "The storm destroyed three houses and killed a cow.",
            // A count within a count of record is of record.
            "The club signed 30 players, including three goalkeepers who were injured.",
        ]);
        // The second part of one count stands with the first.
        assert_eq!(
            flagged(
                RULE,
                "The 155 passengers and seven crew died when the plane hit the sea."
            ),
            ["155"]
        );
    }

    #[test]
    fn a_subject_changing_its_own_figures_and_a_unit_price_are_of_record() {
        assert_unflagged(&[
            "GM is attempting a debt-for-equity swap, reducing its liabilities from $27.5 \
             billion in unsecured debt to $9.2 billion.",
            "The council will cut its spending by $5 million.",
            "The insurer raised its forecast to $2.1 billion.",
            "The spray costs in excess of £150 for a single bottle.",
            "Admission is $12 for each visitor.",
        ]);
        for (text, figures) in [
            // Not its own: a statistic, a toll, a cost of something else.
            (
                "The drug reduced deaths from 40% to 20%.",
                &["40%", "20%"][..],
            ),
            ("The flood brought its toll to 40 dead.", &["40"][..]),
            (
                "Repairs will cost $5 million for a new roof.",
                &["$5 million"][..],
            ),
        ] {
            assert_eq!(flagged(RULE, text), figures, "{text}");
        }
    }

    #[test]
    fn shares_as_ratios_and_fractions_are_statistics() {
        for (text, figure) in [
            (
                "One in five adults in the city now lives alone.",
                "One in five",
            ),
            (
                "Three out of every four homes lost power.",
                "Three out of every four",
            ),
            ("1 in 10 children is underweight.", "1 in 10"),
            ("Half of all households have no savings.", "Half"),
            ("A quarter of students drop out.", "A quarter"),
            ("Two-thirds of the city's trees were lost.", "Two-thirds"),
            ("Crime fell by a third last year.", "a third"),
        ] {
            assert_eq!(flagged(RULE, text), [figure], "{text}");
        }
        assert_unflagged(&[
            // Periods, measures, ordinals, someone just named, a score.
            "Sales rose in the first half of 2009.",
            "The talks lasted a quarter of an hour.",
            "She was the third of five children.",
            "Half of them stayed home.",
            "He scored in the second half of the match.",
            "Canada beat the United States 7–2 in seven ends.",
            "The town is one in a million.",
            // Attributed.
            "One in five adults lives alone, the census found.",
        ]);
    }

    #[test]
    fn a_count_given_in_its_parts_is_one_figure() {
        for (text, figures) in [
            (
                "283 passengers and 15 crew were aboard the aircraft.",
                &["283"][..],
            ),
            (
                "The boat carried about 40 adults and 12 children.",
                &["40"][..],
            ),
            // A toll and its injured are two claims.
            ("The blast left 3 dead and 12 injured.", &["3", "12"][..]),
        ] {
            assert_eq!(flagged(RULE, text), figures, "{text}");
        }
    }

    #[test]
    fn ownership_stakes_programmes_and_orders_are_facts_of_record() {
        for text in [
            "The United States government would hold a 60% stake.",
            "Ryanair owns a 25 percent share in Aer Lingus.",
            "Chrysler will be owned 55 percent by the union, eight percent by the state, two percent by Canada and Fiat would begin with a 20 percent share.",
            "DaimlerChrysler has sold 80.1% of its stake in Chrysler, retaining the other 19.9%.",
            "Last week, the president proposed a $145 billion stimulus plan.",
            "The bank offered an $85 billion loan to the insurer.",
            "The carmakers have received $13.4 billion in federal loans.",
            "Airbus won an order from Qatar Airways for up to 60 of its new A350 jets.",
            "About 9,000 production jobs will be cut in the U.S.",
            "The bank offered 1.13 trillion rubles (US$44.6 billion) that it offered yesterday.",
            "France will lose 4,300 jobs, followed by Germany having a loss of 3,700 jobs.",
            "GM's automotive division lost $1.5 billion in the fourth quarter.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}: {:?}", flagged(RULE, text));
        }
        // Still claims: a share of the market, a loss on a bailout, a budget overrun, the
        // economy's quarter, a deal paid for a stake.
        for (text, figure) in [
            (
                "Internet Explorer had a 56 percent share of the market.",
                "56 percent",
            ),
            (
                "The government sold its shares, losing around $9 billion on its initial bailout.",
                "$9 billion",
            ),
            (
                "The cost of the project so far is £8.4 bn, £1bn over budget.",
                "£1bn",
            ),
            ("The economy shrank 0.4% in the third quarter.", "0.4%"),
            (
                "Ford will pay $57 million for a stake in the plant.",
                "$57 million",
            ),
        ] {
            assert!(
                flagged(RULE, text).contains(&figure.to_string()),
                "{text}: {:?}",
                flagged(RULE, text)
            );
        }
    }

    #[test]
    fn sellers_prices_and_quotes_to_the_cent() {
        for text in [
            "The developer program costs $99 to join.",
            "iLife '11 was released as a US$49 upgrade.",
            "The update is available on Mac computers for US$29.",
            "The aircraft have a catalogue value of $1.78 billion.",
            "Oil prices hit the highest prices in history, with the record just over US$89.00.",
            "Its shares plummeted from about $42 to four cents.",
            "iOS 5 introduces around 200 new features.",
            "Tickets cost $50 and go on sale on Friday.",
            "The new stadium will seat 60,000 fans.",
        ] {
            assert!(
                flagged(RULE, text).is_empty(),
                "{text}: {:?}",
                flagged(RULE, text)
            );
        }
        // A cost incurred is still a claim, and so is a crowd.
        assert_eq!(flagged(RULE, "The trip cost $5 million."), ["$5 million"]);
        assert_eq!(
            flagged(RULE, "A crowd of 60,000 fans filled the stadium."),
            ["60,000"]
        );
    }

    #[test]
    fn a_reported_clause_is_covered_whole_and_an_official_is_a_source() {
        for text in [
            "He also said that, although the aircraft cost $1.78 billion, discounts were given.",
            "The plant cost $57 million, an official said.",
            "Ford will pay $57 million for the plant, the official said Friday.",
        ] {
            assert!(
                flagged(RULE, text).is_empty(),
                "{text}: {:?}",
                flagged(RULE, text)
            );
        }
        // An adjective "official" is still no source: "official estimates" names nobody.
        assert_eq!(
            flagged(RULE, "Damage reached $3 billion in official estimates."),
            ["$3 billion"]
        );
    }

    #[test]
    fn a_hyphenated_range_a_count_out_of_a_group_and_declaring() {
        assert_eq!(
            flagged(
                RULE,
                "The airline loses around 12-to-15 billion rupees annually."
            ),
            ["12-to-15 billion rupees"]
        );
        assert_eq!(
            flagged(
                RULE,
                "A cable failed; six of the repair crew were reported missing."
            ),
            ["six of the repair crew"]
        );
        assert!(flagged(
            RULE,
            "The panel issued its report, declaring that roughly 90% of warming is man-made."
        )
        .is_empty());
    }

    #[test]
    fn the_value_of_a_toll_is_a_casualty_count() {
        assert_eq!(
            flagged(
                RULE,
                "The death toll from the weekend bridge collapse on the island has risen from four to eleven."
            ),
            ["four", "eleven"]
        );
        assert_eq!(
            flagged(RULE, "The toll stands at nearly 60,000."),
            ["60,000"]
        );
        assert_eq!(flagged(RULE, "Its toll reached twelve."), ["twelve"]);
        // A participle before what happened to them is no source: nobody is named.
        assert_eq!(
            flagged(RULE, "The toll has risen to 60,000 people reported dead."),
            ["60,000"]
        );
        assert_eq!(
            flagged(RULE, "The storm left 30 people confirmed missing."),
            ["30"]
        );
        // Not a toll: a toll road, or a count with nothing about a toll.
        assert!(flagged(RULE, "The toll road rose from four to six lanes.").is_empty());
        assert!(flagged(RULE, "The team rose from four to eleven players.").is_empty());
        // With its source, still attributed.
        assert!(flagged(
            RULE,
            "The toll has risen from four to eleven, the disaster agency said."
        )
        .is_empty());
    }

    #[test]
    fn people_a_craft_was_carrying_are_a_count_of_people_aboard() {
        assert_eq!(
            flagged(
                RULE,
                "A plane carrying 24 people and a jet carrying 31 people came within 600 feet."
            ),
            ["24", "31"]
        );
        assert_eq!(
            flagged(RULE, "A bus carrying 40 tourists crashed into a ravine."),
            ["40"]
        );
        // What a craft can carry is a specification; a clause after a comma says how full a
        // flight was.
        for text in [
            "The new jet is capable of carrying 300 passengers.",
            "The plane left four hours late, carrying 150 passengers.",
            "A plane carrying 24 people landed, the airline said.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_count_of_complaints_or_crimes_is_a_statistic() {
        assert_eq!(
            flagged(
                RULE,
                "Of the 69 complaints recorded so far this month, 27 were complaints about banks."
            ),
            ["69", "27"]
        );
        assert_eq!(
            flagged(RULE, "The city saw 1,200 burglaries and 40 murders."),
            ["1,200", "40"]
        );
        // A participle before a time describes the noun; with its agent, it is a source.
        assert!(flagged(
            RULE,
            "The city saw 1,200 burglaries recorded by the police so far this year."
        )
        .is_empty());
        assert!(flagged(
            RULE,
            "Police said 1,200 burglaries were recorded last year."
        )
        .is_empty());
        // Not a count of things counted.
        assert!(flagged(RULE, "The building has 12 floors.").is_empty());
    }

    #[test]
    fn a_poll_named_by_who_ran_it_is_a_source() {
        for text in [
            "Sixty percent of respondents in an international survey conducted for the BBC World Service felt less safe.",
            "The latest Newsmax / Zogby poll placed him at 13 percent.",
            "Support stands at 46 percent in a poll by Reuters.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}: {:?}", flagged(RULE, text));
        }
        // A poll that names nobody is no source.
        assert_eq!(
            flagged(RULE, "Support stands at 46 percent in recent polls."),
            ["46 percent"]
        );
        assert_eq!(
            flagged(
                RULE,
                "Sixty percent of respondents in a survey felt less safe."
            ),
            ["Sixty percent"]
        );
    }

    #[test]
    fn a_pointer_back_to_the_figure_goes_on_from_its_source() {
        let text = "The bureau released data showing that unemployment rose to 6.4%. \
                    The main factor behind this figure was youth unemployment, which climbed to 14.4%. \
                    Rents have risen 30% since 2015.";
        assert_eq!(flagged(RULE, text), ["30%"]);
        // Without the pointer, a new subject is a new claim.
        let text = "The bureau released data showing that unemployment rose to 6.4%. \
                    The main factor was youth unemployment, which climbed to 14.4%.";
        assert_eq!(flagged(RULE, text), ["14.4%"]);
    }

    #[test]
    fn a_known_quake_named_by_its_magnitude_is_no_new_measurement() {
        for text in [
            "The plant was damaged during the devastating magnitude 9.0 earthquake last month.",
            "The aftershock came a month after the 9.0 magnitude earthquake.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}");
        }
        assert_eq!(
            flagged(RULE, "A magnitude 6.1 earthquake struck the coast."),
            ["6.1"]
        );
        assert_eq!(flagged(RULE, "The quake had a magnitude of 6.1."), ["6.1"]);
    }

    #[test]
    fn people_believed_dead_are_a_toll() {
        assert_eq!(
            flagged(RULE, "All 239 passengers and crew are believed to be dead."),
            ["239"]
        );
        assert_eq!(flagged(RULE, "Some 40 miners were feared killed."), ["40"]);
        assert!(flagged(
            RULE,
            "All 239 passengers and crew are believed to be dead, the airline said."
        )
        .is_empty());
    }

    #[test]
    fn thousands_set_off_by_spaces_and_four_digit_counts() {
        assert_eq!(
            every("He spoke before over 15 000 activists. The fund reached 1 200 000 euros."),
            ["15 000", "1 200 000 euros"]
        );
        // A phone number is no figure; a year is a date.
        assert!(every("Call 555 123 4567 for details.").is_empty());
        assert!(every("It stays in production until at least 2014.").is_empty());
        assert_eq!(
            flagged(
                RULE,
                "Rallies continued, with more than 1000 Romanians holding banners."
            ),
            ["1000"]
        );
    }

    #[test]
    fn hedged_shares_spelled_counts_and_life_expectancy() {
        // "Up to" is a hedge, not a move in a markets report.
        assert_eq!(
            flagged(RULE, "Up to 90% of pubs are expected to be affected."),
            ["90%"]
        );
        assert_eq!(
            flagged(
                RULE,
                "At least six witnesses died in suspicious situations."
            ),
            ["six"]
        );
        assert_eq!(
            flagged(
                RULE,
                "Life expectancy for men has risen from 71 years in 1990 to 77 years in 2009."
            ),
            ["71 years"]
        );
        assert!(flagged(RULE, "He has served for 15 years.").is_empty());
        // A threshold a candidate needs is a rule, not a count.
        assert!(flagged(
            RULE,
            "Nominations close on Friday, each candidate needing the support of at least 7 MPs."
        )
        .is_empty());
    }

    #[test]
    fn a_quotation_after_a_colon_and_the_rest_of_a_sourced_figure() {
        assert!(flagged(
            RULE,
            "Mende made the statement on Thursday: \"We confirm the death of 251 of our compatriots\"."
        )
        .is_empty());
        // With nothing to introduce it, a closed quotation names no speaker.
        assert_eq!(
            flagged(
                RULE,
                "It ended there. \"We confirm the death of 251 of our compatriots.\""
            ),
            ["251"]
        );
        assert!(flagged(
            RULE,
            "He said 95% went to buy weapons. The remaining five percent would go to victims."
        )
        .is_empty());
        assert_eq!(
            flagged(
                RULE,
                "He said 95% went to buy weapons. Famine victims received five percent."
            ),
            ["five percent"]
        );
    }

    #[test]
    fn a_list_of_numbers_sharing_a_noun_is_one_figure() {
        assert_eq!(
            flagged(
                RULE,
                "The first four days had daily totals of 37, 16, 13, and 3 complaints."
            ),
            ["37, 16, 13, and 3"]
        );
        assert_eq!(
            every("The lanes were 1, 2 and 3. It grew in 2004, 2005 and 2006."),
            ["1, 2 and 3"]
        );
        // Two numbers are a pair, read one by one.
        assert_eq!(every("They had 37 and 16 complaints."), ["37", "16"]);
    }

    #[test]
    fn flattened_homes_are_damage_and_an_estimate_needs_its_estimator() {
        assert_eq!(
            flagged(RULE, "In total, 39,000 shanties have been flattened."),
            ["39,000"]
        );
        assert_eq!(
            flagged(
                RULE,
                "The closures are estimated to be threatening 450,000 jobs."
            ),
            ["450,000"]
        );
        assert!(flagged(
            RULE,
            "Economists estimated that the closures threaten 450,000 jobs."
        )
        .is_empty());
    }

    #[test]
    fn a_penalty_by_a_named_agent_and_what_a_bill_provides_are_on_record() {
        let text = "Asiana Airlines fined US$500K over crash\n\n\
                    The airline was fined US$500,000 on Tuesday by the United States Department of Transportation.";
        assert!(flagged(RULE, text).is_empty(), "{:?}", flagged(RULE, text));
        // With no one imposing it, a fine is a claim, in the headline too.
        let text = "Asiana Airlines fined US$500K over crash\n\nThe airline was fined US$500,000 on Tuesday.";
        assert_eq!(flagged(RULE, text), ["US$500K", "US$500,000"]);
        assert!(flagged(
            RULE,
            "The bill also includes US$100 billion for the continuing operations."
        )
        .is_empty());
        // Earmarks are not the bill: what they add is a claim.
        assert_eq!(
            flagged(
                RULE,
                "Earmarks added into the bailout bill included $192 million in tax rebates."
            ),
            ["$192 million"]
        );
    }

    #[test]
    fn a_rise_in_metres_is_a_measurement_and_a_length_a_dimension() {
        assert_eq!(
            flagged(RULE, "The river rose 3 metres overnight."),
            ["3 metres"]
        );
        assert!(flagged(RULE, "The bridge is 1.2 km long.").is_empty());
    }

    #[test]
    fn another_count_beside_its_toll_and_a_share_of_an_age_group() {
        assert_eq!(
            flagged(RULE, "Five were left dead and another ten injured."),
            ["Five", "ten"]
        );
        // "another" before a group already counted is still no new count.
        assert!(flagged(RULE, "Another two men were seen at the scene.").is_empty());
        assert_eq!(
            flagged(
                RULE,
                "It is a culture in which a fifth of 11-15 year olds drink alcohol weekly."
            ),
            ["a fifth"]
        );
        assert!(every("He spent a fifth of 2009 abroad.").is_empty());
    }

    #[test]
    fn the_whole_a_result_is_out_of_is_a_result_too() {
        let text = "Election recount ends\n\nShe won the recount by only 129 votes, out of a total of 2.8 million.";
        assert!(flagged(RULE, text).is_empty(), "{:?}", flagged(RULE, text));
        // The whole of a claim is a claim too.
        assert_eq!(
            flagged(RULE, "About 40 people died, out of a total of 300 aboard."),
            ["40", "300"]
        );
    }

    #[test]
    fn a_long_title_is_a_headline_attributed_by_its_story() {
        let text = "China's consumer prices rise to a three-year high in June as food prices soar 14.4 percent\n\n\
                    The bureau released data showing that food prices climbed 14.4% in June.";
        assert!(flagged(RULE, text).is_empty(), "{:?}", flagged(RULE, text));
        // With no source in the story, the title's claim is reported as a headline's.
        let text = "China's consumer prices rise to a three-year high in June as food prices soar 14.4 percent\n\n\
                    Food prices climbed 14.4% in June.";
        assert_eq!(flagged(RULE, text), ["14.4 percent", "14.4%"]);
    }

    #[test]
    fn thousands_written_as_k_match_the_digits() {
        use super::figure_key;
        assert_eq!(figure_key("US$500K"), figure_key("US$500,000"));
        assert_eq!(figure_key("1.5k"), "1500");
        assert_eq!(figure_key("$1.005K"), "1005");
        assert_ne!(figure_key("500K"), figure_key("500"));
    }

    #[test]
    fn data_showing_that_is_a_finding() {
        assert!(flagged(
            RULE,
            "The statistics bureau released data on Saturday showing that prices climbed 6.4%."
        )
        .is_empty());
        // Nothing that finds: footage shows, but counts nothing.
        assert_eq!(
            flagged(
                RULE,
                "Footage showing the flood that killed 40 people was shared widely."
            ),
            ["40"]
        );
    }

    #[test]
    fn a_new_toll_with_a_new_subject_does_not_carry_the_source() {
        assert_eq!(
            flagged(
                RULE,
                "Iraqi officials said that 75 people had been killed in the fighting. Two \
                 Americans were killed by a roadside bomb in east Baghdad."
            ),
            ["Two"]
        );
        // The same subject goes on: its source carries.
        assert!(flagged(
            RULE,
            "Officials said 40 people were killed in the flood. The flood also destroyed 300 homes."
        )
        .is_empty());
    }

    #[test]
    fn years_before_the_common_era_and_hyphenated_percentages() {
        assert_unflagged(&["The temple was built about 300 BC by Ptolemy II."]);
        assert_eq!(
            flagged(
                RULE,
                "The nation's stubborn 10-percent unemployment rate worries him."
            ),
            ["10-percent"]
        );
        // Not an era: an ad campaign.
        assert_eq!(
            flagged(RULE, "The firm lost $40 million on 10 ad campaigns."),
            ["$40 million"]
        );
    }

    #[test]
    fn a_gerund_after_a_preposition_and_a_participle_before_its_noun_are_no_source() {
        assert_eq!(
            flagged(
                RULE,
                "A woman has been fined €800 after posting a photograph online."
            ),
            ["€800"]
        );
        assert_eq!(
            flagged(
                RULE,
                "The number of confirmed deaths has reached 27, with 260 confirmed cases."
            ),
            ["27", "260"]
        );
        // A commission that lists deaths is their source; so is a company that posts a figure.
        assert!(flagged(RULE, "The Rettig Commission listed 2,095 deaths.").is_empty());
        assert!(flagged(
            RULE,
            "The ministry said on Monday, after counting again, that 40 people had died."
        )
        .is_empty());
    }

    #[test]
    fn a_cost_per_day_is_a_rate_not_a_unit_price() {
        assert_eq!(
            flagged(
                RULE,
                "The closures are costing the economy $100 million per day."
            ),
            ["$100 million"]
        );
        assert_unflagged(&["Episodes cost $1.99 per episode."]);
    }

    #[test]
    fn a_headline_count_in_words_is_matched_to_its_digits_in_the_story() {
        // The story gives the same toll, attributed: the headline is covered.
        assert!(flagged(
            RULE,
            "Six killed in aftershock\n\nThe quake killed 6 people, police said.\n"
        )
        .is_empty());
        // Another figure in words attributed in the story does not cover it.
        assert_eq!(
            flagged(
                RULE,
                "Six killed in aftershock\n\nThe quake injured two people, police said.\n"
            ),
            ["Six"]
        );
    }

    #[test]
    fn what_a_craft_can_carry_and_a_mass_are_specifications() {
        assert_unflagged(&[
            "The Heavy variant of the rocket can place 13,100 kg into geostationary orbit.",
            "The truck can carry 40 tonnes.",
            "The main payload is a 6020 kg mass designed to simulate a satellite.",
        ]);
        // What it can carry is a specification; what happened to those aboard is a toll.
        assert_eq!(
            flagged(
                RULE,
                "The boat, which can carry 40 passengers, sank on Monday and 12 people died."
            ),
            ["12"]
        );
    }

    #[test]
    fn a_report_in_the_passive_is_no_source() {
        // "reported to have been", "said to be": passives whose agent would come before "to".
        assert_eq!(
            flagged(
                RULE,
                "It is the deadliest outbreak, with nearly 1,000 people reported to have been \
                 killed by the disease."
            ),
            ["1,000"]
        );
        assert_eq!(
            flagged(RULE, "The collection is said to be worth $40 million."),
            ["$40 million"]
        );
        // An adverb between the form of "be" and the participle: still a passive.
        assert_eq!(
            flagged(
                RULE,
                "The disease was first reported in humans in 1976 and has killed 1,000 people."
            ),
            ["1,000"]
        );
        // Active, with its subject: a source.
        assert!(flagged(
            RULE,
            "The ship, which Boeing estimates to be worth $18 million, sank."
        )
        .is_empty());
    }

    #[test]
    fn warnings_identifications_and_results_that_show_are_sources() {
        for text in [
            "Police warn more bodies may remain after the crash killed at least seven people.",
            "Wagner identifies 350 potential projects of a combined cost of US$200bn.",
            "Unofficial results show Yushchenko leading with 52% to Yanukovich's 44%.",
        ] {
            assert!(
                flagged(RULE, text).is_empty(),
                "{text}: {:?}",
                flagged(RULE, text)
            );
        }
        // Identified with no one who identified them is no source.
        assert_eq!(
            flagged(RULE, "The bodies of 40 people have been identified."),
            ["40"]
        );
    }

    // What was measured on published news, one test each.

    #[test]
    fn states_in_a_name_is_not_a_source() {
        assert_eq!(
            flagged(
                RULE,
                "They flew to the United States. The trip cost $5 million."
            ),
            ["$5 million"]
        );
        assert_eq!(
            flagged(
                RULE,
                "Envoys of the Federated States of Micronesia met, and the summit cost $2 million."
            ),
            ["$2 million"]
        );
        // The verb still counts.
        assert!(flagged(RULE, "The ministry states that the summit cost $2 million.").is_empty());
    }

    #[test]
    fn found_with_a_participle_or_no_finder_is_not_a_finding() {
        assert_eq!(
            flagged(
                RULE,
                "Fishermen rescued over 700 asylum seekers after they were found swimming."
            ),
            ["700"]
        );
        assert_eq!(
            flagged(RULE, "Divers found dead about 40 of the passengers."),
            ["40"]
        );
        for text in [
            "A survey found that 58% of renters had moved twice.",
            "The audit found 12% of the budget unspent.",
            "Researchers at the university found nearly 300 species in the reef.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_passive_with_no_agent_is_not_a_source() {
        for text in [
            "Repairs are estimated to cost $2.5 million.",
            "The damage was widely estimated at €3 billion.",
            "Some 40 people were reported killed.",
            "An estimated 5,000 homes were damaged in the storm.",
        ] {
            assert_eq!(flagged(RULE, text).len(), 1, "{text}");
        }
        for text in [
            "The damage was estimated by insurers at €3 billion.",
            "Insurers estimated the damage at €3 billion.",
            "The toll was reported by state television as 40 dead.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn carrying_forward_stops_at_a_new_subject() {
        assert_eq!(
            flagged(
                RULE,
                "\"We will not move,\" she said. Rents have risen 30% since 2015."
            ),
            ["30%"]
        );
        assert_eq!(
            flagged(
                RULE,
                "The mayor said the bridge would reopen. Commuters lost an estimated $4 million."
            ),
            ["$4 million"]
        );
        // A share of something else is a new statistic.
        assert_eq!(
            flagged(
                RULE,
                "According to Sophos, 42% of all spam comes from the US. Trailing are South Korea with 4% of the world's internet users."
            ),
            ["4%"]
        );
        // A pronoun, or the subject the source spoke about, carries it.
        for text in [
            "The agency said the storm killed 40 people. It also destroyed about 3,000 homes.",
            "Police said the storm killed 40 people. The storm left 1,200 homeless in the north.",
            "\"It is a disaster,\" the governor said. He added that 90% of the crop was lost.",
            "Fares will rise by 5%, the operator said. The increase will add about £40 a year to a season ticket.",
            // More of the same measure: a share of the same thing.
            "According to Sophos, the United States sends over 42% of all spam. Trailing are South Korea with 13% and China with 8% of the world's spam.",
        ] {
            assert!(
                flagged(RULE, text).is_empty(),
                "{text}: {:?}",
                flagged(RULE, text)
            );
        }
    }

    #[test]
    fn a_clear_attribution_in_the_next_sentence_counts() {
        for text in [
            "The gallery holds roughly 150 paintings by the artist. That is according to its curator.",
            "The exhibit shows about 100 Polaroids. The Polaroids were donated in 2008, according to the director.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}");
        }
        // Not a sentence about something else.
        assert_eq!(
            flagged(
                RULE,
                "Losses reached $12 billion in 2021. Newsom said help would come."
            ),
            ["$12 billion"]
        );
        // A source phrase that opens a clause of its own attributes that clause.
        assert_eq!(
            flagged(
                RULE,
                "The floods displaced 116,382 families. According to a recent report on \
                 housing, conditions in the camps are poor."
            ),
            ["116,382"]
        );
        assert!(flagged(
            RULE,
            "The floods displaced 116,382 families. According to the report, that is a record."
        )
        .is_empty());
        // A quotation is its speaker's own statement, not a source for the sentence before.
        assert_eq!(
            flagged(
                RULE,
                "The largest is a US$700m highway across the Andes. \"These are anchor projects \
                 that will be carried out over five years,\" said Wagner."
            ),
            ["US$700m"]
        );
    }

    #[test]
    fn a_quotation_whose_marks_were_lost_between_lines_covers_its_middle() {
        // One paragraph per line: the quotation opens on one line, runs on through a line
        // with no mark at all and closes on the next, where the speaker is named.
        let text = "The spokeswoman commented on the falls.\n\
                    \"One of the things the President can do is to remind them of the package.\n\
                    The legislation allowed a temporary increase from $100,000 to $250,000.\n\
                    That is an important message,\" she said.\n";
        assert!(flagged(RULE, text).is_empty(), "{:?}", flagged(RULE, text));
        let doc = Document::parse(text, Format::Text);
        let at = text.find("$100,000").unwrap();
        let hover = crate::hover(&doc, &Config::default(), at).unwrap();
        assert!(
            hover.contains("runs on from an earlier paragraph")
                && hover.contains("One of the things"),
            "{hover}"
        );
        // Left open and never closed: no quotation to lean on.
        let unclosed = "He began to speak.\n\"We will rebuild the town.\n\
                        The storm killed 40 people.\nOfficials met on Monday.\n";
        assert_eq!(flagged(RULE, unclosed), ["40"]);
        // The next mark opens a new quotation: the line between is the reporter's.
        let reopened = "He began to speak.\n\"We will rebuild the town.\n\
                        The storm killed 40 people.\n\"It was awful,\" she said.\n";
        assert_eq!(flagged(RULE, reopened), ["40"]);
        // With `quotes` on, the middle line is checked like any other.
        assert_eq!(
            with("[unattributed-figure]\nquotes = true\n", text),
            ["$100,000", "$250,000"]
        );
    }

    #[test]
    fn a_cue_in_another_clause_is_no_placeholder() {
        // The sentence has a real cue, but it does not reach the figure: the figure has no
        // source, and the message must not speak of a placeholder the draft does not hold.
        let text = "The storm caused $5 billion in damage, while officials said the crew was safe.";
        let d = check(RULE, text);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "'$5 billion' has no attribution: who says so?"
        );
    }

    #[test]
    fn a_progressive_reporting_verb_is_a_source() {
        assert!(flagged(
            RULE,
            "Analysts are predicting that compensation could run to $300 million."
        )
        .is_empty());
        assert!(flagged(RULE, "Officials were saying that 40 people died.").is_empty());
        // A passive is still no source.
        assert_eq!(
            flagged(RULE, "Compensation is predicted to run to $300 million."),
            ["$300 million"]
        );
    }

    #[test]
    fn an_expectation_is_a_source_only_with_its_holder() {
        assert!(flagged(RULE, "Analysts expected losses of $2 billion.").is_empty());
        assert!(flagged(RULE, "Economists expect unemployment to reach 9%.").is_empty());
        for text in [
            "Losses were bigger than expected, reaching $2 billion.",
            "Losses, as expected, reached $2 billion.",
            "The loss, expected to reach $2 billion, was blamed on the storm.",
            "A much expected rise in unemployment to 9% came in March.",
            "Unemployment is expected to reach 9%.",
        ] {
            assert_eq!(flagged(RULE, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn the_placeholder_is_not_a_source() {
        let text = "Repairs cost $2 million, according to TK.";
        let d = check(RULE, text);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "'$2 million' is attributed to TK: the source is still to come"
        );
        // A draft fixed with the preferred fix still reports the figure.
        let fixed_text = fixed(RULE, "The flood killed 14 people.", "");
        assert_eq!(fixed_text, "The flood killed 14 people, according to TK.");
        assert_eq!(flagged(RULE, &fixed_text), ["14"]);
        // A configured placeholder, and a real source beside it.
        assert_eq!(
            with(
                "[unattributed-figure]\nplaceholder = \"[source]\"\n",
                "Fines rose to $40,000, according to [source]."
            ),
            ["$40,000"]
        );
        assert!(flagged(RULE, "Repairs cost $2 million, according to the city.").is_empty());
        // Nor in a headline.
        assert_eq!(
            flagged(
                RULE,
                "Storm damage reaches $2 million, according to TK\n\nIt rained."
            ),
            ["$2 million"]
        );
        assert!(flagged(RULE, "Repairs cost $2 million, according to Tkachenko.").is_empty());
    }

    #[test]
    fn one_paragraph_per_line_in_plain_text() {
        let text = "Storm hits coast\n\nMay 2, 2024\n\n\
            The regional government said on Monday that the storm had flattened several villages on the coast.\n\
            Elsewhere in the region, rescue crews pulled out more than 40 survivors from the collapsed houses.\n";
        assert_eq!(flagged(RULE, text), ["40"]);
        // Hard-wrapped lines are still one paragraph.
        let wrapped = "The regional government said on Monday that the storm\nhad killed 40 people in villages along the\ncoast.\n\nIt was over.\n";
        assert!(flagged(RULE, wrapped).is_empty());
    }

    #[test]
    fn decimal_commas_and_spelled_ranges_are_one_figure() {
        assert_eq!(
            every("The rate went up by 8,26% and then 14,66%."),
            ["8,26%", "14,66%"]
        );
        assert_eq!(
            flagged(RULE, "Unemployment stood at 8,26% in May."),
            ["8,26%"]
        );
        assert_eq!(
            flagged(RULE, "The cuts are 20 to 25 percent of the workforce."),
            ["20 to 25 percent"]
        );
        assert_eq!(
            flagged(RULE, "The plan will cost between 10 and 12 million euros."),
            ["10 and 12 million euros"]
        );
        // Written with a hyphen or a dash, the range takes its magnitude, currency or
        // percentage with it.
        assert_eq!(
            every("It displaced 10-12 million people and cost $3-4 billion."),
            ["10-12 million", "$3-4 billion"]
        );
        assert_eq!(
            every("Between 20–25 percent of homes, 10–12 million people and 5–6% of roads."),
            ["20–25 percent", "10–12 million", "5–6%"]
        );
        assert_eq!(every("It lasted 10–12 days."), Vec::<String>::new());
        // Spelled out, too.
        assert_eq!(
            every("Unemployment rose by between three and seven percent."),
            ["three and seven percent"]
        );
        assert_eq!(
            every("It cost two to three million dollars, or four or five billion yen."),
            ["two to three million", "four or five billion"]
        );
        assert_eq!(
            every("Of the ten, three and seven percent."),
            ["seven percent"]
        );
        // A move and a level are two numbers, not a range.
        assert_eq!(
            every("It fell 42 points to 3,212 on Friday."),
            ["42", "3,212"]
        );
    }

    // Claims, each kind both ways.

    #[test]
    fn claims_without_a_source_are_flagged() {
        for (text, figure) in [
            ("The blast killed 23 people in the market.", "23"),
            ("At least 12 miners were injured.", "12"),
            ("The militia displaced 8,000 villagers last month.", "8,000"),
            ("The fire burned 4,000 acres of forest.", "4,000 acres"),
            ("The takeover is worth $4.5 billion.", "$4.5 billion"),
            ("The club was fined £250,000 for the breach.", "£250,000"),
            ("Unemployment rose to 7.2% in March.", "7.2%"),
            (
                "Nearly 40 percent of households lack heating.",
                "40 percent",
            ),
            (
                "The pipeline carries about 80,000 barrels a day.",
                "80,000 barrels",
            ),
            (
                "Support for the plan stands at 46 percent in recent polls.",
                "46 percent",
            ),
            ("The economy is expected to grow 2.5% next year.", "2.5%"),
            ("A crowd of 20,000 filled the square.", "20,000"),
            ("Gusts reached 120 km/h near the port.", "120 km"),
            ("The virus has infected two million people.", "two million"),
        ] {
            assert_eq!(flagged(RULE, text), [figure], "{text}");
        }
    }

    #[test]
    fn claims_with_a_source_are_not() {
        for text in [
            "The blast killed 23 people in the market, police said.",
            "According to the union, at least 12 miners were injured.",
            "The takeover is worth $4.5 billion, the bank told investors.",
            "Unemployment rose to 7.2% in March, the statistics office reported.",
            "A Gallup poll found that support stands at 46 percent.",
            "The central bank forecasts that the economy will grow 2.5% next year.",
            "Organisers put the crowd at 20,000.",
            "Data from the weather service show gusts reached 120 km/h.",
        ] {
            assert!(
                flagged(RULE, text).is_empty(),
                "{text}: {:?}",
                flagged(RULE, text)
            );
        }
    }

    /// Asserts that none of `texts` draws a finding.
    fn assert_unflagged(texts: &[&str]) {
        for text in texts {
            let found = flagged(RULE, text);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }

    #[test]
    fn counts_of_people_reach_past_what_they_count() {
        // What happened to them comes after more counts of people.
        for (text, figure) in [
            (
                "The 155 passengers and seven crew died when the plane hit the sea.",
                "155",
            ),
            ("All 298 in total perished.", "298"),
            (
                "86 people have been indicted since the inquiry began.",
                "86",
            ),
            ("There were 283 passengers aboard the aircraft.", "283"),
        ] {
            assert!(
                flagged(RULE, text).contains(&figure.to_string()),
                "{text}: {:?}",
                flagged(RULE, text)
            );
        }
        // Passengers a plane carries are still its specification, and a comma ends the count.
        assert_unflagged(&[
            "The A380 seats 555 passengers.",
            "The jet carries 180 passengers and two pilots, who died in 2001.",
        ]);
    }

    #[test]
    fn measured_magnitudes_need_a_source() {
        for (text, figure) in [
            ("The fourth quake had a 5.6 magnitude.", "5.6"),
            ("It had a magnitude of 4.1.", "4.1"),
        ] {
            assert_eq!(flagged(RULE, text), [figure], "{text}");
        }
        let sourced = "According to the University of Chile, it had a magnitude of 5.6.";
        assert!(flagged(RULE, sourced).is_empty());
    }

    #[test]
    fn results_still_to_come_are_a_forecast() {
        let text =
            "The new company will have $55 billion in annual revenue and nearly 3,500 stores.";
        assert_eq!(flagged(RULE, text), ["$55 billion", "3,500"]);
        // Results on record, even after a modal that governs something else.
        assert_unflagged(&[
            "The company has $55 billion in annual revenue.",
            "Toyota is expected to report that it will beat last year's profit of $11 billion.",
        ]);
    }

    #[test]
    fn a_counted_subject_is_no_actor_on_record() {
        let text = "12,000 donors have donated over $1.2 million to the Red Cross.";
        assert_eq!(flagged(RULE, text), ["$1.2 million"]);
        let own = "The Red Cross donated $1.2 million to the appeal.";
        assert!(flagged(RULE, own).is_empty());
    }

    #[test]
    fn rules_records_fees_and_pledges_are_facts_of_record() {
        assert_unflagged(&[
            "To count as a wide release, a film must open in at least 1,000 theatres.",
            "Canada leads with 4 wins; Finland is last with 4 losses.",
            "The $25 registration fee covers all costs.",
            "There was a $500 million pledge made recently by the government of Japan.",
            "The measures include raising the FDIC insurance cap to $250,000.",
            "The council set a spending limit of $5,000 per candidate.",
        ]);
        // A cap on what was counted is no rule: the count is still a claim.
        assert_eq!(
            flagged(
                RULE,
                "The cap collapsed. About 400 people were evacuated from the area."
            ),
            ["400"]
        );
        // Losses of money, and job losses, are still claims.
        assert_eq!(
            flagged(RULE, "The bank made losses of $4 billion."),
            ["$4 billion"]
        );
        let every_mode = every("Finland is last with 4 losses.");
        assert_eq!(every_mode, ["4"]);
    }

    #[test]
    fn official_figures_are_a_source() {
        assert_unflagged(&[
            "Official figures provided by the police were that 150 attended.",
            "Data released by the ministry show 40% of households lack heating.",
        ]);
    }

    #[test]
    fn added_is_no_source_as_another_verb() {
        for (text, figure) in [
            ("Earmarks added into the bill included $192 million in tax rebates.", "$192 million"),
            (
                "The $110 billion in tax breaks is not offset and has added opposition to the bill.",
                "$110 billion",
            ),
        ] {
            assert_eq!(flagged(RULE, text), [figure], "{text}");
        }
        // Spoken, it is a source; and "pork barrel" is no market.
        assert_unflagged(&[
            "The bill will cost $110 billion, the senator added.",
            "The senator has added that the bill will cost $110 billion.",
        ]);
    }

    // Facts of record, each kind both ways.

    #[test]
    fn market_data_is_left_alone_unless_switched_on() {
        let texts = [
            "The FTSE 100 fell 42.1 points, or 1.3%, to 3,212.6.",
            "Brent crude gained 55 cents to $81.20 a barrel.",
            "Shares in the grocer dropped 4% in early trading.",
            "Barclays dropped 13.1% and HBOS lost 31.5%.",
            "The yen rose against the dollar, trading at 92.27 yen.",
        ];
        for text in texts {
            assert!(
                flagged(RULE, text).is_empty(),
                "{text}: {:?}",
                flagged(RULE, text)
            );
        }
        let on = "[unattributed-figure]\nmarket-data = true\n";
        assert_eq!(with(on, texts[0]), ["42.1", "1.3%", "3,212.6"]);
        assert_eq!(with(on, texts[3]), ["13.1%", "31.5%"]);
        // A company's sales are not market data.
        assert_eq!(
            flagged(RULE, "Its car sales dropped 23% in March."),
            ["23%"]
        );
    }

    #[test]
    fn results_are_left_alone_unless_switched_on() {
        for text in [
            "Ip was re-elected with 60,760 votes.",
            "The party won 42 seats, with a turnout of 58%.",
            "Quarterly profit rose to $1.1 billion, or 26 cents per share.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}");
            assert!(!with("[unattributed-figure]\nresults = true\n", text).is_empty());
        }
    }

    #[test]
    fn prices_and_specifications_are_left_alone_unless_switched_on() {
        for text in [
            "The phone will cost $499 and comes with 128GB of storage.",
            "The 4GB model is priced at $199 and the 8GB at $249.",
            "The player holds 2,000 songs.",
            "Episodes are available for $1.99 each.",
            "It will cost $250 with a two-year cell service contract.",
        ] {
            assert!(
                flagged(RULE, text).is_empty(),
                "{text}: {:?}",
                flagged(RULE, text)
            );
            assert!(!with("[unattributed-figure]\nspecs = true\n", text).is_empty());
        }
        // The cost of an event is not a price, nor a cost with terms after a comma.
        assert_eq!(
            flagged(RULE, "The festival cost $3 million."),
            ["$3 million"]
        );
        assert_eq!(
            flagged(
                RULE,
                "The stadium will cost $3 billion, with a plan to share it."
            ),
            ["$3 billion"]
        );
    }

    #[test]
    fn dimensions_and_the_subjects_own_action_are_left_alone_in_claims_mode() {
        for text in [
            "The bridge is 1.2 km long.",
            "The airline ordered 30 jets.",
            "The council will cut 450 jobs.",
            "The agency opened 12 shelters.",
            "The government will invest $2 billion in rail.",
            // The verb away from the figure, and an actor named by a common noun.
            "The government will give GM a capital infusion of US$30 billion.",
            "The Romanian government gave the carmaker another US$51 million.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}");
            assert_eq!(every(text).len(), 1, "{text}");
        }
        assert_eq!(
            flagged(RULE, "The rail project will overrun by $2 billion."),
            ["$2 billion"]
        );
        // A deal named by a noun that can be a verb is no action: "Qatar Airways order".
        assert_eq!(
            flagged(RULE, "Airbus wins a Qatar Airways order worth $15bn."),
            ["$15bn"]
        );
        // A common noun acts only when it is the one doing: not what a figure is part of.
        assert_eq!(flagged(RULE, "The trip cost $5 million."), ["$5 million"]);
        assert_eq!(
            flagged(RULE, "Workers in the state earn $28 an hour."),
            ["$28"]
        );
    }

    #[test]
    fn quotations_over_several_paragraphs_and_the_quotes_switch() {
        let text = "“We lost $300 million this year. We expect to lose more.\n\n“Next year will be worse,” she said.\n";
        assert!(flagged(RULE, text).is_empty());
        let text = "The chief executive was blunt. “We lost $300 million this year,” she said.";
        assert!(flagged(RULE, text).is_empty());
        let text = "“We lost $300 million this year.” The chief executive was blunt, she said.";
        assert!(flagged(RULE, text).is_empty());
        assert_eq!(
            with("[unattributed-figure]\nquotes = true\n", text),
            ["$300 million"]
        );
    }

    #[test]
    fn two_digit_years_list_markers_and_possessive_names_are_not_figures() {
        for text in [
            "Reagan won in 80 and 84, and Bush in 88.",
            "Three causes: (1) debt, (2) oil and (3) fear.",
            "It is a rival to Boeing's 747 and Standard & Poor's 500.",
            "The Nikkei hit its lowest since '82.",
        ] {
            assert!(every(text).is_empty(), "{text}: {:?}", every(text));
        }
        // A count after "in" is still one.
        assert_eq!(every("Floods hit homes in 12 villages."), ["12"]);
    }

    #[test]
    fn a_currency_code_reaching_into_the_figure_before_is_safe() {
        let text = "It rose $5 BN$5 and $7 MN$8 today.";
        let outcome = crate::check(text, Format::Text, &Config::default());
        assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    }

    #[test]
    fn mode_and_switches_are_validated() {
        let e = Config::from_toml("[unattributed-figure]\nmode = \"some\"\n", None).unwrap_err();
        assert!(
            e.message.contains("claims") && e.message.contains("all"),
            "{e}"
        );
        let e =
            Config::from_toml("[unattributed-figure]\nmarket-data = \"yes\"\n", None).unwrap_err();
        assert!(e.message.contains("bool"), "{e}");
        let e =
            Config::from_toml("[unattributed-figure]\nplaceholder = \" \"\n", None).unwrap_err();
        assert!(e.message.contains("placeholder"), "{e}");
        // Narrowing "all": market data off again.
        let text = "Shares in the grocer dropped 4%. The bridge is 1.2 km long.";
        assert_eq!(
            with(
                "[unattributed-figure]\nmode = \"all\"\nmarket-data = false\n",
                text
            ),
            ["1.2 km"]
        );
    }

    #[test]
    fn hover_names_the_kind_and_the_source() {
        let text = "The flood killed 14 people. Shares in the insurer fell 4%. Officials said repairs cost $2 million.";
        let h = hover_at(text, "14");
        assert!(
            h.contains("casualty count") && h.contains("needs a source"),
            "{h}"
        );
        assert!(h.contains("no attribution found"), "{h}");
        let h = hover_at(text, "4%");
        assert!(h.contains("market data — not checked by default"), "{h}");
        let h = hover_at(text, "$2 million");
        assert!(
            h.contains("attributed by 'Officials said' (this sentence)"),
            "{h}"
        );
        let h = hover_at("It cost $5, according to TK.", "$5");
        assert!(h.contains("the source is still to come"), "{h}");
        let h = hover_at("A film must open in at least 1,000 theatres.", "1,000");
        assert!(
            h.contains(
                "requirement or threshold (a rule, not a count) — not checked in mode \"claims\""
            ),
            "{h}"
        );
    }
}

#[cfg(test)]
mod sentence_bound_tests {
    use crate::{Config, Format};

    /// The kinds told in hover for every figure of `text`.
    fn hovers(text: &str) -> Vec<String> {
        let doc = crate::Document::parse(text, Format::Markdown);
        ["20 to 25", "40"]
            .iter()
            .filter_map(|f| text.find(f))
            .filter_map(|at| crate::hover(&doc, &Config::default(), at))
            .collect()
    }

    #[test]
    fn a_hedge_in_the_sentence_before_does_not_reach_the_figure() {
        // "about" ends one sentence and the figure opens the next: the hedge is not its own.
        let hedged = hovers("The damage came to about. 20 to 25 was the score.");
        let plain = hovers("The damage came to more. 20 to 25 was the score.");
        assert_eq!(hedged, plain);
    }
}
