//! SapLab (`001_6003ed27e64eb541.txt`).
//!
//! The checks every endpoint gets are written once in [`support`] and
//! instantiated per endpoint by `endpoint_checks!`; what is particular to an
//! endpoint sits beside it.

/// Shared inputs and the checks every SapLab endpoint gets.
pub mod support {
    use std::fmt::Debug;

    pub use crate::common::response;
    use conformance::{Manifest, decode_form, render_request};
    use saplab_proto::{Credentials, SapLab};
    use shop_apis_core::{BaseUrl, Endpoint, ResponseError, Stamp};

    pub const LOGIN: &str = "manager";
    pub const PASSWORD: &str = "s3cret-пароль";
    /// `base64("manager:s3cret-пароль")`, computed outside this code base.
    pub const BASIC: &str = "Basic bWFuYWdlcjpzM2NyZXQt0L/QsNGA0L7Qu9GM";

    pub fn shop() -> SapLab {
        SapLab::new(
            BaseUrl::parse("https://shop.example").unwrap(),
            Credentials::new(LOGIN, PASSWORD).unwrap(),
        )
    }

    /// A fixed stamp: SapLab ignores the time and nonce.
    pub fn stamp() -> Stamp {
        Stamp::new(1_700_000_000, "n")
    }

    pub fn manifest() -> Manifest {
        Manifest::load("saplab")
    }

    /// A document's curl example: its path and its `--data` fields, which
    /// curl sends as written (unencoded).
    pub struct Curl {
        pub path: String,
        pub data: Option<Vec<(String, String)>>,
    }

    pub fn curl(file: &str) -> Curl {
        let text = String::from_utf8(manifest().read(file)).unwrap();
        let rest = text
            .trim()
            .strip_prefix("curl http://логин:пароль@адрес_магазина")
            .unwrap_or_else(|| panic!("{file}: not a curl example of the panel: {text}"));
        let (path, data) = match rest.split_once(" --data ") {
            Some((path, data)) => (path, Some(data.trim().trim_matches('"'))),
            None => (rest, None),
        };
        Curl {
            path: path.trim().to_owned(),
            data: data.map(|data| {
                data.split('&')
                    .map(|pair| {
                        let (k, v) = pair.split_once('=').unwrap();
                        (k.to_owned(), v.to_owned())
                    })
                    .collect()
            }),
        }
    }

    /// The built request matches the document's curl example: the same path
    /// (or `corrected`, where the example's path is a recorded mistake), the
    /// same method (POST exactly when there is `--data`), the same form fields
    /// in the same order; Basic credentials in the header, not the URL.
    pub fn matches_curl<E: Endpoint<Api = SapLab>>(
        endpoint: &E,
        file: &str,
        corrected: Option<&str>,
    ) {
        let request = endpoint.build(&shop(), &stamp()).unwrap();
        let example = curl(file);
        match corrected {
            None => assert_eq!(request.uri().path(), example.path, "{file}"),
            Some(path) => {
                assert_ne!(
                    example.path, path,
                    "{file}: the example is not wrong after all"
                );
                assert_eq!(request.uri().path(), path, "{file}");
            }
        }
        assert_eq!(request.uri().query(), None);
        assert!(!request.uri().authority().unwrap().as_str().contains('@'));
        assert!(!request.uri().to_string().contains(PASSWORD));
        assert_eq!(request.headers()["authorization"], BASIC);
        assert!(request.headers()["authorization"].is_sensitive());
        match example.data {
            Some(data) => {
                assert_eq!(request.method(), http::Method::POST, "{file}");
                assert_eq!(
                    request.headers()["content-type"],
                    "application/x-www-form-urlencoded; charset=UTF-8"
                );
                assert_eq!(decode_form(request.body()), data, "{file}");
            }
            None => {
                assert_eq!(request.method(), http::Method::GET, "{file}");
                assert!(request.body().is_empty());
            }
        }
    }

    /// The same input builds the same bytes; the rendering (password
    /// redacted) is snapshotted by the caller.
    pub fn rendered<E: Endpoint<Api = SapLab>>(endpoint: &E) -> String {
        let first = endpoint.build(&shop(), &stamp()).unwrap();
        let again = endpoint.build(&shop(), &stamp()).unwrap();
        assert_eq!(first.uri(), again.uri());
        assert_eq!(first.headers(), again.headers());
        assert_eq!(first.body(), again.body());
        let text = render_request(&first, &[BASIC, PASSWORD]);
        assert!(!text.contains(PASSWORD));
        text
    }

    /// Every response fixture of `name` parses as its manifest entry says.
    pub fn fixtures<E>(endpoint: &E, name: &str) -> Vec<(String, Result<E::Output, ResponseError>)>
    where
        E: Endpoint<Api = SapLab>,
        E::Output: Debug,
    {
        crate::common::parse_fixtures(&manifest(), endpoint, name)
    }

    /// The request path's segments, each percent-decoded on its own (by
    /// the independent decoder), so an encoded `/` stays inside its segment.
    pub fn segments(request: &http::Request<Vec<u8>>) -> Vec<String> {
        request
            .uri()
            .path()
            .split('/')
            .map(|s| conformance::percent_decode(s).unwrap())
            .collect()
    }

    /// The document's private client (`001`:341), with its phone.
    pub fn retail(phone: &str) -> saplab_proto::ClientFields {
        use saplab_proto::*;
        let mut fields = ClientFields::new("Пупкин Василий Петрович", phone);
        fields.email = Some("regular@example.com".into());
        fields.address = Some(" г. Уфа, Бакалинская ул., 23".into());
        fields.point_id = Some(PointId::new(1));
        fields.group_id = Some(GroupId::new(1));
        fields.shipping_id = Some(ShippingTypeId::new(1));
        fields.comment = Some("Плохой клиент".into());
        fields
    }

