//! Example programs, one binary each in `src/bin/`; run one with
//! `cargo run -p examples --bin <name>`.
//!
//! Each talks to the emulator, started in-process, unless environment
//! variables name a real service (see the README). This library holds what
//! they share.
#![forbid(unsafe_code)]

/// The value of environment variable `name`, if set and not empty.
///
/// ```
/// assert_eq!(examples::env_var("EXAMPLES_SURELY_UNSET_VARIABLE"), None);
/// ```
pub fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}
