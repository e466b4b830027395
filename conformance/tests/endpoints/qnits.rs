//! Qnits (`000_616629dbc4c695c5.txt`).

/// Shared inputs: the document's example order, with a token the document's
/// example would have had without its Cyrillic letter.
pub mod support {
    use conformance::Manifest;
    use qnits_proto::{CreateOrder, Credentials, ExternalId, Product, ProductId, Qnits};
    use shop_apis_core::{BaseUrl, Stamp};

    /// The document's token (seed line 30) with its Cyrillic с (U+0441) at
    /// position 32 replaced by the Latin c it imitates.
    pub const TOKEN: &str = "541c4a59bdad87039c7ae8df6af14785caf7526f01a613f5bd894d615ee811e5";

    pub fn manifest() -> Manifest {
        Manifest::load("qnits")
    }

    pub fn qnits() -> Qnits {
        Qnits::public(Credentials::new(1, TOKEN).unwrap())
    }

    /// A fixed stamp, for requests whose bytes do not depend on it: Qnits
    /// ignores the time and nonce.
    pub fn stamp() -> Stamp {
        Stamp::new(1_700_000_000, "n")
    }

    pub fn partner(url: &str) -> Qnits {
        Qnits::new(
            BaseUrl::parse_allowing_plain_http(url).unwrap(),
            Credentials::new(1, TOKEN).unwrap(),
        )
    }

    /// The order of the document's example (seed line 30).
    pub fn doc_order() -> CreateOrder {
        CreateOrder::new(
            "Иванов Иван",
            "79123211232",
            ExternalId::new("2643").unwrap(),
            vec![
                Product::new(ProductId::new(1000587), 1),
                Product::new(ProductId::new(3044), 2),
            ],
        )
    }

    pub use crate::common::response;
}

pub mod create_order {
    pub mod request_built {
        use conformance::render_request;
        use qnits_proto::{CreateOrder, Credentials, ExternalId, Product, ProductId};
        use serde_json::Value;
        use shop_apis_core::{BuildErrorKind, Endpoint, Safety, Stamp};

        use super::super::support::{self, TOKEN};

        fn body_json(order: &CreateOrder) -> Value {
            let request = order.build(&support::qnits(), &support::stamp()).unwrap();
            serde_json::from_slice(request.body()).unwrap()
        }

        /// The document's example, built from types, is the repaired fixture
        /// except for the token's one Cyrillic letter.
        #[test]
        fn doc_example() {
            let manifest = support::manifest();
            let mut expected: Value =
                serde_json::from_slice(&manifest.read("create_order.request.repaired.json"))
                    .unwrap();
            expected["token"] = Value::from(TOKEN);
            assert_eq!(body_json(&support::doc_order()), expected);

            let request = support::doc_order()
                .request(&support::qnits(), &Stamp::new(0, ""))
                .unwrap();
            insta::assert_snapshot!(render_request(&request, &[TOKEN]));
        }

        /// Q2: the document's own token is refused, naming the character.
        #[test]
        fn doc_example_token_is_refused() {
            let manifest = support::manifest();
            let fixture: Value =
                serde_json::from_slice(&manifest.read("create_order.request.repaired.json"))
                    .unwrap();
            let token = fixture["token"].as_str().unwrap();
            let error = Credentials::new(1, token).unwrap_err();
            assert_eq!(error.field(), "token");
            assert_eq!(
                error.kind(),
                &BuildErrorKind::InvalidCharacter {
                    found: 'с',
                    position: 32,
                    looks_like: Some('c'),
                    allowed: "printable ASCII (no spaces)",
                }
            );
            let message = error.to_string();
            assert!(message.contains("'с' (U+0441) at position 32"), "{message}");
            assert!(
                !message.contains(&token[..32]),
                "the message must not echo the token: {message}"
            );
        }

