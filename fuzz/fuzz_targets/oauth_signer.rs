//! The OAuth signer against the straightforward composition of its parts:
//! `signature` builds the base string in one buffer, encoding twice in one
//! pass; it must give what `hmac_sha1(key, base_string(…, parameter_string(…)))`
//! gives for any credentials, method, URL and parameters.
#![no_main]

use arbitrary::Arbitrary;
use ucoz_proto::OAuthCredentials;
use ucoz_proto::oauth::{base_string, hmac_sha1, parameter_string, php_encode};

#[derive(Debug, Arbitrary)]
struct Input {
    consumer_key: String,
    consumer_secret: String,
    token: String,
    token_secret: String,
    method: String,
    url: String,
    params: Vec<(String, String)>,
    timestamp: String,
    nonce: String,
}

libfuzzer_sys::fuzz_target!(|input: Input| {
    let Ok(credentials) = OAuthCredentials::new(
        &input.consumer_key,
        &input.consumer_secret,
        &input.token,
        &input.token_secret,
    ) else {
        return;
    };
    let signature = credentials.signature(
        &input.method,
        &input.url,
        &input.params,
        &input.timestamp,
        &input.nonce,
    );

    let oauth = [
        ("oauth_version", "1.0"),
        ("oauth_timestamp", input.timestamp.as_str()),
        ("oauth_nonce", input.nonce.as_str()),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_consumer_key", input.consumer_key.as_str()),
        ("oauth_token", input.token.as_str()),
    ];
    let mut all: Vec<(String, String)> = input
        .params
        .iter()
        .filter(|(k, _)| k != "oauth_signature" && !oauth.iter().any(|(o, _)| o == k))
        .cloned()
        .collect();
    all.extend(oauth.map(|(k, v)| (k.to_owned(), v.to_owned())));
    let base = base_string(&input.method, &input.url, &parameter_string(&all));
    let key = format!("{}&{}", input.consumer_secret, input.token_secret);
    assert_eq!(signature, hmac_sha1(&key, &base));

    let signed = credentials.sign(
        &input.method,
        &input.url,
        &input.params,
        &input.timestamp,
        &input.nonce,
    );
    let sent = signed.iter().find(|(k, _)| k == "oauth_signature").unwrap();
    assert_eq!(sent.1, php_encode(&signature));
    // Stable sort by key: PHP's ksort keeps equal keys in their order.
    assert!(
        signed
            .windows(2)
            .all(|w| w[0].0.as_bytes() <= w[1].0.as_bytes() || w[1].0 == "oauth_signature")
    );
});
