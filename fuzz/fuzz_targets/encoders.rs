//! The encoders of values on their way out, each against its decoder, and
//! endpoint builds fed arbitrary user text: a request is built or refused
//! with a typed error, and a built one carries the text intact.
#![no_main]

use arbitrary::Arbitrary;
use percent_encoding::percent_decode_str;
use shop_apis_core::encode::{Form, path_segment};
use shop_apis_core::{BaseUrl, Endpoint, Stamp};
use ucoz_proto::oauth::parameter_string;

#[derive(Debug, Arbitrary)]
struct Input {
    text: String,
    pairs: Vec<(String, String)>,
    name: String,
    phone: String,
    external_id: String,
}

fn decoded(text: &str) -> String {
    percent_decode_str(text).decode_utf8().unwrap().into_owned()
}

libfuzzer_sys::fuzz_target!(|input: Input| {
    // A path segment: only unreserved bytes and escapes, no `/`, decoding back.
    let segment = path_segment(&input.text);
    assert!(
        segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_,%".contains(&b))
    );
    assert_eq!(decoded(&segment), input.text);

    // A form body, read back by the standard form parser.
    let mut form = Form::new();
    for (key, value) in &input.pairs {
        form.push(key.clone(), value.clone());
    }
    let body = form.encode();
    let back: Vec<(String, String)> = form_urlencoded::parse(&body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(back, input.pairs);

    // uCoz's query and form parameters: sorted by key, each side decoding back.
    let query = parameter_string(&input.pairs);
    assert!(query.is_ascii());
    let mut sorted = input.pairs.clone();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let back: Vec<(String, String)> = if query.is_empty() {
        Vec::new()
    } else {
        query
            .split('&')
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap();
                (decoded(k), decoded(v))
            })
            .collect()
    };
    assert_eq!(back, sorted);

    // User text into requests: built with the text intact, or refused.
    let base = BaseUrl::parse("https://shop.example").unwrap();
    let stamp = Stamp::new(1_700_000_000, "n");
    if let Ok(credentials) = qnits_proto::Credentials::new(1, &input.text) {
        let qnits = qnits_proto::Qnits::new(base.clone(), credentials);
        if let Ok(external_id) = qnits_proto::ExternalId::new(input.external_id.clone()) {
            let mut order = qnits_proto::CreateOrder::new(
                input.name.clone(),
                input.phone.clone(),
                external_id,
                vec![qnits_proto::Product::new(qnits_proto::ProductId::new(1), 1)],
            );
            order.comments = Some(input.text.clone());
            if let Ok(request) = order.build(&qnits, &stamp) {
                let body: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
                assert_eq!(body["params"]["name"], input.name.as_str());
            }
        }
    }
    if let Ok(credentials) = saplab_proto::Credentials::new("login", &input.phone) {
        let saplab = saplab_proto::SapLab::new(base.clone(), credentials);
        let mut list = saplab_proto::ListClients::default();
        list.client_name = Some(input.text.clone());
        list.phone = Some(input.phone.clone());
        if let Ok(request) = list.build(&saplab, &stamp) {
            assert!(request.uri().to_string().is_ascii());
        }
    }
    if let Ok(hash) = ucoz_proto::OrderHash::new(input.text.clone()) {
        let ucoz = ucoz_proto::Ucoz::new(base, ucoz_proto::Auth::bearer("token").unwrap());
        let _ = ucoz_proto::GetOrder::new(hash).build(&ucoz, &stamp);
        let note =
            ucoz_proto::SaveInvoiceNote::new(ucoz_proto::InvoiceId::new(1), input.name.clone());
        let _ = note.build(&ucoz, &stamp);
    }
});
