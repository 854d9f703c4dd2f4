//! The command line: `copydesk check`, `copydesk names`, `copydesk rules` and
//! `copydesk server`.

mod names;
mod output;

use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

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
    /// Run the language server over standard input and output.
    Server,
    /// Show each draft's name ledger: every name, its spellings with counts and first line,
    /// and which spelling is preferred and why.
    Names(names::NamesArgs),
    /// List every rule with its id, default severity and summary.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
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
    /// in the output).
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Information,
    Hint,
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
        Command::Server => crate::server::run(),
        Command::Names(args) => names::run(&args),
        Command::Rules { format } => {
            output::rules(format);
            ExitCode::SUCCESS
        }
    }
}

fn check(args: &CheckArgs) -> ExitCode {
    let mut failed = false;
    let mut error = |message: String| {
        eprintln!("copydesk: error: {message}");
        failed = true;
    };
    let fixed_config = match &args.config {
        Some(path) => match Config::load(path) {
            Ok(c) => Some(c),
            Err(e) => {
                error(e.to_string());
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let mut configs = ConfigCache::default();

    let mut inputs: Vec<Input> = Vec::new();
    let from_stdin = args.stdin || args.paths.iter().any(|p| p.as_os_str() == "-");
    if from_stdin {
        inputs.push(Input::Stdin);
    }
    let paths: Vec<PathBuf> = if args.paths.is_empty() && !from_stdin {
        vec![PathBuf::from(".")]
    } else {
        args.paths
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .cloned()
            .collect()
    };
    for path in paths {
        if path.is_dir() {
            match walk(&path) {
                Ok(files) => inputs.extend(files.into_iter().map(Input::File)),
                Err(e) => error(format!("{}: {e}", path.display())),
            }
        } else if path.exists() {
            inputs.push(Input::File(path));
        } else {
            error(format!("{}: no such file or folder", path.display()));
        }
    }

    // Read every input first (reporting what cannot be read), then check them in parallel.
    let mut jobs: Vec<(String, String, Format, Config)> = Vec::new();
    for input in inputs {
        let (name, path_for_config, format, read) = match input {
            Input::Stdin => {
                let mut bytes = Vec::new();
                let read = std::io::stdin().read_to_end(&mut bytes).map(|_| bytes);
                let name = args
                    .stdin_filename
                    .as_ref()
                    .map_or("-".to_string(), |p| p.display().to_string());
                let format = args
                    .stdin_filename
                    .as_deref()
                    .map_or(Format::Text, Format::from_path);
                (name, args.stdin_filename.clone(), format, read)
            }
            Input::File(path) => {
                let read = std::fs::read(&path);
                let format = Format::from_path(&path);
                (path.display().to_string(), Some(path), format, read)
            }
        };
        let bytes = match read {
            Ok(b) => b,
            Err(e) => {
                error(format!("{name}: cannot read: {e}"));
                continue;
            }
        };
        let mut source = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                error(format!(
                    "{name}: not UTF-8 text (invalid byte at offset {}); skipped",
                    e.utf8_error().valid_up_to()
                ));
                continue;
            }
        };
        // Editors hide a byte-order mark; so do line and column numbers.
        if source.starts_with('\u{feff}') {
            source.drain(..'\u{feff}'.len_utf8());
        }
        let config = match &fixed_config {
            Some(c) => c.clone(),
            None => match configs.for_file(path_for_config.as_deref()) {
                Ok(c) => c,
                Err(e) => {
                    error(e.to_string());
                    return ExitCode::from(2);
                }
            },
        };
        jobs.push((name, source, format, config));
    }
    let checked: Vec<(Checked, Vec<crate::RuleFailure>)> = jobs
        .into_par_iter()
        .map(|(path, source, format, config)| {
            let outcome = crate::check(&source, format, &config);
            let checked = Checked {
                path,
                source,
                diagnostics: outcome.diagnostics,
            };
            (checked, outcome.failures)
        })
        .collect();
    let mut results = Vec::with_capacity(checked.len());
    for (c, failures) in checked {
        for f in &failures {
            error(format!("{}: rule {} failed: {}", c.path, f.rule, f.message));
        }
        results.push(c);
    }

    let stdout = std::io::stdout();
    let written = match args.format {
        OutputFormat::Json => output::json(&mut stdout.lock(), &results),
        OutputFormat::Human => {
            let color =
                stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            output::human(&mut stdout.lock(), &results, color)
        }
    };
    if let Err(e) = written.and_then(|()| stdout.lock().flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            error(format!("cannot write output: {e}"));
        }
    }
    if failed {
        return ExitCode::from(2);
    }
    let threshold = args.fail_on.threshold();
    let fails = results
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| threshold.is_some_and(|t| d.severity >= t));
    if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

enum Input {
    Stdin,
    File(PathBuf),
}

/// The drafts under a folder, sorted, honouring ignore files.
fn walk(dir: &Path) -> Result<Vec<PathBuf>, ignore::Error> {
    let mut files = Vec::new();
    for entry in ignore::WalkBuilder::new(dir).require_git(false).build() {
        let entry = entry?;
        let path = entry.path();
        let draft = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            ["md", "markdown", "txt"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        });
        if draft && entry.file_type().is_some_and(|t| t.is_file()) {
            files.push(path.to_path_buf());
        }
    }
    files.sort();
    Ok(files)
}

/// Configurations found by walking up from each file's folder, read once per folder.
#[derive(Default)]
struct ConfigCache {
    by_file: HashMap<PathBuf, Config>,
}

impl ConfigCache {
    fn for_file(&mut self, file: Option<&Path>) -> Result<Config, ConfigError> {
        let dir = file
            .and_then(|f| std::fs::canonicalize(f).ok())
            .and_then(|f| f.parent().map(Path::to_path_buf))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let Some(found) = config::discover(&dir) else {
            return Ok(Config::default());
        };
        if let Some(c) = self.by_file.get(&found) {
            return Ok(c.clone());
        }
        let c = Config::load(&found)?;
        self.by_file.insert(found, c.clone());
        Ok(c)
    }
}
