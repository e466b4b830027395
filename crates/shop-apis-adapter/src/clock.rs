use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Where an adapter gets the time for a request's [`Stamp`](shop_apis_core::Stamp)
/// and for `Retry-After` dates.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current time.
    fn now(&self) -> SystemTime;

    /// Seconds since the Unix epoch (0 before it).
    fn unix_seconds(&self) -> u64 {
        self.now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    }
}

/// The operating system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock that always says the same time, for tests and reproducible requests.
///
/// ```
/// use shop_apis_adapter::{Clock, FixedClock};
/// assert_eq!(FixedClock::at_unix(1_191_242_096).unix_seconds(), 1_191_242_096);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(SystemTime);

impl FixedClock {
    /// A clock stopped at `seconds` after the Unix epoch.
    pub fn at_unix(seconds: u64) -> Self {
        FixedClock(UNIX_EPOCH + Duration::from_secs(seconds))
    }
}

impl Clock for FixedClock {
    fn now(&self) -> SystemTime {
        self.0
    }
}
