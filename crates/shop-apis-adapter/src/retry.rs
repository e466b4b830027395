use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode, header};
use shop_apis_core::Safety;

/// What went wrong with one attempt, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The request never left (connection refused or timed out): repeating
    /// it is harmless for any endpoint.
    NotSent,
    /// The request may have reached the server (a reset or a timeout after
    /// sending, a cut answer): repeat only if the endpoint is safe or idempotent.
    OutcomeUnknown,
    /// 429: the server refused to handle the request for now; it had no effect.
    Throttled {
        /// What `Retry-After` asked for.
        retry_after: Option<Duration>,
    },
    /// 502, 503 or 504: the server or a proxy in front of it could not answer;
    /// whether the request took effect behind a proxy is unknown.
    Unavailable {
        /// What `Retry-After` asked for.
        retry_after: Option<Duration>,
    },
}

impl Failure {
    /// The failure an answer's status means, if any (429, 502, 503, 504).
    pub fn of_status(status: StatusCode, headers: &HeaderMap, now: SystemTime) -> Option<Failure> {
        let retry_after = || {
            headers
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| parse_retry_after(v, now))
        };
        match status.as_u16() {
            429 => Some(Failure::Throttled {
                retry_after: retry_after(),
            }),
            502..=504 => Some(Failure::Unavailable {
                retry_after: retry_after(),
            }),
            _ => None,
        }
    }
}

/// Reads `Retry-After`: delay-seconds or an HTTP-date (a past date is zero).
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use shop_apis_adapter::RetryPolicy;
/// # let _ = RetryPolicy::never();
/// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
/// assert_eq!(shop_apis_adapter::Failure::of_status(
///     http::StatusCode::TOO_MANY_REQUESTS,
///     &[(http::header::RETRY_AFTER, "Sun, 06 Nov 1994 08:49:47 GMT".parse().unwrap())].into_iter().collect(),
///     now,
/// ), Some(shop_apis_adapter::Failure::Throttled { retry_after: Some(Duration::from_secs(10)) }));
/// ```
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// When to send a request again. Retrying is opt-in: the default,
/// [`RetryPolicy::never`], sends every request once.
///
/// Rules, in order: no attempt beyond `max_attempts`; a request not sent may
/// be repeated for any endpoint; one whose outcome is unknown, or that met a
/// 502/503/504, only for [`Safety::Safe`] and [`Safety::Idempotent`]
/// endpoints; a 429 for any endpoint. The wait is `Retry-After` when the
/// server sent one (no retry if it asks for more than `max_retry_after`), else
/// exponential backoff with full jitter: a random time up to
/// `initial_backoff × 2^(attempt−1)`, at most `max_backoff`.
///
/// ```
/// use std::time::Duration;
/// use shop_apis_adapter::{Failure, RetryPolicy};
/// use shop_apis_core::Safety;
///
/// let policy = RetryPolicy::standard();
/// // Outcome unknown: an idempotent order may be sent again, an unsafe call may not.
/// assert!(policy.delay(1, Safety::Idempotent, Failure::OutcomeUnknown, 7).is_some());
/// assert!(policy.delay(1, Safety::Unsafe, Failure::OutcomeUnknown, 7).is_none());
/// // Not sent: anything may be sent again.
/// assert!(policy.delay(1, Safety::Unsafe, Failure::NotSent, 7).is_some());
/// // Retry-After is honoured.
/// let throttled = Failure::Throttled { retry_after: Some(Duration::from_secs(2)) };
/// assert_eq!(policy.delay(1, Safety::Unsafe, throttled, 7), Some(Duration::from_secs(2)));
/// // Never by default.
/// assert!(RetryPolicy::never().delay(1, Safety::Safe, Failure::NotSent, 7).is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 means no retries.
    pub max_attempts: u32,
    /// The backoff before the first retry (before jitter).
    pub initial_backoff: Duration,
    /// The longest backoff.
    pub max_backoff: Duration,
    /// The longest `Retry-After` waited for; a longer one ends the call.
    pub max_retry_after: Duration,
}

