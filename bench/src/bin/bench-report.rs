//! The table `cargo xtask bench` prints: every ratio beside its target.
//!
//! `bench-report CRITERION_DIR OUT_DIR` reads the times criterion measured
//! (medians, one run), measures memory itself with a counting allocator,
//! counts instructions with callgrind where valgrind is installed, and writes
//! `OUT_DIR/report.md` and `OUT_DIR/scaling.svg`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use bench::{Kind, alloc, building, fixture, fixture_path, peers};

#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

/// The pages and sizes of the scaling table (as in `benches/decode.rs`).
const SCALING: [(Kind, &str); 2] = [
    (Kind::SaplabOrders, "SaplabOrders"),
    (Kind::UcozBaskets, "UcozBaskets"),
];
const SIZES: [usize; 4] = [10, 100, 1_000, 10_000];

/// One line of the table.
struct Row {
    what: String,
    measured: Option<f64>,
    unit: &'static str,
    target: Target,
}

#[derive(Clone, Copy)]
enum Target {
    AtMost(f64),
    Report,
}

impl Row {
    fn verdict(&self) -> &'static str {
        match (self.measured, self.target) {
            (None, Target::Report) => "skipped",
            (None, _) => "MISSING",
            (Some(_), Target::Report) => "",
            (Some(v), Target::AtMost(t)) if v <= t => "PASS",
            _ => "FAIL",
        }
    }

    fn target_text(&self) -> String {
        match self.target {
            Target::AtMost(t) => format!("≤ {t}{}", self.unit),
            Target::Report => "reported".to_owned(),
        }
    }

    fn measured_text(&self) -> String {
        match self.measured {
            Some(v) if v >= 100.0 => format!("{v:.0}{}", self.unit),
            Some(v) => format!("{v:.3}{}", self.unit),
            None => "—".to_owned(),
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(criterion), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: bench-report CRITERION_DIR OUT_DIR");
        std::process::exit(2);
    };
    let criterion = PathBuf::from(criterion);
    let out = PathBuf::from(out);
    let median = |group: &str, function: &str| median_ns(&criterion, group, function);
    let ratio = |group: &str, a: &str, b: &str| Some(median(group, a)? / median(group, b)?);

    let mut sections: Vec<(&str, Vec<Row>)> = Vec::new();

    // 1. Decode time.
    let mut rows = Vec::new();
    for kind in Kind::ALL {
        let group = format!("decode_{}", kind.fixture_name());
        rows.push(Row {
            what: format!("{}: typed / floor (time)", kind.fixture_name()),
            measured: ratio(&group, "typed", "floor"),
            unit: "×",
            target: Target::AtMost(1.10),
        });
        rows.push(Row {
            what: format!("{}: naive / typed (time)", kind.fixture_name()),
            measured: ratio(&group, "naive", "typed"),
            unit: "×",
            target: Target::Report,
        });
    }
    let instructions = instruction_ratios();
    for (kind, typed_floor) in &instructions {
        rows.push(Row {
            what: format!("{}: typed / floor (instructions)", kind.fixture_name()),
            measured: Some(*typed_floor),
            unit: "×",
            target: Target::AtMost(1.10),
        });
    }
    sections.push(("Decode", rows));

    // 2. Memory.
    let mut rows = Vec::new();
    for kind in Kind::ALL {
        let page = fixture(kind).expect("fixtures/bench/ is there");
        let (peak, count) = measure_decode(kind, &page.wire);
        rows.push(Row {
            what: format!(
                "{}: peak heap / body (1.0× the stretch)",
                kind.fixture_name()
            ),
            measured: Some(peak as f64 / page.wire.len() as f64),
            unit: "×",
            target: Target::AtMost(1.25),
        });
        rows.push(Row {
            what: format!("{}: allocations per item", kind.fixture_name()),
            measured: Some(count as f64 / page.items as f64),
            unit: "",
            target: Target::Report,
        });
    }
    sections.push(("Memory while decoding", rows));

    // 3. Build and sign.
    let mut rows = vec![Row {
        what: "OAuth signature of a 10-parameter PUT / bare HMAC-SHA1 (time)".to_owned(),
        measured: ratio("sign_ucoz_put_10", "signature", "bare_hmac"),
        unit: "×",
        target: Target::AtMost(2.0),
    }];
    if let Some(sign) = signing_instructions() {
        rows.push(Row {
            what: "OAuth signature / bare HMAC-SHA1 (instructions)".to_owned(),
            measured: Some(sign),
            unit: "×",
            target: Target::AtMost(2.0),
        });
    }
    for (name, build) in building::ALL {
        build(); // warm any lazy state before counting
        let start = alloc::start();
        std::hint::black_box(build());
        let (_, count) = alloc::since(start);
        rows.push(Row {
            what: format!("{name}: allocations per built request"),
            measured: Some(count as f64),
            unit: "",
            target: Target::Report,
        });
        rows.push(Row {
            what: format!("{name}: time to build"),
            measured: median("build", name),
            unit: " ns",
            target: Target::Report,
        });
    }
    sections.push(("Build and sign", rows));

    // 4. Adapters.
    let mut rows = Vec::new();
    for adapter in ["reqwest", "hyper"] {
        let group = format!("adapters_{adapter}");
        for (case, ours, plain) in [
            ("one at a time", "ours", "plain"),
            ("32 at once", "ours_x32", "plain_x32"),
        ] {
            rows.push(Row {
                what: format!("proto-{adapter} / plain {adapter}, {case} (time)"),
                measured: ratio(&group, ours, plain),
                unit: "×",
                target: Target::AtMost(1.05),
            });
        }
    }
    sections.push(("Adapters on loopback", rows));

    // 5. Scaling.
    let mut rows = Vec::new();
    let mut series = Vec::new();
    for (kind, group) in SCALING {
        let per_item: Vec<Option<f64>> = SIZES
            .iter()
            .map(|&items| {
                median(&format!("scaling_{group}"), &items.to_string()).map(|t| t / items as f64)
            })
            .collect();
        for (items, time) in SIZES.iter().zip(&per_item) {
            rows.push(Row {
                what: format!("{group}: time per item at {items} items"),
                measured: *time,
                unit: " ns",
                target: Target::Report,
            });
        }
        let known: Vec<f64> = per_item.iter().flatten().copied().collect();
        let spread = (known.len() == SIZES.len()).then(|| {
            let min = known.iter().copied().fold(f64::INFINITY, f64::min);
            let max = known.iter().copied().fold(0.0, f64::max);
            max / min
        });
        rows.push(Row {
            what: format!("{group}: slowest / fastest time per item, 10 to 10,000"),
            measured: spread,
            unit: "×",
            target: Target::AtMost(1.15),
        });
        series.push((format!("{kind:?}"), per_item));
        // The same in instructions, which the caches do not move.
        let profile = std::env::current_exe()
            .ok()
            .map(|me| me.with_file_name("bench-profile"));
        let per_item: Vec<Option<f64>> = SIZES
            .iter()
            .map(|&items| {
                let profile = profile.as_deref()?;
                let n = items.to_string();
                let name = format!("{kind:?}");
                let count = |way: &str| callgrind(profile, &["scale", &name, &n, way]);
                Some((count("typed")? - count("none")?) / items as f64)
            })
            .collect();
        if per_item.iter().all(Option::is_some) {
            let known: Vec<f64> = per_item.iter().flatten().copied().collect();
            for (items, count) in SIZES.iter().zip(&known) {
                rows.push(Row {
                    what: format!("{group}: instructions per item at {items} items"),
                    measured: Some(*count),
                    unit: "",
                    target: Target::Report,
                });
            }
            let min = known.iter().copied().fold(f64::INFINITY, f64::min);
            let max = known.iter().copied().fold(0.0, f64::max);
            rows.push(Row {
                what: format!("{group}: most / fewest instructions per item, 10 to 10,000"),
                measured: Some(max / min),
                unit: "×",
                target: Target::AtMost(1.15),
            });
        }
    }
    sections.push(("Scaling", rows));

    // 6. The decoders users run today.
    let mut rows = Vec::new();
    for peer in peers::ALL {
        if !peer.available() {
            let note = format!(
                "{}: `{}` not found, column skipped",
                peer.name, peer.program
            );
            eprintln!("{note}");
            rows.push(Row {
                what: note,
                measured: None,
                unit: "",
                target: Target::Report,
            });
            continue;
        }
        let version = peer.version().unwrap_or_default();
        for kind in Kind::ALL {
            // Timed as the peer is, in its own process, alternating with it
            // five times, the best of each kept: this machine's speed moves
            // by a third from one second to the next, and alternating puts
            // both through the same moments.
            let (mut typed, mut theirs): (Option<f64>, Option<f64>) = (None, None);
            for _ in 0..PEER_ALTERNATIONS {
                let ours = typed_best_of_rounds(kind);
                let peers = peer
                    .time_ns(&fixture_path(kind))
                    .map_err(|e| eprintln!("{e}"))
                    .ok();
                typed = best(typed, ours);
                theirs = best(theirs, peers);
            }
            rows.push(Row {
                what: format!(
                    "{}: {} ({version}), µs per decode",
                    kind.fixture_name(),
                    peer.name
                ),
                measured: theirs.map(|ns| ns / 1000.0),
                unit: " µs",
                target: Target::Report,
            });
            rows.push(Row {
                what: format!(
                    "{}: typed, µs per decode (timed beside {})",
                    kind.fixture_name(),
                    peer.name
                ),
                measured: typed.map(|ns| ns / 1000.0),
                unit: " µs",
                target: Target::Report,
            });
            rows.push(Row {
                what: format!("{}: typed / {} (time)", kind.fixture_name(), peer.name),
                measured: typed.zip(theirs).map(|(ours, theirs)| ours / theirs),
                unit: "×",
                // Faster than PHP's untyped decode is the goal; Python's is reported.
                target: if peer.program == "php" {
                    Target::AtMost(1.0)
                } else {
                    Target::Report
                },
            });
        }
    }
    sections.push((
        "Beside PHP and Python (each decode in its own process, rounds of ~50 ms; typed and the peer take turns five times, seven rounds each, and the best round of each is kept)",
        rows,
    ));

    let report = render(&sections);
    print!("{report}");
    std::fs::create_dir_all(&out).expect("the output folder can be made");
    std::fs::write(out.join("report.md"), &report).expect("the report is written");
    std::fs::write(out.join("scaling.svg"), plot(&series)).expect("the plot is written");
    println!("\nwritten to {} (report.md, scaling.svg)", out.display());
}

