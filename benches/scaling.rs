//! Pathological drafts at doubling sizes: time must grow linearly, so each step's time should
//! be about twice the previous one. `docs/performance.md` records the growth factors.
//!
//! Before the timings, the peak memory of each shape at each size is printed to standard
//! error (on Linux): the peak resident set of a `copydesk check` child process checking a file
//! of that draft, so growth in memory is recorded too. A criterion filter (`-- long_word`)
//! applies to both.

use std::hint::black_box;
use std::time::Duration;

use copydesk::lines::LineIndex;
use copydesk::{check, Config, Format};
use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};

const SENTENCES: &[&str] = &[
    "Flash floods in eastern Spain have killed at least 95 people, officials said.",
    "Prime Minister Pedro Sánchez declared three days of mourning.",
    "More than 1,000 soldiers were deployed to help with the rescue.",
    "The regional president said the warnings had come too late.",
];

/// A deterministic random number generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A capitalised made-up name of 5 to 10 letters.
fn name(rng: &mut Rng) -> String {
    let (c, v) = (b"bcdfghjklmnprstvwz", b"aeiou");
    let n = 5 + rng.below(6) as usize;
    let mut s = String::new();
    while s.len() < n {
        s.push(c[rng.below(c.len() as u64) as usize] as char);
        s.push(v[rng.below(v.len() as u64) as usize] as char);
    }
    s.truncate(n);
    s[..1].to_uppercase() + &s[1..]
}

/// `n` characters from many scripts, with combining marks, emoji, format characters and
/// every kind of line break.
fn random_unicode(n: usize) -> String {
    let ranges: &[(u32, u32)] = &[
        (0x20, 0x7e),
        (0x20, 0x7e),
        (0x20, 0x7e),
        (0xc0, 0x24f),
        (0x300, 0x36f),
        (0x590, 0x6ff),
        (0x4e00, 0x9fff),
        (0x1f300, 0x1f64f),
        (0x200b, 0x200f),
        (0x2028, 0x202e),
        (0xac00, 0xd7a3),
        (0x900, 0x97f),
    ];
    let breaks = ["\n", "\r\n", "\r", "\n\n", "\u{200d}", "\u{feff}", "\t"];
    let mut rng = Rng(n as u64 | 1);
    let mut out = String::new();
    for _ in 0..n {
        if rng.below(50) == 0 {
            out.push_str(breaks[rng.below(breaks.len() as u64) as usize]);
        } else {
            let (a, b) = ranges[rng.below(ranges.len() as u64) as usize];
            let cp = a + rng.below(u64::from(b - a + 1)) as u32;
            out.push(char::from_u32(cp).unwrap_or(' '));
        }
    }
    out
}

/// A shape: its name, format, sizes and how to make a draft of size `n`.
struct Shape {
    name: &'static str,
    format: Format,
    sizes: [usize; 3],
    make: fn(usize) -> String,
}

fn shapes() -> Vec<Shape> {
    vec![
        Shape {
            name: "long_word",
            format: Format::Text,
            sizes: [50, 100, 200],
            make: |n| format!("A{} said it.", "b".repeat(n - 1)),
        },
        Shape {
            name: "many_names_one_per_line",
            format: Format::Text,
            sizes: [250, 500, 1_000],
            make: |n| {
                let mut rng = Rng(7);
                let names: Vec<String> = (0..n)
                    .map(|_| format!("{} {}", name(&mut rng), name(&mut rng)))
                    .collect();
                format!("Victims:\n{}\n", names.join("\n"))
            },
        },
        Shape {
            name: "many_findings_the_the",
            format: Format::Markdown,
            sizes: [25_000, 50_000, 100_000],
            make: |n| "the ".repeat(n / 4),
        },
        Shape {
            name: "many_lines",
            format: Format::Markdown,
            sizes: [250_000, 500_000, 1_000_000],
            make: |n| {
                let line = SENTENCES.join("\n") + "\n";
                line.repeat(n / line.len() + 1)
            },
        },
        Shape {
            name: "one_long_line",
            format: Format::Markdown,
            sizes: [250_000, 500_000, 1_000_000],
            make: |n| {
                let line = SENTENCES.join(" ") + " ";
                line.repeat(n / line.len() + 1)
            },
        },
        Shape {
            name: "big_table_rows",
            format: Format::Markdown,
            sizes: [2_500, 5_000, 10_000],
            make: |n| {
                let rows: String = (0..n)
                    .map(|i| format!("| the the {i} | Sanchez Sánchez |\n"))
                    .collect();
                format!("| a | b |\n|---|---|\n{rows}")
            },
        },
        Shape {
            name: "random_unicode",
            format: Format::Markdown,
            sizes: [50_000, 100_000, 200_000],
            make: random_unicode,
        },
        Shape {
            name: "deep_nested_quotes",
            format: Format::Markdown,
            sizes: [2_500, 5_000, 10_000],
            make: |n| format!("{} the the", ">".repeat(n)),
        },
        Shape {
            name: "deep_nested_lists",
            format: Format::Markdown,
            sizes: [250, 500, 1_000],
            make: |n| {
                (0..n)
                    .map(|i| format!("{}- item {i} the the\n", "  ".repeat(i)))
                    .collect()
            },
        },
        Shape {
            name: "large_document",
            format: Format::Markdown,
            sizes: [1_000_000, 2_000_000, 4_000_000],
            make: |n| {
                let para = SENTENCES.join(" ") + " It reached the the coast.\n\n";
                para.repeat(n / para.len() + 1)
            },
        },
    ]
}

