//! Build → a real server → parse: the emulator on a loopback port, and every
//! adapter in turn sending to it.

use std::time::Duration;

use http::Request;
use shop_apis_adapter::{Config, Error, RetryPolicy};
use shop_apis_core::{BuildError, Endpoint, ResponseError, Safety, Stamp};
use shop_apis_emulator::BackgroundEmulator;

/// The adapters every end-to-end case runs through, each over its default
/// TLS backend (rustls), and the two async ones over native TLS as well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adapter {
    Reqwest,
    ReqwestBlocking,
    Hyper,
    ReqwestNativeTls,
    HyperNativeTls,
}

impl Adapter {
    /// Every adapter, over its default TLS backend.
    pub const ALL: [Adapter; 3] = [Adapter::Reqwest, Adapter::ReqwestBlocking, Adapter::Hyper];
    /// Every adapter over every TLS backend.
    pub const EVERY_TLS_BACKEND: [Adapter; 5] = [
        Adapter::Reqwest,
        Adapter::ReqwestNativeTls,
        Adapter::ReqwestBlocking,
        Adapter::Hyper,
        Adapter::HyperNativeTls,
    ];
}

/// Short timeouts and fast retries, so that fault cases end quickly.
pub fn config() -> Config {
    Config::new("conformance/0")
        .connect_timeout(Duration::from_secs(2))
        .timeout(Duration::from_millis(1500))
}

/// Retries as the standard policy, with millisecond backoffs.
pub fn retrying() -> RetryPolicy {
    RetryPolicy::standard().backoff(Duration::from_millis(1), Duration::from_millis(20))
}

/// A fresh emulator and one client per adapter, all with the same [`Config`].
pub struct Harness {
    pub emulator: BackgroundEmulator,
    runtime: tokio::runtime::Runtime,
    reqwest: shop_apis_reqwest::Client,
    blocking: shop_apis_reqwest::blocking::Client,
    hyper: shop_apis_hyper::Client,
    reqwest_native: shop_apis_reqwest::Client,
    hyper_native: shop_apis_hyper::Client<shop_apis_hyper::NativeTlsConnector>,
}

impl Harness {
    pub fn start() -> Harness {
        Harness::with_config(config())
    }

    pub fn with_config(config: Config) -> Harness {
        Harness::with_stamps(
            config,
            || shop_apis_adapter::SystemClock,
            || shop_apis_adapter::RandomNonce,
        )
    }

    /// Clients whose time and nonces come from `clock()` and `nonces()`.
    pub fn with_stamps<C, N>(
        config: Config,
        clock: impl Fn() -> C,
        nonces: impl Fn() -> N,
    ) -> Harness
    where
        C: shop_apis_adapter::Clock + 'static,
        N: shop_apis_adapter::NonceSource + 'static,
    {
        let emulator =
            shop_apis_emulator::Emulator::start_in_background().expect("emulator starts");
        Harness::clients(emulator, config, clock, nonces)
    }

    /// Clients of an emulator that serves HTTPS only with a certificate
    /// made from `tls`; with `trust_root`, its root is added to `config`'s
    /// trusted roots, read from its PEM as a user reads a CA file.
    pub fn tls(tls: shop_apis_emulator::Tls, trust_root: bool, config: Config) -> Harness {
        let emulator =
            shop_apis_emulator::Emulator::start_tls_in_background(tls).expect("emulator starts");
        let pem = emulator.root_certificate_pem().expect("served with TLS");
        let config = if trust_root {
            config.trust_roots(shop_apis_adapter::RootCertificate::from_pem(pem).unwrap())
        } else {
            config
        };
        Harness::clients(
            emulator,
            config,
            || shop_apis_adapter::SystemClock,
            || shop_apis_adapter::RandomNonce,
        )
    }

    fn clients<C, N>(
        emulator: BackgroundEmulator,
        config: Config,
        clock: impl Fn() -> C,
        nonces: impl Fn() -> N,
    ) -> Harness
    where
        C: shop_apis_adapter::Clock + 'static,
        N: shop_apis_adapter::NonceSource + 'static,
    {
        // Loopback only, whatever proxy the environment names; everything
        // else (timeouts, no redirects, TLS backend) as the adapters set it.
        let reqwest = || reqwest::Client::builder().no_proxy();
        let blocking = reqwest::blocking::Client::builder()
            .no_proxy()
            .tls_backend_rustls();
        Harness {
            emulator,
            runtime: tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap(),
            reqwest: shop_apis_reqwest::Client::with_builder(
                reqwest().tls_backend_rustls(),
                config.clone(),
            )
            .unwrap()
            .clock(clock())
            .nonces(nonces()),
            reqwest_native: shop_apis_reqwest::Client::with_builder(
                reqwest().tls_backend_native(),
                config.clone(),
            )
            .unwrap()
            .clock(clock())
            .nonces(nonces()),
            blocking: shop_apis_reqwest::blocking::Client::with_builder(blocking, config.clone())
                .unwrap()
                .clock(clock())
                .nonces(nonces()),
            hyper: shop_apis_hyper::Client::with_rustls(config.clone())
                .unwrap()
                .clock(clock())
                .nonces(nonces()),
            hyper_native: shop_apis_hyper::Client::with_native_tls(config)
                .unwrap()
                .clock(clock())
                .nonces(nonces()),
        }
    }