    /// The document's legal entity (`001`:343), with its phone.
    pub fn legal(phone: &str) -> saplab_proto::ClientFields {
        use saplab_proto::*;
        let mut fields = ClientFields::new("Сергей Сергеевич", phone);
        fields.email = Some("wholesaler@example.com".into());
        fields.address = Some("ул. Ленина, 48".into());
        fields.point_id = Some(PointId::new(1));
        fields.group_id = Some(GroupId::new(2));
        fields.limit = 10000.into();
        fields.comment = Some("Хороший клиент".into());
        fields.legal_entity = Some(LegalEntity {
            kind: Some("ООО".into()),
            org_name: Some("Рога и Копыта".into()),
            inn: Some("12345678901234".into()),
            kpp: Some("987654321".into()),
            ogrn: Some("456789052".into()),
            address: Some("ул. Ленина, 48".into()),
            bank: Some("Сбербанк".into()),
            bik: Some("00000000000".into()),
            account: Some("00000000000".into()),
            bank_account: Some("00000000000".into()),
        });
        fields
    }

    /// What kind of error a parse gave.
    #[derive(Debug, PartialEq, Eq)]
    pub enum Kind {
        Ok,
        Api,
        Status,
        Decode,
    }

    pub fn kind<T>(result: &Result<T, ResponseError>) -> Kind {
        match result {
            Ok(_) => Kind::Ok,
            Err(ResponseError::Api(_)) => Kind::Api,
            Err(ResponseError::Status(_)) => Kind::Status,
            Err(ResponseError::Decode(_)) => Kind::Decode,
            Err(_) => panic!("a new kind of error"),
        }
    }

