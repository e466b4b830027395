//! uCoz uAPI (`002_28bf668ad234d1fb.txt`).
//!
//! The checks every endpoint gets are written once in [`support`] and
//! instantiated per endpoint by `endpoint_checks!`.

/// Shared inputs and the checks every uCoz endpoint gets.
pub mod support {
    use std::fmt::Debug;

    pub use crate::common::response;
    use conformance::{Manifest, render_request};
    use shop_apis_core::{BaseUrl, Endpoint, ResponseError, Stamp};
    use ucoz_proto::{Auth, OAuthCredentials, Ucoz};

    pub const CONSUMER_SECRET: &str = "Мой consumer_secret";
    pub const TOKEN_SECRET: &str = "Мой token_secret";
    pub const BEARER: &str = "eyJhbGciOiJIUzI1NiJ9.e30.bearer-secret";

    /// The site of the document's snippets, with their credentials.
    pub fn site() -> Ucoz {
        Ucoz::new(
            BaseUrl::parse("https://yoursite.ucoz.ru/uapi").unwrap(),
            Auth::OAuth1(
                OAuthCredentials::new(
                    "Мой consumer_key",
                    CONSUMER_SECRET,
                    "Мой token",
                    TOKEN_SECRET,
                )
                .unwrap(),
            ),
        )
    }

    pub fn bearer_site() -> Ucoz {
        Ucoz::new(
            BaseUrl::parse("https://yoursite.ucoz.ru/uapi").unwrap(),
            Auth::bearer(BEARER).unwrap(),
        )
    }

    /// The stamp every snapshot is signed with.
    pub fn stamp() -> Stamp {
        Stamp::new(1_700_000_000, "0123456789abcdef0123456789abcdef")
    }

    pub fn manifest() -> Manifest {
        Manifest::load("ucoz")
    }

    /// A document's PHP example: `$request->METHOD('PATH', array('k' => 'v', …))`.
    pub struct Php {
        pub method: http::Method,
        pub path: String,
        pub params: Vec<(String, String)>,
    }

    pub fn php(file: &str) -> Php {
        let text = String::from_utf8(manifest().read(file)).unwrap();
        let call = text
            .split("$request->")
            .nth(1)
            .unwrap_or_else(|| panic!("{file}: no $request-> call"));
        let (method, rest) = call.split_once("('").unwrap();
        let (path, rest) = rest.split_once('\'').unwrap();
        let array = rest
            .split_once("array(")
            .unwrap()
            .1
            .split_once("));")
            .unwrap()
            .0;
        let params = php_array(array);
        Php {
            method: method.to_uppercase().parse().unwrap(),
            path: path.to_owned(),
            params,
        }
    }

