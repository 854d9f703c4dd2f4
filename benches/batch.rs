//! `copydesk check` over 10,000 generated articles in one directory, as a newsroom's CI runs
//! it: wall time and peak memory of the real binary, fastest and median of a few runs.
//!
//! `cargo bench --bench batch`; `COPYDESK_BENCH_ARTICLES` sets how many articles (10,000 by
//! default) and `COPYDESK_BENCH_RUNS` how many runs (3). The articles are written to a
//! temporary directory and removed afterwards, or, when `COPYDESK_BENCH_DIR` names a folder,
//! written there and kept (to profile a check of them: `perf record copydesk check <folder>`).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/draft.rs"]
mod support;

/// About the size of a news story (the 5.7 KB article of the issue that set the target).
const ARTICLE_BYTES: usize = 5_700;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

/// Runs `copydesk check` with `args` on `dir`: its wall time and, on Linux, its peak resident
/// memory in bytes.
fn run(dir: &Path, args: &[&str]) -> Option<(Duration, Option<u64>)> {
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("check")
        .args(args)
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    #[cfg(target_os = "linux")]
    {
        let pid = libc::pid_t::try_from(child.id()).ok()?;
        let mut status = 0;
        // SAFETY: an all-zero `rusage` is a valid value; `wait4` writes into the two locals.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `pid` is our own child, not yet waited for; the pointers are to live locals.
        let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        let elapsed = started.elapsed();
        // `ru_maxrss` is in kilobytes on Linux.
        let peak = (waited == pid).then(|| u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024);
        Some((elapsed, peak))
    }
    #[cfg(not(target_os = "linux"))]
    {
        let mut child = child;
        child.wait().ok()?;
        Some((started.elapsed(), None))
    }
}

fn main() {
    let articles = env_number("COPYDESK_BENCH_ARTICLES", 10_000);
    let runs = env_number("COPYDESK_BENCH_RUNS", 3);
    let kept = std::env::var_os("COPYDESK_BENCH_DIR").map(std::path::PathBuf::from);
    let dir = kept.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("copydesk-batch-{}", std::process::id()))
    });
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("batch: cannot create {}: {e}", dir.display());
        return;
    }
    let mut total = 0;
    for i in 0..articles {
        let text = support::seeded(ARTICLE_BYTES, i as u64);
        total += text.len();
        // A hundred articles per folder, as a newsroom's archive might hold them.
        let folder = dir.join(format!("{:03}", i / 100));
        let path = folder.join(format!("article-{i:05}.md"));
        if let Err(e) = std::fs::create_dir_all(&folder).and_then(|()| std::fs::write(&path, text))
        {
            eprintln!("batch: cannot write {}: {e}", path.display());
            if kept.is_none() {
                let _ = std::fs::remove_dir_all(&dir);
            }
            return;
        }
    }
    println!(
        "batch: {articles} articles, {:.1} MB, {} threads available",
        total as f64 / 1e6,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    for (name, args) in [
        ("check (human output)", &[][..]),
        ("check --format json", &["--format", "json"][..]),
    ] {
        let mut times = Vec::new();
        let mut peaks = Vec::new();
        for _ in 0..runs {
            match run(&dir, args) {
                Some((t, peak)) => {
                    times.push(t);
                    peaks.extend(peak);
                }
                None => eprintln!("batch: {name}: the binary could not be run"),
            }
        }
        if times.is_empty() {
            continue;
        }
        times.sort();
        let peak = peaks.iter().max().map_or("—".to_string(), |p| {
            format!("{:.1} MB", *p as f64 / 1_048_576.0)
        });
        println!(
            "batch/{name}: fastest {:.2} s, median {:.2} s of {} runs ({:.1} MB/s); peak memory {peak}",
            times[0].as_secs_f64(),
            times[times.len() / 2].as_secs_f64(),
            times.len(),
            total as f64 / 1e6 / times[0].as_secs_f64(),
        );
    }
    if kept.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
