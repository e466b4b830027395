//! `cargo xtask bench`: the benchmarks in one run, and the table of ratios.
//!
//! Criterion times every case of the `bench` package (short warm-up and
//! measurement, so the whole run takes a few minutes on two cores); then
//! `bench-report` reads those times, measures memory and instructions, times
//! PHP's `json_decode` and Python's `json.loads` over the same pages where
//! they are installed, and prints each ratio beside its target, writing
//! `bench/report.md` and `bench/scaling.svg` under the target directory.

use std::process::Command;

use crate::{cargo, project_root, target_dir};

/// The criterion benchmarks the report reads.
const BENCHES: [&str; 3] = ["decode", "sign", "adapters"];

pub(crate) fn run() -> Result<bool, String> {
    let root = project_root();
    let cargo = cargo();
    let target = target_dir()?;

    let mut criterion = Command::new(&cargo);
    criterion
        .current_dir(&root)
        .args(["bench", "--package", "bench"]);
    for bench in BENCHES {
        criterion.args(["--bench", bench]);
    }
    criterion.args(["--", "--warm-up-time", "1", "--measurement-time", "3"]);
    run_step("criterion", &mut criterion)?;

    run_step(
        "build the report",
        Command::new(&cargo).current_dir(&root).args([
            "build",
            "--quiet",
            "--release",
            "--package",
            "bench",
            "--bins",
        ]),
    )?;
    let report = target.join("release").join("bench-report");
    run_step(
        "report",
        Command::new(report)
            .current_dir(&root)
            .arg(target.join("criterion"))
            .arg(target.join("bench")),
    )?;
    Ok(true)
}

fn run_step(name: &str, command: &mut Command) -> Result<(), String> {
    eprintln!("==> {name}");
    let status = command
        .status()
        .map_err(|e| format!("{name}: cannot start: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{name} failed ({status})"))
    }
}