impl RetryPolicy {
    /// Send every request once.
    pub fn never() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..Self::standard()
        }
    }

    /// Up to 4 attempts, backoff from 200 ms up to 5 s, `Retry-After` up to 60 s.
    pub fn standard() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(60),
        }
    }

    /// Sets the number of attempts in all (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the first and the longest backoff.
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// How long to wait before attempt `attempt + 1`, after attempt `attempt`
    /// (counted from 1) failed this way; `None` to give up. `random` draws the jitter.
    pub fn delay(
        &self,
        attempt: u32,
        safety: Safety,
        failure: Failure,
        random: u64,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let retry_after = match failure {
            Failure::NotSent => None,
            Failure::OutcomeUnknown if safety.may_repeat() => None,
            Failure::Unavailable { retry_after } if safety.may_repeat() => retry_after,
            Failure::Throttled { retry_after } => retry_after,
            Failure::OutcomeUnknown | Failure::Unavailable { .. } => return None,
        };
        match retry_after {
            Some(wait) if wait > self.max_retry_after => None,
            Some(wait) => Some(wait),
            None => Some(self.backoff_for(attempt, random)),
        }
    }

    fn backoff_for(&self, attempt: u32, random: u64) -> Duration {
        let doublings = attempt.saturating_sub(1).min(20);
        let ceiling = self
            .initial_backoff
            .saturating_mul(1 << doublings)
            .min(self.max_backoff);
        let ceiling_micros = u64::try_from(ceiling.as_micros()).unwrap_or(u64::MAX);
        Duration::from_micros(random % ceiling_micros.saturating_add(1))
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::never()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let policy = RetryPolicy::standard().max_attempts(30);
        let top = |attempt| {
            policy
                .delay(attempt, Safety::Safe, Failure::NotSent, u64::MAX - 1)
                .unwrap()
        };
        assert!(top(1) <= Duration::from_millis(200));
        assert!(top(2) <= Duration::from_millis(400));
        assert!(top(25) <= Duration::from_secs(5));
        assert_eq!(
            policy.delay(1, Safety::Safe, Failure::NotSent, 0),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn the_jitter_reaches_each_ceiling_exactly() {
        // Full jitter draws from zero to the ceiling, both ends included:
        // the draw equal to the ceiling in microseconds waits all of it.
        let policy = RetryPolicy::standard().max_attempts(30);
        let wait = |attempt, micros| policy.delay(attempt, Safety::Safe, Failure::NotSent, micros);
        assert_eq!(wait(1, 200_000), Some(Duration::from_millis(200)));
        assert_eq!(wait(2, 400_000), Some(Duration::from_millis(400)));
        assert_eq!(wait(3, 800_000), Some(Duration::from_millis(800)));
        assert_eq!(wait(25, 5_000_000), Some(Duration::from_secs(5)));
        // One past the ceiling wraps to nothing.
        assert_eq!(wait(1, 200_001), Some(Duration::ZERO));
    }

    #[test]
    fn a_retry_after_of_exactly_the_longest_is_waited() {
        let policy = RetryPolicy::standard();
        let at_most = Failure::Throttled {
            retry_after: Some(policy.max_retry_after),
        };
        assert_eq!(
            policy.delay(1, Safety::Unsafe, at_most, 1),
            Some(policy.max_retry_after)
        );
        let beyond = Failure::Throttled {
            retry_after: Some(policy.max_retry_after + Duration::from_millis(1)),
        };
        assert_eq!(policy.delay(1, Safety::Unsafe, beyond, 1), None);
    }

    #[test]
    fn attempts_are_bounded() {
        let policy = RetryPolicy::standard().max_attempts(3);
        assert!(policy.delay(2, Safety::Safe, Failure::NotSent, 1).is_some());
        assert!(policy.delay(3, Safety::Safe, Failure::NotSent, 1).is_none());
    }

    #[test]
    fn unavailable_follows_safety_and_long_retry_after_gives_up() {
        let policy = RetryPolicy::standard();
        let unavailable = Failure::Unavailable { retry_after: None };
        assert!(policy.delay(1, Safety::Unsafe, unavailable, 1).is_none());
        assert!(policy.delay(1, Safety::Safe, unavailable, 1).is_some());
        let long = Failure::Throttled {
            retry_after: Some(Duration::from_secs(3600)),
        };
        assert!(policy.delay(1, Safety::Safe, long, 1).is_none());
    }

    #[test]
    fn retry_after_spellings() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
