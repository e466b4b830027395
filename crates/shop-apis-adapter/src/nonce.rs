use std::sync::atomic::{AtomicU64, Ordering};

/// Where an adapter gets a fresh nonce for every attempt.
pub trait NonceSource: Send + Sync + std::fmt::Debug {
    /// A value not given out before.
    fn next_nonce(&self) -> String;
}

/// 128 bits from the operating system's random generator, as 32 hex digits
/// (the shape of the md5 hex that uCoz's own helper sends).
///
/// ```
/// use shop_apis_adapter::{NonceSource, RandomNonce};
/// let (a, b) = (RandomNonce.next_nonce(), RandomNonce.next_nonce());
/// assert_eq!(a.len(), 32);
/// assert_ne!(a, b);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct RandomNonce;

impl NonceSource for RandomNonce {
    fn next_nonce(&self) -> String {
        let mut bytes = [0u8; 16];
        // The OS generator failing is not something a caller can act on; a
        // nonce that is merely unique still serves, so fall back to one.
        if getrandom::fill(&mut bytes).is_err() {
            static FALLBACK: AtomicU64 = AtomicU64::new(0);
            let n = FALLBACK.fetch_add(1, Ordering::Relaxed);
            let time = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            bytes = (time ^ u128::from(n)).to_le_bytes();
        }
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// `prefix-1`, `prefix-2`, …: predictable nonces for tests.
///
/// ```
/// use shop_apis_adapter::{CountingNonce, NonceSource};
/// let nonces = CountingNonce::new("n");
/// assert_eq!(nonces.next_nonce(), "n-1");
/// assert_eq!(nonces.next_nonce(), "n-2");
/// ```
#[derive(Debug)]
pub struct CountingNonce {
    prefix: String,
    count: AtomicU64,
}

impl CountingNonce {
    /// Nonces `prefix-1`, `prefix-2`, ….
    pub fn new(prefix: impl Into<String>) -> Self {
        CountingNonce {
            prefix: prefix.into(),
            count: AtomicU64::new(0),
        }
    }
}

impl NonceSource for CountingNonce {
    fn next_nonce(&self) -> String {
        let n = self.count.fetch_add(1, Ordering::Relaxed) + 1;
        format!("{}-{n}", self.prefix)
    }
}