fn scaling(c: &mut Criterion) {
    let config = Config::default();
    for shape in shapes() {
        let mut group = c.benchmark_group(format!("scaling/{}", shape.name));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(3));
        for n in shape.sizes {
            let text = (shape.make)(n);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
                b.iter(|| check(black_box(text), shape.format, &config))
            });
        }
        group.finish();
    }
}

/// The command line's line and column for every finding on one long line.
fn columns(c: &mut Criterion) {
    let mut group = c.benchmark_group("scaling/columns_on_one_line");
    group.sample_size(10);
    for n in [250_000, 500_000, 1_000_000] {
        let text = "Officials said the the word. ".repeat(n / 29);
        let offsets: Vec<usize> = text.match_indices("the the").map(|(i, _)| i).collect();
        group.throughput(Throughput::Elements(offsets.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| {
                let index = LineIndex::new(text);
                offsets.iter().map(|&o| index.line_col(o).1).sum::<usize>()
            })
        });
    }
    group.finish();
}

/// The peak resident memory, in bytes, of `copydesk check --format json` on `path` (read as
/// plain text or Markdown by its extension).
#[cfg(target_os = "linux")]
fn peak_of_check(path: &std::path::Path) -> Option<u64> {
    use std::process::{Command, Stdio};
    let child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("check")
        .arg("--format")
        .arg("json")
        .arg(path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let pid = libc::pid_t::try_from(child.id()).ok()?;
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is a valid value; `wait4` writes into the two locals only.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for; the pointers are to live locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    // `ru_maxrss` is in kilobytes on Linux.
    (waited == pid).then(|| u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024)
}

/// Prints the peak memory of a check of each shape at each size, and its growth.
#[cfg(target_os = "linux")]
fn memory(filter: Option<&str>) {
    let dir = std::env::temp_dir().join(format!("copydesk-scaling-{}", std::process::id()));
    if std::fs::create_dir_all(&dir).is_err() {
        eprintln!("memory: cannot create {}", dir.display());
        return;
    }
    // Criterion reads its filter as a regular expression.
    let filter = filter.map(|f| regex::Regex::new(f).map_err(|_| f));
    for shape in shapes() {
        let id = format!("scaling/{}", shape.name);
        let wanted = match &filter {
            None => true,
            Some(Ok(re)) => re.is_match(&id),
            Some(Err(f)) => id.contains(f),
        };
        if !wanted {
            continue;
        }
        let mut peaks = Vec::new();
        for n in shape.sizes {
            let text = (shape.make)(n);
            let ext = if shape.format == Format::Text {
                "txt"
            } else {
                "md"
            };
            let path = dir.join(format!("{}-{n}.{ext}", shape.name));
            let peak = std::fs::write(&path, &text)
                .ok()
                .and_then(|()| peak_of_check(&path));
            let _ = std::fs::remove_file(&path);
            peaks.push(peak.map_or("?".to_string(), |p| {
                format!("{:.1} MB", p as f64 / 1_048_576.0)
            }));
        }
        eprintln!(
            "memory/{}: peak {} at sizes {:?}",
            shape.name,
            peaks.join(", "),
            shape.sizes
        );
    }
    let _ = std::fs::remove_dir(&dir);
}

#[cfg(not(target_os = "linux"))]
fn memory(_: Option<&str>) {
    eprintln!("memory: peak memory is measured on Linux only");
}

criterion_group!(benches, scaling, columns);

fn main() {
    // The first argument that is not an option is criterion's filter.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    memory(filter.as_deref());
    benches();
    Criterion::default().configure_from_args().final_summary();
}
