//! How name comparison scales: the shapes that once grew faster than linearly, at doubling
//! sizes. Each group's figures should double with its input.

use std::hint::black_box;

use copydesk::{check, Config, Format};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// `n` different made-up two-word names, the same for the same `n`.
fn names(n: usize) -> Vec<String> {
    let (c, v) = (b"bcdfghjklmnprstvwz", b"aeiou");
    let mut seed = n as u64 + 7;
    let mut next = |m: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % m
    };
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    while out.len() < n {
        let mut word = || {
            let len = 5 + next(6);
            let mut w: String = (0..len)
                .map(|i| {
                    if i % 2 == 0 {
                        c[next(c.len())] as char
                    } else {
                        v[next(v.len())] as char
                    }
                })
                .collect();
            w[..1].make_ascii_uppercase();
            w
        };
        let name = format!("{} {}", word(), word());
        if seen.insert(name.clone()) {
            out.push(name);
        }
    }
    out
}

/// `n` twelve-letter surnames, each two letters away from one base name.
fn near_duplicates(n: usize) -> Vec<String> {
    let base: Vec<char> = "kowalczykiew".chars().collect();
    let mut out = std::collections::BTreeSet::new();
    let mut i = 0usize;
    while out.len() < n {
        let mut w = base.clone();
        w[i % 12] = char::from(b'a' + (i / 12 % 26) as u8);
        w[i / 312 % 12] = char::from(b'a' + (i / 3744 % 26) as u8);
        w[0] = w[0].to_ascii_uppercase();
        out.insert(w.into_iter().collect::<String>());
        i += 1;
    }
    out.into_iter().collect()
}

/// A draft shape: its name, and the draft of size `n`.
type Shape = (&'static str, fn(usize) -> String);

fn scaling(c: &mut Criterion) {
    let config = Config::default();
    let mut group = c.benchmark_group("names");
    group.sample_size(10);
    let shapes: [Shape; 5] = [
        ("long_capitalised_word", |n| {
            let word: String = (0..n)
                .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
                .collect();
            format!("He met K{word} today. K{word} said it.")
        }),
        ("names_one_per_line", |n| {
            format!("Victims:\n{}\n", names(n).join("\n"))
        }),
        ("names_one_sentence", |n| {
            format!("Today {} met.", names(n).join(" "))
        }),
        ("names_near_duplicates", |n| {
            near_duplicates(n)
                .iter()
                .map(|s| format!("Officer {s} said it. "))
                .collect()
        }),
        ("name_variants_repeated", |n| {
            "Zelensky said it. Zelenskyy said it. ".repeat(n)
        }),
    ];
    for (name, make) in shapes {
        for n in [500, 1000, 2000, 4000] {
            let text = make(n);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, n), &text, |b, text| {
                b.iter(|| check(black_box(text), Format::Markdown, &config))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, scaling);
criterion_main!(benches);
