//! A JSON scanner over bytes that accepts exactly what `JSON.parse(new TextDecoder()
//! .decode(bytes))` accepts: a leading UTF-8 BOM is skipped (TextDecoder drops it), invalid
//! UTF-8 is tolerated inside strings (TextDecoder turns it into U+FFFD), lone surrogate
//! escapes are fine, numbers too large for f64 read as ±Infinity, and nesting depth is
//! limited only by memory (values are skipped with an explicit stack, never by recursion).

use std::borrow::Cow;

/// A syntax error at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub what: &'static str,
}

pub type Res<T> = Result<T, SyntaxError>;

/// A scanned JSON string: its raw bytes between the quotes, and whether it has escapes.
#[derive(Debug, Clone, Copy)]
pub struct RawStr<'a> {
    pub raw: &'a [u8],
    pub escaped: bool,
}

impl<'a> RawStr<'a> {
    /// The string as JS would see it (lone surrogates and bad UTF-8 as U+FFFD).
    pub fn decode(&self) -> Cow<'a, str> {
        if !self.escaped {
            return String::from_utf8_lossy(self.raw);
        }
        let mut out = Vec::with_capacity(self.raw.len());
        let mut i = 0;
        let raw = self.raw;
        while i < raw.len() {
            if raw[i] != b'\\' {
                out.push(raw[i]);
                i += 1;
                continue;
            }
            let c = raw[i + 1];
            i += 2;
            let simple = match c {
                b'"' => Some(b'"'),
                b'\\' => Some(b'\\'),
                b'/' => Some(b'/'),
                b'b' => Some(8),
                b'f' => Some(12),
                b'n' => Some(b'\n'),
                b'r' => Some(b'\r'),
                b't' => Some(b'\t'),
                _ => None,
            };
            if let Some(b) = simple {
                out.push(b);
                continue;
            }
            // \uXXXX, possibly a surrogate pair (the scanner checked the hex digits).
            let hi = hex4(&raw[i..i + 4]);
            i += 4;
            let mut code = hi;
            if (0xD800..0xDC00).contains(&hi) && raw.len() >= i + 6 && raw[i] == b'\\' && raw[i + 1] == b'u' {
                let lo = hex4(&raw[i + 2..i + 6]);
                if (0xDC00..0xE000).contains(&lo) {
                    code = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
            }
            let ch = char::from_u32(code).unwrap_or('\u{FFFD}');
            let mut buf = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        }
        Cow::Owned(String::from_utf8_lossy(&out).into_owned())
    }

    /// Compares with an ASCII name without allocating in the common (unescaped) case.
    pub fn eq_name(&self, name: &str) -> bool {
        if self.escaped {
            self.decode() == name
        } else {
            self.raw == name.as_bytes()
        }
    }
}

/// Length of the leading run of bytes that need no attention inside a string (anything but
/// `"`, `\\` and control characters). Word-at-a-time (SWAR): this loop is where a validator
/// of prose-heavy payloads spends its time.
#[inline]
fn ordinary_prefix(s: &[u8]) -> usize {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        let skipped = simd_ordinary_prefix(s);
        skipped + swar_ordinary_prefix(&s[skipped..])
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    swar_ordinary_prefix(s)
}

/// 16 bytes at a time with wasm SIMD; stops at the first block holding a special byte and
/// leaves that block to the word-at-a-time scan.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline]
fn simd_ordinary_prefix(s: &[u8]) -> usize {
    use core::arch::wasm32::*;
    let quote = u8x16_splat(b'"');
    let backslash = u8x16_splat(b'\\');
    let space = u8x16_splat(0x20);
    let mut i = 0;
    while i + 16 <= s.len() {
        // SAFETY: `i + 16 <= s.len()`, and v128_load has no alignment requirement.
        let block = unsafe { v128_load(s.as_ptr().add(i) as *const v128) };
        let special = v128_or(v128_or(u8x16_eq(block, quote), u8x16_eq(block, backslash)), u8x16_lt(block, space));
        if v128_any_true(special) {
            return i + u8x16_bitmask(special).trailing_zeros() as usize;
        }
        i += 16;
    }
    i
}

