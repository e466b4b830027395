//! Where a command is sent: the shop the environment names (the variables
//! of the README), or the emulator with `--emulator`.

use shop_apis::reqwest::{Client, Shop};
use shop_apis::{Api, BaseUrl, Config, RetryPolicy, RootCertificate, Secret};

use crate::fail::Fail;
use crate::run::Options;

/// One API's shop, and the secrets a printed request must not show.
#[derive(Debug)]
pub(crate) struct Target<A> {
    pub(crate) shop: Shop<A>,
    /// The credentials' text that travels in the clear (Qnits' token, a
    /// Bearer token), as the environment or the emulator gave them.
    pub(crate) secrets: Vec<Secret>,
}

/// What every API's target is made from: the client, and the emulator when
/// `--emulator` started one (kept alive until the command ends).
#[derive(Debug)]
pub(crate) struct Targets {
    client: Client,
    #[cfg(feature = "emulator")]
    emulator: Option<shop_apis::emulator::Emulator>,
}

impl Targets {
    pub(crate) async fn new(options: &Options) -> Result<Targets, Fail> {
        // The library's standard policy: only what is safe to repeat is retried.
        let mut config = Config::new(concat!("shop-apis-cli/", env!("CARGO_PKG_VERSION")))
            .retry(RetryPolicy::standard());
        if let Some(path) = &options.cacert {
            let pem = std::fs::read_to_string(path)
                .map_err(|error| Fail::Setup(format!("--cacert {}: {error}", path.display())))?;
            let roots = RootCertificate::from_pem(&pem)
                .map_err(|error| Fail::Setup(format!("--cacert {}: {error}", path.display())))?;
            config = config.trust_roots(roots);
        }
        let client = Client::with_config(config).map_err(|error| {
            Fail::Setup(format!("the HTTP client: {}", shop_apis::report(&error)))
        })?;
        #[cfg(feature = "emulator")]
        let emulator = if options.emulator {
            let started = shop_apis::emulator::Emulator::start()
                .await
                .map_err(|error| Fail::Setup(format!("the emulator: {error}")))?;
            Some(started)
        } else {
            None
        };
        #[cfg(not(feature = "emulator"))]
        if options.emulator {
            return Err(Fail::Setup(
                "--emulator: this build has no emulator (the `emulator` feature is off)".to_owned(),
            ));
        }
        Ok(Targets {
            client,
            #[cfg(feature = "emulator")]
            emulator,
        })
    }

    fn target<A: Api>(&self, api: A, secrets: Vec<String>) -> Target<A> {
        Target {
            shop: self.client.bind(api),
            secrets: secrets.into_iter().map(Secret::new).collect(),
        }
    }

    /// The emulator's base URL for `api`, if one was started.
    #[cfg(feature = "emulator")]
    fn emulated(
        &self,
        api: shop_apis::emulator::Api,
    ) -> Result<Option<(&shop_apis::emulator::Emulator, BaseUrl)>, Fail> {
        let Some(emulator) = &self.emulator else {
            return Ok(None);
        };
        let base = BaseUrl::parse(&emulator.base_url(api))?;
        Ok(Some((emulator, base)))
    }

    pub(crate) fn qnits(&self) -> Result<Target<shop_apis::qnits::Qnits>, Fail> {
        use shop_apis::qnits::{Credentials, Qnits};
        #[cfg(feature = "emulator")]
        if let Some((emulator, base)) = self.emulated(shop_apis::emulator::Api::Qnits)? {
            let storefront = emulator.qnits();
            let credentials = Credentials::new(storefront.qnit_id(), storefront.token())?;
            return Ok(self.target(
                Qnits::new(base, credentials),
                vec![storefront.token().to_owned()],
            ));
        }
        let [base, qnit_id, token] = vars(["QNITS_BASE_URL", "QNITS_QNIT_ID", "QNITS_TOKEN"])?;
        let base = base_url("QNITS_BASE_URL", &base, "QNITS_ALLOW_PLAIN_HTTP")?;
        let qnit_id = qnit_id
            .parse()
            .map_err(|error| Fail::Setup(format!("QNITS_QNIT_ID: {error}")))?;
        let credentials = Credentials::new(qnit_id, &token)?;
        Ok(self.target(Qnits::new(base, credentials), vec![token]))
    }

