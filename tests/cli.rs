//! The `copydesk` binary on real files: exit codes, output formats and bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn copydesk(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("copydesk runs")
}

fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("copydesk runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("copydesk ends")
}

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn clean_file_exits_zero() {
    let dir = scratch("clean");
    std::fs::write(dir.join("a.md"), "# Title\n\nA clean sentence.\n").unwrap();
    let out = copydesk(&["check", "a.md"], &dir);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("No problems found"));
}

#[test]
fn finding_exits_one_and_json_has_the_documented_shape() {
    let dir = scratch("json");
    std::fs::write(
        dir.join("a.md"),
        "# Title\n\nCafé 😀 towards the the coast.\n",
    )
    .unwrap();
    let out = copydesk(&["check", "--format", "json", "a.md"], &dir);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(
        v,
        serde_json::json!([{
            "path": "a.md",
            "rule": "repeated-word",
            "severity": "warning",
            "message": "'the' is repeated",
            "start": {"line": 3, "column": 20},
            "end": {"line": 3, "column": 23},
            "related": [{"start": {"line": 3, "column": 16}, "end": {"line": 3, "column": 19}, "message": "first written here"}],
            "fixes": [{
                "title": "Delete the second 'the'",
                "preferred": true,
                "edits": [{"start": {"line": 3, "column": 19}, "end": {"line": 3, "column": 23}, "new_text": ""}]
            }]
        }])
    );
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = scratch("failon");
    std::fs::write(dir.join("a.txt"), "towards the the coast").unwrap();
    assert_eq!(
        copydesk(&["check", "--fail-on", "error", "a.txt"], &dir)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        copydesk(&["check", "--fail-on", "never", "a.txt"], &dir)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        copydesk(&["check", "--fail-on", "hint", "a.txt"], &dir)
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn human_output_shows_the_line_and_the_rule() {
    let dir = scratch("human");
    std::fs::write(dir.join("a.txt"), "towards the the coast").unwrap();
    let out = copydesk(&["check", "a.txt"], &dir);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("warning[repeated-word]: 'the' is repeated"),
        "{text}"
    );
    assert!(text.contains("a.txt:1:13"), "{text}");
    assert!(text.contains("towards the the coast"), "{text}");
    assert!(text.contains("fix: Delete the second 'the'"), "{text}");
    assert!(
        text.contains("Found 1 problem (1 warning) in 1 file."),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
}

#[test]
fn non_utf8_file_is_named_and_the_rest_still_checked() {
    let dir = scratch("utf8");
    std::fs::write(dir.join("bad.txt"), b"caf\xe9 the the").unwrap();
    std::fs::write(dir.join("good.txt"), "the the").unwrap();
    let out = copydesk(&["check", "--format", "json", "bad.txt", "good.txt"], &dir);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.txt: not UTF-8"), "{err}");
    assert_eq!(json(&out).as_array().map(Vec::len), Some(1));
}

#[test]
fn missing_file_is_an_error() {
    let dir = scratch("missing");
    let out = copydesk(&["check", "nope.md"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.md: no such file"));
}

#[test]
fn folders_are_walked_for_drafts_respecting_gitignore() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/a.md"), "the the").unwrap();
    std::fs::write(dir.join("b.txt"), "the the").unwrap();
    std::fs::write(dir.join("c.rs"), "the the").unwrap();
    std::fs::write(dir.join("skip.md"), "the the").unwrap();
    std::fs::write(dir.join(".gitignore"), "skip.md\n").unwrap();
    let out = copydesk(&["check", "--format", "json", "."], &dir);
    let paths: Vec<String> = json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(paths, ["./b.txt", "./sub/a.md"]);
}

#[test]
fn stdin_with_a_file_name() {
    let out = with_stdin(
        &[
            "check",
            "--format",
            "json",
            "--stdin",
            "--stdin-filename",
            "draft.md",
        ],
        b"Text `the the` here and the the end.",
    );
    let v = json(&out);
    assert_eq!(
        v.as_array().map(Vec::len),
        Some(1),
        "code is masked in Markdown"
    );
    assert_eq!(v[0]["path"], "draft.md");
    let out = with_stdin(&["check", "--format", "json", "-"], b"\xff");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn config_file_is_found_and_errors_are_clear() {
    let dir = scratch("config");
    std::fs::write(dir.join("a.txt"), "the the").unwrap();
    std::fs::write(
        dir.join("copydesk.toml"),
        "[rules]\nrepeated-word = \"off\"\n",
    )
    .unwrap();
    assert_eq!(copydesk(&["check", "a.txt"], &dir).status.code(), Some(0));
    std::fs::write(dir.join("copydesk.toml"), "[rules]\nrepeated-word = 3\n").unwrap();
    let out = copydesk(&["check", "a.txt"], &dir);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("copydesk.toml:2:"), "{err}");
    std::fs::write(
        dir.join("other.toml"),
        "[rules]\nrepeated-word = \"hint\"\n",
    )
    .unwrap();
    let out = copydesk(
        &[
            "check",
            "--config",
            "other.toml",
            "--format",
            "json",
            "a.txt",
        ],
        &dir,
    );
    assert_eq!(json(&out)[0]["severity"], "hint");
}

#[test]
fn rules_lists_every_rule() {
    let dir = scratch("rules");
    let out = copydesk(&["rules"], &dir);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("repeated-word"), "{text}");
    assert!(text.contains("warning"), "{text}");
    let out = copydesk(&["rules", "--format", "json"], &dir);
    let v = json(&out);
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == "repeated-word"));
}

#[test]
fn byte_order_mark_and_crlf() {
    let dir = scratch("bom");
    std::fs::write(dir.join("bom.txt"), "\u{feff}The the BOM.\n").unwrap();
    std::fs::write(dir.join("crlf.txt"), "line\r\nthe the\r\n").unwrap();
    let out = copydesk(&["check", "--format", "json", "bom.txt", "crlf.txt"], &dir);
    let v = json(&out);
    assert_eq!(
        v[0]["start"],
        serde_json::json!({"line": 1, "column": 5}),
        "the mark is not a column"
    );
    assert_eq!(v[1]["start"], serde_json::json!({"line": 2, "column": 5}));
    let out = copydesk(&["check", "crlf.txt"], &dir);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("2 | the the\n"),
        "no carriage return in the snippet: {text:?}"
    );
}

#[test]
fn figure_and_quote_mark_findings_set_the_exit_status() {
    let dir = scratch("figures-quotes");
    let draft = "The blast killed nine people.\n\nRelatives of the ten dead gathered. “We want answers,” one said. \"Now,\" said another.\n";
    std::fs::write(dir.join("a.txt"), draft).unwrap();
    let out = copydesk(&["check", "--format", "json", "a.txt"], &dir);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let v = json(&out);
    let rules: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["inconsistent-figure", "quote-marks"]);
    // Both are warnings: below an "error" threshold the check passes.
    let out = copydesk(&["check", "--fail-on", "error", "a.txt"], &dir);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // A house style that the whole draft breaks, and a style that does not exist.
    std::fs::write(
        dir.join("copydesk.toml"),
        "[quote-marks]\nstyle = \"straight\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("b.txt"), "“Yes,” she said.\n").unwrap();
    let out = copydesk(&["check", "b.txt"], &dir);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    std::fs::write(
        dir.join("copydesk.toml"),
        "[quote-marks]\nstyle = \"smart\"\n",
    )
    .unwrap();
    let out = copydesk(&["check", "b.txt"], &dir);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("smart") && err.contains("straight"), "{err}");
}