#[inline]
fn swar_ordinary_prefix(s: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Marks bytes below `n` (exact for the lowest marked byte; n <= 128).
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let mut i = 0;
    while let Some(word) = s.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        let w = u64::from_le_bytes(word);
        let special = below(w ^ (ONES * b'"' as u64), 1) | below(w ^ (ONES * b'\\' as u64), 1) | below(w, 0x20);
        if special != 0 {
            return i + (special.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = s.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

/// A JSON number literal → its f64, correctly rounded. In the wasm build JS parses it (its
/// reading is the arbiter anyway, and Rust's float parser would add ~15 KB); only numbers
/// with a fraction, an exponent or over 15 digits take this path.
#[cfg(target_arch = "wasm32")]
fn parse_decimal(text: &str) -> f64 {
    crate::wasm::bindings::parse_decimal(text)
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_decimal(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

fn hex4(h: &[u8]) -> u32 {
    h.iter().fold(0, |acc, &b| (acc << 4) | (b as char).to_digit(16).unwrap_or(0))
}

/// The kind of the next value, from its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

pub struct Scanner<'a> {
    pub bytes: &'a [u8],
    pub pos: usize,
}

impl<'a> Scanner<'a> {
    /// Scans JSON text as `JSON.parse` reads a string (a BOM is an error there).
    pub fn new(bytes: &'a [u8]) -> Self {
        Scanner { bytes, pos: 0 }
    }

    /// Scans a response body as `JSON.parse(new TextDecoder().decode(bytes))` reads it:
    /// TextDecoder drops a leading UTF-8 BOM.
    pub fn for_body(bytes: &'a [u8]) -> Self {
        let pos = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) { 3 } else { 0 };
        Scanner { bytes, pos }
    }

    pub fn err<T>(&self, what: &'static str) -> Res<T> {
        Err(SyntaxError { offset: self.pos, what })
    }

    #[inline(always)]
    pub fn skip_ws(&mut self) {
        // Compact JSON (what APIs send) has no white space: one comparison decides.
        if self.bytes.get(self.pos).is_some_and(|&b| b > b' ') {
            return;
        }
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// Skips white space and returns the next byte without consuming it.
    #[inline(always)]
    pub fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes.get(self.pos).copied()
    }

    /// Consumes `b` (after white space) or fails with `what`.
    #[inline]
    pub fn expect(&mut self, b: u8, what: &'static str) -> Res<()> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            self.err(what)
        }
    }

    /// The kind of the next value (after white space); fails at end of input or on a byte
    /// that starts no JSON value.
    #[inline]
    pub fn kind(&mut self) -> Res<Kind> {
        match self.peek() {
            Some(b'{') => Ok(Kind::Object),
            Some(b'[') => Ok(Kind::Array),
            Some(b'"') => Ok(Kind::String),
            Some(b'-' | b'0'..=b'9') => Ok(Kind::Number),
            Some(b't' | b'f') => Ok(Kind::Bool),
            Some(b'n') => Ok(Kind::Null),
            None => self.err("unexpected end of input"),
            Some(_) => self.err("unexpected character, expected a JSON value"),
        }
    }

    /// After the root value: only white space may follow.
    pub fn finish(&mut self) -> Res<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => self.err("unexpected data after the JSON value"),
        }
    }

    fn literal(&mut self, word: &'static [u8]) -> Res<()> {
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else if word.starts_with(&self.bytes[self.pos..]) {
            self.pos = self.bytes.len();
            self.err("unexpected end of input")
        } else {
            self.err("unexpected character, expected a JSON value")
        }
    }

    pub fn null(&mut self) -> Res<()> {
        self.skip_ws();
        self.literal(b"null")
    }

    pub fn boolean(&mut self) -> Res<bool> {
        if self.peek() == Some(b't') {
            self.literal(b"true").map(|_| true)
        } else {
            self.literal(b"false").map(|_| false)
        }
    }

    /// A string (the scanner stands on its opening quote after white space).
    pub fn string(&mut self) -> Res<RawStr<'a>> {
        self.expect(b'"', "expected a string")?;
        let start = self.pos;
        let mut escaped = false;
        let bytes = self.bytes;
        loop {
            // Fast path: run over ordinary bytes, eight at a time.
            self.pos += ordinary_prefix(&bytes[self.pos.min(bytes.len())..]);
            match bytes.get(self.pos) {
                None => return self.err("unexpected end of input in a string"),
                Some(b'"') => {
                    let raw = &bytes[start..self.pos];
                    self.pos += 1;
                    return Ok(RawStr { raw, escaped });
                }
                Some(b'\\') => {
                    escaped = true;
                    match bytes.get(self.pos + 1) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.pos += 2,
                        Some(b'u') => {
                            for k in 2..6 {
                                match bytes.get(self.pos + k) {
                                    Some(h) if h.is_ascii_hexdigit() => {}
                                    None => {
                                        self.pos = bytes.len();
                                        return self.err("unexpected end of input in a string");
                                    }
                                    Some(_) => {
                                        self.pos += k;
                                        return self.err("invalid \\u escape in string");
                                    }
                                }
                            }
                            self.pos += 6;
                        }
                        None => {
                            self.pos = bytes.len();
                            return self.err("unexpected end of input in a string");
                        }
                        Some(_) => {
                            self.pos += 1;
                            return self.err("invalid escape in string");
                        }
                    }
                }
                Some(_) => return self.err("control character in string (must be escaped)"),
            }
        }
    }

    /// A number, read as JS reads it (overflow → ±Infinity).
    pub fn number(&mut self) -> Res<f64> {
        self.skip_ws();
        let start = self.pos;
        let b = self.bytes;
        let digits = |s: &mut Self| {
            let from = s.pos;
            while let Some(b'0'..=b'9') = b.get(s.pos) {
                s.pos += 1;
            }
            s.pos - from
        };
        let negative = b.get(self.pos) == Some(&b'-');
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        match b.get(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            None => return self.err("unexpected end of input"),
            Some(_) => return self.err("invalid number"),
        }
        // Fast path: a plain integer of up to 15 digits is exact in f64; no float parsing.
        let int_end = self.pos;
        if int_end - int_start <= 15 && !matches!(b.get(self.pos), Some(b'.' | b'e' | b'E')) {
            let n = b[int_start..int_end].iter().fold(0u64, |acc, d| acc * 10 + (d - b'0') as u64) as f64;
            return Ok(if negative { -n } else { n });
        }
        if b.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            let frac_digits = digits(self);
            if frac_digits == 0 {
                return self.end_or("invalid number: expected a digit after '.'");
            }
            // A short decimal (no exponent, at most 15 digits): int + frac / 10^k may be an
            // ulp off the correctly rounded value, but every verdict the rules draw (sign,
            // finiteness, integer or not, below 2^53) is the same, and only the verdict is
            // used (the JS value comes from JSON.parse).
            let int_digits = int_end - int_start;
            if int_digits + frac_digits <= 15 && !matches!(b.get(self.pos), Some(b'e' | b'E')) {
                let num = |r: &[u8]| r.iter().fold(0u64, |acc, d| acc * 10 + (d - b'0') as u64) as f64;
                let n = num(&b[int_start..int_end]) + num(&b[int_end + 1..self.pos]) / 10f64.powi(frac_digits as i32);
                return Ok(if negative { -n } else { n });
            }
        }
        if let Some(b'e' | b'E') = b.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = b.get(self.pos) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return self.end_or("invalid number: expected a digit in the exponent");
            }
        }
        // The grammar above only admits ASCII, so this is valid UTF-8 and a valid f64 literal.
        let text = std::str::from_utf8(&b[start..self.pos]).unwrap_or("0");
        Ok(parse_decimal(text))
    }

    fn end_or<T>(&self, what: &'static str) -> Res<T> {
        if self.pos >= self.bytes.len() {
            self.err("unexpected end of input")
        } else {
            self.err(what)
        }
    }

    /// Object members: call after `{`; returns `None` at the closing `}`, else the next key
    /// with the scanner standing on its value.
    pub fn next_key(&mut self, first: &mut bool) -> Res<Option<RawStr<'a>>> {
        match self.peek() {
            Some(b'}') => {
                self.pos += 1;
                return Ok(None);
            }
            Some(b',') if !*first => self.pos += 1,
            None => return self.err("unexpected end of input"),
            Some(_) if !*first => return self.err("expected ',' or '}' after an object member"),
            Some(_) => {}
        }
        *first = false;
        if self.peek() != Some(b'"') {
            return self.end_or_here("expected a string key");
        }
        let key = self.string()?;
        if self.bytes.get(self.pos) == Some(&b':') {
            self.pos += 1;
        } else {
            self.expect(b':', "expected ':' after an object key")?;
        }
        Ok(Some(key))
    }

    /// Array elements: call after `[`; returns `false` at the closing `]`, else `true` with
    /// the scanner standing on the next element.
    pub fn next_element(&mut self, first: &mut bool) -> Res<bool> {
        match self.peek() {
            Some(b']') => {
                self.pos += 1;
                return Ok(false);
            }
            Some(b',') if !*first => self.pos += 1,
            None => return self.err("unexpected end of input"),
            Some(_) if !*first => return self.err("expected ',' or ']' after an array element"),
            Some(_) => {}
        }
        *first = false;
        Ok(true)
    }

    fn end_or_here<T>(&mut self, what: &'static str) -> Res<T> {
        if self.peek().is_none() {
            self.err("unexpected end of input")
        } else {
            self.err(what)
        }
    }

    /// Opens an object or array (the caller knows which from `kind`).
    pub fn open(&mut self) {
        self.skip_ws();
        self.pos += 1;
    }

    /// Skips one value of any kind and depth without recursion.
    pub fn skip_value(&mut self) -> Res<()> {
        // Open containers: true = object, false = array; with "first member" flags.
        let mut stack: Vec<(bool, bool)> = Vec::new();
        loop {
            match self.kind()? {
                Kind::Object => {
                    self.open();
                    stack.push((true, true));
                }
                Kind::Array => {
                    self.open();
                    stack.push((false, true));
                }
                Kind::String => {
                    self.string()?;
                }
                Kind::Number => {
                    self.number()?;
                }
                Kind::Bool => {
                    self.boolean()?;
                }
                Kind::Null => self.null()?,
            }
            // Close finished containers, then stand on the next value.
            loop {
                let Some(top) = stack.last_mut() else {
                    return Ok(());
                };
                let (is_object, first) = (top.0, &mut top.1);
                let more = if is_object { self.next_key(first)?.is_some() } else { self.next_element(first)? };
                if more {
                    break;
                }
                stack.pop();
            }
        }
    }

    /// 1-based line and column (in characters) of a byte offset, for messages.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = &self.bytes[..offset.min(self.bytes.len())];
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
        (line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skip_all(text: &str) -> Res<()> {
        let mut s = Scanner::new(text.as_bytes());
        s.skip_value()?;
        s.finish()
    }

    #[test]
    fn accepts_what_json_parse_accepts() {
        for ok in [
            "0",
            "-0",
            "1.5e+10",
            "1e400",
            "-1E-400",
            "\"\"",
            "\"\\ud800\"",
            "\"\\uD83D\\uDE00\"",
            "[]",
            "{}",
            " [1, {\"a\": [null, true, false]}] ",
            "{\"a\":1,\"a\":2}",
            "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
        ] {
            assert_eq!(skip_all(ok), Ok(()), "{ok}");
        }
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(skip_all(&deep), Ok(()));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(b"{}");
        assert!(Scanner::for_body(&bom).skip_value().is_ok());
        assert!(Scanner::new(&bom).skip_value().is_err());
    }

    #[test]
    fn rejects_what_json_parse_rejects() {
        for bad in [
            "",
            " ",
            "01",
            "1.",
            ".5",
            "+1",
            "1e",
            "-",
            "NaN",
            "Infinity",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "'a'",
            "\"\t\"",
            "\"\\x\"",
            "\"\\u12\"",
            "[1 2]",
            "{\"a\" 1}",
            "tru",
            "nul",
            "[",
            "{\"a\":",
            "\"abc",
            "1 2",
        ] {
            assert!(skip_all(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn ordinary_prefix_stops_at_the_first_special_byte() {
        let mut s = vec![b'a'; 40];
        assert_eq!(ordinary_prefix(&s), 40);
        for special in [b'"', b'\\', 0x00, 0x1F] {
            for at in 0..40 {
                let saved = s[at];
                s[at] = special;
                assert_eq!(ordinary_prefix(&s), at, "{special:#x} at {at}");
                // A later special byte never hides an earlier one.
                s[39] = b'"';
                assert_eq!(ordinary_prefix(&s), at);
                s[39] = b'a';
                s[at] = saved;
            }
        }
        // High bytes (UTF-8) and 0x20, 0x7F are ordinary.
        let utf8 = "é😀 \u{7f}~!#".as_bytes();
        assert_eq!(ordinary_prefix(utf8), utf8.len());
    }

    #[test]
    fn numbers_read_like_js() {
        let n = |t: &str| Scanner::new(t.as_bytes()).number().unwrap();
        assert_eq!(n("1e400"), f64::INFINITY);
        assert_eq!(n("-1e400"), f64::NEG_INFINITY);
        assert!(n("-0").is_sign_negative());
        assert_eq!(n("9007199254740993"), 9007199254740992.0);
        assert_eq!(n("123456789012345"), 123456789012345.0);
        assert_eq!(n("-42"), -42.0);
        assert!(n("-0").is_sign_negative() && n("-0") == 0.0);
        assert_eq!(n("0"), 0.0);
        assert_eq!(n("12.5e1"), 125.0);
        assert_eq!(n("1.25"), 1.25);
        assert_eq!(n("-0.5"), -0.5);
        assert!(n("-0.0").is_sign_negative() && n("-0.0") == 0.0);
        assert_eq!(n("123456789.123456"), 123456789.123456);
        assert_eq!(n("1.0000000000000001"), 1.0, "past 15 digits: correctly rounded");
    }

    #[test]
    fn decodes_escapes_and_surrogates() {
        let d = |t: &str| Scanner::new(t.as_bytes()).string().unwrap().decode().into_owned();
        assert_eq!(d(r#""t\u0061sk""#), "task");
        assert_eq!(d(r#""\uD83D\uDE00""#), "😀");
        assert_eq!(d(r#""\ud800x""#), "\u{FFFD}x");
        assert_eq!(d(r#""a\nb""#), "a\nb");
    }

    #[test]
    fn reports_line_and_column() {
        let text = "{\n  \"a\": tru\n}";
        let mut s = Scanner::new(text.as_bytes());
        let e = s.skip_value().unwrap_err();
        assert_eq!(s.line_col(e.offset), (2, 8));
    }
}
