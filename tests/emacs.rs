//! End to end: Emacs with eglot, in batch mode, opens a draft, gets copydesk's diagnostic
//! through flymake and applies the quick fix with eglot's own code-action machinery.
//!
//! Needs `emacs` with eglot (Debian: emacs-nox and elpa-eglot, which `.ci/run` installs);
//! without them the test says so in `cargo test`'s output and passes, except when
//! `COPYDESK_E2E_REQUIRED` is set.

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::tools;

/// `emacs`, if it has eglot (built in since Emacs 29; Debian's elpa-eglot before that).
fn emacs_with_eglot() -> Result<std::path::PathBuf, String> {
    let emacs = tools::on_path("emacs").ok_or("emacs not found")?;
    let has_eglot = Command::new(&emacs)
        .args(["--batch", "-q", "--eval", "(require 'eglot)"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if has_eglot {
        Ok(emacs)
    } else {
        Err("emacs has no eglot (Emacs 29 or later, or the elpa-eglot package)".to_string())
    }
}

#[test]
fn emacs_eglot_applies_the_quick_fix() {
    let Some(emacs) = tools::require("Emacs with eglot", emacs_with_eglot()) else {
        return;
    };
    let dir = tools::scratch("emacs");
    let draft = dir.join("draft.txt");
    let result = dir.join("result.txt");
    std::fs::write(&draft, "😀 Café, naïve résumé: it reached the the coast.\n").unwrap();
    let child = Command::new(emacs)
        .args(["--batch", "-q", "-l"])
        .arg(tools::root().join("tests/e2e/eglot.el"))
        .current_dir(&dir)
        .env("HOME", &dir)
        .env("COPYDESK_BIN", env!("CARGO_BIN_EXE_copydesk"))
        .env("COPYDESK_DRAFT", &draft)
        .env("COPYDESK_RESULT", &result)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("emacs starts");
    let status = tools::wait(child, Duration::from_secs(90), "emacs");
    let report = std::fs::read_to_string(&result).unwrap_or_else(|_| "no result written".into());
    assert!(status.success(), "emacs {status}: {report}");
    assert_eq!(
        report,
        "ok\n😀 Café, naïve résumé: it reached the coast.\n\n"
    );
}
