//! Finding and running the real editors and tools the end-to-end tests drive.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

/// The repository's root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The variable that turns every skipped end-to-end test into a failure (`.ci/run` sets it, so
/// CI proves every client really ran).
pub const REQUIRED_VAR: &str = "COPYDESK_E2E_REQUIRED";

/// `found`, or `None` with a note when the tool is missing (or not usable, the `Err` says why)
/// — except when [`REQUIRED_VAR`] is set, where a skip fails the test.
pub fn required(what: &str, found: Option<PathBuf>) -> Option<PathBuf> {
    require(what, found.ok_or_else(|| "not found".to_string()))
}

/// As [`required`], with the reason a tool cannot be used.
pub fn require(what: &str, found: Result<PathBuf, String>) -> Option<PathBuf> {
    let required = std::env::var_os(REQUIRED_VAR).is_some_and(|v| !v.is_empty() && v != "0");
    match found {
        Ok(path) => Some(path),
        Err(reason) if required => {
            panic!("{what}: {reason}; {REQUIRED_VAR} is set, so every end-to-end client must run")
        }
        Err(reason) => {
            announce(&format!(
                "end-to-end test skipped: {what}: {reason} (set {REQUIRED_VAR}=1 to fail instead)"
            ));
            None
        }
    }
}

/// Writes a line to the process's real standard error. libtest captures what a test prints
/// with `eprintln!` and shows it only when the test fails; a write to the handle itself is not
/// captured, so a skip shows in plain `cargo test` output.
pub fn announce(line: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "note: {line}");
    let _ = err.flush();
}

/// `program` if it runs with `--version`.
pub fn on_path(program: &str) -> Option<PathBuf> {
    let ok = Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    ok.is_ok_and(|s| s.success())
        .then(|| PathBuf::from(program))
}

/// Waits for `child`, killing it after `limit`.
pub fn wait(mut child: Child, limit: Duration, what: &str) -> ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(s) = child.try_wait().expect("wait") {
            return s;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("{what} hung for {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs a command to completion, failing the test with its output when it fails.
pub fn run(command: &mut Command, what: &str) -> Output {
    let out = command
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{what} did not start: {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A fresh scratch folder.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}
