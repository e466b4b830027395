//! HTTPS end to end: every endpoint of the three APIs through every adapter
//! and TLS backend (reqwest and hyper, each over rustls and native TLS) to
//! the emulator's TLS listener, trusting the root it made at start; and a
//! certificate that must not be trusted (an unknown root, another host's,
//! an expired one) as a typed TLS error, not sent and never retried.

use shop_apis_adapter::{Delivery, Error, TransportError};
use shop_apis_emulator::{Api as Served, Tls};

use crate::harness::{self, Adapter, Harness};
use crate::secrets::{Clients, accepted, every_call};

/// Every endpoint in turn, uCoz signed with OAuth (the signature covers the
/// `https` URL) and then with the Bearer token: whether each succeeded, and
/// that each was one request the emulator read.
fn every_endpoint(harness: &Harness, adapter: Adapter) -> Vec<(&'static str, bool)> {
    let emulator = &harness.emulator;
    let base = |api| emulator.base_url(api);
    let mut outcomes = Vec::new();
    for bearer in [false, true] {
        let clients = Clients::new(&base, &accepted(), bearer);
        for call in every_call() {
            let before = emulator.requests().len();
            let (outcome, text) = (call.run)(harness, adapter, &clients);
            let succeeded = match outcome {
                Ok(()) => true,
                // A few refusals follow from the seed state (a position
                // paid twice): answered, and decoded as the API's refusal.
                Err(Delivery::Answered) if text.contains("Api {") => false,
                Err(delivery) => panic!("{adapter:?} {}: {delivery:?} {text}", call.name),
            };
            assert_eq!(
                emulator.requests().len(),
                before + 1,
                "{adapter:?} {}: one request",
                call.name
            );
            outcomes.push((call.name, succeeded));
        }
    }
    outcomes
}

#[test]
fn every_endpoint_over_https_through_every_adapter_and_tls_backend() {
    // What plain HTTP gives, on a fresh emulator: HTTPS must give the same.
    let plain = every_endpoint(&Harness::start(), Adapter::Reqwest);
    assert_eq!(plain.len(), 2 * 47);
    let succeeded = plain.iter().filter(|(_, ok)| *ok).count();
    assert!(succeeded >= 60, "{succeeded} of {}: {plain:?}", plain.len());
    for adapter in Adapter::EVERY_TLS_BACKEND {
        // A fresh emulator each time, so that each run meets the seed state.
        let harness = Harness::tls(Tls::new(), true, harness::config());
        for api in [Served::Qnits, Served::SapLab, Served::Ucoz] {
            let base = harness.emulator.base_url(api);
            assert!(base.starts_with("https://127.0.0.1:"), "{base}");
        }
        assert_eq!(every_endpoint(&harness, adapter), plain, "{adapter:?}");
    }
}

/// The emulator with `tls`, and every adapter: each must refuse to talk.
fn refused_by_every_adapter(tls: Tls, trust_root: bool, why: &str) {
    let config = harness::config().retry(harness::retrying());
    let harness = Harness::tls(tls, trust_root, config);
    let saplab = Clients::new(&|api| harness.emulator.base_url(api), &accepted(), false).saplab;
    refused_by(&harness, &saplab, &Adapter::EVERY_TLS_BACKEND, why);
}

/// Each of `adapters` calling `saplab` meets a TLS error: after one attempt
/// under a retrying policy, not sent, and no request read by the emulator.
fn refused_by(harness: &Harness, saplab: &saplab_proto::SapLab, adapters: &[Adapter], why: &str) {
    for adapter in adapters {
        let error = harness
            .call(*adapter, saplab, &saplab_proto::ListManagers)
            .unwrap_err();
        assert!(
            matches!(
                error,
                Error::Transport {
                    attempts: 1,
                    source: TransportError::Tls(_),
                    ..
                }
            ),
            "{why}, {adapter:?}: {error:?}"
        );
        assert_eq!(error.delivery(), Delivery::NotSent, "{why}, {adapter:?}");
    }
    assert!(
        harness.emulator.requests().is_empty(),
        "{why}: no request was read"
    );
}

