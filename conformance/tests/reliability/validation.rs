//! Input is checked before a request is built: a control character in
//! anything that reaches a header, a path or a query, a URL longer than
//! servers accept, a number out of its range are typed errors naming the
//! field, and nothing is sent. Texts in a body may hold line breaks.

use shop_apis_core::{BuildErrorKind, Endpoint};

use crate::harness::{Adapter, Harness};
use crate::secrets::{Clients, accepted};

const SPLIT: &str = "Иван\r\nX-Injected: 1";

/// The build error of a call that must not leave the client.
fn refused<E: Endpoint>(
    harness: &Harness,
    api: &E::Api,
    endpoint: &E,
) -> Vec<(String, BuildErrorKind)> {
    let mut errors = Vec::new();
    for adapter in Adapter::ALL {
        let sent = harness.emulator.requests().len();
        let error = harness
            .call(adapter, api, endpoint)
            .err()
            .unwrap_or_else(|| {
                panic!("{}: sent through {adapter:?}", E::NAME);
            });
        match error.protocol() {
            Some(shop_apis_core::Error::Build { source, .. }) => {
                errors.push((source.field().to_owned(), source.kind().clone()));
            }
            _ => panic!("{}, {adapter:?}: not a build error: {error:?}", E::NAME),
        }
        assert_eq!(
            harness.emulator.requests().len(),
            sent,
            "{}: nothing sent",
            E::NAME
        );
    }
    errors
}

fn invalid_character(kind: &BuildErrorKind) -> Option<char> {
    match kind {
        BuildErrorKind::InvalidCharacter { found, .. } => Some(*found),
        _ => None,
    }
}

#[test]
fn control_characters_in_paths_and_queries_are_refused() {
    let harness = Harness::start();
    let base = |api| harness.emulator.base_url(api);
    let clients = Clients::new(&base, &accepted(), false);

    let mut by_name = saplab_proto::ListClients::default();
    by_name.client_name = Some(SPLIT.into());
    let mut by_brand = saplab_proto::ListOrders::default();
    by_brand.brand = Some("Bosch\n".into());
    let promo = ucoz_proto::GetCheckout::default().promo_code("A\r\nB");
    let mut courier = ucoz_proto::ListInvoices::default();
    courier.courier = Some("Tom\u{0}".into());

    let cases = [
        ("client_name", refused(&harness, &clients.saplab, &by_name)),
        ("brand", refused(&harness, &clients.saplab, &by_brand)),
        ("promo_code", refused(&harness, &clients.ucoz, &promo)),
    ];
    for (field, errors) in cases {
        for (named, kind) in errors {
            assert_eq!(named, field);
            assert!(
                invalid_character(&kind).is_some_and(char::is_control),
                "{kind:?}"
            );
        }
    }
    let errors = refused(&harness, &clients.ucoz, &courier);
    assert!(
        errors
            .iter()
            .all(|(_, k)| invalid_character(k) == Some('\u{0}')),
        "{errors:?}"
    );

    // Values that become a query or a header are refused when made.
    assert!(ucoz_proto::OrderHash::new("abc\r\n").is_err());
    assert!(ucoz_proto::LoginFilter::new("tom\n").is_err());
}

#[test]
fn control_characters_in_credentials_are_refused() {
    assert!(qnits_proto::Credentials::new(1, "token\r\n").is_err());
    assert!(qnits_proto::Credentials::new(1, "token with space").is_err());
    assert!(saplab_proto::Credentials::new("manager", "pass\r\nword").is_err());
    assert!(saplab_proto::Credentials::new("man\nager", "password").is_err());
    assert!(saplab_proto::Credentials::new("man:ager", "password").is_err());
    assert!(ucoz_proto::Auth::bearer("abc\r\nX-Injected: 1").is_err());
    for index in 0..4 {
        let mut parts = ["ck", "cs", "tk", "ts"].map(String::from);
        parts[index].push('\n');
        assert!(
            ucoz_proto::OAuthCredentials::new(&parts[0], &parts[1], &parts[2], &parts[3]).is_err(),
            "{parts:?}"
        );
    }
}

#[test]
fn urls_longer_than_servers_accept_are_refused() {
    let harness = Harness::start();
    let base = |api| harness.emulator.base_url(api);
    let clients = Clients::new(&base, &accepted(), false);
    let mut long_name = saplab_proto::ListClients::default();
    long_name.client_name = Some("Ж".repeat(2000)); // 12,000 bytes encoded
    let long_promo = ucoz_proto::GetCheckout::default().promo_code("A".repeat(9000));
    for errors in [
        refused(&harness, &clients.saplab, &long_name),
        refused(&harness, &clients.ucoz, &long_promo),
    ] {
        for (field, kind) in errors {
            assert_eq!(field, "path");
            assert!(matches!(kind, BuildErrorKind::OutOfRange(_)), "{kind:?}");
        }
    }
    // Just under the limit still goes.
    let mut fits = saplab_proto::ListClients::default();
    fits.client_name = Some("Ж".repeat(1000));
    harness
        .call(Adapter::Hyper, &clients.saplab, &fits)
        .expect("a 6 KB filter is sent");
}

#[test]
fn numbers_out_of_range_are_refused() {
    let harness = Harness::start();
    let base = |api| harness.emulator.base_url(api);
    let clients = Clients::new(&base, &accepted(), false);
    assert!(saplab_proto::PerPage::new(0).is_err());
    assert!(saplab_proto::PerPage::new(151).is_err());
    assert!(saplab_proto::Page::new(0).is_err());
    let mut list = ucoz_proto::ListInvoices::default();
    list.per_page = Some(21);
    let errors = refused(&harness, &clients.ucoz, &list);
    assert!(errors.iter().all(|(f, _)| f == "per_page"), "{errors:?}");
    let mut order = qnits_order("range");
    order.products[0].quantity = 0;
    let errors = refused(&harness, &clients.qnits, &order);
    assert!(
        errors.iter().all(|(_, k)| *k == BuildErrorKind::Zero),
        "{errors:?}"
    );
}

fn qnits_order(external_id: &str) -> qnits_proto::CreateOrder {
    qnits_proto::CreateOrder::new(
        "Иванов Иван",
        "79123211232",
        qnits_proto::ExternalId::new(external_id).unwrap(),
        vec![qnits_proto::Product::new(qnits_proto::ProductId::new(7), 1)],
    )
}

/// The rule is about URLs and headers: a comment or a note in a body may
/// hold line breaks, and arrives as written.
#[test]
fn line_breaks_in_bodies_are_kept() {
    let harness = Harness::start();
    let base = |api| harness.emulator.base_url(api);
    let clients = Clients::new(&base, &accepted(), false);
    let mut order = qnits_order("multi-line");
    order.comments = Some("строка 1\r\nстрока 2".into());
    harness
        .call(Adapter::Hyper, &clients.qnits, &order)
        .unwrap();
    let stored = harness.emulator.qnits().orders();
    assert_eq!(stored[0].params["comments"], "строка 1\r\nстрока 2");
}
