//! The command line: `copydesk check`, `copydesk names`, `copydesk rules` and
//! `copydesk server`.

mod fix;
mod input;
mod names;
mod ordered;
mod output;

use std::collections::HashMap;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};

use self::input::Input;
use self::output::Summary;
use crate::config::{self, Config, ConfigError};
use crate::diagnostic::{Diagnostic, Severity};
use crate::prose::Format;

/// Reviews news drafts the way a copy editor does.
#[derive(Debug, Parser)]
#[command(name = "copydesk", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check drafts and report what a copy editor would catch.
    Check(CheckArgs),
    /// Apply the preferred fixes that are safe, in place (or print them as a diff).
    Fix(FixArgs),
    /// Run the language server over standard input and output.
    Server {
        /// Talk over standard input and output (the only transport; accepted because many
        /// clients add it).
        #[arg(long)]
        stdio: bool,
    },
    /// Show each draft's name ledger: every name, its spellings with counts and first line,
    /// and which spelling is preferred and why.
    Names(names::NamesArgs),
    /// List every rule with its id, default severity and summary.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
        format: RulesFormat,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files and folders to check (folders are searched for .md, .markdown and .txt files,
    /// respecting .gitignore); `-` reads standard input. Defaults to the current folder.
    pub paths: Vec<PathBuf>,
    /// Read the draft from standard input.
    #[arg(long)]
    pub stdin: bool,
    /// The file name standard input stands for (chooses Markdown or plain text, and is shown
    /// in the output). Implies --stdin.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Exit with status 1 when a diagnostic of this severity or above is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Use this configuration file instead of looking for copydesk.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct FixArgs {
    /// Files and folders to fix (folders are searched as by `check`). Defaults to the current
    /// folder.
    pub paths: Vec<PathBuf>,
    /// Print a unified diff of what would change, and change nothing.
    #[arg(long)]
    pub diff: bool,
    /// Apply only this rule's fixes (repeat for more rules).
    #[arg(long = "rule", value_name = "ID")]
    pub rules: Vec<String>,
    /// Also apply fixes that insert a placeholder for copy to come (`TK`) or a suppression
    /// comment.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Use this configuration file instead of looking for copydesk.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Each finding with its line and a caret, then a summary.
    Human,
    /// A JSON array, one object per finding.
    Json,
    /// `path:line:col: severity [rule] message`, one finding per line.
    Compact,
    /// GitHub Actions workflow commands, which annotate a pull request.
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Human,
    Json,
}

/// The same spellings as a rule's level in `copydesk.toml` (`info` for `information`, `off`
/// for `never`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    #[value(alias = "info")]
    Information,
    Hint,
    #[value(alias = "off")]
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Information => Some(Severity::Information),
            FailOn::Hint => Some(Severity::Hint),
            FailOn::Never => None,
        }
    }
}

/// One checked file: what to call it, its text and its findings.
pub struct Checked {
    pub path: String,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs the command line and returns the process's exit status.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Fix(args) => fix_command(&args),
        Command::Server { stdio: _ } => crate::server::run(),
        Command::Names(args) => names::run(&args),
        Command::Rules { format } => {
            let mut out = io::stdout().lock();
            match output::rules(&mut out, format).and_then(|()| out.flush()) {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    eprintln!("copydesk: error: cannot write output: {e}");
                    ExitCode::from(2)
                }
                _ => ExitCode::SUCCESS,
            }
        }
    }
}

/// A draft to check, with the configuration that applies to it.
struct Job {
    input: Input,
    config: Arc<Config>,
}

/// What became of one job.
enum Done {
    Checked(Checked, Vec<crate::RuleFailure>),
    Unchecked(String),
}

/// Drafts checked before a progress bar is worth showing.
const PROGRESS_FROM: usize = 300;

