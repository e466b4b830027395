//! The signing workload: a typical uCoz PUT with ten parameters.

use ucoz_proto::OAuthCredentials;
use ucoz_proto::oauth::{base_string, parameter_string};

const CONSUMER_SECRET: &str = "cs-9f8e7d6c5b4a3928";
const TOKEN_SECRET: &str = "ts-0a1b2c3d4e5f6071";

/// A PUT to the invoices with ten parameters, some Cyrillic.
#[derive(Debug, Clone)]
pub struct SignedPut {
    /// The site's credentials.
    pub credentials: OAuthCredentials,
    /// The URL requested.
    pub url: String,
    /// The call's parameters.
    pub params: Vec<(String, String)>,
    /// The time.
    pub timestamp: String,
    /// The nonce.
    pub nonce: String,
    /// `consumer_secret&token_secret`, the HMAC key.
    pub key: String,
}

impl SignedPut {
    /// The workload.
    pub fn new() -> Self {
        let params = [
            ("mode", "inv_chfld_save"),
            ("order", "UqTzDXQDXQMW3yE2cfI5p4lur1zUPEiVskfgy%3Boo"),
            ("fid", "2"),
            ("fval", "г. Казань, пр. Победы, 100/2, кв. 17"),
            ("gmap_a", "Казань, проспект Победы, 100"),
            ("gmap_d", "55.7558"),
            ("gmap_s", "49.1211"),
            ("note", "Позвонить до 18:00"),
            ("status", "3"),
            ("courier", "ivan_petrov"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .to_vec();
        SignedPut {
            credentials: OAuthCredentials::new(
                "ck-shop-example",
                CONSUMER_SECRET,
                "tk-1a2b3c4d5e6f7081",
                TOKEN_SECRET,
            )
            .expect("valid credentials"),
            url: "https://yoursite.ucoz.ru/uapi/shop/invoices/".to_owned(),
            params,
            timestamp: "1700000000".to_owned(),
            nonce: "5d41402abc4b2a76b9719d911017c592".to_owned(),
            key: format!("{CONSUMER_SECRET}&{TOKEN_SECRET}"),
        }
    }

    /// What the crate does to sign it.
    pub fn sign(&self) -> String {
        self.credentials
            .signature("PUT", &self.url, &self.params, &self.timestamp, &self.nonce)
    }

    /// The base string the signature covers, built once outside the timing.
    pub fn base_string(&self) -> String {
        let signed =
            self.credentials
                .sign("PUT", &self.url, &self.params, &self.timestamp, &self.nonce);
        let without_signature: Vec<(String, String)> = signed
            .into_iter()
            .filter(|(k, _)| k != "oauth_signature")
            .collect();
        base_string("PUT", &self.url, &parameter_string(&without_signature))
    }
}

impl Default for SignedPut {
    fn default() -> Self {
        SignedPut::new()
    }
}

/// The floor: the bare HMAC-SHA1 of `base` under `key`, nothing else.
pub fn bare_hmac(key: &[u8], base: &[u8]) -> [u8; 20] {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key).expect("any key length");
    mac.update(base);
    mac.finalize().into_bytes().into()
}
