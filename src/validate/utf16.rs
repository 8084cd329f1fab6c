//! UTF-16 → UTF-8, as `TextEncoder` does it (lone surrogates become U+FFFD). The text route
//! copies a JS string's code units into wasm memory (a plain memory copy in Node) and narrows
//! them here, which is several times cheaper than `TextEncoder.encodeInto` for ASCII-heavy
//! JSON. ASCII runs take a word-at-a-time (or SIMD) path.

/// Appends the UTF-8 encoding of `src` to `out`.
pub fn utf16_to_utf8(src: &[u16], out: &mut Vec<u8>) {
    out.reserve(src.len());
    let mut i = 0;
    while i < src.len() {
        i += narrow_ascii_run(&src[i..], out);
        let Some(&unit) = src.get(i) else { break };
        let code = match unit {
            0xD800..=0xDBFF => match src.get(i + 1) {
                Some(&low @ 0xDC00..=0xDFFF) => {
                    i += 1;
                    0x10000 + (((unit as u32) - 0xD800) << 10) + ((low as u32) - 0xDC00)
                }
                _ => 0xFFFD,
            },
            0xDC00..=0xDFFF => 0xFFFD,
            u => u as u32,
        };
        i += 1;
        let ch = char::from_u32(code).unwrap_or('\u{FFFD}');
        let mut buf = [0u8; 4];
        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }
}

/// How many of `chunk`'s code units to narrow now when a longer string is narrowed piece by
/// piece: all of them, except a trailing high surrogate when more units follow (its low half
/// is in the next piece, so it is narrowed with it).
pub fn chunk_take(chunk: &[u16], more_follow: bool) -> usize {
    match chunk.last() {
        Some(0xD800..=0xDBFF) if more_follow && chunk.len() > 1 => chunk.len() - 1,
        _ => chunk.len(),
    }
}

/// Appends the leading run of ASCII code units of `s` to `out`, narrowed; returns its length.
/// With SIMD, 16 units are checked and narrowed per step (this loop is most of the narrowing
/// cost on prose-heavy JSON).
#[inline]
fn narrow_ascii_run(s: &[u16], out: &mut Vec<u8>) -> usize {
    #[allow(unused_mut)]
    let mut i = 0;
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        use core::arch::wasm32::*;
        let high = u16x8_splat(0xFF80);
        out.reserve(s.len());
        let mut len = out.len();
        let dst = out.as_mut_ptr();
        while i + 16 <= s.len() {
            // SAFETY: `i + 16 <= s.len()`; v128_load/store have no alignment requirement.
            let (a, b) = unsafe {
                let p = s.as_ptr().add(i) as *const v128;
                (v128_load(p), v128_load(p.add(1)))
            };
            if v128_any_true(v128_and(v128_or(a, b), high)) {
                break;
            }
            // SAFETY: `reserve(s.len())` left room for one byte per unit of `s` past the
            // starting length, and `len` is that length plus `i`, so 16 more bytes fit. All
            // 16 units are < 0x80, so the saturating narrow is exact.
            unsafe { v128_store(dst.add(len) as *mut v128, u8x16_narrow_i16x8(a, b)) };
            len += 16;
            i += 16;
        }
        // SAFETY: the bytes up to `len` were written above.
        unsafe { out.set_len(len) };
    }
    let run = i + ascii_prefix(&s[i..]);
    out.extend(s[i..run].iter().map(|&u| u as u8));
    run
}

/// Length of the leading run of ASCII code units (word at a time).
#[inline]
fn ascii_prefix(s: &[u16]) -> usize {
    let mut i = 0;
    while let Some(quad) = s.get(i..i + 4) {
        let w = quad.iter().fold(0u64, |acc, &u| (acc << 16) | u as u64);
        if w & 0xFF80_FF80_FF80_FF80 != 0 {
            break;
        }
        i += 4;
    }
    while s.get(i).is_some_and(|&u| u < 0x80) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn narrow(units: &[u16]) -> Vec<u8> {
        let mut out = Vec::new();
        utf16_to_utf8(units, &mut out);
        out
    }

    #[test]
    fn matches_rust_encoding_for_valid_text() {
        for text in [
            "",
            "plain ascii that is longer than sixteen code units",
            "héllo wörld",
            "日本語",
            "😀 emoji 😀x",
            "{\"a\":\"Réservation — hôtel à Lyon 🏨\"}",
        ] {
            let units: Vec<u16> = text.encode_utf16().collect();
            assert_eq!(narrow(&units), text.as_bytes(), "{text}");
        }
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(narrow(&[0x61, 0xD800, 0x62]), "a\u{FFFD}b".as_bytes());
        assert_eq!(narrow(&[0xDC00, 0x61]), "\u{FFFD}a".as_bytes());
        assert_eq!(narrow(&[0xD800]), "\u{FFFD}".as_bytes());
        assert_eq!(narrow(&[0xD800, 0xD800, 0xDC00]), "\u{FFFD}\u{10000}".as_bytes());
    }

    #[test]
    fn pieces_never_split_a_surrogate_pair() {
        assert_eq!(chunk_take(&[0x61, 0xD83D], true), 1);
        assert_eq!(chunk_take(&[0x61, 0xD83D], false), 2, "a lone high surrogate at the very end");
        assert_eq!(chunk_take(&[0x61, 0xDE00], true), 2);
        assert_eq!(chunk_take(&[0xD83D], true), 1, "never an empty piece");
        assert_eq!(chunk_take(&[], true), 0);
        // Narrowing piece by piece (pieces of two units or more) gives what narrowing the whole does.
        let text: Vec<u16> = "ab😀c\u{e9}😀😀d".encode_utf16().collect();
        for size in 2..text.len() {
            let (mut out, mut start) = (Vec::new(), 0);
            while start < text.len() {
                let end = (start + size).min(text.len());
                let take = chunk_take(&text[start..end], end < text.len());
                utf16_to_utf8(&text[start..start + take], &mut out);
                start += take;
            }
            assert_eq!(out, narrow(&text), "pieces of {size}");
        }
    }

    #[test]
    fn ascii_runs_stop_at_every_position() {
        for at in 0..40 {
            let mut units = vec![b'x' as u16; 40];
            units[at] = 0xE9;
            let mut expected = "x".repeat(40);
            expected.replace_range(at..at + 1, "é");
            assert_eq!(narrow(&units), expected.as_bytes(), "{at}");
        }
    }
}
