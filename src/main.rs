//! The `copydesk` command: parses arguments and dispatches.

use clap::Parser;

fn main() -> std::process::ExitCode {
    copydesk::cli::run(copydesk::cli::Cli::parse())
}