    /// The `'key' => 'value'` (or `=> 10`) pairs of a PHP array literal,
    /// quotes respected, comments and trailing commas ignored.
    fn php_array(text: &str) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find('\'') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('\'') else { break };
            let key = &after[..end];
            let tail = after[end + 1..].trim_start();
            let Some(tail) = tail.strip_prefix("=>") else {
                rest = &after[end + 1..];
                continue;
            };
            let tail = tail.trim_start();
            let (value, next) = match tail.strip_prefix('\'') {
                Some(quoted) => {
                    let close = quoted.find('\'').unwrap();
                    (&quoted[..close], &quoted[close + 1..])
                }
                None => {
                    let close = tail.find([',', ')', ' ']).unwrap_or(tail.len());
                    (&tail[..close], &tail[close..])
                }
            };
            pairs.push((key.to_owned(), value.to_owned()));
            rest = next;
        }
        pairs
    }

    /// The built request matches the document's PHP example: its method, its
    /// path as the helper requests it (lower-cased, one more `/` for POST and
    /// PUT), and its parameters beside the OAuth ones, wherever they travel.
    pub fn matches_php<E: Endpoint<Api = Ucoz>>(
        endpoint: &E,
        file: &str,
        defaults: &[(&str, &str)],
    ) {
        let request = endpoint.build(&site(), &stamp()).unwrap();
        let example = php(file);
        assert_eq!(request.method(), example.method, "{file}");
        let mut path = format!("/uapi{}", example.path.to_lowercase());
        if matches!(example.method, http::Method::POST | http::Method::PUT) {
            path.push('/');
        }
        assert_eq!(request.uri().path(), path, "{file}");
        let mut sent = match request.uri().query() {
            Some(query) => conformance::decode_form(query.as_bytes()),
            None => conformance::decode_form(request.body()),
        };
        // The examples call the helper, which signs: its OAuth parameters
        // are checked by `signed`, the call's own ones here.
        sent.retain(|(k, _)| !k.starts_with("oauth_"));
        sent.sort();
        // The examples write placeholders: a value in capitals (`PAYMENT_ID`)
        // stands for any value, a key `fldN` for `fld` and a number.
        let placeholder =
            |v: &str| !v.is_empty() && v.bytes().all(|b| b.is_ascii_uppercase() || b == b'_');
        let mut unmatched = sent.clone();
        for (key, value) in &example.params {
            let found = unmatched.iter().position(|(k, v)| {
                let key_matches = match key.strip_suffix('N') {
                    Some(stem) if key.ends_with("N") && stem == "fld" => k
                        .strip_prefix("fld")
                        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
                    _ => k == key,
                };
                // U19: an id list goes without the spaces of `'1, 2, 4'`.
                let value = if key == "ids" {
                    value.replace(", ", ",")
                } else {
                    value.clone()
                };
                key_matches && (placeholder(&value) || *v == value)
            });
            match found {
                Some(i) => {
                    unmatched.remove(i);
                }
                None => panic!("{file}: {key}={value} not sent; sent {sent:?}"),
            }
        }
        // What the example leaves to the server's default may be sent explicitly.
        unmatched.retain(|(k, v)| !defaults.contains(&(k.as_str(), v.as_str())));
        assert!(
            unmatched.is_empty(),
            "{file}: sent beyond the example: {unmatched:?}"
        );
    }

    /// The request signed with the fixed stamp, rendered with every secret
    /// redacted; byte-identical on repeat; the OAuth parameters present.
    pub fn signed<E: Endpoint<Api = Ucoz>>(endpoint: &E) -> String {
        let first = endpoint.request(&site(), &stamp()).unwrap();
        let again = endpoint.request(&site(), &stamp()).unwrap();
        assert_eq!(first.uri(), again.uri());
        assert_eq!(first.body(), again.body());
        let carried = match first.uri().query() {
            Some(query) => query.to_owned(),
            None => String::from_utf8(first.body().clone()).unwrap(),
        };
        let fields = conformance::decode_form(carried.as_bytes());
        for key in [
            "oauth_consumer_key",
            "oauth_nonce",
            "oauth_signature",
            "oauth_signature_method",
            "oauth_timestamp",
            "oauth_token",
            "oauth_version",
        ] {
            assert!(fields.iter().any(|(k, _)| k == key), "{key} missing");
        }
        let text = render_request(&first, &[CONSUMER_SECRET, TOKEN_SECRET]);
        assert!(!text.contains("secret"), "{text}");
        text
    }

    /// With a Bearer token: the header, sensitive, and no OAuth parameter.
    pub fn bearer<E: Endpoint<Api = Ucoz>>(endpoint: &E) {
        let request = endpoint.request(&bearer_site(), &stamp()).unwrap();
        let header = &request.headers()["authorization"];
        assert_eq!(header, &format!("Bearer {BEARER}"));
        assert!(header.is_sensitive());
        assert!(!request.uri().to_string().contains("oauth_"));
        assert!(!String::from_utf8_lossy(request.body()).contains("oauth_"));
    }

    /// Every response fixture of `name` parses as its manifest entry says.
    pub fn fixtures<E>(endpoint: &E, name: &str) -> Vec<(String, Result<E::Output, ResponseError>)>
    where
        E: Endpoint<Api = Ucoz>,
        E::Output: Debug,
    {
        crate::common::parse_fixtures(&manifest(), endpoint, name)
    }

    /// The error envelope under any status, pages and broken bodies.
    pub fn envelope_errors<E>(endpoint: &E)
    where
        E: Endpoint<Api = Ucoz>,
        E::Output: Debug,
    {
        for (status, body) in [
            (
                200,
                &br#"{"error":{"code":"401","msg":"Invalid signature"}}"#[..],
            ),
            (
                401,
                &br#"{"error":{"code":401,"msg":"Invalid signature"}}"#[..],
            ),
            (
                200,
                &br#"{"error":{"code":"401","msg":"Invalid signature"},"success":{"x":[1]}}"#[..],
            ),
        ] {
            match endpoint.parse(response(status, body)) {
                Err(ResponseError::Api(error)) => {
                    assert_eq!(error.status.as_u16(), status);
                    assert_eq!(error.code.as_deref(), Some("401"));
                    assert_eq!(error.message.as_deref(), Some("Invalid signature"));
                    assert_eq!(error.details.len(), 1, "the error kept raw");
                }
                other => panic!("{status}: {other:?}"),
            }
        }
        let text = endpoint.parse(response(200, br#"{"error":"Access denied"}"#));
        assert!(
            matches!(&text, Err(ResponseError::Api(e)) if e.message.as_deref() == Some("Access denied")),
            "{text:?}"
        );
        let page = b"<html><body>502 Bad Gateway</body></html>";
        for (status, body, status_error) in [
            (200, &page[..], true),
            (502, &page[..], true),
            (200, &b""[..], true),
            (200, &b"[]"[..], true),
            (500, &br#"{"success":{}}"#[..], true),
            (200, &br#"{"neither":1}"#[..], false),
            (200, &br#"{"success":"#[..], false),
        ] {
            let parsed = endpoint.parse(response(status, body));
            let ok = if status_error {
                matches!(parsed, Err(ResponseError::Status(_)))
            } else {
                matches!(parsed, Err(ResponseError::Decode(_)))
            };
            assert!(
                ok,
                "{status} {:?}: {parsed:?}",
                String::from_utf8_lossy(body)
            );
        }
    }
}

/// The document checks of one endpoint: `$module::{request_built,
/// fixtures_parsed, error_cases, properties}`.
macro_rules! endpoint_checks {
    ($module:ident, $name:literal, $endpoint:expr, $php:literal $(, defaults = [$(($dk:literal, $dv:literal)),*])? $(, also_end_to_end = [$($e2e:ident),*])? $(, multipart = $multipart:ident)?) => {
        pub mod $module {
            #[allow(unused_imports)]
            use ucoz_proto::*;

            fn endpoint() -> impl shop_apis_core::Endpoint<Api = ucoz_proto::Ucoz, Output: std::fmt::Debug> {
                $endpoint
            }

            pub mod request_built {
                use crate::ucoz::support;

                /// As the document's PHP example, requested as the helper requests it.
                #[test]
                fn matches_the_document() {
                    support::matches_php(&super::endpoint(), $php, &[$($(($dk, $dv)),*)?]);
                }

                /// Signed with a fixed time and nonce: byte-identical, no secret shown.
                #[test]
                fn signed_snapshot() {
                    insta::assert_snapshot!(
                        concat!(stringify!($module), ".signed"),
                        support::signed(&super::endpoint())
                    );
                }

                /// With a Bearer token instead of OAuth.
                #[test]
                fn bearer() {
                    support::bearer(&super::endpoint());
                }
            }

            pub mod fixtures_parsed {
                use crate::ucoz::support;

                /// Every example answer parses as its manifest entry says.
                #[test]
                fn every_response_fixture() {
                    for (file, parsed) in support::fixtures(&super::endpoint(), $name) {
                        insta::assert_debug_snapshot!(file, parsed);
                    }
                }
            }

            pub mod error_cases {
                use crate::ucoz::support;

                /// The error envelope, pages and broken bodies.
                #[test]
                fn envelope_errors() {
                    support::envelope_errors(&super::endpoint());
                }
            }

            pub mod end_to_end {
                /// Signed, sent through every adapter to the emulator, parsed.
                #[test]
                fn through_every_adapter() {
                    crate::ucoz_e2e::$module(ucoz_proto::BodyForm::UrlEncoded);
                }

                $(
                    /// The same with `multipart/form-data` bodies, as helper 2.3 sends (U7).
                    #[test]
                    fn $multipart() {
                        crate::ucoz_e2e::$module(ucoz_proto::BodyForm::Multipart);
                    }
                )?

                $($(
                    #[test]
                    fn $e2e() {
                        crate::ucoz_e2e::$e2e();
                    }
                )*)?
            }

            pub mod generated {
                /// Generated inputs and auth, through a generated adapter, to the emulator and back.
                #[test]
                fn through_the_emulator() {
                    crate::ucoz_generated::$module();
                }
            }

            pub mod properties {
                use proptest::prelude::*;
                use shop_apis_core::Endpoint;

                use crate::ucoz::support;

                proptest! {
                    /// Any status and any bytes: `Ok` or a typed error, never a panic.
                    #[test]
                    fn any_bytes_any_status(status in 100u16..1000, body in prop::collection::vec(any::<u8>(), 0..512)) {
                        let _ = super::endpoint().parse(support::response(status, &body));
                    }

                    /// Any `{"success": …}` of ids, texts and numbers: never a panic.
                    #[test]
                    fn any_success(status in 100u16..600, entries in prop::collection::btree_map("[0-9]{1,3}|[a-z]{1,5}|all", prop_oneof![
                        Just(serde_json::json!(null)),
                        any::<i64>().prop_map(serde_json::Value::from),
                        "\\PC{0,10}".prop_map(serde_json::Value::from),
                        Just(serde_json::json!({"name": "x", "type": "text"})),
                        Just(serde_json::json!([])),
                    ], 0..6)) {
                        let body = serde_json::to_vec(&serde_json::json!({"success": entries})).unwrap();
                        let _ = super::endpoint().parse(support::response(status, &body));
                    }
                }
            }
        }
    };
}

endpoint_checks!(
    list_delivery_methods,
    "ListDeliveryMethods",
    ListDeliveryMethods,
    "list_delivery_methods.request.php.txt"
);
endpoint_checks!(
    list_payment_methods,
    "ListPaymentMethods",
    ListPaymentMethods,
    "list_payment_methods.request.php.txt"
);
endpoint_checks!(
    list_order_statuses,
    "ListOrderStatuses",
    ListOrderStatuses,
    "list_order_statuses.request.php.txt"
);
endpoint_checks!(
    list_order_groups,
    "ListOrderGroups",
    ListOrderGroups,
    "list_order_groups.request.php.txt"
);
endpoint_checks!(
    list_order_fields,
    "ListOrderFields",
    ListOrderFields,
    "list_order_fields.request.php.txt"
);
endpoint_checks!(
    list_order_goods_fields,
    "ListOrderGoodsFields",
    ListOrderGoodsFields,
    "list_order_goods_fields.request.php.txt"
);

endpoint_checks!(
    get_checkout,
    "GetCheckout",
    GetCheckout::default(),
    "get_checkout.request.php.txt",
    also_end_to_end = [
        stale_and_replayed_requests_are_refused,
        promo_code_discounts_the_order,
        custom_delivery_tax_for_the_current_delivery,
        no_delivery_charge_no_order_tax,
        options_text_in_checkout_object_in_order
    ]
);
endpoint_checks!(
    recalc_checkout,
    "RecalcCheckout",
    RecalcCheckout::default(),
    "recalc_checkout.request.php.txt",
    multipart = multipart_bodies
);
endpoint_checks!(
    change_checkout,
    "ChangeCheckout",
    ChangeCheckout(OrderChoices::default()),
    "change_checkout.request.php.txt",
    also_end_to_end = [
        custom_delivery_tax_follows_the_delivery,
        map_address_fills_the_gmaps_field
    ],
    multipart = multipart_bodies
);
endpoint_checks!(
    place_order,
    "PlaceOrder",
    PlaceOrder::new(
        OrderChoices::default()
            .payment(PaymentId::new(1))
            .delivery(DeliveryId::new(3))
            .field(FieldId::new(1), "+7 (900) 000-00-01")
            .map(
                MapAddress::new("Москва, Тверская 1")
                    .at("55.7575".parse().unwrap(), "37.6130".parse().unwrap())
            )
    ),
    "place_order.request.php.txt",
    also_end_to_end = [
        promo_code_and_delivery_tax_reach_the_invoice,
        map_address_reaches_the_invoice,
        auto_register_registers_the_guest
    ],
    multipart = multipart_bodies
);

endpoint_checks!(
    list_invoices,
    "ListInvoices",
    ListInvoices::default(),
    "list_invoices.request.php.txt",
    also_end_to_end = [
        redirect_not_followed,
        user_filter,
        placed_between_filter,
        delivered_between_filter,
        sort_by_every_field_both_ways,
        invoice_walk_ends_where_the_page_is_ignored
    ]
);
endpoint_checks!(
    set_invoices_group,
    "SetInvoicesGroup",
    SetInvoicesGroup::new([InvoiceId::new(1)], OrderGroup::IN_WORK),
    "set_invoices_group.request.php.txt",
    defaults = [("hide", "0")],
    multipart = multipart_bodies
);
endpoint_checks!(
    set_invoices_courier,
    "SetInvoicesCourier",
    SetInvoicesCourier::new([InvoiceId::new(1), InvoiceId::new(2)], "Tom".to_owned()),
    "set_invoices_courier.request.php.txt",
    multipart = multipart_bodies
);
endpoint_checks!(
    set_invoices_status,
    "SetInvoicesStatus",
    SetInvoicesStatus::new([1, 2, 4].map(InvoiceId::new), OrderStatus::READY),
    "set_invoices_status.request.php.txt",
    multipart = multipart_bodies
);

endpoint_checks!(
    list_baskets,
    "ListBaskets",
    ListBaskets::default(),
    "list_baskets.request.php.txt",
    also_end_to_end = [
        user_ids_filter,
        user_login_exact_and_masks,
        user_group_filter,
        goods_ids_filter,
        goods_count_every_mode,
        price_every_mode,
        last_visit_in_the_shop_s_days,
        pages_of_baskets,
        basket_walk_ends_where_the_page_is_ignored
    ]
);
endpoint_checks!(
    save_invoice_note,
    "SaveInvoiceNote",
    SaveInvoiceNote::new(InvoiceId::new(180), "текст примечания"),
    "save_invoice_note.request.php.txt",
    multipart = multipart_bodies
);

endpoint_checks!(
    get_order,
    "GetOrder",
    GetOrder::new(OrderHash::new("UqTzDXQDXQMW3yE2cfI5p4lur1zUPEiVskfgy%3Boo").unwrap()),
    "get_order.request.php.txt",
    also_end_to_end = [details_leave_out_vat_and_profit]
);
endpoint_checks!(
    add_goods,
    "AddGoods",
    AddGoods::new(
        OrderHash::new("UqTzDXQDXQMW3yE2cfI5p4lur1zUPEiVskfgy%3Boo").unwrap(),
        GoodsId::new(5)
    ),
    "add_goods.request.php.txt",
    also_end_to_end = [digital_goods_added_show],
    multipart = multipart_bodies
);
endpoint_checks!(
    change_order_contents,
    "ChangeOrderContents",
    ChangeOrderContents::new(
        OrderHash::new("UqRgN7O%3B1ElzSZVqyJA4IFXbSG3s8iq3jvd2y%3Boo").unwrap()
    )
    .count(RecordId::new(3), 10),
    "change_order_contents.request.php.txt",
    multipart = multipart_bodies
);
endpoint_checks!(
    change_order_field,
    "ChangeOrderField",
    ChangeOrderField::new(
        OrderHash::new("UqRgN7O%3B1ElzWc9Oy1Ata9hLSGzgcNVN25iA3Mko").unwrap(),
        FieldId::new(2),
        FieldValue::Text("test_api_change".into())
    ),
    "change_order_field.request.php.txt",
    also_end_to_end = [map_point_of_the_gmaps_field],
    multipart = multipart_bodies
);

/// What the fixtures alone do not show.
pub mod particulars {
    use shop_apis_core::{Endpoint, Safety};
    use ucoz_proto::*;

    use super::support;

    /// The document's structures beyond its examples (U30–U35).
    pub mod shapes {
        include!("ucoz_shapes.rs");
    }

    /// Every manifest entry's file exists and every file is listed (the
    /// signing oracles have their own folder).
    #[test]
    fn manifest_matches_folder() {
        let manifest = support::manifest();
        let mut listed: Vec<_> = manifest.fixtures.iter().map(|f| f.file.clone()).collect();
        listed.sort();
        let mut present: Vec<_> = std::fs::read_dir(conformance::fixtures_dir().join("ucoz"))
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().unwrap().is_file())
            .map(|e| e.file_name().into_string().unwrap())
            .filter(|name| name != "manifest.json")
            .collect();
        present.sort();
        assert_eq!(listed, present);
    }

    /// The document's status list leaves out 6 and 10; they are kept, with
    /// their names, as sent.
    #[test]
    fn statuses_beyond_the_documented_list() {
        let body = support::manifest().read("list_order_statuses.200.json");
        let statuses = ListOrderStatuses
            .parse(support::response(200, &body))
            .unwrap();
        assert_eq!(statuses.len(), 11);
        assert_eq!(
            statuses.get(&OrderStatus::from_code(6)).map(String::as_str),
            Some("Доставлен в пункт самовывоза")
        );
        assert_eq!(
            statuses.get(&OrderStatus::CANCELLED).map(String::as_str),
            Some("Отменён")
        );
    }

    /// One shape for every open set: a documented code read from the wire
    /// is its constant, so a `match` on the constants takes its arm (there
    /// is no `Other(4)` beside `READY`); `Display` is the document's name,
    /// and an undocumented code is kept and shown as sent (U9).
    #[test]
    fn a_documented_code_is_its_constant() {
        let body = support::manifest().read("list_order_statuses.200.json");
        let statuses = ListOrderStatuses
            .parse(support::response(200, &body))
            .unwrap();
        let mut unlisted = Vec::new();
        for status in statuses.keys() {
            match *status {
                OrderStatus::NEW
                | OrderStatus::AWAITING_PAYMENT
                | OrderStatus::PAID
                | OrderStatus::PROCESSING
                | OrderStatus::READY
                | OrderStatus::DELIVERING
                | OrderStatus::DELIVERED
                | OrderStatus::COMPLETED
                | OrderStatus::CANCELLED => assert!(status.is_listed(), "{status:?}"),
                other => unlisted.push((other.code(), other.to_string())),
            }
        }
        assert_eq!(unlisted, [(6, "6".to_owned()), (10, "10".to_owned())]);
        assert_eq!(OrderStatus::from_code(4).to_string(), "Готов");
        assert_eq!(OrderGroup::from_code(2).to_string(), "В корзине");
        let kind: FieldType = serde_json::from_str(r#""gmaps""#).unwrap();
        assert!(matches!(kind, FieldType::GMAPS));
        assert_eq!(UserField::from_name("city").to_string(), "Город");
        assert_eq!(UserField::from_name("skype").to_string(), "skype");
    }

    /// Reference data is read-only.
    #[test]
    fn safety() {
        assert_eq!(ListDeliveryMethods.safety(), Safety::Safe);
        assert_eq!(ListOrderGoodsFields.safety(), Safety::Safe);
    }

    /// What is signed is exactly what is built, in one step: `request` is
    /// `build`, the emulator (its own encoder) verifies the signature over
    /// the URL and parameters the request carries, and a request changed
    /// after building goes out as changed, its signature no longer matching,
    /// so the server refuses it. Nothing rebuilds it from a hidden copy.
    #[test]
    fn the_signature_covers_exactly_the_request_built() {
        use crate::harness::{Adapter, Harness};

        let note = SaveInvoiceNote::new(InvoiceId::new(1), "first");
        let built = note.build(&support::site(), &support::stamp()).unwrap();
        let sent = note.request(&support::site(), &support::stamp()).unwrap();
        assert_eq!(
            (built.method(), built.uri(), built.headers(), built.body()),
            (sent.method(), sent.uri(), sent.headers(), sent.body())
        );

        /// `endpoint`'s request with `from` replaced by `to` after building,
        /// in its query or its body.
        struct Changed<E> {
            endpoint: E,
            from: &'static str,
            to: &'static str,
        }
        impl<E: Endpoint<Api = Ucoz>> Endpoint for Changed<E> {
            type Api = Ucoz;
            type Output = E::Output;
            const NAME: &'static str = E::NAME;
            fn safety(&self) -> Safety {
                self.endpoint.safety()
            }
            fn build(
                &self,
                api: &Ucoz,
                stamp: &shop_apis_core::Stamp,
            ) -> Result<http::Request<Vec<u8>>, shop_apis_core::BuildError> {
                let mut request = self.endpoint.build(api, stamp)?;
                let uri = request.uri().to_string().replace(self.from, self.to);
                *request.uri_mut() = uri.parse().unwrap();
                let body = String::from_utf8(request.body().clone()).unwrap();
                *request.body_mut() = body.replace(self.from, self.to).into_bytes();
                Ok(request)
            }
            fn parse(
                &self,
                response: http::Response<&[u8]>,
            ) -> Result<E::Output, shop_apis_core::ResponseError> {
                self.endpoint.parse(response)
            }
        }

        for adapter in Adapter::ALL {
            let harness = Harness::start();
            let site = crate::ucoz_e2e::oauth_site(&harness);
            let promo = GetCheckout::default().promo_code("SALE");
            let note = SaveInvoiceNote::new(InvoiceId::new(1), "first");
            assert!(harness.call(adapter, &site, &promo).is_ok(), "{adapter:?}");
            assert!(harness.call(adapter, &site, &note).is_ok(), "{adapter:?}");
            // Refused as badly signed, and received as changed.
            let refused_as_changed = |result: Result<(), shop_apis_adapter::Error>, seen: &str| {
                let error = result.expect_err("a changed request is refused");
                let refusal = error.refusal().expect("the server's refusal");
                assert_eq!(
                    (refusal.status.as_u16(), refusal.message.as_deref()),
                    (401, Some("Invalid signature")),
                    "{adapter:?}"
                );
                let last = harness.emulator.requests().pop().unwrap();
                let carried = format!(
                    "{} {}",
                    last.path_and_query,
                    String::from_utf8_lossy(&last.body)
                );
                assert!(carried.contains(seen), "{adapter:?}: {carried}");
            };
            let changed = Changed {
                endpoint: promo,
                from: "promo_code=SALE",
                to: "promo_code=FREE",
            };
            refused_as_changed(
                harness.call(adapter, &site, &changed).map(drop),
                "promo_code=FREE",
            );
            let changed = Changed {
                endpoint: note,
                from: "note=first",
                to: "note=other",
            };
            refused_as_changed(
                harness.call(adapter, &site, &changed).map(drop),
                "note=other",
            );
        }
    }

    /// Secrets never show in Debug output.
    #[test]
    fn secrets_never_printed() {
        for text in [
            format!("{:?}", support::site()),
            format!("{:?}", support::bearer_site()),
        ] {
            assert!(!text.contains(support::CONSUMER_SECRET), "{text}");
            assert!(!text.contains(support::TOKEN_SECRET), "{text}");
            assert!(!text.contains("bearer-secret"), "{text}");
        }
    }

    /// U11: an empty basket answers only a message, its own variant.
    #[test]
    fn empty_basket() {
        let body = r#"{"success":{"msg":"Ваша корзина пуста"}}"#;
        let data = GetCheckout::default()
            .parse(support::response(200, body.as_bytes()))
            .unwrap();
        assert_eq!(
            data,
            CheckoutData::Empty {
                msg: "Ваша корзина пуста".into()
            }
        );
    }

    /// U12: a map address goes as `gmap_a`, with `gmap_s` and `gmap_d`
    /// only together; `fldN` keys come from field numbers.
    #[test]
    fn map_address_and_field_keys() {
        let site = support::bearer_site();
        let keys = |choices: OrderChoices| -> Vec<String> {
            let request = ChangeCheckout(choices)
                .build(&site, &support::stamp())
                .unwrap();
            conformance::decode_form(request.body())
                .into_iter()
                .map(|(k, _)| k)
                .collect()
        };
        assert_eq!(
            keys(OrderChoices::default().map(MapAddress::new("a"))),
            ["gmap_a", "mode"]
        );
        assert_eq!(
            keys(
                OrderChoices::default()
                    .map(MapAddress::new("a").at(1.into(), 2.into()))
                    .field(FieldId::new(12), "x")
            ),
            ["fld12", "gmap_a", "gmap_d", "gmap_s", "mode"]
        );
        let twice = OrderChoices::default()
            .field(FieldId::new(1), "a")
            .field(FieldId::new(1), "b");
        assert_eq!(
            ChangeCheckout(twice)
                .build(&site, &support::stamp())
                .unwrap_err()
                .field(),
            "fld1"
        );
        let both = RecalcCheckout::default()
            .count(RecordId::new(6), 2)
            .remove(RecordId::new(6));
        assert_eq!(
            both.build(&site, &support::stamp()).unwrap_err().field(),
            "cnt_6"
        );
    }

    /// U13: recalc and change go as PUT, placing as POST.
    #[test]
    fn checkout_methods() {
        let site = support::bearer_site();
        assert_eq!(
            RecalcCheckout::default()
                .build(&site, &support::stamp())
                .unwrap()
                .method(),
            "PUT"
        );
        assert_eq!(
            ChangeCheckout::default()
                .build(&site, &support::stamp())
                .unwrap()
                .method(),
            "PUT"
        );
        assert_eq!(
            PlaceOrder::default()
                .build(&site, &support::stamp())
                .unwrap()
                .method(),
            "POST"
        );
        assert_eq!(PlaceOrder::default().safety(), Safety::Unsafe);
        assert_eq!(RecalcCheckout::default().safety(), Safety::Idempotent);
    }

    /// U14: a goods category is an object in checkout and a name in an order.
    #[test]
    fn category_object_or_name() {
        let line = |cat: &str| {
            let json = format!(
                r#"{{"goods_id":"1","price":{{"price":"1$","price_raw":1}},"cnt":"1","sum":{{"sum":"1$","sum_raw":1}},"cat":{cat}}}"#
            );
            serde_json::from_str::<GoodsLine>(&json)
                .unwrap()
                .cat
                .unwrap_or_default()
        };
        let object = line(r#"{"cat_name":"Одежда","cat_id":"4"}"#);
        assert_eq!(
            (object.id, object.name.as_deref()),
            (Some(4), Some("Одежда"))
        );
        let name = line(r#""Спорт""#);
        assert_eq!((name.id, name.name.as_deref()), (None, Some("Спорт")));
        assert_eq!(line(r#""""#), Category::default());
    }

    /// U15: the order hash goes back exactly as the server gave it; `%3B`
    /// is a value like any other and is encoded on the wire, as the
    /// document's own call passes it to the helper (`002`:873).
    #[test]
    fn order_hash_sent_as_given() {
        let hash = OrderHash::new("UqRgN7O%3B1ElzSZVqyJA4IFXbSG3s8iq3jvd2y%3Boo").unwrap();
        let body = r#"{"success":{"count":"1","page":1,"pages_cnt":1,"per_page":"20","orders":[{"order_hash":"UqRgN7O%3B1ElzSZVqyJA4IFXbSG3s8iq3jvd2y%3Boo","id":"1","cnt":"1","amount":"1","hide":"0","status":"0","add_date":"1458511535"}]}}"#;
        let invoices = ListInvoices::default()
            .parse(support::response(200, body.as_bytes()))
            .unwrap();
        assert_eq!(invoices.orders[0].order_hash, hash);
        let encoded = ucoz_proto::oauth::php_encode(hash.as_str());
        assert!(encoded.contains("%253B"), "{encoded}");
        assert_eq!(
            conformance::percent_decode(&encoded).unwrap(),
            hash.as_str()
        );
    }

    /// U16: a courier is `null`, `0`, `""` or a login.
    #[test]
    fn courier_spellings() {
        for (json, expected) in [
            ("null", None),
            ("0", None),
            (r#""""#, None),
            (r#""0""#, None),
            (r#""Tom""#, Some("Tom")),
        ] {
            let delivery: InvoiceDelivery =
                serde_json::from_str(&format!(r#"{{"courier":{json},"delivery_date":"0"}}"#))
                    .unwrap();
            assert_eq!(delivery.courier.as_deref(), expected, "{json}");
            assert_eq!(delivery.delivery_date, None);
        }
    }

    /// U17: `orders` is a list, and a keyed object reads the same.
    #[test]
    fn orders_list_or_keyed() {
        let order = r#"{"order_hash":"h","id":"7","cnt":"1","amount":"1","hide":"1","status":"6","add_date":"1"}"#;
        for orders in [format!("[{order}]"), format!(r#"{{"0":{order}}}"#)] {
            let body = format!(
                r#"{{"count":"1","page":1,"pages_cnt":1,"per_page":"20","orders":{orders}}}"#
            );
            let invoices: Invoices = serde_json::from_str(&body).unwrap();
            assert_eq!(invoices.orders[0].id, InvoiceId::new(7));
            assert_eq!(invoices.orders[0].status, Some(OrderStatus::from_code(6)));
            assert_eq!(invoices.orders[0].hide, Some(OrderGroup::ARCHIVE));
        }
    }

    /// U18: ranges are one value, `from|to`, with a day or a day and time;
    /// `per_page` is 1 to 20.
    #[test]
    fn invoice_filters() {
        use time::macros::{date, datetime};
        let site = support::bearer_site();
        let list = ListInvoices::default()
            .placed_between(Range {
                from: DateTimeBound::Day(date!(2016 - 03 - 01)),
                to: DateTimeBound::At(datetime!(2016-03-31 23:59:59)),
            })
            .ids([1, 2].map(InvoiceId::new))
            .hide(OrderGroup::BIN)
            .courier("Tom")
            .payment(PaymentId::new(2))
            .delivery(DeliveryId::new(3))
            .user(5)
            .page(2)
            .per_page(20);
        let query = list
            .build(&site, &support::stamp())
            .unwrap()
            .uri()
            .query()
            .unwrap()
            .to_owned();
        let pairs = conformance::decode_form(query.as_bytes());
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("date"), Some("2016-03-01|2016-03-31 23:59:59"));
        assert_eq!(get("id"), Some("1,2"));
        assert_eq!(get("hide"), Some("2"));
        for bad in [
            ListInvoices::default().per_page(0),
            ListInvoices::default().per_page(21),
            ListInvoices::default().page(0),
        ] {
            assert!(bad.build(&site, &support::stamp()).is_err());
        }
    }

    /// U19: id lists go without spaces; an empty list is refused.
    #[test]
    fn id_lists() {
        let site = support::bearer_site();
        let body = SetInvoicesStatus::new([1, 2, 4].map(InvoiceId::new), OrderStatus::READY)
            .build(&site, &support::stamp())
            .unwrap()
            .into_body();
        assert!(String::from_utf8(body).unwrap().contains("ids=1%2C2%2C4"));
        assert_eq!(
            SetInvoicesStatus::new([], OrderStatus::READY)
                .build(&site, &support::stamp())
                .unwrap_err()
                .field(),
            "ids"
        );
        assert_eq!(
            SetInvoicesCourier::new([InvoiceId::new(1)], " ".into())
                .build(&site, &support::stamp())
                .unwrap_err()
                .field(),
            "group_courier"
        );
    }

    /// U21: a count or price condition is its mode and operand(s) together;
    /// `btw` and `nin` take two numbers separated by a space.
    #[test]
    fn basket_conditions() {
        let site = support::bearer_site();
        let query = |list: ListBaskets| {
            let request = list.build(&site, &support::stamp()).unwrap();
            conformance::decode_form(request.uri().query().unwrap_or_default().as_bytes())
        };
        let pairs = query(
            ListBaskets::default()
                .goods_count(Compare::Greq(2.into()))
                .price(Compare::Outside("10.5".parse().unwrap(), 20.into()))
                .user_ids([6, 8])
                .goods_ids([GoodsId::new(9)]),
        );
        for expected in [
            ("f_goods_count_mode", "greq"),
            ("f_goods_count", "2"),
            ("f_price_mode", "nin"),
            ("f_price", "10.5 20"),
            ("f_users_ids", "6,8"),
            ("f_goods_ids", "9"),
        ] {
            assert!(
                pairs.contains(&(expected.0.to_owned(), expected.1.to_owned())),
                "{expected:?} in {pairs:?}"
            );
        }
        let reversed = ListBaskets::default().price(Compare::Between(20.into(), 10.into()));
        assert_eq!(
            reversed
                .build(&site, &support::stamp())
                .unwrap_err()
                .field(),
            "f_price"
        );
        assert!(
            ListBaskets::default()
                .per_page(21)
                .build(&site, &support::stamp())
                .is_err()
        );
    }

    /// U22: a login filter is sent in Base64, masks included.
    #[test]
    fn login_filter_in_base64() {
        for (login, base64) in [
            ("tom", "dG9t"),
            ("t?m*", "dD9tKg=="),
            ("Иван", "0JjQstCw0L0="),
        ] {
            assert_eq!(LoginFilter::new(login).unwrap().to_string(), base64);
        }
    }

    /// U23: the note goes to /shop/checkout/ as its PHP example calls it.
    #[test]
    fn note_path() {
        let request = SaveInvoiceNote::new(InvoiceId::new(1), "")
            .build(&support::bearer_site(), &support::stamp())
            .unwrap();
        assert_eq!(
            (request.method().as_str(), request.uri().path()),
            ("PUT", "/uapi/shop/checkout//")
        );
    }

    /// U24: the basket list's example has a trailing comma: the verbatim copy
    /// is not JSON, the repaired one is and differs only there.
    #[test]
    fn basket_example_repaired() {
        let manifest = support::manifest();
        let verbatim = manifest.read("list_baskets.200.verbatim.txt");
        let repaired = manifest.read("list_baskets.200.repaired.json");
        assert!(serde_json::from_slice::<serde_json::Value>(&verbatim).is_err());
        assert!(serde_json::from_slice::<serde_json::Value>(&repaired).is_ok());
        assert_eq!(verbatim.len(), repaired.len() + 1);
        let invoices = manifest.read("list_invoices.200.verbatim.txt");
        assert!(serde_json::from_slice::<serde_json::Value>(&invoices).is_err());
    }

    /// U25: an order's field values and their labels (`fields_descr`) share
    /// one object; they are split.
    #[test]
    fn order_fields_split() {
        let values: OrderFieldValues = serde_json::from_str(
            r#"{"1":"89111111111","fields_descr":{"1":"Телефон","2":"Адрес"},"2":"test","note":"x"}"#,
        )
        .unwrap();
        assert_eq!(
            values.values.get(&FieldId::new(2)).map(String::as_str),
            Some("test")
        );
        assert_eq!(
            values.labels.get(&FieldId::new(1)).map(String::as_str),
            Some("Телефон")
        );
        assert_eq!(values.other.value("note").unwrap(), "x");
        for empty in ["[]", r#""""#, "null", "{}"] {
            let values: OrderFieldValues = serde_json::from_str(empty).unwrap();
            assert!(
                values.values.is_empty() && values.labels.is_empty(),
                "{empty}"
            );
        }
    }

    /// U26: one order reads in the documented shape and in the list shape
    /// the document's example shows.
    #[test]
    fn one_order_in_either_shape() {
        let manifest = support::manifest();
        let get = GetOrder::new(OrderHash::new("h").unwrap());
        let listed = get
            .parse(support::response(
                200,
                &manifest.read("get_order.200.repaired.json"),
            ))
            .unwrap();
        assert!(matches!(listed, OrderView::Listed(_)));
        let documented = format!(r#"{{"success":{}}}"#, {
            let body: serde_json::Value =
                serde_json::from_slice(&manifest.read("add_goods.200.repaired.json")).unwrap();
            body["success"].to_string()
        });
        let details = get
            .parse(support::response(200, documented.as_bytes()))
            .unwrap();
        match details {
            OrderView::Details(order) => {
                assert_eq!(
                    order.order_data.order_status.as_ref().map(|s| s.code),
                    Some(OrderStatus::NEW)
                );
                assert_eq!(order.order_data.order_fields.labels.len(), 2);
            }
            other => panic!("{other:?}"),
        }
    }

    /// U26: whichever shape an order comes in, a bad field is named by its
    /// path in that shape (the documented one is decoded without buffering).
    #[test]
    fn one_order_errors_name_the_field_in_either_shape() {
        let manifest = support::manifest();
        let get = GetOrder::new(OrderHash::new("h").unwrap());
        let mut documented: serde_json::Value =
            serde_json::from_slice(&manifest.read("add_goods.200.repaired.json")).unwrap();
        documented["success"]["order_data"]["order_cnt"] = "many".into();
        let error = get
            .parse(support::response(200, documented.to_string().as_bytes()))
            .unwrap_err();
        assert!(
            error.to_string().contains("$.success.order_data.order_cnt"),
            "{error}"
        );
        let mut listed: serde_json::Value =
            serde_json::from_slice(&manifest.read("get_order.200.repaired.json")).unwrap();
        listed["success"]["orders"][1]["cnt"] = "many".into();
        let error = get
            .parse(support::response(200, listed.to_string().as_bytes()))
            .unwrap_err();
        assert!(
            error.to_string().contains("$.success.orders[1].cnt"),
            "{error}"
        );
    }

    /// U29: a goods line's `other1`…`other9` are named fields, not unknown ones.
    #[test]
    fn additional_goods_fields() {
        let manifest = support::manifest();
        let get = GetOrder::new(OrderHash::new("h").unwrap());
        let body = manifest.read("add_goods.200.repaired.json");
        let OrderView::Details(order) = get.parse(support::response(200, &body)).unwrap() else {
            panic!("the documented shape");
        };
        let line = order.order_goods.goods.values().next().unwrap();
        assert_eq!(line.other(1), Some("20x20x20"));
        assert_eq!(line.other(2), Some("Не бьются"));
        assert_eq!(line.other3.as_deref(), Some("ЗУ в комплект не входит"));
        assert_eq!(line.other(4), None);
        assert!(
            !line.unknown.keys().any(|key| key.starts_with("other")),
            "{:?}",
            line.unknown.keys().collect::<Vec<_>>()
        );
    }

    /// U27: the field change goes to /shop/invoices/ as its PHP example
    /// calls it; a map address replaces `fval`.
    #[test]
    fn field_change_path_and_map() {
        let site = support::bearer_site();
        let hash = OrderHash::new("h").unwrap();
        let change = ChangeOrderField::new(
            hash.clone(),
            FieldId::new(4),
            FieldValue::Map(MapAddress::new("Тверская 1").at(1.into(), 2.into())),
        );
        let request = change.build(&site, &support::stamp()).unwrap();
        assert_eq!(request.uri().path(), "/uapi/shop/invoices//");
        let keys: Vec<String> = conformance::decode_form(request.body())
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, ["fid", "gmap_a", "gmap_d", "gmap_s", "mode", "order"]);
        assert!(
            ChangeOrderContents::new(hash.clone())
                .build(&site, &support::stamp())
                .is_err(),
            "nothing to change"
        );
        let both = ChangeOrderContents::new(hash)
            .count(RecordId::new(3), 1)
            .remove(RecordId::new(3));
        assert_eq!(
            both.build(&site, &support::stamp()).unwrap_err().field(),
            "del_3"
        );
    }

    /// Every uCoz endpoint classed by effect.
    #[test]
    fn safety_by_effect() {
        let hash = || OrderHash::new("h").unwrap();
        assert_eq!(
            AddGoods::new(hash(), GoodsId::new(1)).safety(),
            Safety::Unsafe
        );
        assert_eq!(PlaceOrder::default().safety(), Safety::Unsafe);
        for idempotent in [
            ChangeOrderContents::new(hash()).safety(),
            ChangeOrderField::new(hash(), FieldId::new(1), FieldValue::Text(String::new()))
                .safety(),
            SaveInvoiceNote::new(InvoiceId::new(1), "").safety(),
            SetInvoicesStatus::new([InvoiceId::new(1)], OrderStatus::NEW).safety(),
            RecalcCheckout::default().safety(),
        ] {
            assert_eq!(idempotent, Safety::Idempotent);
        }
        for safe in [
            GetOrder::new(hash()).safety(),
            ListInvoices::default().safety(),
            ListBaskets::default().safety(),
            GetCheckout::default().safety(),
        ] {
            assert_eq!(safe, Safety::Safe);
        }
    }

    /// One POST in multipart form (U7), signed with the fixed stamp:
    /// byte-identical on repeat, to `…//?`, every field a part, the
    /// signature once encoded and last, no secret shown.
    #[test]
    fn multipart_request_snapshot() {
        let site = support::site().body_form(BodyForm::Multipart);
        let place = PlaceOrder::new(
            OrderChoices::default()
                .payment(PaymentId::new(1))
                .delivery(DeliveryId::new(3))
                .field(FieldId::new(2), "Москва, Тверская 1\r\nкв. 5"),
        );
        let request = place.request(&site, &support::stamp()).unwrap();
        let again = place.request(&site, &support::stamp()).unwrap();
        assert_eq!(
            (request.uri(), request.headers(), request.body()),
            (again.uri(), again.headers(), again.body())
        );
        assert_eq!(
            request.uri(),
            "https://yoursite.ucoz.ru/uapi/shop/checkout//?"
        );
        let text = conformance::render_request(
            &request,
            &[support::CONSUMER_SECRET, support::TOKEN_SECRET],
        );
        assert!(!text.contains("secret"), "{text}");
        insta::assert_snapshot!("place_order.multipart", text);
    }

    /// A value that holds every boundary the stamp gives is refused before
    /// sending, as a `BuildError`; built at another stamp, it is framed.
    #[test]
    fn multipart_boundaries_never_ambiguous() {
        use ucoz_proto::multipart::{BOUNDARY_ATTEMPTS, boundary};
        let site = support::site().body_form(BodyForm::Multipart);
        let holding = |stamp: &shop_apis_core::Stamp| {
            let all: String = (0..BOUNDARY_ATTEMPTS)
                .map(|attempt| boundary(stamp, attempt))
                .collect();
            ChangeCheckout(OrderChoices::default().field(FieldId::new(1), all))
        };
        let holding_them = holding(&support::stamp());
        assert_eq!(
            holding_them
                .build(&site, &support::stamp())
                .unwrap_err()
                .field(),
            "body"
        );
        assert!(
            holding_them
                .build(&site, &shop_apis_core::Stamp::new(0, ""))
                .is_ok()
        );
        let error = holding_them.request(&site, &support::stamp()).unwrap_err();
        assert!(
            matches!(error, shop_apis_core::Error::Build { .. }),
            "{error:?}"
        );
        // One boundary taken: the next one frames the body.
        let first = boundary(&support::stamp(), 0);
        let request = ChangeCheckout(OrderChoices::default().field(FieldId::new(1), first.clone()))
            .request(&site, &support::stamp())
            .unwrap();
        let content_type = request.headers()["content-type"].to_str().unwrap();
        assert_eq!(
            content_type,
            format!(
                "multipart/form-data; boundary={}",
                boundary(&support::stamp(), 1)
            )
        );
    }
}
