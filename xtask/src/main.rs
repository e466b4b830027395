//! Project automation, run as `cargo xtask <command>` (the alias is in
//! `.cargo/config.toml`).
//!
//! - `conformance [--api qnits|saplab|ucoz]`: checks the citations of
//!   `docs/quirks.md` against the vendors' documents, runs the conformance
//!   suites, prints the endpoint × check table and the quirk table, writes
//!   both to `target/conformance/report.md`, and fails on any gap or failure.
//! - `bench`: runs the benchmarks and prints each ratio beside its target
//!   (`target/bench/report.md`, `target/bench/scaling.svg`).
//! - `fuzz [--seconds N]`: runs every cargo-fuzz target of `fuzz/` for N
//!   seconds, seeded from `fixtures/` (`target/fuzz/report.md`).
//! - `emulate [--addr ADDR]`: runs the emulator in the foreground and prints
//!   each API's base URL and credentials.
#![forbid(unsafe_code)]

mod bench;
mod citations;
mod conformance;
mod flags;
mod fuzz;
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
        flags::Command::Bench => bench::run(),
        flags::Command::Fuzz { seconds } => fuzz::run(seconds),
        flags::Command::Emulate { addr } => emulate(addr.as_deref()),
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

/// Runs the emulator's binary in the foreground until it stops.
fn emulate(addr: Option<&str>) -> Result<bool, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = std::process::Command::new(cargo);
    command
        .current_dir(project_root())
        .args(["run", "--quiet", "--package", "emulator", "--"]);
    command.args(addr);
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    Ok(status.success())
}

/// The workspace root.
fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}
