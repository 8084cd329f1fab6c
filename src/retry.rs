//! Retry decision and delay, as pure functions (the transport supplies clock and randomness).
//!
//! Follows the official SDKs where they are right (`x-should-retry` first, then 408/409/429/
//! 5xx and connection failures; exponential backoff with jitter) and fixes what they get
//! wrong: a Retry-After of any size was obeyed (here only 0 < d <= 60 s counts), and a user
//! abort is never retried.

/// What one attempt ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Status(u16),
    /// No response, or the body broke off.
    Connection,
    Timeout,
    UserAbort,
}

/// Longest server-requested wait we honour; longer ones fall back to our backoff.
pub const MAX_RETRY_AFTER_MS: f64 = 60_000.0;

pub fn should_retry(outcome: Outcome, x_should_retry: Option<&str>) -> bool {
    if outcome == Outcome::UserAbort {
        return false;
    }
    match x_should_retry.map(|v| v.trim().to_ascii_lowercase()) {
        Some(v) if v == "true" => return true,
        Some(v) if v == "false" => return false,
        _ => {}
    }
    match outcome {
        Outcome::Status(s) => matches!(s, 408 | 409 | 429) || s >= 500,
        Outcome::Connection | Outcome::Timeout => true,
        Outcome::UserAbort => false,
    }
}

/// Delay before the next attempt, in ms. `retries_made` counts retries already done (0 before
/// the first retry); `random` is uniform in [0, 1).
pub fn retry_delay_ms(
    retry_after_ms: Option<&str>,
    retry_after: Option<&str>,
    now_ms: f64,
    retries_made: u32,
    random: f64,
) -> f64 {
    if let Some(ms) = server_delay_ms(retry_after_ms, retry_after, now_ms) {
        return ms;
    }
    let base = (0.5 * 2f64.powi(retries_made.min(30) as i32)).min(8.0);
    base * (1.0 - 0.25 * random.clamp(0.0, 1.0)) * 1000.0
}

/// The wait the server asked for (`retry-after-ms`, else `retry-after` as seconds or an HTTP
/// date), in ms, when it lies within (0, 60] s; `None` means "not asked, or not honoured".
pub fn server_delay_ms(retry_after_ms: Option<&str>, retry_after: Option<&str>, now_ms: f64) -> Option<f64> {
    let asked =
        retry_after_ms.and_then(parse_number).or_else(|| retry_after.and_then(|v| parse_seconds_or_date(v, now_ms)));
    asked.filter(|&ms| ms > 0.0 && ms <= MAX_RETRY_AFTER_MS)
}

/// A plain decimal (at most 16 characters; no sign, no exponent).
fn parse_number(v: &str) -> Option<f64> {
    let v = v.trim();
    (v.len() <= 16).then(|| crate::text::parse_plain_decimal(v)).flatten()
}

fn parse_seconds_or_date(v: &str, now_ms: f64) -> Option<f64> {
    match parse_number(v) {
        Some(secs) => Some(secs * 1000.0),
        None => parse_http_date(v).map(|at| at - now_ms),
    }
}

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the only form servers may send today;
/// the weekday is not checked. Returns ms since the Unix epoch.
pub fn parse_http_date(v: &str) -> Option<f64> {
    let v = v.trim();
    let (_, rest) = v.split_once(", ")?;
    let parts: Vec<&str> = rest.split(' ').collect();
    let [day, month, year, time, "GMT"] = parts[..] else {
        return None;
    };
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.iter().position(|m| *m == month)? as i64 + 1;
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<i64>().ok()).flatten()
    };
    let (day, year) = (num(day, 2)?, num(year, 4)?);
    let t: Vec<&str> = time.split(':').collect();
    let [h, m, s] = t[..] else { return None };
    let (h, m, s) = (num(h, 2)?, num(m, 2)?, num(s, 2)?);
    if !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * 86_400 + h * 3600 + m * 60 + s) * 1000) as f64)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 784_111_777_000.0; // Sun, 06 Nov 1994 08:49:37 GMT

    fn backoff(n: u32) -> f64 {
        retry_delay_ms(None, None, NOW, n, 0.0)
    }

    #[test]
    fn decides_like_the_official_sdks() {
        for s in [408, 409, 429, 500, 502, 503, 599] {
            assert!(should_retry(Outcome::Status(s), None), "{s}");
        }
        for s in [400, 401, 403, 404, 422, 200] {
            assert!(!should_retry(Outcome::Status(s), None), "{s}");
        }
        assert!(should_retry(Outcome::Connection, None));
        assert!(should_retry(Outcome::Timeout, None));
        assert!(!should_retry(Outcome::UserAbort, None));
    }

    #[test]
    fn x_should_retry_wins_but_never_over_a_user_abort() {
        assert!(should_retry(Outcome::Status(400), Some("true")));
        assert!(!should_retry(Outcome::Status(503), Some("false")));
        assert!(should_retry(Outcome::Status(503), Some("maybe")));
        assert!(!should_retry(Outcome::UserAbort, Some("true")));
    }

    #[test]
    fn retry_after_is_honoured_within_60_seconds() {
        assert_eq!(retry_delay_ms(None, Some("20"), NOW, 0, 0.5), 20_000.0);
        assert_eq!(retry_delay_ms(None, Some("60"), NOW, 0, 0.5), 60_000.0);
        assert_eq!(retry_delay_ms(None, Some("0.5"), NOW, 0, 0.5), 500.0);
        assert_eq!(retry_delay_ms(Some("1500"), Some("20"), NOW, 0, 0.5), 1500.0);
        assert_eq!(retry_delay_ms(None, Some("Sun, 06 Nov 1994 08:49:57 GMT"), NOW, 0, 0.5), 20_000.0);
    }

    #[test]
    fn server_delay_is_only_what_the_server_asked_within_bounds() {
        assert_eq!(server_delay_ms(None, Some("20"), NOW), Some(20_000.0));
        assert_eq!(server_delay_ms(Some("250"), None, NOW), Some(250.0));
        for v in ["0", "-1", "61", "junk", "Sun, 06 Nov 1994 08:49:30 GMT"] {
            assert_eq!(server_delay_ms(None, Some(v), NOW), None, "{v:?}");
        }
        assert_eq!(server_delay_ms(None, None, NOW), None);
    }

    #[test]
    fn out_of_range_or_junk_retry_after_falls_back_to_backoff() {
        for v in ["0", "-10", "61", "abc", "", "1e3", "99999999999999999999999999", "Sun, 06 Nov 1994 08:49:30 GMT"] {
            assert_eq!(retry_delay_ms(None, Some(v), NOW, 0, 0.0), 500.0, "{v:?}");
        }
        assert_eq!(retry_delay_ms(Some("0"), None, NOW, 1, 0.0), 1000.0);
        assert_eq!(retry_delay_ms(Some("junk"), Some("2"), NOW, 0, 0.0), 2000.0);
    }

    #[test]
    fn backoff_doubles_to_8_seconds_with_up_to_25_percent_jitter() {
        assert_eq!(
            [backoff(0), backoff(1), backoff(2), backoff(3), backoff(4), backoff(50)],
            [500.0, 1000.0, 2000.0, 4000.0, 8000.0, 8000.0]
        );
        assert_eq!(retry_delay_ms(None, None, NOW, 0, 1.0), 375.0);
        assert_eq!(retry_delay_ms(None, None, NOW, 0, 0.5), 437.5);
    }

    #[test]
    fn parses_imf_fixdate() {
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(NOW));
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(parse_http_date("Tue, 29 Feb 2028 12:00:00 GMT"), Some(1_835_438_400_000.0));
        for bad in [
            "06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }
}
