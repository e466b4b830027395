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
mod mutants;
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
            Ok(Ended::Passed)
        }
        flags::Command::Conformance(options) => conformance::run(&options),
        flags::Command::Bench => bench::run().map(Ended::from),
        flags::Command::Fuzz { seconds } => fuzz::run(seconds).map(Ended::from),
        flags::Command::Mutants {
            shard,
            list,
            report,
        } => mutants::run(shard.as_deref(), list, report).map(Ended::from),
        flags::Command::Emulate { addr, tls } => emulate(addr.as_deref(), tls),
    };
    match result {
        Ok(Ended::Passed) => ExitCode::SUCCESS,
        Ok(Ended::Failed) => ExitCode::FAILURE,
        Ok(Ended::With(code)) => ExitCode::from(code),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the emulator's binary in the foreground until it stops.
fn emulate(addr: Option<&str>, tls: bool) -> Result<Ended, String> {
    let mut command = std::process::Command::new(cargo());
    command.current_dir(project_root()).args([
        "run",
        "--quiet",
        "--package",
        "shop-apis-emulator",
        "--",
    ]);
    command.args(addr);
    if tls {
        command.arg("--tls");
    }
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    Ok(passed_on(status))
}

/// The workspace root: the checkout `cargo xtask` runs in. Cargo names it
/// to the running task (`CARGO_MANIFEST_DIR` is set for `cargo run` too);
/// the path xtask was compiled at is only the fallback, because a target
/// directory shared by two checkouts holds one xtask binary for both.
fn project_root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest_dir
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// The target directory cargo uses for this workspace, as `cargo metadata`
/// reports it: `CARGO_TARGET_DIR`, `build.target-dir`, or `target/` of the
/// root. Reports go there, beside what cargo built.
fn target_dir() -> Result<PathBuf, String> {
    let output = std::process::Command::new(cargo())
        .current_dir(project_root())
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    metadata["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .ok_or_else(|| "cargo metadata names no target_directory".to_owned())
}

/// The cargo that runs this task.
fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// The exit status a task passes on: its child's own code when the child
/// said something with it (the live run's 2, "variables missing"), else
/// failure.
fn passed_on(status: std::process::ExitStatus) -> Ended {
    match status.code() {
        Some(0) => Ended::Passed,
        Some(code @ 2..=255) => Ended::With(code as u8),
        _ => Ended::Failed,
    }
}

/// How a task ended.
#[derive(Debug, PartialEq, Eq)]
enum Ended {
    Passed,
    Failed,
    /// A child's exit code, passed on as it is.
    With(u8),
}

impl From<bool> for Ended {
    fn from(passed: bool) -> Self {
        if passed { Ended::Passed } else { Ended::Failed }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_childs_own_exit_code_is_passed_on() {
        let exit = |code: &str| {
            std::process::Command::new("sh")
                .args(["-c", &format!("exit {code}")])
                .status()
                .unwrap()
        };
        assert_eq!(passed_on(exit("0")), Ended::Passed);
        assert_eq!(passed_on(exit("1")), Ended::Failed);
        assert_eq!(passed_on(exit("2")), Ended::With(2));
    }

    /// `CARGO_TARGET_DIR` moves the reports with the build.
    #[test]
    fn reports_follow_the_target_directory_cargo_uses() {
        let elsewhere = std::env::temp_dir().join("xtask-target-dir-check");
        let output = std::process::Command::new(cargo())
            .current_dir(project_root())
            .env("CARGO_TARGET_DIR", &elsewhere)
            .args([
                "metadata",
                "--format-version",
                "1",
                "--no-deps",
                "--offline",
            ])
            .output()
            .unwrap();
        let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(metadata["target_directory"], elsewhere.to_str().unwrap());
        assert!(target_dir().unwrap().is_absolute());
    }
}
