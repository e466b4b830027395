//! `cargo xtask conformance`: run the suites, read the results, show the gaps.
//!
//! Each suite is one test binary of the `conformance` crate. Results are read
//! from libtest's `test <name> ... ok` lines; the endpoint table comes from
//! [`conformance::CATALOGUE`] and the quirk table from `docs/quirks.md`, whose
//! citations of the vendors' documents are checked first ([`crate::citations`]).
//! A required check with no test, a quirk whose tests did not run, a citation
//! that does not hold and any failed test all make the run fail.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::Command;

use conformance::{CATALOGUE, Check, Endpoint};

use crate::citations;
use crate::flags::ConformanceOptions;
use crate::{Ended, cargo, passed_on, project_root, target_dir};

/// The suites, in the order they run: `(name, package, test binary, what)`.
/// Of the reliability binary only the dropout test (requiredness) and the
/// serialisation round trips run here; its fault and load tests run with
/// `cargo test --workspace`.
const SUITES: [(&str, &str, &str, &str); 4] = [
    (
        "quirks",
        "conformance",
        "quirks",
        "wire quirks (property tests, shared decoders and encoders)",
    ),
    (
        "endpoints",
        "conformance",
        "endpoints",
        "every endpoint: document, errors, properties, end to end, generated round trips",
    ),
    (
        "reliability",
        "conformance",
        "reliability",
        "requiredness and serialisation: every answer with each field left out or sent empty, and read back from its JSON",
    ),
    (
        "live",
        "conformance-live",
        "against_emulator",
        "the --live run, pointed at the emulator",
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Passed,
    Failed,
    Ignored,
}

/// Outcomes by `<suite>::<test name>`.
type Results = BTreeMap<String, Outcome>;

pub(crate) fn run(options: &ConformanceOptions) -> Result<Ended, String> {
    if let Some(api) = &options.live {
        return live(api, options);
    }
    let quirks = std::fs::read_to_string(project_root().join("docs/quirks.md"))
        .map_err(|e| format!("cannot read docs/quirks.md: {e}"))?;
    println!("==> citations: docs/quirks.md against the vendors' documents");
    let (citation_lines, citations_ok) = citations::run(&quirks, &citations::seeds_dir())?;
    for line in &citation_lines {
        println!("    {line}");
    }

    let mut results = Results::new();
    let mut suites_ok = true;
    for (index, (suite, package, binary, what)) in SUITES.iter().enumerate() {
        println!(
            "==> suite {} of {}, {suite}: {what}",
            index + 1,
            SUITES.len()
        );
        let started = std::time::Instant::now();
        let filters = match (*suite, &options.api) {
            ("endpoints", Some(api)) => vec![format!("{api}::")],
            ("live", Some(api)) => vec![api.clone()],
            ("reliability", Some(api)) => vec![
                format!("dropout::every_{api}_"),
                format!("serialised::every_{api}_"),
            ],
            ("reliability", None) => vec!["dropout::".to_owned(), "serialised::".to_owned()],
            _ => Vec::new(),
        };
        let (ok, suite_results) = run_suite(package, binary, &filters)?;
        let passed = suite_results
            .values()
            .filter(|o| **o == Outcome::Passed)
            .count();
        let failed = suite_results
            .values()
            .filter(|o| **o == Outcome::Failed)
            .count();
        println!(
            "    {passed} passed, {failed} failed, in {:.0?}",
            started.elapsed()
        );
        suites_ok &= ok;
        results.extend(
            suite_results
                .into_iter()
                .map(|(name, o)| (format!("{suite}::{name}"), o)),
        );
    }

    let (endpoint_table, endpoint_gaps) =
        endpoint_table(CATALOGUE, &results, options.api.as_deref());
    let (quirk_table, quirk_gaps) = quirk_table(&quirks, &results, options.api.as_deref())?;
    let failures: Vec<&String> = results
        .iter()
        .filter(|(_, o)| **o == Outcome::Failed)
        .map(|(name, _)| name)
        .collect();
    let uncatalogued = uncatalogued(CATALOGUE, &results);

    let mut report = String::from("# Conformance\n\n## Endpoints\n\n");
    report.push_str(&endpoint_table);
    if !uncatalogued.is_empty() {
        report.push_str("\nTested but missing from `conformance::CATALOGUE` (a gap each):\n\n");
        for endpoint in &uncatalogued {
            let _ = writeln!(report, "- `{endpoint}`");
        }
    }
    report.push_str("\n## Quirks (docs/quirks.md)\n\n");
    report.push_str(&quirk_table);
    report.push_str("\n## Citations (docs/quirks.md)\n\n");
    for line in &citation_lines {
        let _ = writeln!(report, "- {line}");
    }
    if !failures.is_empty() {
        report.push_str("\n## Failed tests\n\n");
        for name in &failures {
            let _ = writeln!(report, "- `{name}`");
        }
    }
    println!("\n{report}");

    let out_dir = target_dir()?.join("conformance");
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    for (file, text) in [
        ("report.md", report.clone()),
        (
            "endpoints.md",
            format!("# Endpoints × checks\n\n{endpoint_table}"),
        ),
        (
            "quirks.md",
            format!("# Quirks and the tests that pin them\n\n{quirk_table}"),
        ),
    ] {
        let out = out_dir.join(file);
        std::fs::write(&out, text).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    println!(
        "written to {} (report.md, endpoints.md, quirks.md)",
        out_dir.display()
    );

    let gaps = endpoint_gaps + quirk_gaps + uncatalogued.len();
    let ok = suites_ok && gaps == 0 && failures.is_empty() && citations_ok;
    if ok {
        println!("conformance: no gaps");
    } else {
        println!(
            "conformance: {gaps} gap(s), {} failed test(s), citations {}",
            failures.len(),
            if citations_ok { "hold" } else { "do NOT hold" }
        );
    }
    Ok(ok.into())
}

/// `cargo xtask conformance --live <api>`: the live binary, in the foreground.
fn live(api: &str, options: &ConformanceOptions) -> Result<Ended, String> {
    let mut command = Command::new(cargo());
    command.current_dir(project_root()).args([
        "run",
        "--quiet",
        "--package",
        "conformance-live",
        "--",
        api,
    ]);
    if options.allow_writes {
        command.arg("--allow-writes");
    }
    if options.save_fixtures {
        command.arg("--save-fixtures");
    }
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    // The live run exits 2 when its variables are missing; so does the task.
    Ok(passed_on(status))
}

/// Runs one test binary; returns whether it exited successfully and its results.
fn run_suite(package: &str, binary: &str, filters: &[String]) -> Result<(bool, Results), String> {
    let cargo = cargo();
    let mut command = Command::new(cargo);
    command
        .current_dir(project_root())
        .args([
            "test",
            "--quiet",
            "--package",
            package,
            "--test",
            binary,
            "--",
        ])
        .arg("--format=pretty")
        .args(filters);
    let output = command
        .output()
        .map_err(|e| format!("cannot run cargo test for {package} --test {binary}: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let results = parse_libtest(&stdout);
    if results.is_empty() && !output.status.success() {
        return Err(format!(
            "{package} --test {binary} did not run:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    if !output.status.success() {
        eprintln!("{stdout}");
    }
    Ok((output.status.success(), results))
}

/// Reads libtest's `test <name> ... ok|FAILED|ignored` lines.
fn parse_libtest(stdout: &str) -> Results {
    stdout
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("test ")?;
            let (name, outcome) = rest.rsplit_once(" ... ")?;
            let outcome = match outcome.trim() {
                "ok" => Outcome::Passed,
                "FAILED" => Outcome::Failed,
                o if o.starts_with("ignored") => Outcome::Ignored,
                _ => return None,
            };
            Some((name.to_owned(), outcome))
        })
        .collect()
}

/// Passed / failed / run counts of the tests at `path` (a test or a module).
fn tally(results: &Results, path: &str) -> (usize, usize) {
    let module = format!("{path}::");
    let matching = results
        .iter()
        .filter(|(name, _)| *name == path || name.starts_with(&module));
    let (mut passed, mut failed) = (0, 0);
    for (_, outcome) in matching {
        match outcome {
            Outcome::Passed => passed += 1,
            Outcome::Failed => failed += 1,
            Outcome::Ignored => {}
        }
    }
    (passed, failed)
}

fn cell(passed: usize, failed: usize) -> (String, bool) {
    match (passed, failed) {
        (0, 0) => ("GAP: no test".to_owned(), true),
        (p, 0) => (format!("pass ({p})"), false),
        (p, f) => (format!("FAILED ({f} of {})", p + f), true),
    }
}

fn endpoint_table(catalogue: &[Endpoint], results: &Results, api: Option<&str>) -> (String, usize) {
    let mut table = String::from("| API | endpoint |");
    for check in Check::ALL {
        let _ = write!(table, " {} |", check.title());
    }
    table.push_str("\n|---|---|");
    table.push_str(&"---|".repeat(Check::ALL.len()));
    table.push('\n');
    let mut gaps = 0;
    for endpoint in catalogue.iter().filter(|e| api.is_none_or(|a| a == e.api)) {
        let _ = write!(table, "| {} | {} |", endpoint.api, endpoint.title);
        for check in Check::ALL {
            let text = match endpoint.pending_reason(check) {
                Some(why) => format!("not yet: {why}"),
                None => {
                    let path = format!(
                        "endpoints::{}::{}::{}",
                        endpoint.api,
                        endpoint.module,
                        check.module()
                    );
                    let (passed, failed) = tally(results, &path);
                    let (text, gap) = cell(passed, failed);
                    gaps += usize::from(gap);
                    text
                }
            };
            let _ = write!(table, " {text} |");
        }
        table.push('\n');
    }
    (table, gaps)
}

/// `<api>::<endpoint>` of every endpoint with check tests that the catalogue
/// does not list: its row would be missing from the table, and its gaps unseen.
fn uncatalogued(catalogue: &[Endpoint], results: &Results) -> Vec<String> {
    let checks: Vec<&str> = Check::ALL.iter().map(|c| c.module()).collect();
    let mut missing: Vec<String> = results
        .keys()
        .filter_map(|name| {
            let parts: Vec<&str> = name.split("::").collect();
            match parts.as_slice() {
                ["endpoints", api, endpoint, check, ..] if checks.contains(check) => {
                    let listed = catalogue
                        .iter()
                        .any(|e| e.api == *api && e.module == *endpoint);
                    (!listed).then(|| format!("{api}::{endpoint}"))
                }
                _ => None,
            }
        })
        .collect();
    missing.dedup();
    missing
}

/// Splits a Markdown table row on `|`, keeping escaped `\|` inside cells.
pub(crate) fn cells(row: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = row.trim().trim_start_matches('|').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cells.last_mut().unwrap().push('|');
                chars.next();
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells.pop_if(|last| last.trim().is_empty());
    cells.iter().map(|c| c.trim().to_owned()).collect()
}

fn quirk_table(
    quirks: &str,
    results: &Results,
    api: Option<&str>,
) -> Result<(String, usize), String> {
    let mut table = String::from("| quirk | API | tests | result |\n|---|---|---|---|\n");
    let mut gaps = 0;
    let mut rows = 0;
    for line in quirks.lines().filter(|l| l.starts_with("| ")) {
        let row = cells(line);
        let Some(id) = row.first() else { continue };
        let is_quirk_id = id.len() >= 2
            && id.starts_with(|c: char| c.is_ascii_uppercase())
            && id[1..].bytes().all(|b| b.is_ascii_digit());
        if !is_quirk_id {
            continue;
        }
        if row.len() != 5 {
            return Err(format!(
                "docs/quirks.md: row {id} has {} cells, not 5",
                row.len()
            ));
        }
        let row_api = &row[1];
        let shared = row_api == "all";
        if api.is_some_and(|a| {
            !shared && !row_api.eq_ignore_ascii_case(a) && !row_api.to_lowercase().starts_with(a)
        }) {
            continue;
        }
        rows += 1;
        let tests: Vec<&str> = row[4].split('`').skip(1).step_by(2).collect();
        let (mut passed, mut failed, mut missing) = (0, 0, Vec::new());
        for test in &tests {
            let (p, f) = tally(results, test);
            if p + f == 0 {
                missing.push(*test);
            }
            passed += p;
            failed += f;
        }
        let result = if tests.is_empty() {
            gaps += 1;
            "GAP: no test named".to_owned()
        } else if !missing.is_empty() {
            gaps += 1;
            format!("GAP: did not run: {}", missing.join(", "))
        } else if failed > 0 {
            gaps += 1;
            format!("FAILED ({failed} of {})", passed + failed)
        } else {
            format!("pass ({passed})")
        };
        let shown: Vec<String> = tests.iter().map(|t| format!("`{t}`")).collect();
        let _ = writeln!(
            table,
            "| {id} | {row_api} | {} | {result} |",
            shown.join("<br>")
        );
    }
    if rows == 0 {
        return Err("docs/quirks.md has no quirk rows".to_owned());
    }
    Ok((table, gaps))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libtest_lines() {
        let results = parse_libtest(
            "running 3 tests\ntest a::b ... ok\ntest a::c ... FAILED\ntest d ... ignored, slow\ntest result: ok.",
        );
        assert_eq!(results["a::b"], Outcome::Passed);
        assert_eq!(results["a::c"], Outcome::Failed);
        assert_eq!(results["d"], Outcome::Ignored);
        assert_eq!(results.len(), 3);
    }

    #[test]
    fn tally_counts_a_module_or_a_test_but_not_a_prefix_of_a_name() {
        let results: Results = [
            ("s::m::x".to_owned(), Outcome::Passed),
            ("s::m::y".to_owned(), Outcome::Failed),
            ("s::mm::z".to_owned(), Outcome::Passed),
        ]
        .into();
        assert_eq!(tally(&results, "s::m"), (1, 1));
        assert_eq!(tally(&results, "s::m::x"), (1, 0));
        assert_eq!(tally(&results, "s::n"), (0, 0));
    }

    #[test]
    fn quirk_rows_need_tests_that_ran() {
        let doc = "| id | API | evidence | decision | tests |\n|---|---|---|---|---|\n\
                   | W1 | all | `001`:1 a \\| b | d | `quirks::w1` |\n\
                   | Q1 | Qnits | e | d | `endpoints::q::gone` |\n\
                   | Q2 | Qnits | e | d | none |\n";
        let results: Results = [("quirks::w1::t".to_owned(), Outcome::Passed)].into();
        let (table, gaps) = quirk_table(doc, &results, None).unwrap();
        assert_eq!(gaps, 2, "{table}");
        assert!(
            table.contains("| W1 | all | `quirks::w1` | pass (1) |"),
            "{table}"
        );
        let (_, gaps) = quirk_table(doc, &results, Some("saplab")).unwrap();
        assert_eq!(gaps, 0);
    }

    #[test]
    fn tested_endpoints_must_be_catalogued() {
        let catalogue = [Endpoint {
            api: "a",
            module: "e",
            title: "E",
            pending: &[],
        }];
        let results: Results = [
            (
                "endpoints::a::e::request_built::x".to_owned(),
                Outcome::Passed,
            ),
            (
                "endpoints::a::f::request_built::x".to_owned(),
                Outcome::Passed,
            ),
            ("endpoints::a::f::end_to_end::y".to_owned(), Outcome::Passed),
            ("endpoints::a::particulars::z".to_owned(), Outcome::Passed),
            ("quirks::w1::t".to_owned(), Outcome::Passed),
        ]
        .into();
        assert_eq!(uncatalogued(&catalogue, &results), ["a::f"]);
    }

    #[test]
    fn pending_checks_are_not_passes_and_missing_ones_are_gaps() {
        let catalogue = [Endpoint {
            api: "a",
            module: "e",
            title: "E",
            pending: &[(Check::EndToEnd, "later")],
        }];
        let results: Results = [(
            "endpoints::a::e::request_built::x".to_owned(),
            Outcome::Passed,
        )]
        .into();
        let (table, gaps) = endpoint_table(&catalogue, &results, Some("a"));
        assert!(table.contains("| pass (1) |"), "{table}");
        assert!(table.contains("not yet: later"), "{table}");
        assert!(table.contains("GAP: no test"), "{table}");
        assert_eq!(gaps, Check::ALL.len() - 2);
        let (_, gaps) = endpoint_table(&catalogue, &results, Some("b"));
        assert_eq!(gaps, 0);
    }
}
