//! Value rules of the wire model that are not JSON types: timestamps, URLs, counts.

/// 2^53 − 1: the largest integer JS numbers hold exactly.
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// RFC 3339 `date-time`: `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, with real calendar days
/// (leap years) and a leap second allowed. `T` and `Z` may be lower case (RFC 3339 §5.6).
pub fn is_rfc3339(s: &str) -> bool {
    rfc3339_instant(s).is_some()
}

/// The instant an RFC 3339 date-time names, as (seconds since the Unix epoch, nanoseconds),
/// comparable across offsets; `None` when `s` is not RFC 3339.
pub fn rfc3339_instant(s: &str) -> Option<(i64, u32)> {
    rfc3339_instant_bytes(s.as_bytes())
}

/// [`rfc3339_instant`] over raw bytes (the validator's fast path: no decoding).
pub fn rfc3339_instant_bytes(b: &[u8]) -> Option<(i64, u32)> {
    if b.len() < 20 {
        return None;
    }
    let num = |from: usize, len: usize| -> Option<u32> {
        let part = b.get(from..from + len)?;
        part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0, |a, &d| a * 10 + (d - b'0') as u32))
    };
    let (Some(year), Some(month), Some(day), Some(hour), Some(min), Some(sec)) =
        (num(0, 4), num(5, 2), num(8, 2), num(11, 2), num(14, 2), num(17, 2))
    else {
        return None;
    };
    if b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > days || hour > 23 || min > 59 || sec > 60 {
        return None;
    }
    let mut i = 19;
    let mut nanos = 0u32;
    if b[i] == b'.' {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 9 {
                nanos = nanos * 10 + (b[i] - b'0') as u32;
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        nanos *= 10u32.pow(9u32.saturating_sub((i - start) as u32));
    }
    let offset_min: i64 = match &b[i..] {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => match (num(i + 1, 2), num(i + 4, 2)) {
            (Some(h), Some(m)) if h <= 23 && m <= 59 => (h * 60 + m) as i64 * if *sign == b'-' { -1 } else { 1 },
            _ => return None,
        },
        _ => return None,
    };
    let days = crate::retry::days_from_civil(year as i64, month as i64, day as i64);
    let local = days * 86_400 + hour as i64 * 3600 + min as i64 * 60 + sec as i64;
    Some((local - offset_min * 60, nanos))
}

/// An absolute `http:` or `https:` URL with a host, no white space or control characters.
pub fn is_http_url(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once("://") else {
        return false;
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return false;
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    crate::config::parse_host(host_port).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_accepts_valid_date_times() {
        for ok in [
            "2026-05-11T09:14:48.000Z",
            "2026-05-11T09:14:48Z",
            "2026-05-11t09:14:48z",
            "2024-02-29T00:00:00+05:30",
            "2016-12-31T23:59:60Z",
            "2026-05-11T09:14:48.123456789-12:00",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
    }

    #[test]
    fn rfc3339_rejects_the_rest() {
        for bad in [
            "",
            "2026-05-11",
            "2026-05-11 09:14:48Z",
            "2026-05-11T09:14:48",
            "2026-13-01T00:00:00Z",
            "2026-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-05-11T24:00:00Z",
            "2026-05-11T09:60:00Z",
            "2026-05-11T09:14:48.Z",
            "2026-05-11T09:14:48+0100",
            "2026-05-11T09:14:48+24:00",
            "2026-05-11T09:14:48ZZ",
            "١٢٣٤-05-11T09:14:48Z",
            "May 11 2026",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }

    #[test]
    fn instants_compare_across_offsets_and_fractions() {
        let t = |s: &str| rfc3339_instant(s).unwrap();
        assert_eq!(t("1970-01-01T00:00:00Z"), (0, 0));
        assert_eq!(t("2026-05-11T09:14:48.5Z"), t("2026-05-11T11:14:48.500+02:00"));
        assert!(t("2026-05-11T09:14:48.000000001Z") > t("2026-05-11T09:14:48Z"));
        assert!(t("2026-05-11T09:14:48.123Z") < t("2026-05-11T09:14:48.1231Z"));
        assert_eq!(t("2026-05-11T09:14:48.1234567891234Z").1, 123_456_789);
        assert_eq!(t("1969-12-31T23:59:59Z"), (-1, 0));
    }

    #[test]
    fn urls_must_be_absolute_http() {
        for ok in [
            "https://v3.handinger.com/worker/w/task/t",
            "http://localhost:3000",
            "HTTPS://x.io?q=1#f",
            "https://u@x.io/",
        ] {
            assert!(is_http_url(ok), "{ok}");
        }
        for bad in [
            "",
            "/worker/w",
            "ftp://x.io",
            "https://",
            "https:// x.io",
            "javascript:alert(1)",
            "https://x.io/a b",
            "//x.io",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }
}
