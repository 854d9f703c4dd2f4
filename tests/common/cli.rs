//! Running the `copydesk` binary in a scratch folder, for the command-line tests (included
//! with `#[path]` by `cli.rs`, `fix.rs` and `formats.rs`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `copydesk ARGS` run in `dir`, colours off.
pub fn copydesk(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("copydesk runs")
}

/// A fresh folder for one test, named after the test binary so binaries never share one.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "copydesk-{}-{name}-{}",
        env!("CARGO_CRATE_NAME"),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}