fn check(args: &CheckArgs) -> ExitCode {
    let from_stdin = args.stdin
        || args.stdin_filename.is_some()
        || args.paths.iter().any(|p| p.as_os_str() == "-");
    let paths: Vec<PathBuf> = if args.paths.is_empty() && !from_stdin {
        vec![PathBuf::from(".")]
    } else {
        args.paths
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .cloned()
            .collect()
    };
    let mut configs = match Configs::new(args.config.as_deref()) {
        Ok(c) => c,
        Err(e) => return config_error(&e),
    };

    // Standard input first, then each named path in order; what cannot be found is reported
    // in its place.
    let mut stdin_text = None;
    let mut jobs: Vec<Result<Job, String>> = Vec::new();
    if from_stdin {
        let mut bytes = Vec::new();
        match io::stdin().read_to_end(&mut bytes) {
            Ok(_) => stdin_text = Some(bytes),
            Err(e) => jobs.push(Err(format!("standard input: cannot read: {e}"))),
        }
        if stdin_text.is_some() {
            match configs.for_file(args.stdin_filename.as_deref()) {
                Ok(config) => jobs.push(Ok(Job {
                    input: Input::Stdin,
                    config,
                })),
                Err(e) => return config_error(&e),
            }
        }
    }
    match file_jobs(&paths, &mut configs) {
        Ok(found) => jobs.extend(found),
        Err(e) => return config_error(&e),
    }

    let stdin_name = args
        .stdin_filename
        .as_ref()
        .map_or("-".to_string(), |p| p.display().to_string());
    let stdin_format = args
        .stdin_filename
        .as_deref()
        .map_or(Format::Text, Format::from_path);
    let work = |job: &Result<Job, String>| -> Done {
        let job = match job {
            Ok(job) => job,
            Err(message) => return Done::Unchecked(message.clone()),
        };
        let (name, format, bytes) = match &job.input {
            Input::Stdin => (
                stdin_name.clone(),
                stdin_format,
                Ok(stdin_text.clone().unwrap_or_default()),
            ),
            Input::File(path) => (
                path.display().to_string(),
                Format::from_path(path),
                std::fs::read(path),
            ),
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => return Done::Unchecked(format!("{name}: cannot read: {e}")),
        };
        let text = match input::decode(&name, bytes) {
            Ok(d) => d.text,
            Err(message) => return Done::Unchecked(message),
        };
        let outcome = crate::check(&text, format, &job.config);
        Done::Checked(
            Checked {
                path: name,
                source: text,
                diagnostics: outcome.diagnostics,
            },
            outcome.failures,
        )
    };

    let stdout = io::stdout();
    let terminal = stdout.is_terminal();
    let color = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut report = output::report(args.format, color);
    let progress = shows_progress(
        terminal,
        io::stderr().is_terminal(),
        jobs.len(),
        args.format,
    )
    .then(|| progress_bar(jobs.len()));
    let mut out = io::BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    let mut failed = false;
    let mut fails_threshold = false;
    let threshold = args.fail_on.threshold();
    let mut write_error: Option<io::Error> = report.begin(&mut out).err();
    let began = write_error.is_none();

    let mut sink = |done: Done| -> bool {
        let mut write = |out: &mut io::BufWriter<io::StdoutLock>| -> io::Result<()> {
            match &done {
                Done::Checked(file, failures) => {
                    for f in failures {
                        failed = true;
                        eprintln!(
                            "copydesk: error: {}: rule {} failed: {}",
                            file.path, f.rule, f.message
                        );
                    }
                    summary.add(file);
                    fails_threshold |= file
                        .diagnostics
                        .iter()
                        .any(|d| threshold.is_some_and(|t| d.severity >= t));
                    report.file(out, file)?;
                }
                Done::Unchecked(message) => {
                    eprintln!("copydesk: error: {message}");
                    summary.unchecked.push(message.clone());
                }
            }
            // Shown as soon as it is known, unless more is about to follow.
            if terminal {
                out.flush()?;
            }
            Ok(())
        };
        let written = match &progress {
            Some(bar) => {
                bar.inc(1);
                bar.suspend(|| write(&mut out))
            }
            None => write(&mut out),
        };
        match written {
            Ok(()) => true,
            Err(e) => {
                write_error = Some(e);
                false
            }
        }
    };
    let complete = began && ordered::run(&jobs, ordered::threads(), 64, work, &mut sink);
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    if write_error.is_none() {
        if let Err(e) = report.end(&mut out, &summary).and_then(|()| out.flush()) {
            write_error = Some(e);
        }
    }
    match write_error {
        // The reader went away (`| head`): not an error, and nothing more to say.
        Some(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Some(e) => {
            eprintln!("copydesk: error: cannot write output: {e}");
            return ExitCode::from(2);
        }
        None if !complete => {
            eprintln!("copydesk: error: checking stopped early (an internal error)");
            return ExitCode::from(2);
        }
        None => {}
    }
    if failed || !summary.unchecked.is_empty() {
        ExitCode::from(2)
    } else if fails_threshold {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A job for each file under `paths`, with its configuration; a path that cannot be found is
/// an `Err` in its place.
fn file_jobs(
    paths: &[PathBuf],
    configs: &mut Configs,
) -> Result<Vec<Result<Job, String>>, ConfigError> {
    let mut jobs = Vec::new();
    for found in input::collect(paths) {
        match found {
            Ok(path) => {
                let config = configs.for_file(Some(&path))?;
                jobs.push(Ok(Job {
                    input: Input::File(path),
                    config,
                }));
            }
            Err(message) => jobs.push(Err(message)),
        }
    }
    Ok(jobs)
}

/// What became of one draft under `copydesk fix`.
struct FixDone {
    name: String,
    /// Fixes applied (or that would be).
    applied: usize,
    /// The diff, with `--diff`.
    diff: Option<String>,
    error: Option<String>,
}

fn fix_command(args: &FixArgs) -> ExitCode {
    for id in &args.rules {
        if crate::rules::by_id(id).is_none() {
            let hint = crate::rules::closest_id(id)
                .map(|k| format!("; did you mean '{k}'?"))
                .unwrap_or_default();
            eprintln!("copydesk: error: --rule {id}: no such rule{hint}");
            return ExitCode::from(2);
        }
    }
    let mut configs = match Configs::new(args.config.as_deref()) {
        Ok(c) => c,
        Err(e) => return config_error(&e),
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let jobs = match file_jobs(&paths, &mut configs) {
        Ok(jobs) => jobs,
        Err(e) => return config_error(&e),
    };
    let options = fix::Options {
        rules: args.rules.clone(),
        unsafe_fixes: args.unsafe_fixes,
    };
    let work = |job: &Result<Job, String>| -> FixDone {
        let mut done = FixDone {
            name: String::new(),
            applied: 0,
            diff: None,
            error: None,
        };
        let (path, config) = match job {
            Ok(Job {
                input: Input::File(path),
                config,
            }) => (path, config),
            Ok(Job {
                input: Input::Stdin,
                ..
            }) => return done,
            Err(message) => {
                done.error = Some(message.clone());
                return done;
            }
        };
        done.name = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                done.error = Some(format!("{}: cannot read: {e}", done.name));
                return done;
            }
        };
        let decoded = match input::decode(&done.name, bytes.clone()) {
            Ok(d) => d,
            Err(message) => {
                done.error = Some(message);
                return done;
            }
        };
        let fixed = fix::fix_text(&decoded.text, Format::from_path(path), config, &options);
        if fixed.text == decoded.text {
            return done;
        }
        done.applied = fixed.applied;
        if args.diff {
            done.diff = Some(fix::unified_diff(&done.name, &decoded.text, &fixed.text));
            return done;
        }
        let mut new = Vec::with_capacity(fixed.text.len() + 3);
        if decoded.bom {
            new.extend_from_slice("\u{feff}".as_bytes());
        }
        new.extend_from_slice(fixed.text.as_bytes());
        if let Err(e) = fix::write_if_unchanged(path, &bytes, &new) {
            done.error = Some(format!("{}: {e}", done.name));
            done.applied = 0;
        }
        done
    };

    let mut out = io::BufWriter::new(io::stdout().lock());
    let (mut files, mut fixes, mut errors) = (0usize, 0usize, 0usize);
    let mut write_error = None;
    let sink = |done: FixDone| -> bool {
        if let Some(e) = &done.error {
            eprintln!("copydesk: error: {e}");
            errors += 1;
        }
        if done.applied > 0 {
            files += 1;
            fixes += done.applied;
        }
        let written = match (&done.diff, done.applied) {
            (Some(diff), _) => out.write_all(diff.as_bytes()),
            (None, 0) => Ok(()),
            (None, n) => writeln!(
                out,
                "{}: fixed {}",
                done.name,
                plural(n, "problem", "problems")
            ),
        };
        match written {
            Ok(()) => true,
            Err(e) => {
                write_error = Some(e);
                // A diff nobody reads is not worth computing; fixes still go to disk.
                !args.diff
            }
        }
    };
    ordered::run(&jobs, ordered::threads(), 64, work, sink);
    let verb = if args.diff { "Would fix" } else { "Fixed" };
    let summary = if fixes == 0 {
        "Nothing to fix.".to_string()
    } else {
        format!(
            "{verb} {} in {}.",
            plural(fixes, "problem", "problems"),
            plural(files, "file", "files")
        )
    };
    let flushed = if args.diff {
        // Standard output is the diff alone.
        eprintln!("{summary}");
        out.flush()
    } else {
        writeln!(out, "{summary}").and_then(|()| out.flush())
    };
    if let Some(e) = write_error.or(flushed.err()) {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("copydesk: error: cannot write output: {e}");
            return ExitCode::from(2);
        }
    }
    if errors > 0 {
        ExitCode::from(2)
    } else if fixes > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn config_error(e: &ConfigError) -> ExitCode {
    eprintln!("copydesk: error: {e}");
    ExitCode::from(2)
}

/// A progress bar goes to standard error when both it and standard output are a terminal,
/// for more than a few hundred drafts, and never with a format meant for programs.
fn shows_progress(
    stdout_terminal: bool,
    stderr_terminal: bool,
    drafts: usize,
    format: OutputFormat,
) -> bool {
    stdout_terminal
        && stderr_terminal
        && drafts > PROGRESS_FROM
        && matches!(format, OutputFormat::Human | OutputFormat::Compact)
}

fn progress_bar(len: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} drafts checked ({eta})")
    {
        bar.set_style(style);
    }
    bar
}

/// The configuration for each file: one given on the command line, or the nearest
/// `copydesk.toml`, found and read once per folder.
enum Configs {
    Fixed(Arc<Config>),
    Discovered(HashMap<PathBuf, Arc<Config>>),
}

impl Configs {
    fn new(fixed: Option<&Path>) -> Result<Self, ConfigError> {
        Ok(match fixed {
            Some(path) => Configs::Fixed(Arc::new(Config::load(path)?)),
            None => Configs::Discovered(HashMap::new()),
        })
    }

    fn for_file(&mut self, file: Option<&Path>) -> Result<Arc<Config>, ConfigError> {
        let by_dir = match self {
            Configs::Fixed(c) => return Ok(c.clone()),
            Configs::Discovered(by_dir) => by_dir,
        };
        let parent = file
            .and_then(Path::parent)
            .map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                }
            })
            .unwrap_or(Path::new("."));
        if let Some(c) = by_dir.get(parent) {
            return Ok(c.clone());
        }
        let dir = std::fs::canonicalize(parent)
            .ok()
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let config = match config::discover(&dir) {
            Some(found) => Arc::new(Config::load(&found)?),
            None => Arc::new(Config::default()),
        };
        by_dir.insert(parent.to_path_buf(), config.clone());
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_only_on_a_terminal_for_many_drafts_and_for_people() {
        assert!(shows_progress(true, true, 1000, OutputFormat::Human));
        assert!(shows_progress(true, true, 1000, OutputFormat::Compact));
        assert!(!shows_progress(true, true, 20, OutputFormat::Human));
        assert!(
            !shows_progress(false, true, 1000, OutputFormat::Human),
            "piped"
        );
        assert!(!shows_progress(true, false, 1000, OutputFormat::Human));
        for format in [
            OutputFormat::Json,
            OutputFormat::Sarif,
            OutputFormat::Github,
        ] {
            assert!(!shows_progress(true, true, 1000, format));
        }
    }
}