/// https taken to a server that speaks only plain http.
#[test]
fn https_to_a_plain_http_server_is_a_tls_error_not_sent_and_not_retried() {
    let harness = Harness::with_config(harness::config().retry(harness::retrying()));
    let https = harness
        .emulator
        .base_url(Served::SapLab)
        .replacen("http://", "https://", 1);
    let saplab = Clients::new(&|_| https.clone(), &accepted(), false).saplab;
    refused_by(
        &harness,
        &saplab,
        &Adapter::EVERY_TLS_BACKEND,
        "plain http server",
    );
}

#[test]
fn an_untrusted_root_is_a_tls_error_not_sent_and_not_retried() {
    refused_by_every_adapter(Tls::new(), false, "untrusted root");
}

#[test]
fn a_certificate_for_another_host_is_a_tls_error_not_sent_and_not_retried() {
    refused_by_every_adapter(Tls::for_names(["shop.example"]), true, "wrong host name");
}

#[test]
fn an_expired_certificate_is_a_tls_error_not_sent_and_not_retried() {
    refused_by_every_adapter(Tls::new().expired(), true, "expired");
}

/// The adapters' own constructors, each backend they offer, over HTTPS:
/// what a user builds, not the harness's clients.
#[test]
fn every_constructor_of_every_adapter_speaks_https() {
    let emulator = shop_apis_emulator::Emulator::start_tls_in_background(Tls::new()).unwrap();
    let root = emulator.root_certificate_pem().unwrap();
    let config =
        harness::config().trust_roots(shop_apis_adapter::RootCertificate::from_pem(root).unwrap());
    let saplab = Clients::new(&|api| emulator.base_url(api), &accepted(), false).saplab;
    let endpoint = saplab_proto::ListManagers;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut answered = Vec::new();
    {
        use shop_apis_reqwest::Client;
        for (name, client) in [
            ("reqwest with_config", Client::with_config(config.clone())),
            ("reqwest with_rustls", Client::with_rustls(config.clone())),
            (
                "reqwest with_native_tls",
                Client::with_native_tls(config.clone()),
            ),
        ] {
            let result = runtime.block_on(client.unwrap().call(&saplab, &endpoint));
            answered.push((name, result.map(|page| page.managers.len())));
        }
    }
    {
        use shop_apis_reqwest::blocking::Client;
        for (name, client) in [
            ("blocking with_config", Client::with_config(config.clone())),
            ("blocking with_rustls", Client::with_rustls(config.clone())),
            (
                "blocking with_native_tls",
                Client::with_native_tls(config.clone()),
            ),
        ] {
            let result = client.unwrap().call(&saplab, &endpoint);
            answered.push((name, result.map(|page| page.managers.len())));
        }
    }
    {
        use shop_apis_hyper::Client;
        let result = runtime.block_on(async {
            Client::with_config(config.clone())
                .unwrap()
                .call(&saplab, &endpoint)
                .await
        });
        answered.push(("hyper with_config", result.map(|page| page.managers.len())));
        let result = runtime.block_on(async {
            Client::with_rustls(config.clone())
                .unwrap()
                .call(&saplab, &endpoint)
                .await
        });
        answered.push(("hyper with_rustls", result.map(|page| page.managers.len())));
        let result = runtime.block_on(async {
            Client::with_native_tls(config.clone())
                .unwrap()
                .call(&saplab, &endpoint)
                .await
        });
        answered.push((
            "hyper with_native_tls",
            result.map(|page| page.managers.len()),
        ));
    }
    for (name, result) in &answered {
        assert!(matches!(result, Ok(2)), "{name}: {result:?}");
    }
    assert_eq!(emulator.requests().len(), 9);
}