    /// The panel's refusals, pages and broken bodies, for any endpoint.
    pub fn refusals_and_foreign_bodies<E>(endpoint: &E)
    where
        E: Endpoint<Api = SapLab>,
        E::Output: Debug,
    {
        let error_text = r#"{"status":"error","text":"\u041d\u0435\u0434\u043e\u0441\u0442\u0430\u0442\u043e\u0447\u043d\u043e"}"#;
        for status in [200, 400, 403, 500] {
            match endpoint.parse(response(status, error_text.as_bytes())) {
                Err(ResponseError::Api(error)) => {
                    assert_eq!(error.status.as_u16(), status);
                    assert_eq!(error.code.as_deref(), Some("error"));
                    assert_eq!(error.message.as_deref(), Some("Недостаточно"));
                }
                other => panic!("{status}: {other:?}"),
            }
        }
        let bare = endpoint.parse(response(200, br#"{"status": "error"}"#));
        assert!(
            matches!(&bare, Err(ResponseError::Api(e)) if e.message.is_none()),
            "{bare:?}"
        );

        // The validation map of client create and update: no status, fields.
        let map = br#"{"email": "\u041f\u043e\u043b\u0435 Email", "phone": "taken"}"#;
        match endpoint.parse(response(200, map)) {
            Err(ResponseError::Api(error)) => {
                let fields: Vec<_> = error
                    .fields
                    .iter()
                    .map(|f| (f.field.as_str(), f.message.as_str()))
                    .collect();
                assert_eq!(fields, [("email", "Поле Email"), ("phone", "taken")]);
                assert_eq!(error.code, None);
            }
            other => panic!("{other:?}"),
        }

        let page = b"<html><body>Login</body></html>";
        for (status, body, expected) in [
            (200, &page[..], Kind::Status),
            (302, &page[..], Kind::Status),
            (401, &b"Unauthorized"[..], Kind::Status),
            (502, &page[..], Kind::Status),
            (200, &b""[..], Kind::Status),
            (200, &b"  \n"[..], Kind::Status),
            (200, &br#"{"status":"#[..], Kind::Decode),
            (500, &br#"{"status":"#[..], Kind::Status),
            (500, &br#"{"status":"success"}"#[..], Kind::Status),
            (200, &b"[1,2]"[..], Kind::Decode),
            (200, &br#"{"status":7}"#[..], Kind::Decode),
        ] {
            let parsed = endpoint.parse(response(status, body));
            assert_eq!(
                kind(&parsed),
                expected,
                "{status} {:?}: {parsed:?}",
                String::from_utf8_lossy(body)
            );
            if let Err(ResponseError::Status(error)) = &parsed {
                assert_eq!(error.status.as_u16(), status);
            }
        }
    }
}

/// The four document checks of one endpoint: `$module::{request_built,
/// fixtures_parsed, error_cases, properties}`, for the endpoint value
/// `$endpoint`, named `$name` in the manifest, whose curl example is `$curl`.
macro_rules! endpoint_checks {
    (@fixtures $name:literal, $why:literal) => {};
    (@fixtures $name:literal) => {
            pub mod fixtures_parsed {
                use crate::saplab::support;

                /// Every example answer parses as its manifest entry says,
                /// every field it holds a typed one (none left in `unknown`).
                #[test]
                fn every_response_fixture() {
                    use shop_apis_core::ReportUnknown;
                    for (file, parsed) in support::fixtures(&super::endpoint(), $name) {
                        if let Ok(output) = &parsed {
                            assert_eq!(output.unknown_field_paths(), Vec::<String>::new(), "{file}");
                        }
                        insta::assert_debug_snapshot!(file, parsed);
                    }
                }
            }
    };
    (
        $module:ident, $name:literal, $endpoint:expr, $curl:literal
        $(, corrected = $path:literal)?
        $(, also = [$(($other:expr, $other_curl:literal)),* $(,)?])?
        $(, no_answer = $why:literal)?
        $(, also_end_to_end = [$($e2e:ident),* $(,)?])?
    ) => {
        pub mod $module {
            #[allow(unused_imports)]
            use saplab_proto::*;

            #[allow(dead_code)]
            fn endpoint() -> impl shop_apis_core::Endpoint<
                Api = saplab_proto::SapLab,
                Output: std::fmt::Debug + shop_apis_core::ReportUnknown,
            > {
                $endpoint
            }

            pub mod request_built {
                use crate::saplab::support;

                /// As the document's curl example, with Basic credentials in the header.
                #[test]
                fn matches_the_document() {
                    support::matches_curl(&super::endpoint(), $curl, None $(.or(Some($path)))?);
                    $($(
                        #[allow(unused_imports)]
                        use saplab_proto::*;
                        support::matches_curl(&$other, $other_curl, None);
                    )*)?
                }

                /// Byte-identical on repeat; the password never shows.
                #[test]
                fn snapshot() {
                    insta::assert_snapshot!(
                        concat!(stringify!($module), ".request"),
                        support::rendered(&super::endpoint())
                    );
                }
            }

            endpoint_checks!(@fixtures $name $(, $why)?);

            pub mod error_cases {
                use crate::saplab::support;

                /// Refusals, validation maps, pages and broken bodies.
                #[test]
                fn refusals_and_foreign_bodies() {
                    support::refusals_and_foreign_bodies(&super::endpoint());
                }
            }

            pub mod end_to_end {
                /// Built, sent through every adapter to the emulator, parsed.
                #[test]
                fn through_every_adapter() {
                    crate::saplab_e2e::$module();
                }

                $($(
                    #[test]
                    fn $e2e() {
                        crate::saplab_e2e::$e2e();
                    }
                )*)?
            }

            pub mod generated {
                /// Generated inputs, through a generated adapter, to the emulator and back.
                #[test]
                fn through_the_emulator() {
                    crate::saplab_generated::$module();
                }
            }

            pub mod properties {
                use proptest::prelude::*;
                use shop_apis_core::Endpoint;

                use crate::saplab::support;

                proptest! {
                    /// Any status and any bytes: `Ok` or a typed error, never a panic.
                    #[test]
                    fn any_bytes_any_status(status in 100u16..1000, body in prop::collection::vec(any::<u8>(), 0..512)) {
                        let _ = super::endpoint().parse(support::response(status, &body));
                    }

                    /// Any JSON object of texts, numbers and nulls under any status.
                    #[test]
                    fn any_flat_object(status in 100u16..600, object in prop::collection::btree_map("status|text|[a-z_]{1,10}", prop_oneof![
                        Just(serde_json::Value::Null),
                        any::<i64>().prop_map(serde_json::Value::from),
                        "\\PC{0,12}".prop_map(serde_json::Value::from),
                        Just(serde_json::Value::from("success")),
                        Just(serde_json::Value::from("error")),
                    ], 0..6)) {
                        let body = serde_json::to_vec(&object).unwrap();
                        let _ = super::endpoint().parse(support::response(status, &body));
                    }
                }
            }
        }
    };
}

endpoint_checks!(
    list_shipping_types,
    "ListShippingTypes",
    ListShippingTypes,
    "list_shipping_types.request.curl.txt"
);
endpoint_checks!(
    create_shipping_type,
    "CreateShippingType",
    CreateShippingType(ShippingTypeFields::new("Новый способ", 1000.into())),
    "create_shipping_type.request.curl.txt"
);
endpoint_checks!(
    update_shipping_type,
    "UpdateShippingType",
    UpdateShippingType::new(
        ShippingTypeId::new(1),
        ShippingTypeFields::new("Измененное название способа", 1000.into())
    ),
    "update_shipping_type.request.curl.txt"
);
endpoint_checks!(
    remove_shipping_type,
    "RemoveShippingType",
    RemoveShippingType::new(ShippingTypeId::new(3)),
    "remove_shipping_type.request.curl.txt",
    also_end_to_end = [refusal_not_found, remove_shipping_type_already_done]
);
endpoint_checks!(
    list_statuses,
    "ListStatuses",
    ListStatuses,
    "list_statuses.request.curl.txt"
);
endpoint_checks!(
    create_status,
    "CreateStatus",
    CreateStatus(StatusFields::new("Новый статус", "ABABAB").sms(true)),
    "create_status.request.curl.txt"
);
endpoint_checks!(
    update_status,
    "UpdateStatus",
    UpdateStatus::new(
        StatusId::new(1),
        StatusFields::new("Измененное название способа", "ABABAB").sms(true)
    ),
    "update_status.request.curl.txt"
);
endpoint_checks!(
    remove_status,
    "RemoveStatus",
    RemoveStatus::new(StatusId::new(3)),
    "remove_status.request.curl.txt",
    also_end_to_end = [refusal_in_use, remove_status_already_done]
);

endpoint_checks!(
    list_managers,
    "ListManagers",
    ListManagers,
    "list_managers.request.curl.txt",
    also_end_to_end = [redirect_not_followed]
);
endpoint_checks!(
    list_groups,
    "ListGroups",
    ListGroups,
    "list_groups.request.curl.txt"
);
endpoint_checks!(
    create_group,
    "CreateGroup",
    CreateGroup(GroupFields::new("Web", 1.into()).comment("Интернет-клиенты")),
    "create_group.request.curl.txt"
);
endpoint_checks!(
    update_group,
    "UpdateGroup",
    UpdateGroup::new(
        GroupId::new(8),
        GroupFields::new("Web", 2.into()).comment("Интернет-клиенты")
    ),
    "update_group.request.curl.txt",
    corrected = "/panel/client/group_form/8"
);
endpoint_checks!(
    remove_group,
    "RemoveGroup",
    RemoveGroup::new(GroupId::new(3)),
    "remove_group.request.curl.txt",
    also_end_to_end = [remove_group_already_done]
);

endpoint_checks!(
    list_clients,
    "ListClients",
    ListClients::default(),
    "list_clients.request.curl.txt",
    also_end_to_end = [
        client_walk_is_bounded_where_the_page_is_ignored,
        items_walk_every_page_and_end_at_the_first_error
    ]
);
endpoint_checks!(
    get_client,
    "GetClient",
    GetClient::new(ClientId::new(2)),
    "get_client.request.curl.txt"
);
endpoint_checks!(
    create_client,
    "CreateClient",
    CreateClient(crate::saplab::support::retail("1111111111")),
    "create_client.retail.request.curl.txt",
    also = [(
        CreateClient(crate::saplab::support::legal("2222222222")),
        "create_client.legal.request.curl.txt"
    )]
);
endpoint_checks!(
    update_client,
    "UpdateClient",
    UpdateClient::new(
        ClientId::new(1),
        crate::saplab::support::retail("71111111111")
    ),
    "update_client.retail.request.curl.txt",
    also = [(
        UpdateClient::new(
            ClientId::new(2),
            crate::saplab::support::legal("72222222222")
        ),
        "update_client.legal.request.curl.txt"
    )]
);
endpoint_checks!(
    get_balance,
    "GetBalance",
    GetBalance::new(ClientId::new(1)),
    "get_balance.request.curl.txt",
    also_end_to_end = [
        refusal_in_other_words,
        balance_walk_ends_where_the_page_is_ignored
    ]
);
endpoint_checks!(
    add_transaction,
    "AddTransaction",
    AddTransaction::new(ClientId::new(1), (-100).into(), "API списание"),
    "add_transaction.request.curl.txt",
    also_end_to_end = [zero_or_blank_never_sent]
);

endpoint_checks!(
    list_orders,
    "ListOrders",
    ListOrders::default(),
    "list_orders.request.curl.txt"
);
endpoint_checks!(
    set_position_status,
    "SetPositionStatus",
    SetPositionStatus::new(PositionId::new(20), StatusId::new(5)),
    "set_position_status.request.curl.txt",
    also_end_to_end = [refusal_not_enough_parameters]
);
endpoint_checks!(
    deny_position,
    "DenyPosition",
    DenyPosition::new(PositionId::new(20)),
    "deny_position.request.curl.txt"
);
endpoint_checks!(
    pay_position,
    "PayPosition",
    PayPosition::new(PositionId::new(20)),
    "pay_position.request.curl.txt",
    also_end_to_end = [
        refusal_insufficient_funds,
        pay_says_paid_or_refunded,
        pay_position_is_never_retried
    ]
);
endpoint_checks!(
    archive_position,
    "ArchivePosition",
    ArchivePosition::new(PositionId::new(20)),
    "archive_position.request.curl.txt",
    also_end_to_end = [refusal_could_not_archive, archive_position_already_done]
);
endpoint_checks!(
    unarchive_position,
    "UnarchivePosition",
    UnarchivePosition::new(PositionId::new(20)),
    "unarchive_position.request.curl.txt",
    corrected = "/panel/order/unarchive/20",
    also_end_to_end = [unarchive_position_already_done]
);
endpoint_checks!(
    create_documents,
    "CreateDocuments",
    CreateDocuments::new([19, 20, 21].map(PositionId::new)),
    "create_documents.request.curl.txt"
);

/// What the fixtures alone do not show.
pub mod particulars {
    use saplab_proto::*;
    use shop_apis_core::{BuildErrorKind, Decimal, Endpoint, Paged, Safety};

    use super::support;

    /// Safety by effect: creates are unsafe, updates and deletes idempotent,
    /// lists safe.
    #[test]
    fn safety_classes() {
        let fields = || ShippingTypeFields::new("x", Decimal::ONE);
        assert_eq!(ListShippingTypes.safety(), Safety::Safe);
        assert_eq!(ListStatuses.safety(), Safety::Safe);
        assert_eq!(CreateShippingType(fields()).safety(), Safety::Unsafe);
        assert_eq!(
            CreateStatus(StatusFields::new("x", "FFFFFF")).safety(),
            Safety::Unsafe
        );
        assert_eq!(
            UpdateShippingType::new(ShippingTypeId::new(1), fields()).safety(),
            Safety::Idempotent
        );
        assert_eq!(
            RemoveStatus::new(StatusId::new(1)).safety(),
            Safety::Idempotent
        );
    }

    /// Input the panel would refuse is refused before a request exists.
    #[test]
    fn validation() {
        let shop = support::shop();
        type Built = Result<http::Request<Vec<u8>>, shop_apis_core::BuildError>;
        let cases: Vec<(Built, &str)> = vec![
            (
                CreateShippingType(ShippingTypeFields::new(" ", Decimal::ONE))
                    .build(&shop, &support::stamp()),
                "name",
            ),
            (
                CreateShippingType(ShippingTypeFields::new("x", "-1".parse().unwrap()))
                    .build(&shop, &support::stamp()),
                "min_price",
            ),
            (
                CreateShippingType(ShippingTypeFields::new("x", "0.5".parse().unwrap()))
                    .build(&shop, &support::stamp()),
                "min_price",
            ),
            (
                CreateStatus(StatusFields::new("x", "ABABA")).build(&shop, &support::stamp()),
                "color",
            ),
            (
                CreateStatus(StatusFields::new("x", "GGGGGG")).build(&shop, &support::stamp()),
                "color",
            ),
            (
                CreateStatus(StatusFields::new("", "ABABAB")).build(&shop, &support::stamp()),
                "name",
            ),
            (
                AddTransaction::new(ClientId::new(1), Decimal::ZERO, "x")
                    .build(&shop, &support::stamp()),
                "amount",
            ),
            (
                AddTransaction::new(ClientId::new(1), Decimal::ONE, "\u{a0} ")
                    .build(&shop, &support::stamp()),
                "description",
            ),
        ];
        for (built, field) in cases {
            assert_eq!(built.unwrap_err().field(), field);
        }
        // A whole amount written with zeros after the point is whole.
        let request = CreateShippingType(ShippingTypeFields::new("x", "1000.00".parse().unwrap()))
            .build(&shop, &support::stamp())
            .unwrap();
        assert!(request.body().ends_with(b"min_price=1000"));
        // `#` before a colour is accepted and dropped; lower case is raised.
        let request = CreateStatus(StatusFields::new("x", "#abcdef"))
            .build(&shop, &support::stamp())
            .unwrap();
        assert!(String::from_utf8_lossy(request.body()).contains("color=ABCDEF"));
        assert!(matches!(
            Credentials::new("a:b", "p").unwrap_err().kind(),
            BuildErrorKind::InvalidCharacter {
                found: ':',
                position: 1,
                ..
            }
        ));
        assert!(Credentials::new("login", "pass\nword").is_err());
    }

    /// The statuses come in the panel's order, which is not by id; the
    /// parsed list keeps it.
    #[test]
    fn statuses_keep_the_panel_order() {
        let manifest = support::manifest();
        let body = manifest.read("list_statuses.200.json");
        let list = ListStatuses.parse(support::response(200, &body)).unwrap();
        let ids: Vec<u64> = list.statuses.iter().map(|s| s.id.get()).collect();
        assert_eq!(ids, [2, 4, 7, 3, 6, 1, 5]);
    }

    /// S9: a group's id is read from `group_id` (the example) or `id` (the
    /// table).
    #[test]
    fn group_id_under_either_key() {
        for key in ["id", "group_id"] {
            let body = format!(
                r#"{{"groups":[{{"{key}":"7","name":"n","discount":"5","comment":null}}]}}"#
            );
            let groups = ListGroups
                .parse(support::response(200, body.as_bytes()))
                .unwrap()
                .groups;
            assert_eq!(groups[0].id, GroupId::new(7), "{key}");
            assert_eq!(groups[0].comment, None);
        }
    }

    /// A discount is a whole percentage from 0 to 100.
    #[test]
    fn group_discount_bounds() {
        let shop = support::shop();
        for bad in ["101", "-1", "2.5"] {
            let fields = GroupFields::new("g", bad.parse().unwrap());
            assert_eq!(
                CreateGroup(fields)
                    .build(&shop, &support::stamp())
                    .unwrap_err()
                    .field(),
                "discount",
                "{bad}"
            );
        }
        for good in ["0", "100", "5.00"] {
            assert!(
                CreateGroup(GroupFields::new("g", good.parse().unwrap()))
                    .build(&shop, &support::stamp())
                    .is_ok()
            );
        }
    }

    /// Unknown fields are kept, at the top and in each item.
    #[test]
    fn unknown_fields_kept() {
        let body = br#"{"shipping_types":[{"id":"1","name":"a","min_price":"1","zone":"north"}],"total":1}"#;
        let list = ListShippingTypes
            .parse(support::response(200, body))
            .unwrap();
        assert_eq!(list.unknown.value("total").unwrap(), 1);
        assert_eq!(
            list.shipping_types[0].unknown.value("zone").unwrap(),
            "north"
        );
        let done = RemoveStatus::new(StatusId::new(1))
            .parse(support::response(200, br#"{"status":"success","id":"9"}"#))
            .unwrap();
        assert_eq!(done.text, None);
        assert_eq!(done.unknown.value("id").unwrap(), "9");
    }

    /// Every documented client filter, each key and value one segment.
    #[test]
    fn every_client_filter() {
        use time::macros::date;
        let list = ListClients::default()
            .client_ids([ClientId::new(1), ClientId::new(2), ClientId::new(3)])
            .client_name("Рога и Копыта")
            .phone("+7(123)456-78-90")
            .email("a/b@example.com")
            .is_wholesaler(true)
            .client_group(GroupId::new(2))
            .registered(Some(date!(2016 - 12 - 31)), Some(date!(2017 - 01 - 04)))
            .manager_id(ManagerId::new(5))
            .page(Page::new(2).unwrap())
            .per_page(PerPage::new(150).unwrap());
        let request = list.build(&support::shop(), &support::stamp()).unwrap();
        let segments = support::segments(&request);
        assert_eq!(
            segments,
            [
                "",
                "panel",
                "client",
                "filter",
                "client_id",
                "1,2,3",
                "client_name",
                "Рога и Копыта",
                "phone",
                "+7(123)456-78-90",
                "email",
                "a/b@example.com",
                "is_wholesaler",
                "1",
                "client_group",
                "2",
                "date_from",
                "2016-12-31",
                "date_to",
                "2017-01-04",
                "manager_id",
                "5",
                "page",
                "2",
                "per_page",
                "150",
            ]
        );
        // Blank text filters cannot be a segment.
        assert_eq!(
            ListClients::default()
                .email(" ")
                .build(&support::shop(), &support::stamp())
                .unwrap_err()
                .field(),
            "email"
        );
        assert!(PerPage::new(151).is_err());
    }

    proptest::proptest! {
        /// Any Unicode in text filters reaches the server as exactly the
        /// segments it was, whatever it holds (`/`, `%`, `..`, spaces);
        /// control characters are refused before sending (`reliability::validation`).
        #[test]
        fn client_filters_round_trip(
            name in "\\PC*[^\\s\\p{Cc}]\\PC*|\\.\\.|[/%+ ]{1,4}x",
            phone in "[0-9()+ -]{0,12}[0-9]",
            email in "\\PC{0,10}@\\PC{0,10}",
        ) {
            let list = ListClients::default().client_name(name.clone()).phone(phone.clone()).email(email.clone());
            let request = list.build(&support::shop(), &support::stamp()).unwrap();
            let segments = support::segments(&request);
            proptest::prop_assert_eq!(
                segments,
                vec!["".to_owned(), "panel".into(), "client".into(), "filter".into(), "client_name".into(), name, "phone".into(), phone, "email".into(), email]
            );
        }
    }

    /// Pages are walked from the answers alone.
    #[test]
    fn walking_pages() {
        let answer = |pages: u32| -> Clients {
            serde_json::from_value(
                serde_json::json!({"clients": [], "filters": {"per_page": 20}, "pages": pages}),
            )
            .unwrap()
        };
        let mut request = Some(ListClients::default().email("x@example.com"));
        let mut pages = Vec::new();
        while let Some(list) = request {
            pages.push(list.page.map_or(1, Page::get));
            request = list.next_page(&answer(3));
            if let Some(next) = &request {
                assert_eq!(
                    next.email.as_deref(),
                    Some("x@example.com"),
                    "filters are kept"
                );
            }
        }
        assert_eq!(pages, [1, 2, 3]);
        assert!(ListClients::default().next_page(&answer(0)).is_none());

        let balance: Balance =
            serde_json::from_str(r#"{"pages": 2, "transactions": [], "page": "1"}"#).unwrap();
        let next = GetBalance::new(ClientId::new(1))
            .next_page(&balance)
            .unwrap();
        assert_eq!(
            next.build(&support::shop(), &support::stamp())
                .unwrap()
                .uri()
                .path(),
            "/panel/client/balance/1/filter/page/2"
        );

        // S28: an answer that does not say how many pages there are ends
        // the walk; without `page`, the page asked for is the current one.
        let silent: Clients = serde_json::from_str(r#"{"clients": []}"#).unwrap();
        assert!(ListClients::default().next_page(&silent).is_none());
        let balance: Balance = serde_json::from_str(r#"{"pages": 3, "transactions": []}"#).unwrap();
        let second = GetBalance::new(ClientId::new(1)).page(Page::new(2).unwrap());
        assert_eq!(
            second.next_page(&balance).unwrap().page,
            Some(Page::new(3).unwrap())
        );
        let balance: Balance = serde_json::from_str(r#"{"transactions": []}"#).unwrap();
        assert!(second.next_page(&balance).is_none());

        // S18: a panel that ignores the page path answers page 1 to page 2;
        // the walk ends there instead of asking for page 3, 4, ….
        let served_first: Balance =
            serde_json::from_str(r#"{"pages": 26, "transactions": [], "page": 1}"#).unwrap();
        assert!(second.next_page(&served_first).is_none());
        let served_third: Balance =
            serde_json::from_str(r#"{"pages": 26, "transactions": [], "page": "3"}"#).unwrap();
        assert!(second.next_page(&served_third).is_none());
        let served_second: Balance =
            serde_json::from_str(r#"{"pages": 26, "transactions": [], "page": "2"}"#).unwrap();
        assert_eq!(
            second.next_page(&served_second).unwrap().page,
            Some(Page::new(3).unwrap())
        );
    }

    /// S13: a checkbox is `on` or absent; an update always says both
    /// whether the client is active and whether it is a legal entity.
    #[test]
    fn checkboxes_on_or_absent() {
        let shop = support::shop();
        let mut fields = support::retail("1");
        fields.active = false;
        let pairs = conformance::decode_form(
            UpdateClient::new(ClientId::new(1), fields)
                .build(&shop, &support::stamp())
                .unwrap()
                .body(),
        );
        assert!(
            !pairs.iter().any(|(k, _)| k == "status"
                || k == "is_wholesaler"
                || k.starts_with("wholesalers["))
        );
        let pairs = conformance::decode_form(
            CreateClient(support::legal("2"))
                .build(&shop, &support::stamp())
                .unwrap()
                .body(),
        );
        assert!(pairs.contains(&("status".into(), "on".into())));
        assert!(pairs.contains(&("is_wholesaler".into(), "on".into())));
        assert_eq!(
            pairs
                .iter()
                .filter(|(k, _)| k.starts_with("wholesalers["))
                .count(),
            10
        );
    }

    /// A client read with GetClient goes back with UpdateClient as the
    /// document's update example sends it, but for the phone, which the
    /// example changed (S15), and the password, which is never read.
    #[test]
    fn details_back_to_fields() {
        let manifest = support::manifest();
        let body = manifest.read("get_client.200.json");
        let answer = GetClient::new(ClientId::new(2))
            .parse(support::response(200, &body))
            .unwrap();
        let mut fields = ClientFields::from_details(&answer.client).unwrap();
        assert_eq!(fields.phone, "2222222222");
        fields.phone = "72222222222".into();
        let request = UpdateClient::new(ClientId::new(2), fields)
            .build(&support::shop(), &support::stamp())
            .unwrap();
        let example = support::curl("update_client.legal.request.curl.txt");
        assert_eq!(
            conformance::decode_form(request.body()),
            example.data.unwrap()
        );

        // S29: a field the form must send and the answer left out is named,
        // never guessed.
        for key in ["status", "is_wholesaler", "limit"] {
            let mut client: serde_json::Value = serde_json::from_slice(&body).unwrap();
            client["client"].as_object_mut().unwrap().remove(key);
            let answer = GetClient::new(ClientId::new(2))
                .parse(support::response(200, client.to_string().as_bytes()))
                .unwrap();
            let refused = ClientFields::from_details(&answer.client).unwrap_err();
            assert_eq!(refused.field(), key);
        }
    }

    /// `wholesaler_data` may be absent, `null` or PHP's `[]` for a private person.
    #[test]
    fn no_legal_entity_in_any_spelling() {
        for spelling in [
            "",
            r#","wholesaler_data": null"#,
            r#","wholesaler_data": []"#,
        ] {
            let body = format!(
                r#"{{"client": {{"id": "1", "status": "1", "discount": "0", "is_wholesaler": "0",
                "balance": "0", "debt": "0", "blocked_debt": "0", "limit": "0",
                "date_added": "2017-01-05 13:03:32.703139"{spelling}}}}}"#
            );
            let answer = GetClient::new(ClientId::new(1))
                .parse(support::response(200, body.as_bytes()))
                .unwrap();
            assert_eq!(answer.client.wholesaler_data, None, "{spelling}");
        }
    }

    /// Money and ids arrive as strings or numbers alike.
    #[test]
    fn stringly_or_numeric_client() {
        let body = br#"{"clients":[{"id":2,"date_added":"2017-01-14 22:50:08","is_wholesaler":1,"status":true,
            "manager_id":0,"group_id":"2","balance":-12.5,"debt":"0.10","blocked_debt":0,"limit":"10000"}],
            "filters":[],"pages":"1"}"#;
        let list = ListClients::default()
            .parse(support::response(200, body))
            .unwrap();
        let client = &list.clients[0];
        assert_eq!(client.balance, Some("-12.5".parse().unwrap()));
        assert_eq!(client.debt, Some("0.10".parse().unwrap()));
        assert_eq!(
            (client.is_wholesaler, client.status),
            (Some(true), Some(true))
        );
        assert_eq!(client.manager_id, None);
        assert_eq!(list.filters.per_page, None);
    }

    /// Every documented order filter, each key and value one segment.
    #[test]
    fn every_order_filter() {
        use time::macros::date;
        let list = ListOrders::default()
            .position_ids([PositionId::new(1), PositionId::new(2)])
            .invoice("NZ-005")
            .article("30.896.00")
            .name("фильтр")
            .manager_id(ManagerId::new(1))
            .shipping_id(ShippingTypeId::new(2))
            .point_id(PointId::new(3))
            .distributor_id(DistributorId::new(4))
            .status(StatusId::new(5))
            .is_payed(true)
            .include_archived(true)
            .brand("UFI")
            .client_name("Рога")
            .client_group(GroupId::new(7))
            .ordered(Some(date!(2016 - 12 - 31)), Some(date!(2017 - 01 - 04)))
            .page(Page::new(3).unwrap())
            .per_page(PerPage::new(20).unwrap());
        let request = list.build(&support::shop(), &support::stamp()).unwrap();
        let segments = support::segments(&request);
        assert_eq!(
            segments,
            [
                "",
                "panel",
                "order",
                "filter",
                "order_ids",
                "1,2",
                "invoice",
                "NZ-005",
                "article",
                "30.896.00",
                "name",
                "фильтр",
                "manager_id",
                "1",
                "shipping_id",
                "2",
                "point_id",
                "3",
                "distributor_id",
                "4",
                "order_status",
                "5",
                "is_payed",
                "1",
                "unignore_archived",
                "1",
                "brand",
                "UFI",
                "client_name",
                "Рога",
                "client_group",
                "7",
                "date_from",
                "2016-12-31",
                "date_to",
                "2017-01-04",
                "page",
                "3",
                "per_page",
                "20",
            ]
        );
        // The article's dots are encoded: no segment can be read as `.` or `..`.
        assert!(request.uri().path().contains("/30%2E896%2E00/"));
    }

    /// Safety by effect, for every endpoint that is not a plain list or read.
    #[test]
    fn safety_by_effect() {
        let position = PositionId::new(20);
        let cases: [(&str, Safety, Safety); 9] = [
            (
                "pay toggles",
                PayPosition::new(position).safety(),
                Safety::Unsafe,
            ),
            (
                "documents create",
                CreateDocuments::new([position]).safety(),
                Safety::Unsafe,
            ),
            (
                "money moves",
                AddTransaction::new(ClientId::new(1), Decimal::ONE, "x").safety(),
                Safety::Unsafe,
            ),
            (
                "clients are added",
                CreateClient(support::retail("1")).safety(),
                Safety::Unsafe,
            ),
            (
                "deny",
                DenyPosition::new(position).safety(),
                Safety::Idempotent,
            ),
            (
                "archive",
                ArchivePosition::new(position).safety(),
                Safety::Idempotent,
            ),
            (
                "unarchive",
                UnarchivePosition::new(position).safety(),
                Safety::Idempotent,
            ),
            (
                "set status",
                SetPositionStatus::new(position, StatusId::new(1)).safety(),
                Safety::Idempotent,
            ),
            (
                "update client",
                UpdateClient::new(ClientId::new(1), support::retail("1")).safety(),
                Safety::Idempotent,
            ),
        ];
        for (what, got, expected) in cases {
            assert_eq!(got, expected, "{what}");
        }
        for safe in [
            ListOrders::default().safety(),
            ListClients::default().safety(),
            GetClient::new(ClientId::new(1)).safety(),
            GetBalance::new(ClientId::new(1)).safety(),
            ListManagers.safety(),
            ListGroups.safety(),
        ] {
            assert_eq!(safe, Safety::Safe);
        }
    }

    /// S20, S21: `delivarytime_*` (the table) reads like `deliverytime_*`
    /// (the example); `comment` may be an object, `[]` or absent.
    #[test]
    fn position_spellings() {
        let position = |extra: &str| {
            format!(
                r#"{{"orders":[{{"id":"1","client_id":"2","is_wholesaler":"0","initial_price":"1","price":"2",
                "quantity":"3","total":"6","status_id":"4","deny_request":"0","is_archived":"1","is_denied":"0",
                "is_payed":"1","date_added":"2017-01-15 22:02:43.114625"{extra}}}],"filters":{{"per_page":20}},"pages":1}}"#
            )
        };
        for (extra, min, comment) in [
            (
                r#","deliverytime_min":"2","deliverytime_max":"5","comment":{"client_comment":"a","manager_comment":"b"}"#,
                2,
                Some("b"),
            ),
            (
                r#","delivarytime_min":3,"delivarytime_max":"5","comment":[]"#,
                3,
                None,
            ),
        ] {
            let body = position(extra);
            let orders = ListOrders::default()
                .parse(support::response(200, body.as_bytes()))
                .unwrap()
                .orders;
            assert_eq!(orders[0].deliverytime_min, Some(min), "{extra}");
            assert_eq!(orders[0].comment.manager_comment.as_deref(), comment);
            assert_eq!(
                (orders[0].is_archived, orders[0].is_payed),
                (Some(true), Some(true))
            );
            assert_eq!(orders[0].total, Some(6.into()));
        }
    }

    proptest::proptest! {
        /// Every stringly field of a client and of a position decodes the
        /// same from the panel's string and from a JSON number, and every
        /// `"0"`/`"1"` flag from a string, a number or a boolean.
        #[test]
        fn stringly_fields_from_strings_or_numbers(
            as_number in proptest::collection::vec(proptest::bool::ANY, 32),
            flags in proptest::collection::vec(0u8..3, 8),
            amount in -1_000_000i64..1_000_000,
            cents in 0u8..100,
        ) {
            let mut spelling = as_number.into_iter();
            let mut number = |value: String| -> String {
                if spelling.next().unwrap() { value } else { format!("\"{value}\"") }
            };
            let mut flag_spelling = flags.into_iter();
            let mut flag = |value: bool| -> String {
                match flag_spelling.next().unwrap() {
                    0 => format!("\"{}\"", u8::from(value)),
                    1 => u8::from(value).to_string(),
                    _ => value.to_string(),
                }
            };
            let money = format!("{amount}.{cents:02}");
            let expected_money: Decimal = money.parse().unwrap();
            let client = format!(
                r#"{{"clients":[{{"id":{},"date_added":"2017-01-14 22:50:08","is_wholesaler":{},"status":{},
                "group_id":{},"manager_id":{},"point_id":{},"shipping_id":{},"balance":{},"debt":{},
                "blocked_debt":{},"limit":{}}}],"filters":{{"per_page":{}}},"pages":{}}}"#,
                number("7".into()), flag(true), flag(false), number("2".into()), number("0".into()),
                number("1".into()), number("3".into()), number(money.clone()), number(money.clone()),
                number("0".into()), number("10000".into()), number("20".into()), number("4".into()),
            );
            let list = ListClients::default().parse(support::response(200, client.as_bytes())).unwrap();
            let c = &list.clients[0];
            proptest::prop_assert_eq!(c.id, ClientId::new(7));
            proptest::prop_assert_eq!((c.is_wholesaler, c.status), (Some(true), Some(false)));
            proptest::prop_assert_eq!((c.group_id, c.manager_id), (Some(GroupId::new(2)), None));
            proptest::prop_assert_eq!((c.point_id, c.shipping_id), (Some(PointId::new(1)), Some(ShippingTypeId::new(3))));
            proptest::prop_assert_eq!((c.balance, c.debt, c.limit), (Some(expected_money), Some(expected_money), Some(Decimal::from(10000))));
            proptest::prop_assert_eq!((list.filters.per_page, list.pages), (Some(20), Some(4)));

