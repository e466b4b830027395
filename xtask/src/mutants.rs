//! `cargo xtask mutants [--shard K/N] [--list | --report]`: mutation testing of the
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
//! fuzz targets' job) and would take most of the time. Each shard's
//! results go to `target/mutants/shard-K-of-N/mutants.out/` and, counted
//! per module, to `target/mutants/shard-K-of-N/report.md` (`--report`
//! renders them again). Not part of `.ci/run`: the whole run takes
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

/// The packages whose tests judge every mutant: the mutated crates, the
/// two other protocol crates (which use `wire` throughout), and the
/// conformance suite. nextest runs no doctests.
const TEST_PACKAGES: [&str; 6] = [
    "shop-apis-core",
    "qnits-proto",
    "saplab-proto",
    "ucoz-proto",
    "shop-apis-adapter",
    "conformance",
];

/// The versions installed when missing, whose flags and output this reads.
const CARGO_MUTANTS: &str = "27.1.0";
const CARGO_NEXTEST: &str = "0.9.143";

/// Left out of every mutant's run (nextest's filter language).
const SKIPPED_TESTS: &str = "not test(/^hostile::hostile_bodies_into_/)";

/// What `cargo nextest run` is given for the baseline and every mutant.
const TEST_ARGS: [&str; 3] = [
    "--filterset",
    SKIPPED_TESTS,
    // Most of the suite waits on sockets and timers, not the processor.
    "--test-threads=4",
];

