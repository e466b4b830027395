//! Credentials never print and never reach a URL.
//!
//! Every endpoint of every API is called through every adapter with the
//! emulator's own credentials (the success paths), with sentinel credentials
//! the emulator refuses (the API-error paths), and under transport faults and
//! a refused connection (the transport-error paths), with a `tracing`
//! subscriber recording every span and event. No secret may appear in any
//! output's or error's Debug, Display or source chain, in any log field, or
//! in any committed snapshot; on the wire, each appears only where its
//! protocol puts it.

use std::sync::{Arc, Mutex, OnceLock};

use base64::Engine as _;
use qnits_proto::Qnits;
use saplab_proto::SapLab;
use shop_apis_adapter::Delivery;
use shop_apis_core::{BaseUrl, Endpoint};
use shop_apis_emulator::{Api as Served, Fault};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use ucoz_proto::{Auth, OAuthCredentials, Ucoz};

use crate::harness::{self, Adapter, Harness};

/// The credentials a set of clients uses.
pub struct Secrets {
    qnits_token: &'static str,
    saplab_password: &'static str,
    consumer_secret: &'static str,
    token_secret: &'static str,
    bearer: &'static str,
}

/// The emulator's own: requests with these succeed.
pub fn accepted() -> Secrets {
    Secrets {
        qnits_token: shop_apis_emulator::qnits::TOKEN,
        saplab_password: shop_apis_emulator::saplab::PASSWORD,
        consumer_secret: shop_apis_emulator::ucoz::CONSUMER_SECRET,
        token_secret: shop_apis_emulator::ucoz::TOKEN_SECRET,
        bearer: shop_apis_emulator::ucoz::BEARER,
    }
}

/// Sentinels the emulator refuses: requests with these fail with 401.
fn refused() -> Secrets {
    Secrets {
        qnits_token: "sentinel-qnits-token-5e1f",
        saplab_password: "sentinel-saplab-password-5e1f",
        consumer_secret: "sentinel-consumer-secret-5e1f",
        token_secret: "sentinel-token-secret-5e1f",
        bearer: "sentinel-bearer-5e1f",
    }
}

impl Secrets {
    fn all(&self) -> [&'static str; 5] {
        [
            self.qnits_token,
            self.saplab_password,
            self.consumer_secret,
            self.token_secret,
            self.bearer,
        ]
    }
}

/// One client of each API, all with one set of secrets.
#[derive(Debug)]
pub struct Clients {
    pub qnits: Qnits,
    pub saplab: SapLab,
    pub ucoz: Ucoz,
}

impl Clients {
    /// Clients of `base(api)` with `secrets`; uCoz signs with OAuth, or
    /// sends the Bearer token when `bearer`.
    pub fn new(base: &dyn Fn(Served) -> String, secrets: &Secrets, bearer: bool) -> Clients {
        let url = |api| BaseUrl::parse(&base(api)).unwrap();
        let ucoz_auth = if bearer {
            Auth::bearer(secrets.bearer).unwrap()
        } else {
            Auth::OAuth1(
                OAuthCredentials::new(
                    shop_apis_emulator::ucoz::CONSUMER_KEY,
                    secrets.consumer_secret,
                    shop_apis_emulator::ucoz::TOKEN,
                    secrets.token_secret,
                )
                .unwrap(),
            )
        };
        Clients {
            qnits: Qnits::new(
                url(Served::Qnits),
                qnits_proto::Credentials::new(
                    shop_apis_emulator::qnits::QNIT_ID,
                    secrets.qnits_token,
                )
                .unwrap(),
            ),
            saplab: SapLab::new(
                url(Served::SapLab),
                saplab_proto::Credentials::new(
                    shop_apis_emulator::saplab::LOGIN,
                    secrets.saplab_password,
                )
                .unwrap(),
            ),
            ucoz: Ucoz::new(url(Served::Ucoz), ucoz_auth),
        }
    }
}

/// The client an endpoint's API needs.
trait ClientOf<A> {
    fn client(&self) -> &A;
}

impl ClientOf<Qnits> for Clients {
    fn client(&self) -> &Qnits {
        &self.qnits
    }
}

impl ClientOf<SapLab> for Clients {
    fn client(&self) -> &SapLab {
        &self.saplab
    }
}

