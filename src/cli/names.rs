//! `copydesk names`: each draft's name ledger, for an editor reading a long piece before
//! publication.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{json, Value};

use super::{config_error, input, Configs};
use crate::lines::LineIndex;
use crate::prose::{Document, Format};
use crate::rules::NameEntry;

#[derive(Debug, clap::Args)]
pub struct NamesArgs {
    /// Files and folders to read (folders are searched for .md, .markdown and .txt files,
    /// respecting .gitignore). Defaults to the current folder.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = NamesFormat::Human)]
    pub format: NamesFormat,
    /// Use this configuration file instead of looking for copydesk.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

/// How `copydesk names` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NamesFormat {
    /// A table per draft.
    Human,
    /// One JSON object per draft.
    Json,
}

/// One draft's ledger.
struct Ledger {
    path: String,
    source: String,
    names: Vec<NameEntry>,
}

/// Prints every draft's name ledger. Exit status 2 when a file cannot be read or a
/// configuration is broken, else 0.
pub fn run(args: &NamesArgs) -> ExitCode {
    let mut failed = false;
    let mut configs = match Configs::new(args.config.as_deref()) {
        Ok(c) => c,
        Err(e) => return config_error(&e),
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut ledgers = Vec::new();
    for found in input::collect(&paths) {
        let file = match found {
            Ok(file) => file,
            Err(message) => {
                eprintln!("copydesk: error: {message}");
                failed = true;
                continue;
            }
        };
        let name = file.display().to_string();
        let source = match std::fs::read(&file) {
            Ok(bytes) => match input::decode(&name, bytes) {
                Ok(decoded) => decoded.text,
                Err(message) => {
                    eprintln!("copydesk: error: {message}");
                    failed = true;
                    continue;
                }
            },
            Err(e) => {
                eprintln!("copydesk: error: {name}: cannot read: {e}");
                failed = true;
                continue;
            }
        };
        let config = match configs.for_file(Some(&file)) {
            Ok(c) => c,
            Err(e) => return config_error(&e),
        };
        let doc = Document::parse(&source, Format::from_path(&file));
        let names = crate::rules::name_ledger(&doc, &config);
        ledgers.push(Ledger {
            path: name,
            source,
            names,
        });
    }
    let stdout = io::stdout();
    let written = match args.format {
        NamesFormat::Json => json_out(&mut stdout.lock(), &ledgers),
        NamesFormat::Human => table(&mut stdout.lock(), &ledgers),
    };
    if let Err(e) = written.and_then(|()| stdout.lock().flush()) {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("copydesk: error: cannot write output: {e}");
            failed = true;
        }
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// One object per draft: its path and its names, each with its spellings (text, count, first
/// line), the preferred spelling (or null) and why.
fn json_out(out: &mut impl Write, ledgers: &[Ledger]) -> io::Result<()> {
    let items: Vec<Value> = ledgers
        .iter()
        .map(|l| {
            let index = LineIndex::new(&l.source);
            json!({
                "path": l.path,
                "names": l.names.iter().map(|n| json!({
                    "spellings": n.spellings.iter().map(|s| json!({
                        "text": s.text,
                        "count": s.count,
                        "first_line": index.line_col(s.first).0,
                    })).collect::<Vec<_>>(),
                    "preferred": n.preferred,
                    "reason": n.reason,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}

/// A table per draft: one row per name, its spellings with counts and first lines, and the
/// preferred spelling with why. Names with variants are marked with `!`.
fn table(out: &mut impl Write, ledgers: &[Ledger]) -> io::Result<()> {
    for (n, l) in ledgers.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        let index = LineIndex::new(&l.source);
        let variants = l.names.iter().filter(|e| e.spellings.len() > 1).count();
        writeln!(
            out,
            "{}: {} {}, {} with variant spellings",
            l.path,
            l.names.len(),
            if l.names.len() == 1 { "name" } else { "names" },
            variants
        )?;
        let rows: Vec<(String, String)> = l
            .names
            .iter()
            .map(|e| {
                let spellings = e
                    .spellings
                    .iter()
                    .map(|s| {
                        format!(
                            "{} ×{} (line {})",
                            s.text,
                            s.count,
                            index.line_col(s.first).0
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let mark = if e.spellings.len() > 1 { "! " } else { "  " };
                let preferred = match (&e.preferred, e.spellings.len() > 1) {
                    (Some(p), true) => format!("→ {p} ({})", e.reason),
                    (None, true) => format!("→ none preferred ({})", e.reason),
                    (Some(p), false) if e.spellings.first().is_some_and(|s| s.text != *p) => {
                        format!("→ {p} ({})", e.reason)
                    }
                    _ => String::new(),
                };
                (format!("{mark}{spellings}"), preferred)
            })
            .collect();
        let width = rows
            .iter()
            .map(|(s, _)| s.chars().count())
            .max()
            .unwrap_or(0);
        for (spellings, preferred) in rows {
            let pad = width - spellings.chars().count();
            let line = format!("  {spellings}{}  {preferred}", " ".repeat(pad));
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    Ok(())
}