/// The median time, in nanoseconds, criterion measured for `group/function`.
fn median_ns(criterion: &Path, group: &str, function: &str) -> Option<f64> {
    let path = criterion
        .join(group)
        .join(function)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let estimates: serde_json::Value = serde_json::from_str(&text).ok()?;
    estimates["median"]["point_estimate"].as_f64()
}

/// The peak of live heap above what was live before, and the allocations, of
/// one typed decode of `wire` (the decoded answer counted, as it is alive at
/// the end).
fn measure_decode(kind: Kind, wire: &[u8]) -> (usize, usize) {
    kind.typed(wire).expect("the page decodes"); // warm once
    let start = alloc::start();
    let items = kind.typed(std::hint::black_box(wire));
    let measured = alloc::since(start);
    drop(items);
    measured
}

/// How many times the typed decode and a peer take turns on each page.
const PEER_ALTERNATIONS: usize = 5;

/// The smaller of two measurements, either of which may be missing.
fn best(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Nanoseconds per typed decode of `kind`'s page, timed by `bench-profile`
/// (no counting allocator there) the way the peers' scripts time theirs.
fn typed_best_of_rounds(kind: Kind) -> Option<f64> {
    let profile = std::env::current_exe()
        .ok()?
        .with_file_name("bench-profile");
    let output = Command::new(profile)
        .args([kind.fixture_name().as_str(), "time"])
        .output()
        .ok()?;
    String::from_utf8_lossy(&output.stdout).trim().parse().ok()
}

/// Instructions of the OAuth signature over the bare HMAC-SHA1 of the same
/// base string (`bench-profile sign`), less a run that does neither.
fn signing_instructions() -> Option<f64> {
    let profile = std::env::current_exe()
        .ok()?
        .with_file_name("bench-profile");
    let count = |way: &str| callgrind(&profile, &["sign", way, "200"]);
    let base = count("none")?;
    Some((count("typed")? - base) / (count("floor")? - base))
}

/// The instructions callgrind counts for `profile ARGS`; `None` without valgrind.
fn callgrind(profile: &Path, args: &[&str]) -> Option<f64> {
    let output = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(profile)
        .args(args)
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = stderr.lines().find(|line| line.contains("refs:"))?;
    line.split_whitespace()
        .last()?
        .replace(',', "")
        .parse()
        .ok()
}

/// Instructions of the typed decode over the floor's, counted by callgrind
/// (`bench-profile` beside this binary, less a run that only reads the page).
/// Empty when valgrind is not installed.
fn instruction_ratios() -> Vec<(Kind, f64)> {
    let Ok(me) = std::env::current_exe() else {
        return Vec::new();
    };
    let profile = me.with_file_name("bench-profile");
    let count = |page: &str, way: &str| callgrind(&profile, &[page, way, "5"]);
    if count(&Kind::UcozInvoices.fixture_name(), "none").is_none() {
        eprintln!("valgrind is not installed: instruction counts left out");
        return Vec::new();
    }
    Kind::ALL
        .into_iter()
        .filter_map(|kind| {
            let page = kind.fixture_name();
            let base = count(&page, "none")?;
            let typed = count(&page, "typed")? - base;
            let floor = count(&page, "floor")? - base;
            Some((kind, typed / floor))
        })
        .collect()
}

fn render(sections: &[(&str, Vec<Row>)]) -> String {
    let mut out = String::from("# Benchmarks\n");
    let (mut passed, mut failed, mut missing) = (0, 0, 0);
    for (title, rows) in sections {
        let _ = writeln!(out, "\n## {title}\n");
        out.push_str("| measured | value | target | |\n|---|---:|---|---|\n");
        for row in rows {
            match row.verdict() {
                "PASS" => passed += 1,
                "FAIL" => failed += 1,
                "MISSING" => missing += 1,
                _ => {}
            }
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                row.what,
                row.measured_text(),
                row.target_text(),
                row.verdict()
            );
        }
    }
    let _ = writeln!(
        out,
        "\n{passed} target(s) met, {failed} missed, {missing} not measured."
    );
    out
}

