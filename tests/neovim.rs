//! End to end: a real headless Neovim 0.11 loads the plugin in `editors/neovim`, starts
//! `copydesk server`, shows the diagnostic and applies the quick fix.
//!
//! Needs `nvim`: `COPYDESK_NVIM`, else `target/e2e-venv/bin/nvim` (what `.ci/run` installs),
//! else `nvim` on `PATH`. Without one the test says so and passes, except under CI, where it
//! fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn nvim() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("COPYDESK_NVIM") {
        return Some(PathBuf::from(p));
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-venv/bin/nvim");
    if venv.is_file() {
        return Some(venv);
    }
    let ok = Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .status();
    ok.is_ok_and(|s| s.success()).then(|| PathBuf::from("nvim"))
}

const DRAFT: &str = "# Floods\n\n😀 Café, naïve résumé: it reached the the coast.\n";

fn run(encoding: &str) -> (String, String) {
    let Some(nvim) = nvim() else {
        assert!(std::env::var_os("CI").is_none(), "nvim is required in CI");
        eprintln!("skipped: nvim not found (set COPYDESK_NVIM)");
        return (String::new(), String::new());
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("copydesk-nvim-{encoding}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let draft = dir.join("draft.md");
    let result = dir.join("result.txt");
    std::fs::write(&draft, DRAFT).unwrap();
    let mut child = Command::new(nvim)
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-c"])
        .arg(format!(
            "luafile {}",
            root.join("tests/e2e/neovim.lua").display()
        ))
        .env("COPYDESK_PLUGIN", root.join("editors/neovim"))
        .env("COPYDESK_BIN", env!("CARGO_BIN_EXE_copydesk"))
        .env("COPYDESK_ENCODING", encoding)
        .env("COPYDESK_DRAFT", &draft)
        .env("COPYDESK_RESULT", &result)
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nvim starts");
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("nvim hung");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let report = std::fs::read_to_string(&result).unwrap_or_else(|_| "no result written".into());
    assert!(
        status.success() && report.starts_with("ok\n"),
        "nvim {status}: {report}"
    );
    let body = report.trim_start_matches("ok\n");
    let (enc, text) = body.split_once('\n').unwrap_or((body, ""));
    (enc.to_string(), text.trim_end_matches('\n').to_string())
}

fn expected() -> String {
    DRAFT.replace("the the", "the").trim_end().to_string()
}

#[test]
fn neovim_default_encoding() {
    let (encoding, text) = run("");
    if encoding.is_empty() {
        return;
    }
    assert_eq!(encoding, "utf-8");
    assert_eq!(text, expected());
}

#[test]
fn neovim_utf16() {
    let (encoding, text) = run("utf-16");
    if encoding.is_empty() {
        return;
    }
    assert_eq!(encoding, "utf-16");
    assert_eq!(text, expected());
}
