//! The `copydesk` binary on real files: exit codes, output formats and bad input.

use std::path::Path;
use std::process::{Command, Output, Stdio};

#[path = "common/cli.rs"]
mod cli_support;

use cli_support::{copydesk, scratch};

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
    assert!(
        err.contains("bad.txt:1:4: not UTF-8 text (byte 0xE9); skipped. Re-save it as UTF-8"),
        "{err}"
    );
    assert!(
        err.contains("iconv -f WINDOWS-1252 -t UTF-8 bad.txt > converted && mv converted bad.txt"),
        "{err}"
    );
    assert_eq!(json(&out).as_array().map(Vec::len), Some(1));
}

#[test]
fn the_summary_counts_what_could_not_be_checked() {
    let dir = scratch("unchecked");
    let out = copydesk(&["check", "nothere/"], &dir);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        text,
        "No problems found in 0 files; 1 could not be checked.\n"
    );
    std::fs::write(dir.join("a.txt"), "the the").unwrap();
    std::fs::write(dir.join("b.txt"), b"\xff").unwrap();
    std::fs::write(dir.join("c.txt"), "Clean.").unwrap();
    std::fs::write(dir.join("d.txt"), b"x\xfe").unwrap();
    let out = copydesk(&["check", "."], &dir);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.ends_with("Found 1 problem (1 warning) in 2 files; 2 could not be checked.\n"),
        "{text}"
    );
}

#[test]
fn stdin_filename_implies_stdin() {
    let dir = scratch("stdin-implied");
    // A draft in the current folder that must not be checked.
    std::fs::write(dir.join("other.md"), "the the").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--format", "json", "--stdin-filename", "x.md"])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Winds reached reached the coast.")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let v = json(&out);
    assert_eq!(v.as_array().map(Vec::len), Some(1), "{v}");
    assert_eq!(v[0]["path"], "x.md");
}