/// Time per item against items per page (log scale), one line per page.
fn plot(series: &[(String, Vec<Option<f64>>)]) -> String {
    let (width, height, left, bottom, top, right) = (640.0, 400.0, 70.0, 50.0, 30.0, 150.0);
    let max = series
        .iter()
        .flat_map(|(_, points)| points.iter().flatten())
        .copied()
        .fold(1.0, f64::max)
        * 1.15;
    let x = |i: usize| left + (width - left - right) * i as f64 / (SIZES.len() - 1) as f64;
    let y = |v: f64| height - bottom - (height - bottom - top) * v / max;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="{}" y="18" text-anchor="middle">Typed decode: time per item (ns) by items per page</text>
<line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="black"/>
<line x1="{left}" y1="{top}" x2="{left}" y2="{}" stroke="black"/>
"#,
        width / 2.0,
        height - bottom,
        width - right,
        height - bottom,
        height - bottom
    );
    for (i, items) in SIZES.iter().enumerate() {
        let _ = writeln!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="middle">{items}</text>"#,
            x(i),
            height - bottom + 18.0
        );
    }
    for step in 0..=4 {
        let value = max * step as f64 / 4.0;
        let _ = writeln!(
            svg,
            r##"<text x="{}" y="{}" text-anchor="end">{value:.0}</text><line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="#ddd"/>"##,
            left - 6.0,
            y(value) + 4.0,
            y(value),
            width - right,
            y(value)
        );
    }
    for (n, (name, points)) in series.iter().enumerate() {
        let colour = ["#1f77b4", "#d62728", "#2ca02c"][n % 3];
        let path: Vec<String> = points
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| format!("{:.1},{:.1}", x(i), y(v))))
            .collect();
        let _ = writeln!(
            svg,
            r#"<polyline fill="none" stroke="{colour}" stroke-width="2" points="{}"/>"#,
            path.join(" ")
        );
        for point in &path {
            let (px, py) = point.split_once(',').unwrap_or(("0", "0"));
            let _ = writeln!(
                svg,
                r#"<circle cx="{px}" cy="{py}" r="3" fill="{colour}"/>"#
            );
        }
        let _ = writeln!(
            svg,
            r#"<text x="{}" y="{}" fill="{colour}">{name}</text>"#,
            width - right + 10.0,
            top + 20.0 + 18.0 * n as f64
        );
    }
    svg.push_str("</svg>\n");
    svg
}
