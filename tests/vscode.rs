//! The VS Code extension in `editors/vscode`: it type-checks, bundles and packages offline,
//! and its protocol test drives the real server the way VS Code's client does.
//!
//! Needs the extension's `node_modules` (`npm ci` in `editors/vscode`, which `.ci/run` runs).

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::tools;

fn extension() -> Option<PathBuf> {
    let dir = tools::root().join("editors/vscode");
    let installed = dir.join("node_modules/.bin/tsc").is_file() && tools::on_path("npm").is_some();
    tools::required(
        "editors/vscode/node_modules (npm ci)",
        installed.then_some(dir),
    )
}

#[test]
fn extension_typechecks_bundles_and_packages() {
    let Some(dir) = extension() else { return };
    let vsix = dir.join("copydesk.vsix");
    let _ = std::fs::remove_file(&vsix);
    tools::run(
        Command::new("npm")
            .args(["run", "--silent", "build"])
            .current_dir(&dir),
        "npm run build",
    );
    assert!(dir.join("dist/extension.js").is_file());
    tools::run(
        Command::new("npm")
            .args(["run", "--silent", "package"])
            .current_dir(&dir),
        "npm run package",
    );
    let size = std::fs::metadata(&vsix).map(|m| m.len()).unwrap_or(0);
    assert!(size > 10_000, "copydesk.vsix is {size} bytes");
}

#[test]
fn protocol_test_as_vscode() {
    let Some(dir) = extension() else { return };
    let out = tools::run(
        Command::new("node")
            .args(["--test", "test/"])
            .current_dir(&dir)
            .env("COPYDESK_BIN", env!("CARGO_BIN_EXE_copydesk")),
        "node --test",
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("# pass 1") && report.contains("# fail 0"),
        "{report}"
    );
}