#[test]
fn fail_on_accepts_the_config_spellings() {
    let dir = scratch("fail-on-info");
    std::fs::write(dir.join("a.txt"), "the the").unwrap();
    std::fs::write(
        dir.join("copydesk.toml"),
        "[rules]\nrepeated-word = \"info\"\n",
    )
    .unwrap();
    assert_eq!(
        copydesk(&["check", "--fail-on", "info", "a.txt"], &dir)
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        copydesk(&["check", "--fail-on", "warning", "a.txt"], &dir)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        copydesk(&["check", "--fail-on", "off", "a.txt"], &dir)
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn an_unknown_rule_in_the_config_is_placed_with_a_suggestion() {
    let dir = scratch("config-unknown");
    std::fs::write(dir.join("a.txt"), "the the").unwrap();
    std::fs::write(
        dir.join("copydesk.toml"),
        "[rules]\nrepeated-wrod = \"off\"\n",
    )
    .unwrap();
    let out = copydesk(&["check", "a.txt"], &dir);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("copydesk.toml:2:1: unknown rule 'repeated-wrod' in [rules]; did you mean 'repeated-word'?"),
        "{err}"
    );
}

/// Runs copydesk with its standard output a pipe whose reading end is closed before copydesk
/// starts (a shell waits half a second, then runs it in its place).
fn into_closed_pipe(args: &[&str], dir: &Path) -> Output {
    let mut child = Command::new("sh")
        .args(["-c", "sleep 0.5; exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_is_no_panic() {
    let dir = scratch("pipe");
    std::fs::write(dir.join("a.md"), "the the\n\nClean.\n").unwrap();
    for args in [
        &["rules"][..],
        &["rules", "--format", "json"],
        &["check", "a.md"],
        &["check", "--format", "json", "a.md"],
        &["check", "--format", "sarif", "a.md"],
        &["check", "--format", "compact", "a.md"],
        &["check", "--format", "github", "a.md"],
        &["fix", "--diff", "a.md"],
        &["--help"],
        &["--version"],
    ] {
        let out = into_closed_pipe(args, &dir);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(out.status.code(), Some(101), "{args:?}: {err}");
        assert!(out.status.code().is_some(), "{args:?} killed by a signal");
    }
}

#[cfg(unix)]
#[test]
fn fix_into_a_closed_pipe_still_fixes_every_file() {
    let dir = scratch("pipe-fix");
    for i in 0..20 {
        std::fs::write(
            dir.join(format!("{i:02}.md")),
            "It reached the the coast.\n",
        )
        .unwrap();
    }
    let out = into_closed_pipe(&["fix", "."], &dir);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for i in 0..20 {
        let text = std::fs::read_to_string(dir.join(format!("{i:02}.md"))).unwrap();
        assert_eq!(text, "It reached the coast.\n", "file {i}");
    }
}

#[test]
fn server_accepts_stdio() {
    let dir = scratch("stdio");
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["server", "--stdio"])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::{BufRead, Read, Write};
    let mut stdin = child.stdin.take().unwrap();
    let send = |stdin: &mut std::process::ChildStdin, body: &str| {
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    };
    send(
        &mut stdin,
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
    );
    // The reply to initialize, read before asking the server to exit.
    let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.trim().parse().unwrap();
        }
        if line == "\r\n" {
            break;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    send(&mut stdin, r#"{"jsonrpc":"2.0","method":"exit"}"#);
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("unexpected argument"), "{err}");
    assert!(
        String::from_utf8_lossy(&body).contains("\"capabilities\""),
        "no reply to initialize: {err}"
    );
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
fn human_output_shows_only_the_line_with_lone_cr_line_endings() {
    let out = with_stdin(
        &["check", "--stdin", "--stdin-filename", "draft.md"],
        b"Intro line.\r\rSecond the the.\r\rThird line.\r",
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("draft.md:3:12"), "{text}");
    assert!(text.contains("Second the the."), "{text}");
    assert!(
        !text.contains("Intro line.") && !text.contains("Third line."),
        "{text}"
    );
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
fn a_placeholder_fails_the_check_even_at_fail_on_error() {
    let dir = scratch("placeholder");
    std::fs::write(
        dir.join("a.md"),
        "# Title\n\nThe cooperative employs TK miners.\n",
    )
    .unwrap();
    let out = copydesk(&["check", "--fail-on", "error", "a.md"], &dir);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let out = copydesk(&["check", "--format", "json", "a.md"], &dir);
    let v = json(&out);
    assert_eq!(v[0]["rule"], "placeholder");
    assert_eq!(v[0]["severity"], "error");
    // Switched off in copydesk.toml, it no longer fails the check.
    std::fs::write(
        dir.join("copydesk.toml"),
        "[rules]\nplaceholder = \"off\"\n",
    )
    .unwrap();
    let out = copydesk(&["check", "a.md"], &dir);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn names_prints_each_drafts_ledger() {
    let dir = scratch("names");
    std::fs::write(
        dir.join("mine.md"),
        "# Rescuers reach Kowalczyk\n\nMiner Tomasz Kowalczyk was found alive. Kowalczyk said \
         the air held.\nRescuers praised Kowalcyzk. Officials from Katowice agreed.\n",
    )
    .unwrap();
    std::fs::write(dir.join("clean.txt"), "Nothing here has a name.\n").unwrap();
    let out = copydesk(&["names", "--format", "json", "."], &dir);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v = json(&out);
    let drafts = v.as_array().unwrap();
    assert_eq!(drafts.len(), 2);
    assert_eq!(drafts[0]["path"], "./clean.txt");
    assert_eq!(drafts[0]["names"], serde_json::json!([]));
    let names = drafts[1]["names"].as_array().unwrap();
    let variant = names
        .iter()
        .find(|n| n["spellings"].as_array().unwrap().len() > 1)
        .expect("the misspelt surname is a variant");
    assert_eq!(
        variant["spellings"],
        serde_json::json!([
            {"text": "Kowalczyk", "count": 3, "first_line": 1},
            {"text": "Kowalcyzk", "count": 1, "first_line": 4},
        ])
    );
    assert_eq!(variant["preferred"], "Kowalczyk");
    assert_eq!(variant["reason"], "used at least twice as often");
    let katowice = names
        .iter()
        .find(|n| n["spellings"][0]["text"] == "Katowice")
        .expect("a single-spelling name is listed too");
    assert_eq!(katowice["reason"], "one spelling");

    let out = copydesk(&["names", "mine.md"], &dir);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("mine.md: 3 names, 1 with variant spellings"),
        "{text}"
    );
    assert!(
        text.contains(
            "! Kowalczyk ×3 (line 1), Kowalcyzk ×1 (line 4)  → Kowalczyk (used at least twice as often)"
        ),
        "{text}"
    );
}

#[test]
fn names_reports_what_it_cannot_read() {
    let dir = scratch("names-missing");
    std::fs::write(dir.join("a.txt"), "Pedro Sánchez spoke.\n").unwrap();
    let out = copydesk(&["names", "a.txt", "nothere.txt"], &dir);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nothere.txt: no such file or folder"), "{err}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Pedro Sánchez ×1 (line 1)"), "{text}");
}

#[test]
fn figure_and_quote_mark_findings_set_the_exit_status() {
    let dir = scratch("figures-quotes");
    let draft = "The blast killed nine people, police said.\n\nRelatives of the ten dead gathered. “We want answers,” one said. \"Now,\" said another.\n";
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

/// The text of the fenced block that follows the line starting with `intro` in the README.
fn readme_block(readme: &str, intro: &str) -> String {
    let after = readme
        .split_once(intro)
        .unwrap_or_else(|| panic!("README has no line starting {intro:?}"))
        .1;
    let body = after
        .split_once("```")
        .and_then(|(_, rest)| rest.split_once('\n'))
        .map(|(_, rest)| rest)
        .expect("a fenced block follows");
    body.split_once("```")
        .map(|(block, _)| block.to_string())
        .expect("the block is closed")
}

#[test]
fn the_readme_example_is_what_check_prints() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let dir = scratch("readme");
    std::fs::write(
        dir.join("story.md"),
        readme_block(&readme, "On this `story.md`:"),
    )
    .unwrap();
    for (intro, args) in [
        (
            "`copydesk check story.md` prints",
            &["check", "story.md"][..],
        ),
        (
            "`copydesk check --format compact story.md`",
            &["check", "--format", "compact", "story.md"][..],
        ),
        (
            "`copydesk check --format github story.md`",
            &["check", "--format", "github", "story.md"][..],
        ),
    ] {
        let out = copydesk(args, &dir);
        assert_eq!(out.status.code(), Some(1), "{intro}: {out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            readme_block(&readme, intro),
            "{intro}"
        );
    }
}
