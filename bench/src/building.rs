//! The request-building workloads: what one request costs to build, signed
//! or not, from the user's input to the `http::Request`.

use saplab_proto::{ClientFields, ClientId, CreateClient, Credentials, ListClients, SapLab};
use shop_apis_core::{BaseUrl, Endpoint, Stamp};
use ucoz_proto::{Auth, ChangeOrderField, FieldId, FieldValue, OAuthCredentials, OrderHash, Ucoz};

/// A build: its name and the closure that builds once.
pub type Build = (&'static str, fn() -> usize);

/// Every build, in the report's order.
pub const ALL: &[Build] = &[
    ("saplab_list_clients_filtered", saplab_list_clients_filtered),
    ("saplab_create_client", saplab_create_client),
    ("ucoz_put_signed", ucoz_put_signed),
];

fn saplab() -> SapLab {
    SapLab::new(
        BaseUrl::parse("https://shop.example").expect("a valid URL"),
        Credentials::new("manager", "s3cret").expect("valid credentials"),
    )
}

fn stamp() -> Stamp {
    Stamp::new(1_700_000_000, "5d41402abc4b2a76b9719d911017c592")
}

/// `GET /panel/client/filter/…` with five filters, one of them Cyrillic.
pub fn saplab_list_clients_filtered() -> usize {
    let list = ListClients::default()
        .client_ids([ClientId::new(19), ClientId::new(20), ClientId::new(21)])
        .client_name("Пупкин")
        .phone("1111111111")
        .is_wholesaler(true)
        .per_page(saplab_proto::PerPage::new(150).expect("within the limit"));
    let request = list.request(&saplab(), &stamp()).expect("builds");
    request.uri().path().len()
}

/// `POST /panel/client/form`: a legal entity's form body.
pub fn saplab_create_client() -> usize {
    let mut fields = ClientFields::new("Пупкин Василий Петрович", "1111111111");
    fields.email = Some("regular@example.com".into());
    fields.address = Some("г. Уфа, Бакалинская ул., 23".into());
    fields.comment = Some("Хороший клиент".into());
    fields.legal_entity = Some(saplab_proto::LegalEntity {
        inn: Some("12345678901234".into()),
        ..saplab_proto::LegalEntity::default()
    });
    let request = CreateClient(fields)
        .request(&saplab(), &stamp())
        .expect("builds");
    request.body().len()
}

/// `PUT /shop/invoices/` changing an order's field, signed with OAuth 1.0a.
pub fn ucoz_put_signed() -> usize {
    let site = Ucoz::new(
        BaseUrl::parse("https://yoursite.ucoz.ru/uapi").expect("a valid URL"),
        Auth::OAuth1(OAuthCredentials::new("ck", "cs", "tk", "ts").expect("valid credentials")),
    );
    let change = ChangeOrderField::new(
        OrderHash::new("UqTzDXQDXQMW3yE2cfI5p4lur1zUPEiVskfgy%3Boo").expect("a hash"),
        FieldId::new(2),
        FieldValue::Text("г. Казань, пр. Победы, 100/2, кв. 17".into()),
    );
    let request = change.request(&site, &stamp()).expect("builds");
    request.body().len()
}
