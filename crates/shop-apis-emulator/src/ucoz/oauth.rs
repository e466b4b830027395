//! OAuth 1.0a verification as uCoz's helper `uAPImodule.php` signs: the
//! URL as received, the parameters sorted by raw key and encoded with PHP's
//! `urlencode` table (space as `%20`), the key the two secrets joined raw,
//! the signature compared in its once-urlencoded form; a timestamp within
//! ten minutes, a nonce used once. A Bearer token is accepted instead.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha1::Sha1;

use super::envelope::param;
use super::{BEARER, CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET, Ucoz};
use crate::server::ApiRequest;

/// How far a timestamp may be from the emulator's clock.
const TIMESTAMP_WINDOW: u64 = 600;

/// How many nonces are kept before those of stale requests are dropped.
const NONCES_BEFORE_PRUNING: usize = 4096;

/// PHP's `urlencode` table (space handled apart).
const PHP_URLENCODE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.');

fn php_encode(text: &str) -> String {
    utf8_percent_encode(text, PHP_URLENCODE).to_string()
}

impl Ucoz {
    /// Bearer, or OAuth 1.0a as the helper signs.
    pub(super) fn authenticate(
        &self,
        request: &ApiRequest<'_>,
        url: &str,
        params: &[(String, String)],
    ) -> Result<(), &'static str> {
        if let Some(auth) = request.headers.get(http::header::AUTHORIZATION) {
            return match auth.to_str().ok().and_then(|a| a.strip_prefix("Bearer ")) {
                Some(token) if token == BEARER => Ok(()),
                _ => Err("Invalid token"),
            };
        }
        let get = |key: &str| param(params, key);
        let Some(signature) = get("oauth_signature") else {
            return Err("Missing signature");
        };
        if get("oauth_consumer_key") != Some(CONSUMER_KEY) || get("oauth_token") != Some(TOKEN) {
            return Err("Invalid consumer key or token");
        }
        if get("oauth_signature_method") != Some("HMAC-SHA1") {
            return Err("Unsupported signature method");
        }
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let timestamp = get("oauth_timestamp").and_then(|t| t.parse::<u64>().ok());
        let Some(timestamp) = timestamp.filter(|t| t.abs_diff(now) <= TIMESTAMP_WINDOW) else {
            return Err("Stale timestamp");
        };
        let mut signed: Vec<&(String, String)> = params
            .iter()
            .filter(|(k, _)| k != "oauth_signature")
            .collect();
        signed.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let parameter_string = signed
            .iter()
            .map(|(k, v)| format!("{}={}", php_encode(k), php_encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let base = format!(
            "{}&{}&{}",
            request.method.as_str(),
            php_encode(url),
            php_encode(&parameter_string)
        );
        let mut mac =
            Hmac::<Sha1>::new_from_slice(format!("{CONSUMER_SECRET}&{TOKEN_SECRET}").as_bytes())
                .expect("HMAC takes any key");
        mac.update(base.as_bytes());
        let expected = php_encode(
            &base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()),
        );
        if expected != signature {
            return Err("Invalid signature");
        }
        let nonce = get("oauth_nonce").unwrap_or_default();
        if nonce.is_empty() || !self.remember_nonce(nonce, timestamp, now) {
            return Err("Nonce already used");
        }
        Ok(())
    }

    /// Whether `nonce` is new; remembers it. Past [`NONCES_BEFORE_PRUNING`]
    /// nonces, those of requests now stale are forgotten first, so memory
    /// stays bounded however long the emulator runs.
    pub(super) fn remember_nonce(&self, nonce: &str, timestamp: u64, now: u64) -> bool {
        let mut nonces = self.nonces.lock().unwrap();
        if nonces.len() >= NONCES_BEFORE_PRUNING {
            nonces.retain(|_, t| t.abs_diff(now) <= TIMESTAMP_WINDOW);
        }
        nonces.insert(nonce.to_owned(), timestamp).is_none()
    }
}

#[cfg(test)]
mod nonce_tests {
    use super::*;

    #[test]
    fn nonces_of_stale_requests_are_forgotten_and_fresh_ones_kept() {
        let ucoz = Ucoz::new();
        let now = 1_700_000_000;
        let stale = now - TIMESTAMP_WINDOW - 1;
        for n in 0..NONCES_BEFORE_PRUNING {
            assert!(ucoz.remember_nonce(&format!("old-{n}"), stale, now));
        }
        assert!(ucoz.remember_nonce("fresh", now, now));
        assert_eq!(ucoz.nonces.lock().unwrap().len(), 1);
        assert!(
            !ucoz.remember_nonce("fresh", now, now),
            "a replay is refused"
        );
    }
}
