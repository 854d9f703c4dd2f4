//! End to end: a real headless Neovim 0.11 loads the plugin in `editors/neovim`, starts
//! `copydesk server`, shows the diagnostic and applies the quick fix.
//!
//! Needs Neovim 0.11 or later: `COPYDESK_NVIM`, else `target/e2e-venv/bin/nvim` (what
//! `.ci/run` installs), else `nvim` on `PATH`. Without one (or with an older one) the tests
//! say so in `cargo test`'s output and pass, except when `COPYDESK_E2E_REQUIRED` is set.

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
        })
        .ok_or_else(|| "nvim not found".to_string())
        .and_then(|nvim| {
            let out = Command::new(&nvim)
                .arg("--version")
                .stdin(Stdio::null())
                .output()
                .map_err(|e| format!("{} does not run: {e}", nvim.display()))?;
            let first = String::from_utf8_lossy(&out.stdout);
            let first = first.lines().next().unwrap_or_default();
            match version(first) {
                Some(v) if v >= MINIMUM => Ok(nvim),
                Some((major, minor)) => Err(format!(
                    "{} is Neovim {major}.{minor}; the plugin needs 0.11 or later",
                    nvim.display()
                )),
                None => Err(format!("{}: no version in {first:?}", nvim.display())),
            }
        });
    tools::require("Neovim", found)
}

/// The oldest Neovim with `vim.lsp.config`, which the plugin uses.
const MINIMUM: (u32, u32) = (0, 11);

/// Major and minor version from `nvim --version`'s first line ("NVIM v0.11.4").
fn version(first_line: &str) -> Option<(u32, u32)> {
    let v = first_line.trim().strip_prefix("NVIM v")?;
    let mut parts = v.split(['.', '-']);
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

#[test]
fn version_lines() {
    assert_eq!(version("NVIM v0.11.4"), Some((0, 11)));
    assert_eq!(version("NVIM v0.9.5"), Some((0, 9)));
    assert_eq!(version("NVIM v0.12.0-dev-1234+gabc"), Some((0, 12)));
    assert!(version("NVIM v0.9.5").unwrap() < MINIMUM);
    assert_eq!(version("vim 9.1"), None);
}

/// A skipped end-to-end test says so in plain `cargo test` output, and fails when
/// `COPYDESK_E2E_REQUIRED` is set. Runs this very test binary on one test, with an `nvim`
/// that cannot run.
#[test]
fn a_skip_is_visible_and_fails_when_required() {
    let run = |required: bool| {
        let mut command = Command::new(std::env::current_exe().unwrap());
        command
            .args(["--exact", "neovim_default_encoding", "--test-threads=1"])
            .env("COPYDESK_NVIM", "/nonexistent/nvim")
            .env_remove(tools::REQUIRED_VAR)
            .stdin(Stdio::null());
        if required {
            command.env(tools::REQUIRED_VAR, "1");
        }
        command.output().unwrap()
    };
    let out = run(false);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("end-to-end test skipped: Neovim: /nonexistent/nvim does not run"),
        "{err}"
    );
    let out = run(true);
    assert!(!out.status.success(), "a required skip must fail");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("COPYDESK_E2E_REQUIRED is set"), "{all}");
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
