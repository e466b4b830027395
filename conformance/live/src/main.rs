//! `conformance-live <qnits|saplab|ucoz> [--allow-writes] [--save-fixtures [DIR]]`,
//! run by `cargo xtask conformance --live <api>`.
//!
//! Calls every safe (read-only) endpoint of one API on a real shop whose base
//! URL and credentials come from the environment (the README's names),
//! decodes each answer and lists the fields the documents do not name. With
//! `--allow-writes` it also creates, changes and removes objects of its own,
//! and nothing else. With `--save-fixtures` it writes the answers, secrets and
//! personal data scrubbed, into `fixtures/<api>/live/` and the API's manifest.
//!
//! Exit status: 0 when every call decoded, 1 when one did not, 2 when the
//! command line or the environment is incomplete (it says what is missing).
#![forbid(unsafe_code)]

mod fixtures;
mod probe;
mod scrub;
mod targets;

use std::path::PathBuf;
use std::process::ExitCode;

use probe::Run;

const USAGE: &str =
    "usage: conformance-live <qnits|saplab|ucoz> [--allow-writes] [--save-fixtures [DIR]]";

#[derive(Debug)]
struct Options {
    api: String,
    allow_writes: bool,
    /// Where to save answers: the fixtures folder (or a stand-in for tests).
    save_to: Option<PathBuf>,
}

fn parse(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut args = args.peekable();
    let api = args.next().ok_or("which API? one of qnits, saplab, ucoz")?;
    if !["qnits", "saplab", "ucoz"].contains(&api.as_str()) {
        return Err(format!("unknown API {api:?}; one of qnits, saplab, ucoz"));
    }
    let mut options = Options {
        api,
        allow_writes: false,
        save_to: None,
    };
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--allow-writes" => options.allow_writes = true,
            "--save-fixtures" => {
                let dir = match args.peek() {
                    Some(next) if !next.starts_with("--") => PathBuf::from(args.next().unwrap()),
                    _ => fixtures::project_fixtures(),
                };
                options.save_to = Some(dir);
            }
            other => return Err(format!("unknown flag {other:?}")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut run = match Run::new(options.allow_writes) {
        Ok(run) => run,
        Err(error) => {
            eprintln!("error: {}", shop_apis_core::report(&error));
            return ExitCode::FAILURE;
        }
    };
    let target = match options.api.as_str() {
        "qnits" => targets::qnits(&mut run),
        "saplab" => targets::saplab(&mut run),
        _ => targets::ucoz(&mut run),
    };
    let target = match target {
        Ok(target) => target,
        Err(missing) => {
            eprintln!(
                "error: --live {} needs these environment variables (see the README): {}",
                options.api,
                missing.join(", ")
            );
            return ExitCode::from(2);
        }
    };

    let report = run.report(&options.api, &target.host);
    println!("{report}");
    let out_dir = fixtures::report_dir();
    let out = out_dir.join(format!("live-{}.md", options.api));
    if let Err(e) = std::fs::create_dir_all(&out_dir).and_then(|()| std::fs::write(&out, &report)) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    println!("written to {}", out.display());

    if let Some(dir) = &options.save_to {
        match fixtures::save(dir, &options.api, &target, run.probes()) {
            Ok(saved) => println!(
                "saved {saved} answer(s) under {}",
                dir.join(&options.api).join("live").display()
            ),
            Err(e) => {
                eprintln!("error: saving fixtures: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if run.failures() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