    pub(crate) fn saplab(&self) -> Result<Target<shop_apis::saplab::SapLab>, Fail> {
        use shop_apis::saplab::{Credentials, SapLab};
        #[cfg(feature = "emulator")]
        if let Some((emulator, base)) = self.emulated(shop_apis::emulator::Api::SapLab)? {
            let panel = emulator.saplab();
            let credentials = Credentials::new(panel.login(), panel.password())?;
            // The password travels only inside the sensitive Basic header.
            return Ok(self.target(SapLab::new(base, credentials), Vec::new()));
        }
        let [base, login, password] = vars(["SAPLAB_BASE_URL", "SAPLAB_LOGIN", "SAPLAB_PASSWORD"])?;
        let base = base_url("SAPLAB_BASE_URL", &base, "SAPLAB_ALLOW_PLAIN_HTTP")?;
        let credentials = Credentials::new(&login, &password)?;
        Ok(self.target(SapLab::new(base, credentials), Vec::new()))
    }

    pub(crate) fn ucoz(&self) -> Result<Target<shop_apis::ucoz::Ucoz>, Fail> {
        use shop_apis::ucoz::{Auth, OAuthCredentials, Ucoz};
        #[cfg(feature = "emulator")]
        if let Some((emulator, base)) = self.emulated(shop_apis::emulator::Api::Ucoz)? {
            let site = emulator.ucoz();
            let credentials = OAuthCredentials::new(
                site.consumer_key(),
                site.consumer_secret(),
                site.token(),
                site.token_secret(),
            )?;
            // The two secrets never travel; the signature made with them is hidden by name.
            return Ok(self.target(Ucoz::new(base, Auth::OAuth1(credentials)), Vec::new()));
        }
        let [base] = vars(["UCOZ_BASE_URL"])?;
        let base = base_url("UCOZ_BASE_URL", &base, "UCOZ_ALLOW_PLAIN_HTTP")?;
        if let Some(token) = var("UCOZ_BEARER") {
            let auth = Auth::bearer(&token)?;
            return Ok(self.target(Ucoz::new(base, auth), vec![token]));
        }
        let [consumer_key, consumer_secret, token, token_secret] = vars([
            "UCOZ_CONSUMER_KEY",
            "UCOZ_CONSUMER_SECRET",
            "UCOZ_TOKEN",
            "UCOZ_TOKEN_SECRET",
        ])
        .map_err(|fail| match fail {
            Fail::Setup(missing) => Fail::Setup(format!("{missing} (or UCOZ_BEARER)")),
            other => other,
        })?;
        let credentials =
            OAuthCredentials::new(&consumer_key, &consumer_secret, &token, &token_secret)?;
        Ok(self.target(Ucoz::new(base, Auth::OAuth1(credentials)), Vec::new()))
    }
}

/// Environment variable `name`, if set and not empty.
fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

/// The environment variables `names`, all of which must be set; the error
/// names every missing one.
fn vars<const N: usize>(names: [&'static str; N]) -> Result<[String; N], Fail> {
    let values = names.map(var);
    let missing: Vec<&str> = names
        .iter()
        .zip(&values)
        .filter(|(_, value)| value.is_none())
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        return Err(Fail::Setup(format!(
            "not set: {} (see the README, or use --emulator)",
            missing.join(", ")
        )));
    }
    Ok(values.map(Option::unwrap_or_default))
}

/// The base URL in `variable`: https, or http where the host is loopback
/// or `allow` is `1`.
fn base_url(variable: &str, text: &str, allow: &str) -> Result<BaseUrl, Fail> {
    let parsed = if var(allow).as_deref() == Some("1") {
        BaseUrl::parse_allowing_plain_http(text)
    } else {
        BaseUrl::parse(text)
    };
    parsed.map_err(|error| {
        let hint = match error.kind() {
            shop_apis::BuildErrorKind::PlainHttp => format!(" ({allow}=1 allows http)"),
            _ => String::new(),
        };
        Fail::Setup(format!("{variable}: {error}{hint}"))
    })
}
