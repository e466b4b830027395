//! `cargo xtask mutants [--shard K/N] [--list]`: mutation testing of the
//! modules whose every line matters, with the conformance tests as the
//! suite, since most tests live there.
//!
//! cargo-mutants (installed from the crate registry when missing) mutates a
//! copy of the committed tree, `target/mutants/tree`, reset to `HEAD` before
//! each run (so a run stopped midway leaves nothing behind), and builds it
//! into `target/mutants/target`, kept between runs so that only the first
//! builds everything. Every mutant is tested with cargo-nextest over the
//! tests of the mutated crates and of `conformance`, but for the hostile
//! bodies of 10 MB, which only check that decoders do not panic or hang (the
//! fuzz targets' job) and would take most of the time. Results go to
//! `target/mutants/mutants.out/` and, counted per module, to
//! `target/mutants/report.md`. Not part of `.ci/run`: the whole run takes
//! hours on two cores, hence `--shard`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use crate::{cargo, project_root, target_dir};

/// The files mutated, each with the module it belongs to.
const MODULES: [(&str, &str); 5] = [
    ("crates/shop-apis-core/src/wire/*.rs", "shop-apis-core wire"),
    (
        "crates/shop-apis-core/src/encode.rs",
        "shop-apis-core encode",
    ),
    ("crates/ucoz-proto/src/oauth.rs", "ucoz-proto oauth"),
    (
        "crates/shop-apis-adapter/src/retry.rs",
        "shop-apis-adapter retry",
    ),
    (
        "crates/shop-apis-adapter/src/call.rs",
        "shop-apis-adapter call",
    ),
];

/// The packages whose tests judge every mutant.
const TEST_PACKAGES: [&str; 4] = [
    "shop-apis-core",
    "ucoz-proto",
    "shop-apis-adapter",
    "conformance",
];

/// Left out of every mutant's run (nextest's filter language).
const SKIPPED_TESTS: &str = "not test(/^hostile::hostile_bodies_into_/)";

/// What `cargo nextest run` is given for the baseline and every mutant.
const TEST_ARGS: [&str; 3] = [
    "--filterset",
    SKIPPED_TESTS,
    // Most of the suite waits on sockets and timers, not the processor.
    "--test-threads=4",
];

pub(crate) fn run(shard: Option<&str>, list: bool) -> Result<bool, String> {
    let root = project_root();
    let work = target_dir()?.join("mutants");
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    install("cargo-mutants", &["mutants", "--version"])?;
    install("cargo-nextest", &["nextest", "--version"])?;
    let tree = work.join("tree");
    reset_tree(&root, &tree)?;

    let cargo_in_tree = || {
        let mut command = Command::new(cargo());
        command
            .current_dir(&tree)
            .env("CARGO_TARGET_DIR", work.join("target"))
            // Line tables are enough for a failing test's backtrace, and link faster.
            .env("CARGO_PROFILE_DEV_DEBUG", "line-tables-only");
        command
    };
    let mut command = cargo_in_tree();
    command.args([
        "mutants",
        "--in-place",
        "--no-shuffle",
        "--test-tool",
        "nextest",
    ]);
    for (files, _) in MODULES {
        command.args(["--file", files]);
    }
    for package in TEST_PACKAGES {
        command.args(["--test-package", package]);
    }
    for arg in TEST_ARGS {
        command.arg(format!("--cargo-test-arg={arg}"));
    }
    if let Some(shard) = shard {
        command.args(["--shard", shard]);
    }
    if list {
        command.arg("--list");
        let status = command
            .status()
            .map_err(|e| format!("cannot run cargo mutants: {e}"))?;
        return Ok(status.success());
    }

    // cargo-mutants' own baseline tests only the mutated packages, not the
    // `--test-package` ones every mutant is judged by: the unmutated tree
    // is run here with exactly the mutants' command instead, which must
    // pass, and whose time sets the timeout.
    let mut baseline = cargo_in_tree();
    baseline.args(["nextest", "run", "--no-fail-fast"]);
    for package in TEST_PACKAGES {
        baseline.args(["--package", package]);
    }
    baseline.args(TEST_ARGS);
    println!("mutants: baseline, unmutated: {baseline:?}");
    let passed = baseline
        .status()
        .map_err(|e| format!("cannot run cargo nextest: {e}"))?
        .success();
    if !passed {
        return Err("the unmutated tree fails its tests: no mutant can be judged".to_owned());
    }
    // Timed once built: the tests alone.
    let started = std::time::Instant::now();
    let status = baseline
        .status()
        .map_err(|e| format!("cannot run cargo nextest: {e}"))?;
    let seconds = started.elapsed().as_secs();
    if !status.success() {
        return Err("the unmutated tree fails its tests on a second run: flaky".to_owned());
    }
    let timeout = (seconds * 3).max(120);
    println!(
        "mutants: baseline passed twice, {seconds} s the second time; test timeout {timeout} s"
    );
    command
        .args(["--baseline", "skip", "--timeout", &timeout.to_string()])
        .args(["--build-timeout", "900"])
        .arg("--output")
        .arg(&work);
    println!(
        "mutants: in {} (shard {}): {command:?}",
        tree.display(),
        shard.unwrap_or("all")
    );
    // cargo-mutants exits non-zero when a mutant survived; the report says.
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo mutants: {e}"))?;
    let outcomes = work.join("mutants.out/outcomes.json");
    let text = std::fs::read_to_string(&outcomes).map_err(|e| {
        format!(
            "{}: {e} (cargo mutants exited with {status})",
            outcomes.display()
        )
    })?;
    let report = render(&text, shard)?;
    println!("{report}");
    let out = work.join("report.md");
    std::fs::write(&out, &report).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("written to {}", out.display());
    Ok(!report.contains("| missed |") && status.success())
}

