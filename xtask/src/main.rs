//! Project automation, run as `cargo xtask <command>` (the alias is in
//! `.cargo/config.toml`).
//!
//! - `conformance [--api qnits|saplab|ucoz]`: runs the conformance suites,
//!   prints the endpoint × check table and the quirk table, writes both to
//!   `target/conformance/report.md`, and fails on any gap or failure.
#![forbid(unsafe_code)]

mod conformance;
mod flags;
#[cfg(test)]
mod tidy;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let command = match flags::parse(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}\n\n{}", flags::USAGE);
            return ExitCode::from(2);
        }
    };
    let result = match command {
        flags::Command::Help => {
            println!("{}", flags::USAGE);
            Ok(true)
        }
        flags::Command::Conformance(options) => conformance::run(&options),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root.
fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}