impl ClientOf<Ucoz> for Clients {
    fn client(&self) -> &Ucoz {
        &self.ucoz
    }
}

/// One endpoint, called and shown every way a user could print the result.
pub struct Call {
    pub name: &'static str,
    /// Success, or how far the failed request got; and everything shown of
    /// the result.
    pub run: fn(&Harness, Adapter, &Clients) -> Shown,
}

/// Success, or how far a failed request got; and the result as printed.
pub type Shown = (Result<(), Delivery>, String);

fn shown<T: std::fmt::Debug>(result: Result<T, shop_apis_adapter::Error>) -> Shown {
    match result {
        Ok(output) => (Ok(()), format!("{output:?}")),
        Err(error) => (
            Err(error.delivery()),
            format!(
                "{error:?}\n{error}\n{}\n{:?}",
                shop_apis_core::report(&error),
                error.protocol()
            ),
        ),
    }
}

macro_rules! calls {
    ($($endpoint:ty => $value:expr;)*) => {
        vec![$(Call {
            name: <$endpoint as Endpoint>::NAME,
            run: |harness, adapter, clients| shown(harness.call(
                adapter,
                ClientOf::<<$endpoint as Endpoint>::Api>::client(clients),
                &$value,
            )),
        },)*]
    };
}

/// Every endpoint of the three APIs, each with a value the emulator's seed
/// state answers.
pub fn every_call() -> Vec<Call> {
    every_endpoint!(calls)
}

/// Every field of every span and event, as text.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<String>>>);

impl Visit for Recorder {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let line = format!("{}={value:?}", field.name());
        self.0.lock().unwrap().push(line);
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let name = format!("span {}", span.metadata().name());
        self.0.lock().unwrap().push(name);
        span.record(&mut self.clone());
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        values.record(&mut self.clone());
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        event.record(&mut self.clone());
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

/// The log of this test binary: one global subscriber, installed once.
fn log() -> &'static Recorder {
    static LOG: OnceLock<Recorder> = OnceLock::new();
    LOG.get_or_init(|| {
        let recorder = Recorder::default();
        tracing::subscriber::set_global_default(recorder.clone())
            .expect("no other subscriber in this binary");
        recorder
    })
}

fn assert_clean(text: &str, secrets: &[&str], what: &str) {
    for secret in secrets {
        assert!(
            !text.contains(secret),
            "{what} shows the secret {secret:?}:\n{}",
            &text[text.find(secret).unwrap().saturating_sub(200)..][..400.min(text.len())]
        );
    }
}

/// Every endpoint through every adapter, on every path: accepted and
/// refused credentials, OAuth and Bearer, transport faults, nothing
/// listening. No secret in what the user sees or in the log.
#[test]
fn no_secret_in_outputs_errors_or_logs() {
    let log = log();
    let harness = Harness::start();
    let emulator = &harness.emulator;
    let base = |api| emulator.base_url(api);
    let sets = [
        Clients::new(&base, &accepted(), false),
        Clients::new(&base, &accepted(), true),
        Clients::new(&base, &refused(), false),
        Clients::new(&base, &refused(), true),
    ];
    let closed = harness::closed_port_url();
    let nowhere = Clients::new(
        &|api: Served| format!("{closed}{}", api.prefix()),
        &accepted(),
        false,
    );
    let secrets: Vec<&str> = accepted()
        .all()
        .into_iter()
        .chain(refused().all())
        .collect();
    let calls = every_call();

    let mut seen = String::new();
    let (mut succeeded, mut refusals) = (0, 0);
    for adapter in Adapter::ALL {
        for clients in &sets {
            seen.push_str(&format!("{clients:?}\n"));
            for call in &calls {
                let (outcome, text) = (call.run)(&harness, adapter, clients);
                if outcome.is_ok() {
                    succeeded += 1;
                } else if text.contains("HTTP 401") {
                    refusals += 1;
                }
                assert_clean(&text, &secrets, call.name);
            }
        }
        // Transport errors: one endpoint of each API under each fault.
        let faults = [
            Fault::ResetBeforeRead,
            Fault::ResetAfterRead,
            Fault::ServerError {
                status: 503,
                retry_after: None,
            },
            Fault::HtmlErrorPage(502),
            Fault::TruncatedBody,
            Fault::DelayHeaders(harness::config().timeout * 2),
        ];
        for fault in faults {
            for name in [
                "qnits.CreateOrder",
                "saplab.ListManagers",
                "ucoz.GetCheckout",
            ] {
                let call = calls.iter().find(|c| c.name == name).unwrap();
                emulator.faults().inject("/", fault.clone(), 1);
                let (outcome, text) = (call.run)(&harness, adapter, &sets[0]);
                assert!(outcome.is_err(), "{name}, {fault:?}: {text}");
                assert_clean(&text, &secrets, name);
            }
        }
        for call in &calls {
            let (outcome, text) = (call.run)(&harness, adapter, &nowhere);
            assert!(
                outcome.is_err() && text.contains("Connect"),
                "{}: {text}",
                call.name
            );
            assert_clean(&text, &secrets, call.name);
        }
    }
    assert_clean(&seen, &secrets, "the clients' Debug");
    // The paths were taken: successes, refusals and a log of every endpoint.
    assert!(succeeded >= 3 * 2 * 30, "{succeeded} successes");
    assert!(refusals >= 3 * 2 * 40, "{refusals} refusals");
    let lines = log.0.lock().unwrap().join("\n");
    for call in &calls {
        assert!(lines.contains(call.name), "{} is not in the log", call.name);
    }
    assert_clean(&lines, &secrets, "the tracing log");
}