/// Installs `package` from the crate registry unless `cargo <probe>` works.
fn install(package: &str, probe: &[&str]) -> Result<(), String> {
    let present = Command::new(cargo())
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    if present {
        return Ok(());
    }
    println!("mutants: installing {package} from the crate registry");
    let status = Command::new(cargo())
        .args(["install", package, "--locked"])
        .status()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo install {package} failed"))
    }
}

/// `tree` as the committed `HEAD` of `root`, whatever a stopped run left.
fn reset_tree(root: &Path, tree: &Path) -> Result<(), String> {
    let git = |dir: &Path, args: &[&str]| -> Result<(), String> {
        let status = Command::new("git")
            .current_dir(dir)
            .args(args)
            .status()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!(
                "git {} failed in {}",
                args.join(" "),
                dir.display()
            ))
        }
    };
    if !tree.join(".git").is_dir() {
        let _ = std::fs::remove_dir_all(tree);
        let (root_text, tree_text) = (root.display().to_string(), tree.display().to_string());
        git(root, &["clone", "--quiet", &root_text, &tree_text])?;
    }
    let root_text = root.display().to_string();
    git(tree, &["fetch", "--quiet", &root_text, "HEAD"])?;
    git(tree, &["reset", "--quiet", "--hard", "FETCH_HEAD"])?;
    git(
        tree,
        &["clean", "--quiet", "-fdx", "--exclude", "/mutants.out"],
    )?;
    // The documents, where the checkout has them beside it, for the tests
    // that read them (they pass, saying so, without).
    let shared = root.join("../shared");
    let beside = tree.join("../shared");
    if shared.is_dir() && !beside.exists() {
        #[cfg(unix)]
        std::os::unix::fs::symlink(&shared, &beside)
            .map_err(|e| format!("{}: {e}", beside.display()))?;
    }
    Ok(())
}

/// The module a mutated file belongs to.
fn module_of(file: &str) -> &'static str {
    MODULES
        .iter()
        .find(|(glob, _)| match glob.strip_suffix("*.rs") {
            Some(dir) => file.starts_with(dir),
            None => file == *glob,
        })
        .map_or("other", |(_, module)| module)
}

