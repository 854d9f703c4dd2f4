//! The VS Code extension in `editors/vscode`: it type-checks, bundles and packages offline,
//! and its protocol test drives the real server the way VS Code's client does.
//!
//! Needs the extension's `node_modules` (`npm ci` in `editors/vscode`, which `.ci/run` runs).

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::tools;

/// Building and packaging write to the extension's folder (`dist/`, `bin/`): one at a time.
static PACKAGING: std::sync::Mutex<()> = std::sync::Mutex::new(());

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
    let _one_at_a_time = PACKAGING.lock().unwrap_or_else(|e| e.into_inner());
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

/// Unpacks a `.vsix` (a zip) into `dir` as VS Code installs one: file modes kept, so the
/// bundled binary stays executable.
fn unpack(vsix: &std::path::Path, dir: &std::path::Path) {
    const UNPACK: &str = "import os, sys, zipfile\n\
        z = zipfile.ZipFile(sys.argv[1])\n\
        for info in z.infolist():\n\
        \x20   path = z.extract(info, sys.argv[2])\n\
        \x20   mode = info.external_attr >> 16\n\
        \x20   if mode:\n\
        \x20       os.chmod(path, mode & 0o777)\n";
    tools::run(
        Command::new("python3")
            .args(["-c", UNPACK])
            .arg(vsix)
            .arg(dir),
        "unpack the .vsix",
    );
}

/// The platform package for this machine carries the binary, and the extension's own
/// resolution code, loaded from the unpacked package, picks it and drives it.
#[test]
fn platform_package_runs_its_bundled_binary() {
    let Some(dir) = extension() else { return };
    let _one_at_a_time = PACKAGING.lock().unwrap_or_else(|e| e.into_inner());
    let target = match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => "linux-x64",
        ("linux", "aarch64") => "linux-arm64",
        ("macos", "x86_64") => "darwin-x64",
        ("macos", "aarch64") => "darwin-arm64",
        ("windows", "x86_64") => "win32-x64",
        (os, arch) => {
            tools::require(
                "a VS Code platform for this machine",
                Err(format!("{os}-{arch}")),
            );
            return;
        }
    };
    let vsix = dir.join(format!("copydesk-{target}.vsix"));
    let _ = std::fs::remove_file(&vsix);
    tools::run(
        Command::new("node")
            .args([
                "scripts/package-target.js",
                target,
                env!("CARGO_BIN_EXE_copydesk"),
            ])
            .current_dir(&dir),
        "package-target.js",
    );
    assert!(!dir.join("bin").exists(), "the staged binary is cleaned up");
    let installed = tools::scratch("vsix");
    unpack(&vsix, &installed);
    let _ = std::fs::remove_file(&vsix);
    let out = tools::run(
        Command::new("node")
            .args(["--test", "test-package/"])
            .current_dir(&dir)
            .env("COPYDESK_EXTENSION_DIR", installed.join("extension"))
            .env("PATH", std::env::var_os("PATH").unwrap_or_default()),
        "node --test test-package/",
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("# pass 1") && report.contains("# fail 0"),
        "{report}"
    );
    let _ = std::fs::remove_dir_all(&installed);
}