    /// Replaces the emulator with a fresh one (seed state, new port); the
    /// clients stay.
    pub fn restart_emulator(&mut self) {
        self.emulator =
            shop_apis_emulator::Emulator::start_in_background().expect("emulator starts");
    }

    /// Calls `endpoint` through `adapter`.
    pub fn call<E: Endpoint>(
        &self,
        adapter: Adapter,
        api: &E::Api,
        endpoint: &E,
    ) -> Result<E::Output, Error> {
        match adapter {
            Adapter::Reqwest => self.runtime.block_on(self.reqwest.call(api, endpoint)),
            Adapter::ReqwestNativeTls => self
                .runtime
                .block_on(self.reqwest_native.call(api, endpoint)),
            Adapter::ReqwestBlocking => self.blocking.call(api, endpoint),
            Adapter::Hyper => self.runtime.block_on(self.hyper.call(api, endpoint)),
            Adapter::HyperNativeTls => self.runtime.block_on(self.hyper_native.call(api, endpoint)),
        }
    }
}

impl Harness {
    /// Every item of the list `first` starts, walked by `adapter`'s bound
    /// shop (`Client::bind(api).items(first)`): a `Stream` for the async
    /// clients, an `Iterator` for the blocking one.
    pub fn items<E>(&self, adapter: Adapter, api: E::Api, first: E) -> Vec<Result<E::Item, Error>>
    where
        E: shop_apis_core::Paged,
    {
        use shop_apis_adapter::StreamExt as _;
        match adapter {
            Adapter::Reqwest => {
                let shop = self.reqwest.bind(api);
                self.runtime.block_on(shop.items(first).collect())
            }
            Adapter::ReqwestBlocking => self.blocking.bind(api).items(first).collect(),
            Adapter::Hyper => {
                let shop = self.hyper.bind(api);
                self.runtime.block_on(shop.items(first).collect())
            }
            Adapter::ReqwestNativeTls => {
                let shop = self.reqwest_native.bind(api);
                self.runtime.block_on(shop.items(first).collect())
            }
            Adapter::HyperNativeTls => {
                let shop = self.hyper_native.bind(api);
                self.runtime.block_on(shop.items(first).collect())
            }
        }
    }
}

/// `endpoint` with its body replaced: input the protocol crate refuses to
/// build, sent anyway to see the server's refusal decoded.
pub struct WithBody<E> {
    pub endpoint: E,
    pub body: Vec<u8>,
}

impl<E: Endpoint> Endpoint for WithBody<E> {
    type Api = E::Api;
    type Output = E::Output;
    const NAME: &'static str = E::NAME;

    fn safety(&self) -> Safety {
        self.endpoint.safety()
    }

    fn build(&self, api: &Self::Api, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        let mut request = self.endpoint.build(api, stamp)?;
        *request.body_mut() = self.body.clone();
        Ok(request)
    }

    fn parse(&self, response: http::Response<&[u8]>) -> Result<Self::Output, ResponseError> {
        self.endpoint.parse(response)
    }
}

/// A loopback address where nothing listens: a port bound, then released.
pub fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}

/// A shop that moved: the emulator's `route` answers 307, then 302, with a
/// `Location` on a second emulator. Through every adapter, with retries on,
/// the call ends in [`Error::Redirect`] naming that place without its
/// query, after one request; nothing reaches the second emulator; and none
/// of `secrets` shows in the error's text or debug form.
pub fn redirect_is_not_followed<E>(
    harness: &Harness,
    api: &E::Api,
    endpoint: &E,
    route: &str,
    secrets: &[&str],
) where
    E: Endpoint,
    E::Output: std::fmt::Debug,
{
    let elsewhere = shop_apis_emulator::Emulator::start_in_background().expect("emulator starts");
    let target = format!("http://{}{route}", elsewhere.addr());
    for status in [307, 302] {
        for adapter in Adapter::ALL {
            let before = harness.emulator.requests().len();
            harness.emulator.faults().inject(
                route,
                shop_apis_emulator::Fault::Redirect {
                    status,
                    location: format!("{target}?signature=from-the-first-host"),
                },
                1,
            );
            let result = harness.call(adapter, api, endpoint);
            harness.emulator.faults().clear();
            let what = format!("{adapter:?}, {status}, {route}");
            let error = match result {
                Err(error) => error,
                Ok(output) => panic!("{what}: a redirect read as {output:?}"),
            };
            match &error {
                Error::Redirect {
                    status: got,
                    location,
                    attempts: 1,
                    delivery: shop_apis_adapter::Delivery::Answered,
                    ..
                } => {
                    assert_eq!(got.as_u16(), status, "{what}");
                    assert_eq!(location.as_deref(), Some(target.as_str()), "{what}");
                }
                other => panic!("{what}: {other:?}"),
            }
            assert_eq!(
                harness.emulator.requests().len() - before,
                1,
                "{what}: requests"
            );
            assert!(
                elsewhere.requests().is_empty(),
                "{what}: reached the second host"
            );
            let shown = format!("{error} {error:?} {}", shop_apis_core::report(&error));
            assert!(!shown.contains("from-the-first-host"), "{what}: {shown}");
            for secret in secrets {
                assert!(!shown.contains(secret), "{what}: a secret in {shown}");
            }
        }
    }
}