            let position = format!(
                r#"{{"orders":[{{"id":{},"client_id":{},"is_wholesaler":{},"initial_price":{},"price":{},
                "quantity":{},"total":{},"status_id":{},"deny_request":{},"is_archived":{},"is_denied":{},
                "is_payed":{},"deliverytime_min":{},"deliverytime_max":{},"distributor_id":{},"doc_id":{},
                "date_added":"2017-01-15 22:02:43.114625"}}],"filters":[],"pages":{}}}"#,
                number("20".into()), number("2".into()), flag(true), number(money.clone()), number(money.clone()),
                number("3".into()), number(money.clone()), number("5".into()), flag(false), flag(true),
                flag(false), flag(true), number("1".into()), number("9".into()), number("4".into()),
                number("11".into()), number("1".into()),
            );
            let orders = ListOrders::default().parse(support::response(200, position.as_bytes())).unwrap();
            let p = &orders.orders[0];
            proptest::prop_assert_eq!((p.id, p.client_id, p.status_id), (PositionId::new(20), Some(ClientId::new(2)), Some(StatusId::new(5))));
            let money = Some(expected_money);
            proptest::prop_assert_eq!((p.initial_price, p.price, p.total), (money, money, money));
            proptest::prop_assert_eq!((p.quantity, p.deliverytime_min, p.deliverytime_max), (Some(3), Some(1), Some(9)));
            proptest::prop_assert_eq!((p.distributor_id, p.doc_id), (Some(DistributorId::new(4)), Some(DocumentId::new(11))));
            let flags = (p.is_wholesaler, p.deny_request, p.is_archived, p.is_denied, p.is_payed);
            proptest::prop_assert_eq!(flags, (Some(true), Some(false), Some(true), Some(false), Some(true)));
        }
    }
}
