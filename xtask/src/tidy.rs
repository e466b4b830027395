//! Architecture invariants, checked as ordinary tests (`cargo test --workspace`).
//! See `docs/ARCHITECTURE.md`, where each invariant names its test here.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::project_root;

/// Crates that do I/O, or bring a runtime, an HTTP client, a clock or randomness.
const IO_CRATES: &[&str] = &[
    "tokio",
    "hyper",
    "hyper-util",
    "reqwest",
    "mio",
    "socket2",
    "async-std",
    "smol",
    "ureq",
    "rand",
    "getrandom",
];

/// Source text that reads a clock, the environment, randomness, the network or
/// the file system, or keeps global state.
const IMPURE_SOURCE: &[&str] = &[
    "SystemTime",
    "Instant::",
    "std::env",
    "env!(\"",
    "std::net",
    "std::fs",
    "rand::",
    "static mut",
    "thread_local!",
    "OnceLock",
    "LazyLock",
    "lazy_static",
];

/// `proto-core` and every `*-proto` crate.
fn protocol_crates() -> Vec<(String, PathBuf)> {
    let mut crates: Vec<_> = std::fs::read_dir(project_root().join("crates"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter_map(|dir| {
            let name = dir.file_name()?.to_str()?.to_owned();
            (name == "proto-core" || name.ends_with("-proto")).then_some((name, dir))
        })
        .collect();
    crates.sort();
    assert!(crates.iter().any(|(n, _)| n == "proto-core"), "{crates:?}");
    crates
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Normal (non-dev, non-build) dependencies of a package, by name.
fn normal_dependencies(package: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(project_root())
        .args([
            "tree",
            "--offline",
            "--edges",
            "normal",
            "--prefix",
            "none",
            "--package",
            package,
        ])
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo tree -p {package} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .collect()
}

/// Invariant: protocol crates depend on no runtime, HTTP client or randomness.
#[test]
fn protocol_crates_depend_on_no_io() {
    for (name, _) in protocol_crates() {
        let dependencies = normal_dependencies(&name);
        assert!(
            dependencies.contains(&name),
            "cargo tree printed nothing useful for {name}"
        );
        let io: Vec<_> = dependencies
            .iter()
            .filter(|d| IO_CRATES.contains(&d.as_str()))
            .collect();
        assert!(io.is_empty(), "{name} depends on I/O crates: {io:?}");
    }
}

/// Invariant: protocol crates read no clock, environment, randomness, network
/// or file, and keep no global state.
#[test]
fn protocol_sources_are_pure() {
    for (name, dir) in protocol_crates() {
        for file in rust_files(&dir.join("src")) {
            let text = std::fs::read_to_string(&file).unwrap();
            for (number, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                for token in IMPURE_SOURCE {
                    assert!(
                        !code.contains(token),
                        "{name}: {}:{}: `{token}` has no place in a Sans-IO crate",
                        file.display(),
                        number + 1
                    );
                }
            }
        }
    }
}

/// Invariant: protocol crates forbid `unsafe` and warn on undocumented items.
#[test]
fn protocol_crates_forbid_unsafe_and_opt_into_lints() {
    for (name, dir) in protocol_crates() {
        let lib = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
        assert!(
            lib.contains("#![forbid(unsafe_code)]"),
            "{name}: lib.rs must forbid unsafe code"
        );
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        assert!(
            manifest.contains("[lints]\nworkspace = true"),
            "{name}: Cargo.toml must use the workspace lints (missing_docs, unreachable_pub, …)"
        );
    }
}
