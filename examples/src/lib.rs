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

/// The base URL in environment variable `url_var`, if set: https, or plain
/// http when `allow_var` is `1` (or the host is loopback).
///
/// ```
/// assert!(examples::base_url_from_env("EXAMPLES_UNSET_URL", "EXAMPLES_UNSET_ALLOW").unwrap().is_none());
/// ```
pub fn base_url_from_env(
    url_var: &str,
    allow_var: &str,
) -> Result<Option<shop_apis::BaseUrl>, String> {
    let Some(url) = env_var(url_var) else {
        return Ok(None);
    };
    let parsed = if env_var(allow_var).as_deref() == Some("1") {
        shop_apis::BaseUrl::parse_allowing_plain_http(&url)
    } else {
        shop_apis::BaseUrl::parse(&url)
    };
    parsed
        .map(Some)
        .map_err(|e| format!("{url_var}: {e} ({allow_var}=1 allows http)"))
}

/// The value of environment variable `name`, which must be set.
pub fn required_env(name: &str) -> Result<String, String> {
    env_var(name).ok_or_else(|| format!("{name} is not set"))
}
