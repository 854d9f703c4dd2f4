//! End to end: a real headless Neovim 0.11 loads the plugin in `editors/neovim`, starts
//! `copydesk server`, shows the diagnostic and applies the quick fix.
//!
//! Needs `nvim`: `COPYDESK_NVIM`, else `target/e2e-venv/bin/nvim` (what `.ci/run` installs),
//! else `nvim` on `PATH`. Without one the test says so and passes, except under CI.

mod common;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::tools;

fn nvim() -> Option<PathBuf> {
    let found = std::env::var_os("COPYDESK_NVIM")
        .map(PathBuf::from)
        .or_else(|| {
            let venv = tools::root().join("target/e2e-venv/bin/nvim");
            if venv.is_file() {
                Some(venv)
            } else {
                tools::on_path("nvim")
            }
        });
    tools::required("nvim", found)
}

const DRAFT: &str = "# Floods\n\n😀 Café, naïve résumé: it reached the the coast.\n";

/// Runs the Lua script; returns the negotiated encoding and the buffer after the fix. With
/// `setup`, the plugin is started through `require('copydesk').setup{}`.
fn run(encoding: &str, setup: bool) -> Option<(String, String)> {
    let nvim = nvim()?;
    let root = tools::root();
    let dir = tools::scratch(&format!("nvim-{encoding}-{setup}"));
    let draft = dir.join("draft.md");
    let result = dir.join("result.txt");
    std::fs::write(&draft, DRAFT).unwrap();
    let child = Command::new(nvim)
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-c"])
        .arg(format!(
            "luafile {}",
            root.join("tests/e2e/neovim.lua").display()
        ))
        .env("COPYDESK_PLUGIN", root.join("editors/neovim"))
        .env("COPYDESK_BIN", env!("CARGO_BIN_EXE_copydesk"))
        .env("COPYDESK_ENCODING", encoding)
        .env("COPYDESK_SETUP", if setup { "1" } else { "0" })
        .env("COPYDESK_DRAFT", &draft)
        .env("COPYDESK_RESULT", &result)
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nvim starts");
    let status = tools::wait(child, Duration::from_secs(60), "nvim");
    let report = std::fs::read_to_string(&result).unwrap_or_else(|_| "no result written".into());
    assert!(
        status.success() && report.starts_with("ok\n"),
        "nvim {status}: {report}"
    );
    let body = report.trim_start_matches("ok\n");
    let (enc, text) = body.split_once('\n').unwrap_or((body, ""));
    Some((enc.to_string(), text.trim_end_matches('\n').to_string()))
}

fn expected() -> String {
    DRAFT.replace("the the", "the").trim_end().to_string()
}

#[test]
fn neovim_default_encoding() {
    if let Some((encoding, text)) = run("", false) {
        assert_eq!(encoding, "utf-8");
        assert_eq!(text, expected());
    }
}

#[test]
fn neovim_utf16() {
    if let Some((encoding, text)) = run("utf-16", false) {
        assert_eq!(encoding, "utf-16");
        assert_eq!(text, expected());
    }
}

#[test]
fn neovim_setup_function() {
    if let Some((encoding, text)) = run("", true) {
        assert_eq!(encoding, "utf-8");
        assert_eq!(text, expected());
    }
}
