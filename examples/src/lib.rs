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
///
/// ```
/// let error = examples::required_env("EXAMPLES_SURELY_UNSET_VARIABLE").unwrap_err();
/// assert_eq!(error, "EXAMPLES_SURELY_UNSET_VARIABLE is not set");
/// ```
pub fn required_env(name: &str) -> Result<String, String> {
    env_var(name).ok_or_else(|| format!("{name} is not set"))
}

/// A uCoz site at `base`, signed in as the environment says: with
/// `UCOZ_BEARER` when set, or else OAuth 1.0a with `UCOZ_CONSUMER_KEY`,
/// `UCOZ_CONSUMER_SECRET`, `UCOZ_TOKEN` and `UCOZ_TOKEN_SECRET`.
///
/// ```no_run
/// // Reads the environment: run with UCOZ_BEARER, or the four OAuth variables, set.
/// let base = shop_apis::BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?;
/// let site = examples::ucoz_from_env(base)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn ucoz_from_env(
    base: shop_apis::BaseUrl,
) -> Result<shop_apis::ucoz::Ucoz, Box<dyn std::error::Error>> {
    use shop_apis::ucoz::{Auth, OAuthCredentials, Ucoz};
    let auth = match env_var("UCOZ_BEARER") {
        Some(token) => Auth::bearer(&token)?,
        None => Auth::OAuth1(OAuthCredentials::new(
            &required_env("UCOZ_CONSUMER_KEY")?,
            &required_env("UCOZ_CONSUMER_SECRET")?,
            &required_env("UCOZ_TOKEN")?,
            &required_env("UCOZ_TOKEN_SECRET")?,
        )?),
    };
    Ok(Ucoz::new(base, auth))
}

/// The emulator's uCoz site, signed in with its OAuth credentials.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let emulator = shop_apis::emulator::Emulator::start().await?;
/// let site = examples::emulated_ucoz(&emulator)?;
/// assert!(site.base_url().is_plain_http(), "the emulator listens on loopback");
/// # Ok(())
/// # }
/// ```
pub fn emulated_ucoz(
    emulator: &shop_apis::emulator::Emulator,
) -> Result<shop_apis::ucoz::Ucoz, Box<dyn std::error::Error>> {
    use shop_apis::ucoz::{Auth, OAuthCredentials, Ucoz};
    let site = emulator.ucoz();
    let credentials = OAuthCredentials::new(
        site.consumer_key(),
        site.consumer_secret(),
        site.token(),
        site.token_secret(),
    )?;
    let base = shop_apis::BaseUrl::parse(&emulator.base_url(shop_apis::emulator::Api::Ucoz))?;
    Ok(Ucoz::new(base, Auth::OAuth1(credentials)))
}

/// A Qnits storefront at `base`, with `QNITS_QNIT_ID` and `QNITS_TOKEN`.
///
/// ```no_run
/// // Reads the environment: run with QNITS_QNIT_ID and QNITS_TOKEN set.
/// let storefront = examples::qnits_from_env(shop_apis::BaseUrl::parse("https://api.qnits.ru")?)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn qnits_from_env(
    base: shop_apis::BaseUrl,
) -> Result<shop_apis::qnits::Qnits, Box<dyn std::error::Error>> {
    use shop_apis::qnits::{Credentials, Qnits};
    let qnit_id = required_env("QNITS_QNIT_ID")?
        .parse()
        .map_err(|e| format!("QNITS_QNIT_ID: {e}"))?;
    let token = required_env("QNITS_TOKEN")?;
    Ok(Qnits::new(base, Credentials::new(qnit_id, &token)?))
}

/// The emulator's Qnits storefront, with its `qnit_id` and token.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let emulator = shop_apis::emulator::Emulator::start().await?;
/// let storefront = examples::emulated_qnits(&emulator)?;
/// assert_eq!(storefront.credentials().qnit_id().get(), emulator.qnits().qnit_id());
/// # Ok(())
/// # }
/// ```
pub fn emulated_qnits(
    emulator: &shop_apis::emulator::Emulator,
) -> Result<shop_apis::qnits::Qnits, Box<dyn std::error::Error>> {
    use shop_apis::qnits::{Credentials, Qnits};
    let storefront = emulator.qnits();
    let credentials = Credentials::new(storefront.qnit_id(), storefront.token())?;
    let base = shop_apis::BaseUrl::parse(&emulator.base_url(shop_apis::emulator::Api::Qnits))?;
    Ok(Qnits::new(base, credentials))
}