/// On the wire each secret is only where its protocol puts it: the Qnits
/// token in the JSON body's `token`, the SapLab password inside the Basic
/// `Authorization` header, the Bearer token in its header; the OAuth
/// secrets never travel (only the signature made with them does). None is
/// ever in a URL.
#[test]
fn secrets_on_the_wire_only_where_the_protocol_puts_them() {
    let harness = Harness::start();
    let emulator = &harness.emulator;
    let base = |api| emulator.base_url(api);
    let secrets = accepted();
    let calls = every_call();
    for bearer in [false, true] {
        let clients = Clients::new(&base, &secrets, bearer);
        for call in &calls {
            // Only the requests matter here, sent or refused.
            let _ = (call.run)(&harness, Adapter::Hyper, &clients);
        }
    }
    let requests = emulator.requests();
    assert!(requests.len() >= 2 * calls.len(), "{}", requests.len());
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            shop_apis_emulator::saplab::LOGIN,
            secrets.saplab_password
        ))
    );
    for request in &requests {
        let url = conformance::percent_decode(&request.path_and_query)
            .unwrap_or_else(|| request.path_and_query.clone());
        assert_clean(&url, &secrets.all(), "a URL");
        assert_clean(&request.path_and_query, &secrets.all(), "a URL");
        let body = String::from_utf8_lossy(&request.body);
        let authorization = request.header("authorization").unwrap_or_default();
        let api = request.path_and_query.split('/').nth(1).unwrap_or_default();
        match api {
            "qnits" => {
                let json: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
                assert_eq!(json["token"], secrets.qnits_token);
                assert!(authorization.is_empty());
            }
            "saplab" => {
                assert_eq!(authorization, basic);
                assert_clean(&body, &secrets.all(), "a SapLab body");
            }
            "ucoz" => {
                assert_clean(&body, &secrets.all(), "a uCoz body");
                let decoded = conformance::decode_form(&request.body);
                assert_clean(&format!("{decoded:?}"), &secrets.all(), "a uCoz body");
                if authorization.is_empty() {
                    assert!(
                        request.path_and_query.contains("oauth_signature")
                            || body.contains("oauth_signature")
                    );
                } else {
                    assert_eq!(authorization, format!("Bearer {}", secrets.bearer));
                }
            }
            other => panic!("a request to {other}"),
        }
        for (name, value) in &request.headers {
            if name != "authorization" {
                assert_clean(value, &secrets.all(), name);
            }
        }
    }
}

/// No committed snapshot holds a secret of the emulator or a document's
/// example credentials the snapshots were made with.
#[test]
fn no_secret_in_snapshots() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/endpoints/snapshots");
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_clean(&text, &accepted().all(), &path.display().to_string());
        read += 1;
    }
    assert!(read > 40, "{read} snapshots");
}
