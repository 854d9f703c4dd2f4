//! How long analysis takes on realistic and adversarial drafts.

use std::hint::black_box;

use copydesk::prose::TextChange;
use copydesk::{check, BlockCache, Config, Document, Format};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

#[path = "support/draft.rs"]
mod support;

/// A news-like paragraph with something for every rule.
const PARAGRAPH: &str = "Flash floods in eastern Spain have killed at least 95 people, regional \
officials said on Wednesday. Prime Minister Pedro Sánchez declared three days of mourning. \
\"The whole of Spain weeps with you,\" Sanchez said. More than 1,000 soldiers were deployed \
to help with the the rescue. On Tuesday, the regional president said on Tuesday that the \
warnings had come too late.\n\n";

fn book_length(c: &mut Criterion) {
    // About 100,000 words, the length of a book.
    let text = PARAGRAPH.repeat(100_000 / 60);
    let config = Config::default();
    let mut group = c.benchmark_group("analyse");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("markdown_100k_words", |b| {
        b.iter(|| check(black_box(&text), Format::Markdown, &config))
    });
    group.bench_function("parse_only_100k_words", |b| {
        b.iter(|| {
            copydesk::Document::parse(black_box(&text), Format::Markdown)
                .blocks
                .len()
        })
    });
    group.bench_function("text_100k_words", |b| {
        b.iter(|| check(black_box(&text), Format::Text, &config))
    });
    // One paragraph, the unit the editor re-checks most often.
    group.throughput(Throughput::Bytes(PARAGRAPH.len() as u64));
    group.bench_function("one_paragraph", |b| {
        b.iter(|| check(black_box(PARAGRAPH), Format::Markdown, &config))
    });
    // A 100,000-word "sentence" with no punctuation at all.
    let words = [
        "the", "agency", "said", "last", "month", "that", "prices", "rose", "in", "north",
    ];
    let run: String = (0..100_000)
        .map(|i| words[(i * 7 + i / 10) % words.len()])
        .collect::<Vec<_>>()
        .join(" ");
    group.throughput(Throughput::Bytes(run.len() as u64));
    group.bench_function("unpunctuated_100k_words", |b| {
        b.iter(|| check(black_box(&run), Format::Text, &config))
    });
    group.finish();
}

/// Cold analysis of generated 1 MB and 10 MB drafts, parse and every rule (MB/s).
fn cold(c: &mut Criterion) {
    let config = Config::default();
    let mut group = c.benchmark_group("cold");
    group.sample_size(10);
    for (name, bytes) in [("1mb", 1 << 20), ("10mb", 10 << 20)] {
        let text = support::draft(bytes);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| check(black_box(&text), Format::Markdown, &config))
        });
    }
    group.finish();
}

/// Parsing after one character typed in the middle line of a generated 1 MB and 10 MB draft:
/// the whole text again (`parse`) and only around the change, as the server does (`reparse`).
fn reparse(c: &mut Criterion) {
    let mut group = c.benchmark_group("reparse");
    group.sample_size(10);
    for (name, bytes) in [("1mb", 1 << 20), ("10mb", 10 << 20)] {
        let text = support::draft(bytes);
        let at = middle_of_middle_line(&text);
        let mut edited = text.clone();
        edited.insert(at, 'x');
        let change = TextChange::between(&text, &edited).expect("the texts differ");
        let parsed = Document::parse(&text, Format::Markdown).into_parsed();
        group.bench_function(format!("parse/{name}"), |b| {
            b.iter(|| Document::parse(black_box(&edited), Format::Markdown))
        });
        group.bench_function(format!("reparse/{name}"), |b| {
            b.iter_batched(
                || parsed.clone(),
                |parsed| Document::reparse(parsed, black_box(&edited), change, ""),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

/// The analysis of a keystroke as the server runs it, without the protocol: one character typed
/// into (and, the next time, taken out of) the middle line of a generated 1 MB and 10 MB draft
/// (dense with findings, `support::draft`, and at the density of real news, `support::news`),
/// then the document re-parsed around the change and checked with the block cache the server
/// keeps for it. `cargo bench --bench analyse -- keystroke --profile-time 20` runs it long
/// enough to profile.
fn keystroke(c: &mut Criterion) {
    let config = Config::default();
    let mut group = c.benchmark_group("keystroke");
    group.sample_size(10);
    for (name, generate, bytes) in support::LONG_DRAFTS {
        let text = generate(bytes);
        let at = middle_of_middle_line(&text);
        let mut edited = text.clone();
        edited.insert(at, 'x');
        let versions = [text, edited];
        let mut cache = BlockCache::new();
        let mut parsed = Some(Document::parse(&versions[0], Format::Markdown).into_parsed());
        let doc = parsed.take().map(|p| p.document(&versions[0]));
        if let Some(doc) = doc {
            black_box(cache.check_shared(&doc, &config, 0).diagnostics.len());
            parsed = Some(doc.into_parsed());
        }
        let mut now = 0;
        group.bench_function(name, |b| {
            b.iter(|| {
                let next = 1 - now;
                let change =
                    TextChange::between(&versions[now], &versions[next]).expect("the texts differ");
                let removed = &versions[now][change.start..change.old_end];
                let previous = parsed.take().expect("a parse is kept");
                let doc = Document::reparse(previous, &versions[next], change, removed);
                black_box(cache.check_shared(&doc, &config, 0).diagnostics.len());
                parsed = Some(doc.into_parsed());
                now = next;
            })
        });
    }
    group.finish();
}

/// A byte offset a little way into the middle line of `text`, on a character boundary.
fn middle_of_middle_line(text: &str) -> usize {
    let (line, _) = support::middle_line(text);
    let mut at = text
        .split_inclusive('\n')
        .take(line)
        .map(str::len)
        .sum::<usize>()
        + 2;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

criterion_group!(benches, book_length, cold, reparse, keystroke);
criterion_main!(benches);