        /// Q3, Q6, Q11: every optional field, with the key names decided for
        /// the table's gaps (`email`) and quirks (`secondaryPhone`), and an
        /// exact price written as a JSON number.
        #[test]
        fn every_optional_field() {
            let order = CreateOrder::new(
                "Иванов Иван",
                "+7 (912) 321-12-32",
                ExternalId::from_order_id(2643).unwrap(),
                vec![
                    Product::new(ProductId::new(1000587), 1)
                        .price("1499.90".parse().unwrap())
                        .name("Чехол"),
                    Product::new(ProductId::new(3044), 2),
                ],
            )
            .address("г. Уфа, Бакалинская ул., 23")
            .secondary_phone("79120000000")
            .email("ivanov@example.com")
            .comments("Позвоните за час");
            let request = order.build(&support::qnits(), &support::stamp()).unwrap();
            let body = std::str::from_utf8(request.body()).unwrap();
            assert!(body.contains(r#""price":1499.90"#), "{body}");
            assert!(body.contains(r#""secondaryPhone":"79120000000""#), "{body}");
            assert!(body.contains(r#""email":"ivanov@example.com""#), "{body}");
            insta::assert_snapshot!(render_request(&request, &[TOKEN]));
        }

        /// Optional texts that are empty or blank carry nothing and are left out.
        #[test]
        fn blank_optional_fields_are_left_out() {
            let order = support::doc_order().address("").email("   ").comments("\t");
            let body = body_json(&order);
            let params = body["params"].as_object().unwrap();
            assert_eq!(
                params.keys().map(String::as_str).collect::<Vec<_>>(),
                ["external_id", "name", "phone", "products"]
            );
        }

        /// The same input gives the same bytes, whatever the stamp.
        #[test]
        fn byte_identical() {
            let first = support::doc_order()
                .request(&support::qnits(), &Stamp::new(1, "a"))
                .unwrap();
            let second = support::doc_order()
                .request(&support::qnits(), &Stamp::new(2, "b"))
                .unwrap();
            assert_eq!(first.method(), second.method());
            assert_eq!(first.uri(), second.uri());
            assert_eq!(first.headers(), second.headers());
            assert_eq!(first.body(), second.body());
        }

        /// Q7: idempotent, on the strength of `external_id`.
        #[test]
        fn idempotent_by_external_id() {
            assert_eq!(support::doc_order().safety(), Safety::Idempotent);
            assert_eq!(
                ExternalId::from_order_id(2643).unwrap(),
                ExternalId::from_order_id("2643").unwrap()
            );
        }

        /// Q4: the public host is https; a partner domain over plain http
        /// needs the explicit opt-in; `/api` is added to the base.
        #[test]
        fn base_url() {
            let request = support::doc_order()
                .build(&support::qnits(), &support::stamp())
                .unwrap();
            assert_eq!(request.uri(), "https://api.qnits.ru/api");
            assert_eq!(request.method(), http::Method::POST);
            let partner = support::partner("http://shop.example/");
            let request = support::doc_order()
                .build(&partner, &support::stamp())
                .unwrap();
            assert_eq!(request.uri(), "http://shop.example/api");
            assert_eq!(
                shop_apis_core::BaseUrl::parse("http://api.qnits.ru")
                    .unwrap_err()
                    .kind(),
                &BuildErrorKind::PlainHttp
            );
        }

        /// Every refusal before building: the field and the reason.
        #[test]
        fn validation() {
            let with = |f: fn(&mut CreateOrder)| {
                let mut order = support::doc_order();
                f(&mut order);
                order
            };
            let cases: Vec<(CreateOrder, &str, BuildErrorKind)> = vec![
                (
                    with(|o| o.name = String::new()),
                    "params.name",
                    BuildErrorKind::Empty,
                ),
                (
                    with(|o| o.name = " \u{a0}\t".into()),
                    "params.name",
                    BuildErrorKind::Blank,
                ),
                (
                    with(|o| o.phone = String::new()),
                    "params.phone",
                    BuildErrorKind::Empty,
                ),
                (
                    with(|o| o.phone = "  ".into()),
                    "params.phone",
                    BuildErrorKind::Blank,
                ),
                (
                    with(|o| o.products.clear()),
                    "params.products",
                    BuildErrorKind::Empty,
                ),
                (
                    with(|o| o.products[1].quantity = 0),
                    "params.products[1].quantity",
                    BuildErrorKind::Zero,
                ),
                (
                    with(|o| o.products[0].price = Some("-0.01".parse().unwrap())),
                    "params.products[0].price",
                    BuildErrorKind::Negative,
                ),
            ];
            for (order, field, kind) in cases {
                let error = order
                    .build(&support::qnits(), &support::stamp())
                    .unwrap_err();
                assert_eq!((error.field(), error.kind()), (field, &kind), "{order:?}");
            }
            // Q6: 0 means "retail price" on the wire; here that is `None`, and 0 is refused.
            let zero = with(|o| {
                o.products = vec![Product::new(ProductId::new(1), 1).price("0.00".parse().unwrap())]
            });
            let error = zero
                .build(&support::qnits(), &support::stamp())
                .unwrap_err();
            assert_eq!(error.field(), "params.products[0].price");
            assert!(error.to_string().contains("leave it out"), "{error}");
            assert!(
                with(|o| o.products = vec![Product::new(ProductId::new(1), 1)])
                    .build(&support::qnits(), &support::stamp())
                    .is_ok()
            );

            // Refused at construction: external_id, qnit_id, token.
            assert_eq!(
                ExternalId::new("").unwrap_err().kind(),
                &BuildErrorKind::Empty
            );
            assert_eq!(
                ExternalId::new(" \n").unwrap_err().kind(),
                &BuildErrorKind::Blank
            );
            assert_eq!(
                ExternalId::new(" ").unwrap_err().field(),
                "params.external_id"
            );
            assert_eq!(
                Credentials::new(0, TOKEN).unwrap_err().kind(),
                &BuildErrorKind::Zero
            );
            assert_eq!(
                Credentials::new(1, "").unwrap_err().kind(),
                &BuildErrorKind::Empty
            );
            for (token, found, position) in
                [("ab cd", ' ', 2), ("abc\n", '\n', 3), ("tökén", 'ö', 1)]
            {
                let error = Credentials::new(1, token).unwrap_err();
                assert!(
                    matches!(error.kind(), BuildErrorKind::InvalidCharacter { found: f, position: p, .. } if *f == found && *p == position),
                    "{token:?}: {error}"
                );
            }
        }

        /// The token is redacted everywhere but the body.
        #[test]
        fn token_never_printed() {
            let qnits = support::qnits();
            let order = support::doc_order();
            for text in [
                format!("{qnits:?}"),
                format!("{order:?}"),
                format!("{:?}", qnits.credentials()),
            ] {
                assert!(!text.contains(TOKEN), "{text}");
            }
            let request = order.build(&qnits, &support::stamp()).unwrap();
            assert!(String::from_utf8_lossy(request.body()).contains(TOKEN));
        }
    }

    pub mod fixtures_parsed {
        use conformance::{Expect, Provenance, Role};
        use qnits_proto::OrderId;
        use shop_apis_core::{ApiErrorDetail, Endpoint, ReportUnknown, ResponseError};

        use super::super::support;

        /// Every file in `fixtures/qnits` is in the manifest, and every entry exists.
        #[test]
        fn manifest_matches_folder() {
            let manifest = support::manifest();
            assert_eq!(manifest.api, "qnits");
            let mut listed: Vec<_> = manifest.fixtures.iter().map(|f| f.file.clone()).collect();
            listed.sort();
            let folder = conformance::fixtures_dir().join("qnits");
            let mut present: Vec<_> = std::fs::read_dir(folder)
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .filter(|name| name != "manifest.json")
                .collect();
            present.sort();
            assert_eq!(listed, present);
            for fixture in &manifest.fixtures {
                assert_eq!(fixture.endpoint, "CreateOrder");
                if fixture.provenance == Provenance::Repaired {
                    assert!(
                        !fixture.repairs.is_empty(),
                        "{}: say what was repaired",
                        fixture.file
                    );
                }
                if fixture.role == Role::Response {
                    assert!(
                        fixture.status.is_some() && fixture.expect.is_some(),
                        "{}",
                        fixture.file
                    );
                }
            }
        }

        /// Q1: the verbatim request example is not JSON; the repaired one is.
        #[test]
        fn request_examples() {
            let manifest = support::manifest();
            let verbatim = manifest.read("create_order.request.verbatim.txt");
            assert!(serde_json::from_slice::<serde_json::Value>(&verbatim).is_err());
            let repaired = manifest.read("create_order.request.repaired.json");
            assert!(serde_json::from_slice::<serde_json::Value>(&repaired).is_ok());
        }

        /// Every response fixture parses as its manifest says; one snapshot each.
        #[test]
        fn every_response_fixture() {
            let manifest = support::manifest();
            let responses: Vec<_> = manifest
                .fixtures
                .iter()
                .filter(|f| f.role == Role::Response)
                .collect();
            assert!(!responses.is_empty());
            for fixture in responses {
                let body = manifest.read(&fixture.file);
                let parsed =
                    support::doc_order().parse(support::response(fixture.status.unwrap(), &body));
                match fixture.expect.unwrap() {
                    Expect::Ok => assert_eq!(
                        parsed.as_ref().map(ReportUnknown::unknown_field_paths),
                        Ok(Vec::new()),
                        "{}: every field typed",
                        fixture.file
                    ),
                    Expect::ApiError => assert!(
                        matches!(parsed, Err(ResponseError::Api(_))),
                        "{}: {parsed:?}",
                        fixture.file
                    ),
                }
                insta::assert_debug_snapshot!(fixture.file.clone(), parsed);
            }
        }

        /// Q5, Q9, Q13: the answer is an object (the document says "JSON
        /// array", PHP's word); `order_id` is read as a number or a string;
        /// the status text is not relied on; unknown fields are kept.
        #[test]
        fn answer_variants() {
            for body in [
                r#"{"status":"Ок","order_id":715,"order_url":"u"}"#,
                r#"{"status":"\u041e\u043a","order_id":"715","order_url":"u"}"#,
                r#"{"status":"OK","order_id":"0000715","order_url":"u"}"#,
                r#"{"order_id":715,"order_url":"u"}"#,
            ] {
                let created = support::doc_order()
                    .parse(support::response(201, body.as_bytes()))
                    .unwrap();
                assert_eq!(created.order_id, OrderId::new(715), "{body}");
            }
            let with_extra = support::doc_order()
                .parse(support::response(
                    201,
                    br#"{"order_id":1,"order_url":"u","payment_url":"p"}"#,
                ))
                .unwrap();
            assert_eq!(with_extra.unknown.value("payment_url").unwrap(), "p");
        }

        /// Q16: `order_url` may be absent, `null` or `""`: the order was still
        /// created, and no URL is made up.
        #[test]
        fn order_url_is_optional() {
            for body in [
                r#"{"status":"Ок","order_id":715}"#,
                r#"{"status":"Ок","order_id":715,"order_url":null}"#,
                r#"{"status":"Ок","order_id":715,"order_url":""}"#,
            ] {
                let created = support::doc_order()
                    .parse(support::response(201, body.as_bytes()))
                    .unwrap();
                assert_eq!(
                    (created.order_id, created.order_url),
                    (OrderId::new(715), None),
                    "{body}"
                );
            }
        }

        /// Q8, Q10: refusal details are kept as sent, text or object, and a
        /// refusal body is an API error even under a 2xx status.
        #[test]
        fn refusal_details_kept() {
            let body = br#"{"status":"ERROR","errors":["a",{"code":7},3]}"#;
            for status in [400, 200] {
                let Err(ResponseError::Api(error)) =
                    support::doc_order().parse(support::response(status, body))
                else {
                    panic!("status {status}: not an API error")
                };
                assert_eq!(error.status.as_u16(), status);
                assert_eq!(error.code.as_deref(), Some("ERROR"));
                assert_eq!(error.details.len(), 3);
                assert_eq!(error.details[0], ApiErrorDetail::Text("a".into()));
                assert!(matches!(&error.details[1], ApiErrorDetail::Object(o) if o["code"] == 7));
                assert_eq!(error.details[2], ApiErrorDetail::Other(3.into()));
            }
        }

        /// Q8, Q10 (W14): `errors` as an object of messages by field, each a
        /// text or a list of texts, is a refusal whose `fields` list them; a
        /// value that is no message is a decode error naming it.
        #[test]
        fn refusal_by_field() {
            let manifest = support::manifest();
            let body = manifest.read("create_order.400.fields.constructed.json");
            for status in [400, 200] {
                let Err(ResponseError::Api(error)) =
                    support::doc_order().parse(support::response(status, &body))
                else {
                    panic!("status {status}: not an API error")
                };
                assert_eq!(error.code.as_deref(), Some("ERROR"));
                assert!(error.details.is_empty());
                let fields: Vec<_> = error
                    .fields
                    .iter()
                    .map(|f| (f.field.as_str(), f.message.as_str()))
                    .collect();
                assert_eq!(
                    fields,
                    [
                        ("phone", "Не указан телефон"),
                        ("products", "Товар 3044 не найден"),
                        ("products", "Товар 1000587 нет в наличии"),
                    ]
                );
            }
            for (errors, path) in [
                (r#"{"phone":0}"#, "$.errors.phone"),
                (r#"{"phone":null}"#, "$.errors.phone"),
                (r#"{"phone":["a",{}]}"#, "$.errors.phone[1]"),
                (r#""""#, "$.errors"),
            ] {
                let body = format!(r#"{{"status":"ERROR","errors":{errors}}}"#);
                for status in [400, 201] {
                    let Err(ResponseError::Decode(error)) =
                        support::doc_order().parse(support::response(status, body.as_bytes()))
                    else {
                        panic!("{status} {body}: not a decode error")
                    };
                    assert_eq!((error.status.as_u16(), error.path.as_str()), (status, path));
                }
            }
        }
    }

    pub mod error_cases {
        use shop_apis_core::{Endpoint, ResponseError};

        use super::super::support;

        #[derive(Debug, PartialEq)]
        enum Kind {
            Api,
            Status,
            Decode,
        }

        fn kind(error: &ResponseError) -> Kind {
            match error {
                ResponseError::Api(_) => Kind::Api,
                ResponseError::Status(_) => Kind::Status,
                ResponseError::Decode(_) => Kind::Decode,
                other => panic!("unexpected {other:?}"),
            }
        }

        /// Every failure the issue names gives the right typed error, with the
        /// status and an excerpt of the body; the snapshot shows each message.
        #[test]
        fn statuses_and_broken_bodies() {
            let html =
                b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
            let cases: Vec<(u16, &[u8], Kind)> = vec![
                (
                    401,
                    br#"{"status":"ERROR","errors":["Invalid token"]}"#,
                    Kind::Api,
                ),
                (403, br#"{"status":"ERROR","errors":[]}"#, Kind::Api),
                (401, b"", Kind::Status),
                (403, b"<html>Forbidden</html>", Kind::Status),
                (404, b"Not Found", Kind::Status),
                (429, b"", Kind::Status),
                (500, b"{\"message\":\"Server Error\"}", Kind::Status),
                (502, html, Kind::Status),
                (503, b"\x00\xff\xfe binary", Kind::Status),
                (400, b"Bad Request", Kind::Status),
                (201, b"", Kind::Decode),
                (
                    201,
                    br#"{"status":"\u041e\u043a","order_id":71"#,
                    Kind::Decode,
                ),
                (
                    201,
                    br#"{"status":"\u041e\u043a","order_id":true,"order_url":"u"}"#,
                    Kind::Decode,
                ),
                (
                    201,
                    br#"{"status":"\u041e\u043a","order_url":"u"}"#,
                    Kind::Decode,
                ),
                (
                    201,
                    br#"{"status":"\u041e\u043a","order_id":-5,"order_url":"u"}"#,
                    Kind::Decode,
                ),
                (
                    201,
                    br#"{"status":"\u041e\u043a","order_id":"7a","order_url":"u"}"#,
                    Kind::Decode,
                ),
                (
                    201,
                    br#"{"status":"\u041e\u043a","order_id":18446744073709551616,"order_url":"u"}"#,
                    Kind::Decode,
                ),
                (200, br#"[1,2,3]"#, Kind::Decode),
                (201, html, Kind::Decode),
            ];
            let mut report = String::new();
            for (status, body, expected) in cases {
                let error = support::doc_order()
                    .response(support::response(status, body))
                    .unwrap_err();
                let inner = support::doc_order()
                    .parse(support::response(status, body))
                    .unwrap_err();
                assert_eq!(
                    kind(&inner),
                    expected,
                    "{status} {:?}",
                    String::from_utf8_lossy(body)
                );
                assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
                assert_eq!(error.endpoint(), "qnits.CreateOrder");
                report.push_str(&format!("{}\n", shop_apis_core::report(&error)));
            }
            insta::assert_snapshot!(report);
        }

        /// A decode error names where the JSON went wrong.
        #[test]
        fn decode_error_has_path() {
            let Err(ResponseError::Decode(error)) = support::doc_order().parse(support::response(
                201,
                br#"{"order_id":"x","order_url":"u"}"#,
            )) else {
                panic!("expected a decode error")
            };
            assert_eq!(error.path, "$.order_id");
        }

        /// A large body is cut in the error, not copied whole.
        #[test]
        fn excerpt_is_bounded() {
            let body = "<html>".repeat(100_000);
            let Err(ResponseError::Status(error)) =
                support::doc_order().parse(support::response(500, body.as_bytes()))
            else {
                panic!("expected a status error")
            };
            assert!(error.excerpt.as_str().len() <= shop_apis_core::BodyExcerpt::MAX_BYTES);
            assert_eq!(error.excerpt.total_len(), body.len());
        }
    }

    pub mod properties {
        use proptest::prelude::*;
        use qnits_proto::{CreateOrder, Credentials, ExternalId, Product, ProductId};
        use serde_json::Value;
        use shop_apis_core::{BuildErrorKind, Decimal, Endpoint};

        use super::super::support;

        fn json_value() -> impl Strategy<Value = Value> {
            let leaf = prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::from),
                any::<i64>().prop_map(Value::from),
                any::<f64>().prop_map(Value::from),
                ".*".prop_map(Value::from),
            ];
            leaf.prop_recursive(4, 32, 6, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
                    prop::collection::btree_map(
                        prop_oneof![
                            Just("order_id".to_owned()),
                            Just("order_url".to_owned()),
                            Just("status".to_owned()),
                            Just("errors".to_owned()),
                            ".{0,8}".prop_map(String::from)
                        ],
                        inner,
                        0..6
                    )
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
                ]
            })
        }

        fn price() -> impl Strategy<Value = Decimal> {
            (1u64..10_000_000_000, 0u32..4)
                .prop_map(|(units, scale)| Decimal::new(units as i64, scale))
        }

        fn product() -> impl Strategy<Value = Product> {
            (
                any::<u64>(),
                1u32..,
                proptest::option::of(price()),
                proptest::option::of("\\PC{1,12}"),
            )
                .prop_map(|(id, quantity, price, name)| {
                    let mut product = Product::new(ProductId::new(id), quantity);
                    product.price = price;
                    product.name = name.filter(|n| !n.trim().is_empty());
                    product
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            /// Any status and any bytes: `Ok` or a typed error, never a panic.
            #[test]
            fn any_bytes_any_status(status in 100u16..1000, body in prop::collection::vec(any::<u8>(), 0..512)) {
                let _ = support::doc_order().parse(support::response(status, &body));
            }

            /// Any JSON (biased towards the answer's keys) under any status.
            #[test]
            fn any_json_any_status(status in 100u16..600, value in json_value()) {
                let body = serde_json::to_vec(&value).unwrap();
                let _ = support::doc_order().parse(support::response(status, &body));
            }

            /// A valid order's body carries exactly what was given: names,
            /// quantities, exact prices.
            #[test]
            fn valid_orders_round_trip(
                name in "\\PC*[^\\s]\\PC*",
                phone in "[0-9 ()+-]{0,8}[0-9]",
                external in "[a-zA-Z0-9-]{1,20}",
                products in prop::collection::vec(product(), 1..8),
            ) {
                let order = CreateOrder::new(name.clone(), phone.clone(), ExternalId::new(external.clone()).unwrap(), products.clone());
                let request = order.build(&support::qnits(), &support::stamp()).unwrap();
                let body: Value = serde_json::from_slice(request.body()).unwrap();
                prop_assert_eq!(&body["params"]["name"], &Value::from(name));
                prop_assert_eq!(&body["params"]["external_id"], &Value::from(external));
                let lines = body["params"]["products"].as_array().unwrap();
                prop_assert_eq!(lines.len(), products.len());
                let text = std::str::from_utf8(request.body()).unwrap();
                for (line, product) in lines.iter().zip(&products) {
                    prop_assert_eq!(line["id"].as_u64(), Some(product.id.get()));
                    prop_assert_eq!(line["quantity"].as_u64(), Some(u64::from(product.quantity)));
                    match product.price {
                        // The exact digits appear in the body, not an f64 rounding of them.
                        Some(price) => {
                            let expected = format!("\"price\":{price}");
                            prop_assert!(text.contains(&expected), "{} not in {}", expected, text);
                        }
                        None => prop_assert!(line.get("price").is_none()),
                    }
                }
            }

            /// Any token with a character outside printable ASCII is refused,
            /// naming that character and where it is.
            #[test]
            fn tokens_outside_printable_ascii(prefix in "[!-~]{0,20}", bad in "[^!-~]", suffix in "\\PC{0,20}") {
                let token = format!("{prefix}{bad}{suffix}");
                let error = Credentials::new(1, &token).unwrap_err();
                let found = bad.chars().next().unwrap();
                prop_assert!(
                    matches!(error.kind(), BuildErrorKind::InvalidCharacter { found: f, position, .. } if *f == found && *position == prefix.chars().count()),
                    "{:?}", error
                );
            }
        }
    }

    /// Build → the emulator on loopback → parse, through every adapter.
    pub mod end_to_end {
        use std::time::{Duration, Instant};

        use qnits_proto::{CreateOrder, Credentials, ExternalId, Product, ProductId, Qnits};
        use serde_json::{Value, json};
        use shop_apis_adapter::{Error, TransportError};
        use shop_apis_core::{BaseUrl, BuildErrorKind, Decimal, Endpoint};
        use shop_apis_emulator::{Api, Fault};

        use crate::harness::{self, Adapter, Harness, WithBody};

        const ROUTE: &str = "/qnits/api";

        fn qnits(harness: &Harness) -> Qnits {
            let emulator = &harness.emulator;
            Qnits::new(
                BaseUrl::parse(&emulator.base_url(Api::Qnits)).unwrap(),
                Credentials::new(emulator.qnits().qnit_id(), emulator.qnits().token()).unwrap(),
            )
        }

        /// The document's example order, under an external id of its own.
        fn order(external_id: &str) -> CreateOrder {
            CreateOrder::new(
                "Иванов Иван",
                "79123211232",
                ExternalId::new(external_id).unwrap(),
                vec![
                    Product::new(ProductId::new(1000587), 1),
                    Product::new(ProductId::new(3044), 2),
                ],
            )
        }

        fn api_error(error: &Error) -> &shop_apis_core::ApiError {
            match error.protocol() {
                Some(shop_apis_core::Error::Api { source, .. }) => source,
                _ => panic!("expected a refusal, got {}", shop_apis_core::report(error)),
            }
        }

        fn transport(error: &Error) -> &TransportError {
            error
                .transport()
                .unwrap_or_else(|| panic!("expected a transport error, got {error:?}"))
        }

        /// Each adapter creates an order; what the server stored is what was
        /// sent, and the answer gives its number and page.
        #[test]
        fn success() {
            let harness = Harness::start();
            let qnits = qnits(&harness);
            for (n, adapter) in Adapter::ALL.into_iter().enumerate() {
                let external_id = format!("e2e-{n}");
                let created = harness
                    .call(adapter, &qnits, &order(&external_id))
                    .unwrap_or_else(|e| panic!("{adapter:?}: {}", shop_apis_core::report(&e)));
                let stored = harness.emulator.qnits().orders();
                let last = stored.last().unwrap();
                assert_eq!(created.order_id.get(), last.order_id, "{adapter:?}");
                assert_eq!(last.external_id, external_id);
                assert_eq!(
                    created.order_url,
                    Some(format!(
                        "{}/order/{}",
                        harness.emulator.base_url(Api::Qnits),
                        last.order_id
                    )),
                    "{adapter:?}"
                );
                assert_eq!(created.status.as_deref(), Some("Ок"), "{adapter:?}");
                assert_eq!(last.params["name"], "Иванов Иван");
                assert_eq!(
                    last.params["products"],
                    json!([{"id": 1000587, "quantity": 1}, {"id": 3044, "quantity": 2}])
                );
                let request = harness.emulator.requests().pop().unwrap();
                assert_eq!(request.header("user-agent"), Some("conformance/0"));
                assert_eq!(
                    request.header("content-type"),
                    Some("application/json; charset=utf-8")
                );
            }
            assert_eq!(harness.emulator.qnits().orders().len(), Adapter::ALL.len());
        }

        /// Every optional field and an exact price arrive as sent.
        #[test]
        fn every_optional_field() {
            let harness = Harness::start();
            let qnits = qnits(&harness);
            for (n, adapter) in Adapter::ALL.into_iter().enumerate() {
                let price: Decimal = "1499.90".parse().unwrap();
                let order = CreateOrder::new(
                    "Петрова Анна",
                    "+7 (912) 321-12-32",
                    ExternalId::new(format!("full-{n}")).unwrap(),
                    vec![
                        Product::new(ProductId::new(77), 3)
                            .price(price)
                            .name("Чайник"),
                    ],
                )
                .address("Москва, ул. Ленина, 1")
                .secondary_phone("79000000000")
                .email("anna@example.ru")
                .comments("Позвонить заранее / до 18:00");
                harness.call(adapter, &qnits, &order).unwrap();
                let params = harness.emulator.qnits().orders().pop().unwrap().params;
                assert_eq!(params["address"], "Москва, ул. Ленина, 1", "{adapter:?}");
                assert_eq!(params["secondaryPhone"], "79000000000");
                assert_eq!(params["email"], "anna@example.ru");
                assert_eq!(params["comments"], "Позвонить заранее / до 18:00");
                assert_eq!(params["products"][0]["name"], "Чайник");
                assert_eq!(params["products"][0]["price"].as_f64(), Some(1499.9));
                let body = harness.emulator.requests().pop().unwrap().body;
                assert!(
                    String::from_utf8(body)
                        .unwrap()
                        .contains("\"price\":1499.90"),
                    "{adapter:?}: the exact digits travel"
                );
            }
        }

        /// Q15: the same external_id again answers 201 with the first order;
        /// one order exists.
        #[test]
        fn same_external_id_creates_one_order() {
            let harness = Harness::start();
            let qnits = qnits(&harness);
            let first = harness
                .call(Adapter::Reqwest, &qnits, &order("dup-1"))
                .unwrap();
            for adapter in Adapter::ALL {
                let again = harness.call(adapter, &qnits, &order("dup-1")).unwrap();
                assert_eq!(again.order_id, first.order_id, "{adapter:?}");
                assert_eq!(again.order_url, first.order_url, "{adapter:?}");
            }
            assert_eq!(harness.emulator.qnits().orders().len(), 1);
        }

        /// Q14: a wrong token or qnit_id is a 400 refusal naming them, and no order.
        #[test]
        fn wrong_credentials() {
            let harness = Harness::start();
            let base = BaseUrl::parse(&harness.emulator.base_url(Api::Qnits)).unwrap();
            let token = harness.emulator.qnits().token();
            let wrong = [
                Credentials::new(harness.emulator.qnits().qnit_id(), "0123456789abcdef").unwrap(),
                Credentials::new(harness.emulator.qnits().qnit_id() + 1, token).unwrap(),
            ];
            for credentials in wrong {
                let qnits = Qnits::new(base.clone(), credentials);
                for adapter in Adapter::ALL {
                    let error = harness.call(adapter, &qnits, &order("creds")).unwrap_err();
                    let refusal = api_error(&error);
                    assert_eq!(refusal.status, 400, "{adapter:?}");
                    assert_eq!(
                        refusal.details,
                        vec![shop_apis_core::ApiErrorDetail::Text(
                            "Неверный token или qnit_id".into()
                        )],
                        "{adapter:?}"
                    );
                    let report = shop_apis_core::report(&error);
                    assert!(!report.contains(token), "{report}");
                }
            }
            assert!(harness.emulator.qnits().orders().is_empty());
        }

        /// Each kind of invalid input, as the client would send it if it did
        /// not check: the server's 400 `errors`, decoded. And the client's own
        /// check refuses the same input before a byte is sent.
        #[test]
        fn every_invalid_input() {
            let harness = Harness::start();
            let qnits = qnits(&harness);
            let valid = || -> Value {
                serde_json::from_slice(
                    order("bad")
                        .build(&qnits, &super::super::support::stamp())
                        .unwrap()
                        .body(),
                )
                .unwrap()
            };
            let with = |edit: &dyn Fn(&mut Value)| {
                let mut body = valid();
                edit(&mut body);
                serde_json::to_vec(&body).unwrap()
            };
            let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
                (
                    "no name",
                    with(&|b| {
                        b["params"].as_object_mut().unwrap().remove("name");
                    }),
                    vec!["Не указан имя клиента (name)"],
                ),
                (
                    "blank phone",
                    with(&|b| b["params"]["phone"] = json!("  ")),
                    vec!["Не указан телефон клиента (phone)"],
                ),
                (
                    "blank external_id",
                    with(&|b| b["params"]["external_id"] = json!("")),
                    vec!["Не указан идентификатор заказа (external_id)"],
                ),
                (
                    "no products",
                    with(&|b| b["params"]["products"] = json!([])),
                    vec!["Не передан список товаров (products)"],
                ),
                (
                    "product without id, zero quantity",
                    with(&|b| b["params"]["products"] = json!([{"quantity": 0}])),
                    vec![
                        "Товар №0: не указан артикул (id)",
                        "Товар №0: количество (quantity) должно быть больше нуля",
                    ],
                ),
                (
                    "negative price",
                    with(&|b| b["params"]["products"][0]["price"] = json!(-1)),
                    vec!["Товар №0: некорректная цена (price)"],
                ),
                (
                    "email not a string",
                    with(&|b| b["params"]["email"] = json!(5)),
                    vec!["Поле email должно быть строкой"],
                ),
                (
                    "unknown method",
                    with(&|b| b["method"] = json!("DeleteOrder")),
                    vec!["Неизвестный метод"],
                ),
                (
                    "no params",
                    with(&|b| {
                        b.as_object_mut().unwrap().remove("params");
                    }),
                    vec!["Не переданы параметры (params)"],
                ),
                (
                    "not JSON",
                    b"{\"token\":".to_vec(),
                    vec!["Некорректный JSON в теле запроса"],
                ),
            ];
            for (case, body, messages) in cases {
                let tampered = WithBody {
                    endpoint: order("bad"),
                    body,
                };
                for adapter in Adapter::ALL {
                    let error = harness.call(adapter, &qnits, &tampered).unwrap_err();
                    let refusal = api_error(&error);
                    assert_eq!(refusal.status, 400, "{case}, {adapter:?}");
                    let details: Vec<String> =
                        refusal.details.iter().map(ToString::to_string).collect();
                    assert_eq!(details, messages, "{case}, {adapter:?}");
                }
            }
            assert!(harness.emulator.qnits().orders().is_empty());

            // The same mistakes through the client's own types never leave it.
            let sent_before = harness.emulator.requests().len();
            let with = |edit: fn(&mut CreateOrder)| {
                let mut order = order("bad");
                edit(&mut order);
                order
            };
            let refused: Vec<(CreateOrder, BuildErrorKind)> = vec![
                (with(|o| o.name = String::new()), BuildErrorKind::Empty),
                (with(|o| o.phone = "  ".into()), BuildErrorKind::Blank),
                (with(|o| o.products.clear()), BuildErrorKind::Empty),
                (with(|o| o.products[0].quantity = 0), BuildErrorKind::Zero),
                (
                    with(|o| o.products[0].price = Some("-1".parse().unwrap())),
                    BuildErrorKind::Negative,
                ),
            ];
            for (order, kind) in refused {
                for adapter in Adapter::ALL {
                    let error = harness.call(adapter, &qnits, &order).unwrap_err();
                    match error.protocol() {
                        Some(shop_apis_core::Error::Build { source, .. }) => {
                            assert_eq!(source.kind(), &kind, "{adapter:?}")
                        }
                        _ => panic!("{adapter:?}: expected a build error, got {error:?}"),
                    }
                }
            }
            assert_eq!(
                harness.emulator.requests().len(),
                sent_before,
                "nothing was sent"
            );
        }

        /// A 5xx or a proxy's HTML page is an unexpected answer with the
        /// status and the start of the body; nothing is created.
        #[test]
        fn server_error_and_html_page() {
            let harness = Harness::start();
            let qnits = qnits(&harness);
            for adapter in Adapter::ALL {
                for (fault, status, excerpt) in [
                    (
                        Fault::ServerError {
                            status: 500,
                            retry_after: None,
                        },
                        500,
                        "Service temporarily unavailable",
                    ),
                    (Fault::HtmlErrorPage(502), 502, "<html>"),
                ] {
                    harness.emulator.faults().inject(ROUTE, fault, 1);
                    let error = harness.call(adapter, &qnits, &order("5xx")).unwrap_err();
                    match error.protocol() {
                        Some(shop_apis_core::Error::Status { source, .. }) => {
                            assert_eq!(source.status, status, "{adapter:?}");
                            assert!(
                                source.excerpt.to_string().contains(excerpt),
                                "{adapter:?}: {}",
                                source.excerpt
                            );
                        }
                        _ => panic!("{adapter:?}: expected an unexpected status, got {error:?}"),
                    }
                }
            }
            assert!(harness.emulator.qnits().orders().is_empty());
        }

        /// Headers or the body's end later than the timeout: outcome unknown,
        /// and the order did get created.
        #[test]
        fn slow_headers_and_slow_body_time_out() {
            let harness = Harness::start();
            let qnits = qnits(&harness);
            let timeout = harness::config().timeout;
            for adapter in Adapter::ALL {
                for fault in [
                    Fault::DelayHeaders(timeout * 2),
                    Fault::DelayBody(timeout * 2),
                ] {
                    harness.emulator.faults().inject(ROUTE, fault.clone(), 1);
                    let started = Instant::now();
                    let error = harness.call(adapter, &qnits, &order("slow")).unwrap_err();
                    assert!(
                        matches!(transport(&error), TransportError::Timeout(t) if *t == timeout),
                        "{adapter:?}, {fault:?}: {error:?}"
                    );
                    assert!(error.is_outcome_unknown());
                    assert!(error.to_string().contains("outcome unknown"), "{error}");
                    assert!(
                        started.elapsed() < timeout * 2,
                        "{adapter:?}, {fault:?}: gave up at the timeout"
                    );
                }
            }
            assert_eq!(harness.emulator.qnits().orders().len(), 1);
        }

        /// A body cut short: outcome unknown (the order exists).
        #[test]
        fn truncated_body() {
            let harness = Harness::start();
            let qnits = qnits(&harness);
            for adapter in Adapter::ALL {
                harness
                    .emulator
                    .faults()
                    .inject(ROUTE, Fault::TruncatedBody, 1);
                let error = harness.call(adapter, &qnits, &order("cut")).unwrap_err();
                assert!(
                    matches!(transport(&error), TransportError::OutcomeUnknown(_)),
                    "{adapter:?}: {error:?}"
                );
                assert!(error.to_string().contains("outcome unknown"), "{error}");
            }
            assert_eq!(harness.emulator.qnits().orders().len(), 1);
        }

        /// A body over the cap, announced or streamed: a typed error, not the body.
        #[test]
        fn oversized_body() {
            let limit = 64 * 1024;
            let harness = Harness::with_config(harness::config().max_response_bytes(limit));
            let qnits = qnits(&harness);
            for adapter in Adapter::ALL {
                for fault in [
                    Fault::OversizedBody(limit + 1),
                    Fault::OversizedChunkedBody(4 * limit),
                ] {
                    harness.emulator.faults().inject(ROUTE, fault.clone(), 1);
                    let error = harness.call(adapter, &qnits, &order("big")).unwrap_err();
                    assert!(
                        matches!(transport(&error), TransportError::BodyTooLarge { status, limit: l } if *status == 200 && *l == limit),
                        "{adapter:?}, {fault:?}: {error:?}"
                    );
                }
            }
        }

        /// The connection closed before or after the request was read: the
        /// client cannot tell which, so both are "outcome unknown"; only the
        /// second created an order.
        #[test]
        fn connection_reset() {
            let harness = Harness::start();
            let qnits = qnits(&harness);
            for adapter in Adapter::ALL {
                for (fault, orders_after) in
                    [(Fault::ResetBeforeRead, 0), (Fault::ResetAfterRead, 1)]
                {
                    let external_id = format!("reset-{adapter:?}-{fault:?}");
                    harness.emulator.faults().inject(ROUTE, fault.clone(), 1);
                    let error = harness
                        .call(adapter, &qnits, &order(&external_id))
                        .unwrap_err();
                    assert!(
                        matches!(transport(&error), TransportError::OutcomeUnknown(_)),
                        "{adapter:?}, {fault:?}: {error:?}"
                    );
                    assert_eq!(
                        error.to_string(),
                        "qnits.CreateOrder: outcome unknown after 1 attempt(s)"
                    );
                    let created = harness
                        .emulator
                        .qnits()
                        .orders()
                        .iter()
                        .filter(|o| o.external_id == external_id)
                        .count();
                    assert_eq!(created, orders_after, "{adapter:?}, {fault:?}");
                }
            }
        }

        /// CreateOrder is idempotent by external_id, so with retries on, a
        /// reset after sending is retried, and one order exists.
        #[test]
        fn retried_after_reset_creates_one_order() {
            let harness = Harness::with_config(harness::config().retry(harness::retrying()));
            let qnits = qnits(&harness);
            for adapter in Adapter::ALL {
                let external_id = format!("retry-{adapter:?}");
                harness
                    .emulator
                    .faults()
                    .inject(ROUTE, Fault::ResetAfterRead, 2);
                let sent_before = harness.emulator.requests().len();
                let created = harness.call(adapter, &qnits, &order(&external_id)).unwrap();
                assert_eq!(
                    harness.emulator.requests().len() - sent_before,
                    3,
                    "{adapter:?}"
                );
                let orders: Vec<_> = harness
                    .emulator
                    .qnits()
                    .orders()
                    .into_iter()
                    .filter(|o| o.external_id == external_id)
                    .collect();
                assert_eq!(orders.len(), 1, "{adapter:?}");
                assert_eq!(orders[0].order_id, created.order_id.get());
            }
        }

        /// 503 with `Retry-After: 1` is retried after that second, and 429 too.
        #[test]
        fn retry_after_is_honoured() {
            let harness = Harness::with_config(harness::config().retry(harness::retrying()));
            let qnits = qnits(&harness);
            for adapter in Adapter::ALL {
                for status in [503, 429] {
                    let fault = Fault::ServerError {
                        status,
                        retry_after: Some(1),
                    };
                    harness.emulator.faults().inject(ROUTE, fault, 1);
                    let started = Instant::now();
                    harness.call(adapter, &qnits, &order("later")).unwrap();
                    assert!(
                        started.elapsed() >= Duration::from_secs(1),
                        "{adapter:?}, {status}"
                    );
                }
            }
        }

        /// Retries give up after the policy's attempts, with the last failure.
        #[test]
        fn retries_are_bounded() {
            let harness =
                Harness::with_config(harness::config().retry(harness::retrying().max_attempts(3)));
            let qnits = qnits(&harness);
            for adapter in Adapter::ALL {
                harness
                    .emulator
                    .faults()
                    .inject(ROUTE, Fault::ResetAfterRead, 3);
                let error = harness
                    .call(adapter, &qnits, &order("bounded"))
                    .unwrap_err();
                assert!(
                    matches!(error, Error::Transport { attempts: 3, .. }),
                    "{adapter:?}: {error:?}"
                );
                assert!(error.is_outcome_unknown());
                assert_eq!(harness.emulator.faults().pending(), 0);
            }
        }

        /// Nothing listening: "not sent", retried whatever the endpoint, and
        /// reported with the attempts made.
        #[test]
        fn connection_refused_is_not_sent() {
            let harness = Harness::with_config(harness::config().retry(harness::retrying()));
            let closed = Qnits::new(
                BaseUrl::parse(&harness::closed_port_url()).unwrap(),
                Credentials::new(1, "token").unwrap(),
            );
            for adapter in Adapter::ALL {
                let error = harness
                    .call(adapter, &closed, &order("refused"))
                    .unwrap_err();
                assert!(
                    matches!(
                        &error,
                        Error::Transport {
                            attempts: 4,
                            source: TransportError::Connect(_),
                            ..
                        }
                    ),
                    "{adapter:?}: {error:?}"
                );
                assert!(!error.is_outcome_unknown());
                assert!(error.to_string().contains("not sent"), "{error}");
            }
        }

        /// https to a server that speaks plain http: the handshake fails, the
        /// request was not sent, and repeating cannot help.
        #[test]
        fn tls_handshake_failure() {
            let harness = Harness::with_config(harness::config().retry(harness::retrying()));
            let addr = harness.emulator.addr();
            let qnits = Qnits::new(
                BaseUrl::parse(&format!("https://{addr}")).unwrap(),
                Credentials::new(1, "token").unwrap(),
            );
            for adapter in Adapter::ALL {
                let error = harness.call(adapter, &qnits, &order("tls")).unwrap_err();
                assert!(
                    matches!(
                        &error,
                        Error::Transport {
                            attempts: 1,
                            source: TransportError::Tls(_),
                            ..
                        }
                    ),
                    "{adapter:?}: {error:?}"
                );
            }
            assert!(harness.emulator.qnits().orders().is_empty());
        }

        // Outcomes: sent or not on every error, redirects, the deadline.
        include!("qnits_outcomes_e2e.rs");
    }

    pub mod generated {
        use proptest::prelude::*;
        use qnits_proto::{CreateOrder, Credentials, ExternalId, Product, ProductId, Qnits};
        use serde_json::Value;
        use shop_apis_core::{BaseUrl, Decimal};

        use crate::generated::{check, last, name, reply, text_of};

        fn product() -> impl Strategy<Value = Product> {
            (
                1u64..10_000_000,
                1u32..1000,
                proptest::option::of((1i64..10_000_000, 0u32..3)),
                proptest::option::of(name()),
            )
                .prop_map(|(id, quantity, price, label)| {
                    let mut product = Product::new(ProductId::new(id), quantity);
                    if let Some((units, scale)) = price {
                        product = product.price(Decimal::new(units, scale));
                    }
                    if let Some(label) = label {
                        product = product.name(label);
                    }
                    product
                })
        }

        fn order() -> impl Strategy<Value = CreateOrder> {
            (
                (name(), "[+0-9 ()-]{1,16}", "[A-Za-z0-9/ -]{0,6}[A-Za-z0-9]"),
                prop::collection::vec(product(), 1..5),
                proptest::option::of(name()),
                proptest::option::of("[+0-9 ()-]{0,12}"),
                proptest::option::of("[a-z0-9.]{1,8}@[a-z]{1,8}\\.ru"),
                proptest::option::of("\\PC{0,30}"),
            )
                .prop_filter("a phone with a digit", |((_, phone, _), ..)| {
                    phone.chars().any(|c| c.is_ascii_digit())
                })
                .prop_map(
                    |((client, phone, external), products, address, second, email, comments)| {
                        let mut order = CreateOrder::new(
                            client,
                            phone,
                            ExternalId::new(external).unwrap(),
                            products,
                        );
                        order.address = address;
                        order.secondary_phone = second;
                        order.email = email;
                        order.comments = comments;
                        order
                    },
                )
        }

        /// An optional text as the user meant it: absent when blank.
        fn meant(text: &Option<String>) -> Option<Value> {
            text.as_ref()
                .filter(|t| !t.trim().is_empty())
                .map(|t| Value::from(t.as_str()))
        }

        /// Any order: the emulator reads back exactly the customer, the lines
        /// (prices as exact numbers) and the optional fields given; the client
        /// decodes the number and page the emulator gave, and a second send
        /// creates nothing new.
        #[test]
        fn any_order() {
            check(order(), |harness, adapter, order| {
                let emulator = &harness.emulator;
                let qnits = Qnits::new(
                    BaseUrl::parse(&emulator.base_url(shop_apis_emulator::Api::Qnits)).unwrap(),
                    Credentials::new(emulator.qnits().qnit_id(), emulator.qnits().token()).unwrap(),
                );
                let created = harness
                    .call(adapter, &qnits, &order)
                    .map_err(|e| TestCaseError::fail(shop_apis_core::report(&e)))?;

                let exchange = last(harness);
                let body: Value = serde_json::from_slice(&exchange.body).unwrap();
                let params = &body["params"];
                prop_assert_eq!(&params["name"], order.name.as_str());
                prop_assert_eq!(&params["phone"], order.phone.as_str());
                prop_assert_eq!(&params["external_id"], order.external_id.as_str());
                prop_assert_eq!(&params.get("address").cloned(), &meant(&order.address));
                prop_assert_eq!(
                    &params.get("secondaryPhone").cloned(),
                    &meant(&order.secondary_phone)
                );
                prop_assert_eq!(&params.get("email").cloned(), &meant(&order.email));
                prop_assert_eq!(&params.get("comments").cloned(), &meant(&order.comments));
                let lines = params["products"].as_array().unwrap();
                prop_assert_eq!(lines.len(), order.products.len());
                for (line, product) in lines.iter().zip(&order.products) {
                    prop_assert_eq!(line["id"].as_u64(), Some(product.id.get()));
                    prop_assert_eq!(line["quantity"].as_u64(), Some(u64::from(product.quantity)));
                    // A JSON number, read back exactly.
                    let price = line.get("price").map(|p| {
                        assert!(p.is_number(), "{p}");
                        p.to_string().parse::<Decimal>().unwrap()
                    });
                    prop_assert_eq!(price, product.price);
                    prop_assert_eq!(
                        line.get("name").and_then(Value::as_str),
                        product.name.as_deref()
                    );
                }

                let (status, answer) = reply(&exchange);
                prop_assert_eq!(status, 201);
                prop_assert_eq!(
                    created.order_id.get().to_string(),
                    text_of(&answer["order_id"])
                );
                prop_assert_eq!(created.order_url.as_deref(), answer["order_url"].as_str());

                let again = harness
                    .call(adapter, &qnits, &order)
                    .map_err(|e| TestCaseError::fail(shop_apis_core::report(&e)))?;
                prop_assert_eq!(again.order_id, created.order_id);
                let stored = emulator.qnits().orders();
                prop_assert_eq!(stored.len(), 1);
                prop_assert_eq!(&stored[0].params, params);
                Ok(())
            });
        }
    }
}