/// Counts per module, and every mutant that was not caught.
fn render(outcomes: &str, shard: Option<&str>) -> Result<String, String> {
    let json: serde_json::Value =
        serde_json::from_str(outcomes).map_err(|e| format!("outcomes.json: {e}"))?;
    let mut counts: BTreeMap<&str, [u64; 4]> = BTreeMap::new();
    let mut uncaught = Vec::new();
    for outcome in json["outcomes"].as_array().into_iter().flatten() {
        let Some(mutant) = outcome["scenario"].get("Mutant") else {
            continue;
        };
        let file = mutant["file"].as_str().unwrap_or("?");
        let summary = outcome["summary"].as_str().unwrap_or("?");
        let column = match summary {
            "CaughtMutant" => 0,
            "MissedMutant" => 1,
            "Timeout" => 2,
            "Unviable" => 3,
            other => return Err(format!("outcomes.json: unknown summary {other:?}")),
        };
        counts.entry(module_of(file)).or_default()[column] += 1;
        if column == 1 || column == 2 {
            let line = mutant["span"]["start"]["line"].as_u64().unwrap_or(0);
            let name = mutant["name"].as_str().unwrap_or("?");
            let kind = if column == 1 { "missed" } else { "timeout" };
            uncaught.push(format!(
                "| {kind} | `{file}:{line}` | {} |",
                name.replace('|', "\\|")
            ));
        }
    }
    let mut text = format!(
        "# Mutation testing\n\nShard {} of the modules in xtask/src/mutants.rs; tests: {} (nextest, `{SKIPPED_TESTS}`).\n\n\
         | module | caught | missed | timed out | unviable |\n|---|---:|---:|---:|---:|\n",
        shard.unwrap_or("all"),
        TEST_PACKAGES.join(", ")
    );
    for (module, [caught, missed, timeout, unviable]) in &counts {
        let _ = writeln!(
            text,
            "| {module} | {caught} | {missed} | {timeout} | {unviable} |"
        );
    }
    if !uncaught.is_empty() {
        text.push_str("\n| outcome | where | mutant |\n|---|---|---|\n");
        for line in uncaught {
            text.push_str(&line);
            text.push('\n');
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_told_to_their_module() {
        assert_eq!(
            module_of("crates/shop-apis-core/src/wire/decimal.rs"),
            "shop-apis-core wire"
        );
        assert_eq!(
            module_of("crates/shop-apis-core/src/encode.rs"),
            "shop-apis-core encode"
        );
        assert_eq!(
            module_of("crates/shop-apis-adapter/src/call.rs"),
            "shop-apis-adapter call"
        );
        assert_eq!(module_of("crates/shop-apis-core/src/json.rs"), "other");
    }

    #[test]
    fn counts_every_outcome_and_lists_the_uncaught() {
        let outcomes = r#"{"outcomes": [
            {"scenario": "Baseline", "summary": "Success"},
            {"scenario": {"Mutant": {"file": "crates/ucoz-proto/src/oauth.rs", "name": "replace a with b",
                "span": {"start": {"line": 7, "column": 1}}}}, "summary": "CaughtMutant"},
            {"scenario": {"Mutant": {"file": "crates/ucoz-proto/src/oauth.rs", "name": "replace c | d",
                "span": {"start": {"line": 9, "column": 1}}}}, "summary": "MissedMutant"},
            {"scenario": {"Mutant": {"file": "crates/shop-apis-adapter/src/retry.rs", "name": "x",
                "span": {"start": {"line": 3, "column": 1}}}}, "summary": "Unviable"}
        ]}"#;
        let report = render(outcomes, Some("1/8")).unwrap();
        assert!(
            report.contains("| ucoz-proto oauth | 1 | 1 | 0 | 0 |"),
            "{report}"
        );
        assert!(
            report.contains("| shop-apis-adapter retry | 0 | 0 | 0 | 1 |"),
            "{report}"
        );
        assert!(
            report.contains("| missed | `crates/ucoz-proto/src/oauth.rs:9` | replace c \\| d |"),
            "{report}"
        );
        assert!(
            render(
                r#"{"outcomes": [{"scenario": {"Mutant": {}}, "summary": "Odd"}]}"#,
                None
            )
            .is_err()
        );
    }
}
