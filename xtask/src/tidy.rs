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
    "now_utc",
    "now_local",
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

/// `shop-apis-core` and every `*-proto` crate.
fn protocol_crates() -> Vec<(String, PathBuf)> {
    let crates: Vec<_> = library_crates()
        .into_iter()
        .filter(|(name, _)| is_protocol_crate(name))
        .collect();
    assert!(
        crates.iter().any(|(n, _)| n == "shop-apis-core"),
        "{crates:?}"
    );
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
    let output = Command::new(crate::cargo())
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

/// Source text that decodes a quirk by hand: a serde visitor, or a JSON
/// value decoded first and judged after (which loses the JSONPath of an
/// error). Such code belongs in `shop-apis-core/src/wire`.
const HAND_DECODING: &[&str] = &[
    "Visitor<'de> for",
    "Visitor<'_> for",
    "MapAccessDeserializer",
    "Value::deserialize(",
    "from_value(",
    "decode::<UnknownFields>",
    "decode::<Value>",
    "decode::<serde_json::Value>",
];

/// Where hand decoding outside `wire` is allowed, and why: `(file, token, reason)`.
const HAND_DECODING_ALLOWED: &[(&str, &str, &str)] = &[
    (
        "crates/shop-apis-core/src/error.rs",
        "Value::deserialize(",
        "an API error's detail is kept as sent: the value is the data, not a step to a type",
    ),
    (
        "crates/shop-apis-core/src/json.rs",
        "decode::<serde_json::Value>",
        "a unit test of the nesting limit",
    ),
];

#[test]
fn quirks_are_decoded_only_in_the_wire_module() {
    let root = project_root();
    let wire = root.join("crates/shop-apis-core/src/wire");
    for (name, dir) in protocol_crates() {
        for file in rust_files(&dir.join("src")) {
            if file.starts_with(&wire) {
                continue;
            }
            let relative = file
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&file).unwrap();
            for (number, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                for token in HAND_DECODING {
                    let allowed = HAND_DECODING_ALLOWED
                        .iter()
                        .any(|(f, t, _)| *f == relative && t == token);
                    assert!(
                        allowed || !code.contains(token),
                        "{name}: {relative}:{}: `{token}` decodes by hand; write the decoder in \
                         shop-apis-core/src/wire (or list the exception, with why, in HAND_DECODING_ALLOWED)",
                        number + 1
                    );
                }
            }
        }
    }
}

/// Every crate under `crates/`.
fn library_crates() -> Vec<(String, PathBuf)> {
    let mut crates: Vec<_> = std::fs::read_dir(project_root().join("crates"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|dir| dir.join("Cargo.toml").exists())
        .map(|dir| (dir.file_name().unwrap().to_string_lossy().into_owned(), dir))
        .collect();
    crates.sort();
    crates
}

/// The adapter crates: the shared loop and one crate per HTTP library.
const ADAPTER_CRATES: &[&str] = &["shop-apis-adapter", "shop-apis-reqwest", "shop-apis-hyper"];

/// The APIs' names, which adapters never use.
const API_NAMES: &[&str] = &["qnits", "saplab", "ucoz"];

fn is_protocol_crate(name: &str) -> bool {
    name == "shop-apis-core" || name.ends_with("-proto")
}

/// Invariant: the emulator depends on no protocol crate, so an end-to-end
/// test compares the client with answers written independently of it.
#[test]
fn emulator_depends_on_no_protocol_crate() {
    let dependencies = normal_dependencies("shop-apis-emulator");
    assert!(
        dependencies.iter().any(|d| d == "hyper"),
        "{dependencies:?}"
    );
    let protocol: Vec<_> = dependencies
        .iter()
        .filter(|d| is_protocol_crate(d))
        .collect();
    assert!(protocol.is_empty(), "the emulator depends on {protocol:?}");
}

/// Invariant: adapters hold no API-specific code: they depend on no `*-proto`
/// crate but `shop-apis-core`, and their code (comments aside) names no API.
#[test]
fn adapters_name_no_api() {
    for adapter in ADAPTER_CRATES {
        let dependencies = normal_dependencies(adapter);
        let apis: Vec<_> = dependencies
            .iter()
            .filter(|d| is_protocol_crate(d) && d.as_str() != "shop-apis-core")
            .collect();
        assert!(apis.is_empty(), "{adapter} depends on {apis:?}");
        for file in rust_files(&project_root().join("crates").join(adapter).join("src")) {
            let text = std::fs::read_to_string(&file).unwrap();
            for (number, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default().to_lowercase();
                for api in API_NAMES {
                    assert!(
                        !code.contains(api),
                        "{}:{}: an adapter names the API `{api}`",
                        file.display(),
                        number + 1
                    );
                }
            }
        }
    }
}

/// Invariant: every crate forbids `unsafe` and warns on undocumented items.
#[test]
fn crates_forbid_unsafe_and_opt_into_lints() {
    let crates = library_crates();
    assert!(crates.len() >= ADAPTER_CRATES.len() + 3, "{crates:?}");
    for (name, dir) in crates {
        // The crate root: a library's, or the command line's binary.
        let root = ["src/lib.rs", "src/main.rs"]
            .map(|file| dir.join(file))
            .into_iter()
            .find(|file| file.exists())
            .unwrap_or_else(|| panic!("{name}: no src/lib.rs or src/main.rs"));
        let text = std::fs::read_to_string(&root).unwrap();
        assert!(
            text.contains("#![forbid(unsafe_code)]"),
            "{}: the crate root must forbid unsafe code",
            root.display()
        );
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        assert!(
            manifest.contains("[lints]\nworkspace = true"),
            "{name}: Cargo.toml must use the workspace lints (missing_docs, unreachable_pub, …)"
        );
    }
}

/// The README's quickstart is the `shop-apis` crate's, word for word: the
/// crate's copy is what crates.io shows and its doctest runs it.
#[test]
fn the_readme_quickstart_is_the_crates() {
    let code = |path: &str| {
        let text = std::fs::read_to_string(project_root().join(path)).unwrap();
        let start = text.find("## Quickstart").expect("a quickstart section");
        let block = &text[start..];
        let open = block.find("```rust\n").expect("a rust block") + "```rust\n".len();
        let close = block[open..].find("```").unwrap();
        block[open..open + close].to_owned()
    };
    assert_eq!(code("README.md"), code("crates/shop-apis/README.md"));
}
