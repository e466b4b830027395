//! `cargo xtask fuzz --seconds N`: every cargo-fuzz target of `fuzz/` for N
//! seconds, seeded from `fixtures/`, and a table of what each reached.
//! `--seeds-only` runs each target once over its seeds: deterministic, so
//! that CI keeps the targets building and the fixtures passing.
//!
//! cargo-fuzz needs a nightly toolchain: without one the run is skipped
//! with a message (and succeeds); cargo-fuzz itself is installed from the
//! crate registry when missing. New corpus entries go to `fuzz/corpus/`
//! (not committed), crashes to `fuzz/artifacts/`, the table to
//! `target/fuzz/report.md`. The run fails when any target finds a crash.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use conformance::{CATALOGUE, Manifest, Role};

use crate::{project_root, target_dir};

/// The targets, and for a decoder target the API whose fixtures seed it.
const TARGETS: [(&str, Option<&str>); 5] = [
    ("decode_qnits", Some("qnits")),
    ("decode_saplab", Some("saplab")),
    ("decode_ucoz", Some("ucoz")),
    ("encoders", None),
    ("oauth_signer", None),
];

/// What one target reached.
struct Outcome {
    target: &'static str,
    executions: Option<u64>,
    coverage: Option<u64>,
    corpus: Option<u64>,
    peak_rss_mb: Option<u64>,
    crashed: bool,
}

pub(crate) fn run(seconds: Option<u64>) -> Result<bool, String> {
    let root = project_root();
    let toolchains = Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if !toolchains.lines().any(|l| l.starts_with("nightly")) {
        println!(
            "fuzz: skipped, no nightly toolchain (cargo-fuzz needs one; `rustup toolchain list`)"
        );
        return Ok(true);
    }
    let has_cargo_fuzz = Command::new("cargo")
        .args(["+nightly", "fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_cargo_fuzz {
        println!("fuzz: installing cargo-fuzz from the crate registry");
        let status = Command::new("cargo")
            .args(["install", "cargo-fuzz", "--locked"])
            .status()
            .map_err(|e| format!("cannot run cargo install: {e}"))?;
        if !status.success() {
            return Err("cargo install cargo-fuzz failed".to_owned());
        }
    }

    let seeds_root = target_dir()?.join("fuzz/seeds");
    let mut outcomes = Vec::new();
    for (target, api) in TARGETS {
        let seeds = seeds_root.join(target);
        write_seeds(&seeds, api)?;
        let mut command = Command::new("cargo");
        command
            .current_dir(&root)
            .args(["+nightly", "fuzz", "run", "--release", target]);
        match seconds {
            Some(seconds) => {
                let corpus = root.join("fuzz/corpus").join(target);
                std::fs::create_dir_all(&corpus)
                    .map_err(|e| format!("{}: {e}", corpus.display()))?;
                println!("fuzz: {target} for {seconds} s");
                command
                    .arg(&corpus)
                    .arg(&seeds)
                    .arg("--")
                    .arg(format!("-max_total_time={seconds}"));
            }
            None => {
                println!("fuzz: {target} over its seeds");
                command.arg(&seeds).args(["--", "-runs=0"]);
            }
        }
        let output = command
            .args(["-max_len=65536", "-rss_limit_mb=4096", "-timeout=20"])
            .args(["-print_final_stats=1"])
            .output()
            .map_err(|e| format!("cannot run cargo fuzz: {e}"))?;
        let log = String::from_utf8_lossy(&output.stderr);
        let outcome = read_outcome(target, &log, output.status.success());
        if outcome.crashed {
            let tail: Vec<&str> = log.lines().rev().take(40).collect();
            eprintln!("{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
        }
        outcomes.push(outcome);
    }

    let report = render(&outcomes, seconds);
    println!("{report}");
    let out = target_dir()?.join("fuzz/report.md");
    std::fs::write(&out, &report).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("written to {}", out.display());
    Ok(outcomes.iter().all(|o| !o.crashed))
}

/// Every fixture as a seed: a response with its decoder's index and status
/// in front, for a decoder target; every fixture's bytes as they are for
/// the others.
fn write_seeds(dir: &Path, api: Option<&str>) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    };
    match api {
        Some(api) => {
            let mut endpoints: Vec<&str> = CATALOGUE
                .iter()
                .filter(|e| e.api == api)
                .map(|e| e.title.split(' ').next().unwrap_or(e.title))
                .collect();
            endpoints.sort();
            let manifest = Manifest::load(api);
            for fixture in manifest
                .fixtures
                .iter()
                .filter(|f| f.role == Role::Response)
            {
                let Some(index) = endpoints.iter().position(|e| *e == fixture.endpoint) else {
                    continue;
                };
                // `fuzz/src/lib.rs` reads the status as 100 + these two bytes.
                let status = fixture.status.unwrap_or(200).saturating_sub(100);
                let mut seed = vec![index as u8];
                seed.extend(status.to_be_bytes());
                seed.extend(manifest.read(&fixture.file));
                write(&fixture.file, &seed)?;
            }
        }
        None => {
            for api in crate::flags::APIS {
                let manifest = Manifest::load(api);
                for fixture in &manifest.fixtures {
                    write(
                        &format!("{api}-{}", fixture.file),
                        &manifest.read(&fixture.file),
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// The figures libFuzzer prints at the end of a run.
fn read_outcome(target: &'static str, log: &str, success: bool) -> Outcome {
    let stat = |name: &str| {
        log.lines()
            .find_map(|l| l.strip_prefix(&format!("stat::{name}:")))
            .and_then(|v| v.trim().parse().ok())
    };
    // `#12345	DONE   cov: 1234 ft: 5678 corp: 90/12Kb …`
    let done = log
        .lines()
        .rev()
        .find(|l| l.contains("DONE") || l.contains("cov:"));
    let field = |name: &str| {
        done.and_then(|l| l.split_whitespace().skip_while(|w| *w != name).nth(1))
            .and_then(|v| v.split('/').next())
            .and_then(|v| v.parse().ok())
    };
    Outcome {
        target,
        executions: stat("number_of_executed_units"),
        coverage: field("cov:"),
        corpus: field("corp:"),
        peak_rss_mb: stat("peak_rss_mb"),
        crashed: !success,
    }
}

fn render(outcomes: &[Outcome], seconds: Option<u64>) -> String {
    let shown = |v: Option<u64>| v.map_or("?".to_owned(), |v| v.to_string());
    let how = match seconds {
        Some(seconds) => format!("Each target ran for {seconds} s."),
        None => "Each target ran once over its seeds.".to_owned(),
    };
    let mut text = format!(
        "# Fuzzing\n\n{how}\n\n\
         | target | executions | executions/s | coverage (edges) | corpus | peak RSS (MB) | result |\n\
         |---|---:|---:|---:|---:|---:|---|\n"
    );
    for o in outcomes {
        let rate = o
            .executions
            .zip(seconds)
            .map(|(e, s)| (e / s.max(1)).to_string());
        let _ = writeln!(
            text,
            "| {} | {} | {} | {} | {} | {} | {} |",
            o.target,
            shown(o.executions),
            rate.unwrap_or_else(|| "?".to_owned()),
            shown(o.coverage),
            shown(o.corpus),
            shown(o.peak_rss_mb),
            if o.crashed {
                format!("CRASH (fuzz/artifacts/{}/)", o.target)
            } else {
                "no crash".to_owned()
            },
        );
    }
    text
}