pub(crate) fn run(shard: Option<&str>, list: bool, report_only: bool) -> Result<bool, String> {
    let root = project_root();
    let work = target_dir()?.join("mutants");
    // Each shard keeps its own results beside the others'.
    let output = work.join(match shard {
        Some(shard) => format!("shard-{}", shard.replace('/', "-of-")),
        None => "all".to_owned(),
    });
    if report_only {
        return report(&output, shard);
    }
    std::fs::create_dir_all(&output).map_err(|e| format!("{}: {e}", output.display()))?;
    install("cargo-mutants", CARGO_MUTANTS, &["mutants", "--version"])?;
    install("cargo-nextest", CARGO_NEXTEST, &["nextest", "--version"])?;
    let tree = work.join("tree");
    reset_tree(&root, &tree)?;

    let cargo_in_tree = || {
        let mut command = Command::new(cargo());
        command
            .current_dir(&tree)
            .env("CARGO_TARGET_DIR", work.join("target"))
            // Line tables are enough for a failing test's backtrace, and link faster.
            .env("CARGO_PROFILE_DEV_DEBUG", "line-tables-only")
            // As cargo-mutants sets them for every mutant: snapshots are
            // compared, never written or accepted.
            .env("INSTA_UPDATE", "no")
            .env("INSTA_FORCE_PASS", "0")
            // The same random cases for the baseline and every mutant, so
            // that caught or missed does not depend on the draw.
            .env("PROPTEST_RNG_SEED", "20261204")
            // `.config/nextest.toml`: the library crates' quick unit tests first.
            .env("NEXTEST_PROFILE", "mutants");
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
        .arg(&output);
    // A report from an earlier run must never pass for this one's.
    let _ = std::fs::remove_dir_all(output.join("mutants.out"));
    println!(
        "mutants: in {} (shard {}): {command:?}",
        tree.display(),
        shard.unwrap_or("all")
    );
    // cargo-mutants exits 2 when a mutant survived and 3 when one timed
    // out, which the report shows; anything else is a failure of the run.
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo mutants: {e}"))?;
    if !matches!(status.code(), Some(0 | 2 | 3)) {
        return Err(format!("cargo mutants failed ({status}): no report"));
    }
    report(&output, shard)
}

/// Renders `output`'s results, prints them and writes them beside them.
fn report(output: &Path, shard: Option<&str>) -> Result<bool, String> {
    let outcomes = output.join("mutants.out/outcomes.json");
    let text =
        std::fs::read_to_string(&outcomes).map_err(|e| format!("{}: {e}", outcomes.display()))?;
    let (report, all_caught) = render(&text, shard)?;
    println!("{report}");
    let out = output.join("report.md");
    std::fs::write(&out, &report).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("written to {}", out.display());
    Ok(all_caught)
}

/// Installs `package` at `version` from the crate registry unless
/// `cargo <probe>` works.
fn install(package: &str, version: &str, probe: &[&str]) -> Result<(), String> {
    let present = Command::new(cargo())
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    if present {
        return Ok(());
    }
    println!("mutants: installing {package} {version} from the crate registry");
    let status = Command::new(cargo())
        .args(["install", package, "--version", version, "--locked"])
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

/// Counts per module, and every mutant that was not caught; and whether
/// every one was caught or unviable (none missed, timed out or other).
fn render(outcomes: &str, shard: Option<&str>) -> Result<(String, bool), String> {
    let json: serde_json::Value =
        serde_json::from_str(outcomes).map_err(|e| format!("outcomes.json: {e}"))?;
    let mut counts: BTreeMap<&str, [u64; 5]> = BTreeMap::new();
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
            // A failure cargo-mutants could not put down to the mutant.
            _ => 4,
        };
        counts.entry(module_of(file)).or_default()[column] += 1;
        if column == 1 || column == 2 || column == 4 {
            let line = mutant["span"]["start"]["line"].as_u64().unwrap_or(0);
            // The name starts with the place, shown in its own column.
            let name = mutant["name"].as_str().unwrap_or("?");
            let name = name
                .strip_prefix(file)
                .and_then(|rest| rest.splitn(4, ':').nth(3))
                .map_or(name, str::trim);
            let kind = match column {
                1 => "missed",
                2 => "timeout",
                _ => "other",
            };
            uncaught.push(format!(
                "| {kind} | `{file}:{line}` | {} |",
                name.replace('|', "\\|")
            ));
        }
    }
    let mut text = format!(
        "# Mutation testing\n\nShard {} of the modules in xtask/src/mutants.rs; tests: {} (nextest, `{SKIPPED_TESTS}`).\n\n\
         | module | caught | missed | timed out | unviable | other |\n|---|---:|---:|---:|---:|---:|\n",
        shard.unwrap_or("all"),
        TEST_PACKAGES.join(", ")
    );
    for (module, [caught, missed, timeout, unviable, other]) in &counts {
        let _ = writeln!(
            text,
            "| {module} | {caught} | {missed} | {timeout} | {unviable} | {other} |"
        );
    }
    let all_caught = uncaught.is_empty();
    if !all_caught {
        text.push_str("\n| outcome | where | mutant |\n|---|---|---|\n");
        for line in uncaught {
            text.push_str(&line);
            text.push('\n');
        }
    }
    Ok((text, all_caught))
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
        let (report, all_caught) = render(outcomes, Some("1/8")).unwrap();
        assert!(!all_caught);
        assert!(
            report.contains("| ucoz-proto oauth | 1 | 1 | 0 | 0 | 0 |"),
            "{report}"
        );
        assert!(
            report.contains("| shop-apis-adapter retry | 0 | 0 | 0 | 1 | 0 |"),
            "{report}"
        );
        assert!(
            report.contains("| missed | `crates/ucoz-proto/src/oauth.rs:9` | replace c \\| d |"),
            "{report}"
        );
        let (odd, all_caught) = render(
            r#"{"outcomes": [{"scenario": {"Mutant": {}}, "summary": "Failure"}]}"#,
            None,
        )
        .unwrap();
        assert!(!all_caught);
        assert!(odd.contains("| other | 0 | 0 | 0 | 0 | 1 |"), "{odd}");
        assert!(odd.contains("| other | `?:0` |"), "{odd}");
    }

    #[test]
    fn a_shard_whose_every_mutant_was_caught_or_unviable_passes() {
        // The table's header names the "missed" column: only the counts tell.
        let outcomes = r#"{"outcomes": [
            {"scenario": {"Mutant": {"file": "crates/ucoz-proto/src/oauth.rs", "name": "a",
                "span": {"start": {"line": 7, "column": 1}}}}, "summary": "CaughtMutant"},
            {"scenario": {"Mutant": {"file": "crates/ucoz-proto/src/oauth.rs", "name": "b",
                "span": {"start": {"line": 8, "column": 1}}}}, "summary": "Unviable"}
        ]}"#;
        let (report, all_caught) = render(outcomes, Some("5/8")).unwrap();
        assert!(all_caught, "{report}");
        assert!(
            report.contains("| ucoz-proto oauth | 1 | 0 | 0 | 1 | 0 |"),
            "{report}"
        );
        let timed_out = outcomes.replace("Unviable", "Timeout");
        assert!(!render(&timed_out, None).unwrap().1);
    }
}
