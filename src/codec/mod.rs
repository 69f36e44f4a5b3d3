#![forbid(unsafe_code)]
#![warn(unused_qualifications, missing_debug_implementations)]
//! Encodings the typed wire layer needs, with no serde: JSON ([`json`]), and the few
//! string helpers it shares ([`trim`], [`first_chars`], [`cat`]), all on bytes.
pub mod json;

#[allow(unused_imports)]
use crate::prelude::*;

/// `s` without the whitespace JSON and HTTP allow around a value (space, tab, CR, LF).
/// Bytes, not `str::trim`: its Unicode whitespace tables and char decoding are ~1 KB of
/// wasm, and none of the values trimmed here (reply bodies, error codes and messages,
/// base64, stored numbers) has other whitespace that means nothing.
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let (mut start, mut end) = (0, b.len());
    while start < end && is_ws(b[start]) {
        start += 1;
    }
    while end > start && is_ws(b[end - 1]) {
        end -= 1;
    }
    // Both ends sit next to an ASCII byte or at the ends: char boundaries.
    s.get(start..end).unwrap_or("")
}

/// JSON's whitespace (RFC 8259 `ws`), which HTTP's optional whitespace is within.
pub(crate) fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The first `n` characters of `s` (all of it if shorter), counted without decoding:
/// a character starts at every byte that is not a UTF-8 continuation byte.
pub fn first_chars(s: &str, n: usize) -> &str {
    let mut seen = 0;
    for (i, b) in s.bytes().enumerate() {
        if b & 0xC0 != 0x80 {
            if seen == n {
                return s.get(..i).unwrap_or(s);
            }
            seen += 1;
        }
    }
    s
}

/// The pieces joined: `[a, b].concat()` without its generic join (~1.2 KB of wasm).
pub fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::{first_chars, trim};

    #[test]
    fn trim_takes_json_and_http_whitespace_only() {
        assert_eq!(
            trim(" \t\r\n NotAuthorizedException \n"),
            "NotAuthorizedException"
        );
        assert_eq!(trim(" \t\n"), "");
        assert_eq!(trim(""), "");
        // Other Unicode whitespace is content, as a JSON reader sees it.
        assert_eq!(trim("\u{3000}x\u{a0} "), "\u{3000}x\u{a0}");
        assert_eq!(trim(" é "), "é");
    }

    #[test]
    fn first_chars_counts_characters_not_bytes() {
        assert_eq!(first_chars("héllo", 2), "hé");
        assert_eq!(first_chars("日本語", 1), "日");
        assert_eq!(first_chars("ab", 5), "ab");
        assert_eq!(first_chars("ab", 2), "ab");
        assert_eq!(first_chars("ab", 0), "");
        assert_eq!(first_chars("😀x", 1), "😀");
    }
}
