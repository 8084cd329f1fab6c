//! Text for messages, without Rust's float and Debug formatting machinery: in the wasm build
//! those pull in ~40 KB (float printing and parsing tables, escape_debug) for a few messages.

/// A string quoted and escaped as JSON does (`"a\"b"`), for messages.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number as JS prints it for integers, NaN and ±Infinity; other values with up to 9
/// decimals (enough for messages; exact JS text comes from the value's own source where
/// there is one).
pub fn js_number(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let sign = if n < 0.0 { "-" } else { "" };
    let a = n.abs();
    if a >= 1e21 {
        // JS switches to exponent notation here; the magnitude is what a message needs.
        let mut exp = 21;
        while a >= 10f64.powi(exp + 1) && exp < 308 {
            exp += 1;
        }
        return format!("{sign}{}e+{exp}", (a / 10f64.powi(exp)) as u8);
    }
    let int = a.trunc();
    let mut frac = ((a - int) * 1e9).round() as u64;
    let int = int as u64 + u64::from(frac == 1_000_000_000);
    if frac == 1_000_000_000 {
        frac = 0;
    }
    if int == 0 && frac == 0 {
        return "0".into();
    }
    if frac == 0 {
        return format!("{sign}{int}");
    }
    let mut digits = format!("{frac:09}");
    while digits.ends_with('0') {
        digits.pop();
    }
    format!("{sign}{int}.{digits}")
}

/// A plain decimal (`20`, `0.5`, `1500`; no sign, no exponent) without float parsing.
pub fn parse_plain_decimal(v: &str) -> Option<f64> {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty()
        || int.len() > 15
        || frac.len() > 9
        || !digits(int)
        || !digits(frac)
        || (v.contains('.') && frac.is_empty())
    {
        return None;
    }
    let whole = int.bytes().fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0')) as f64;
    let part = frac.bytes().fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0')) as f64;
    Some(whole + part / 10f64.powi(frac.len() as i32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_json() {
        assert_eq!(quoted("a\"b\\c\nd\u{1}é"), r#""a\"b\\c\nd\u0001é""#);
        assert_eq!(quoted(""), r#""""#);
    }

    #[test]
    fn numbers_read_like_js() {
        for (n, text) in [
            (1842.0, "1842"),
            (-0.0, "0"),
            (0.0, "0"),
            (1.5, "1.5"),
            (-2.25, "-2.25"),
            (0.1, "0.1"),
            (9007199254740992.0, "9007199254740992"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (f64::NAN, "NaN"),
            (1e21, "1e+21"),
            (0.9999999999, "1"),
        ] {
            assert_eq!(js_number(n), text, "{n}");
        }
    }

    #[test]
    fn plain_decimals() {
        assert_eq!(parse_plain_decimal("20"), Some(20.0));
        assert_eq!(parse_plain_decimal("0.5"), Some(0.5));
        assert_eq!(parse_plain_decimal("1500"), Some(1500.0));
        for bad in ["", "-1", "1e3", "1.", ".5", "1.2.3", "abc", "9999999999999999", " 1"] {
            assert_eq!(parse_plain_decimal(bad), None, "{bad}");
        }
    }
}
