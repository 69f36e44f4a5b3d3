//! JSON for the typed wire layer: a small tree of our own ([`Json`]) and a writer
//! ([`Obj`]), with no serde and no map type. Objects keep their members in order in
//! a `Vec` (replies have a handful of keys; a lookup is a short scan). Numbers are
//! `f64`, as JavaScript reads them. RFC 8259: any value at the top level, no trailing
//! commas, no comments, surrogate pairs joined, a lone surrogate escape becomes
//! U+FFFD, nesting limited so hostile input cannot exhaust the stack. Checked against
//! serde_json in tests/json_oracle.rs.

#[allow(unused_imports)]
use crate::prelude::*;
/// Nested arrays and objects: at most 127 deep, as serde_json allows.
const MAX_DEPTH: usize = 128;

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    /// Members in document order; a repeated key keeps its last value on lookup.
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// The member `key` of an object (`None` for a missing key or a non-object).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(m) => m.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The member `key` when it is a string.
    pub fn str(&self, key: &str) -> Option<&str> {
        self.get(key)?.as_str()
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Num(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Json::Obj(_))
    }

    /// The members of an object (empty for anything else).
    pub fn members(&self) -> &[(String, Json)] {
        match self {
            Json::Obj(m) => m,
            _ => &[],
        }
    }
}

/// Parses a JSON text; `None` if it is not one.
pub fn parse(text: &str) -> Option<Json> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let v = p.value(0)?;
    p.ws();
    (p.i == p.s.len()).then_some(v)
}

/// Parses JSON bytes (UTF-8); `None` if they are not a JSON text.
pub fn parse_bytes(bytes: &[u8]) -> Option<Json> {
    parse(core::str::from_utf8(bytes).ok()?)
}

pub(crate) struct Parser<'a> {
    pub(crate) s: &'a [u8],
    pub(crate) i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(|&b| super::is_ws(b)) {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &[u8]) -> Option<()> {
        if self
            .s
            .get(self.i..)
            .is_some_and(|rest| rest.starts_with(lit))
        {
            self.i += lit.len();
            Some(())
        } else {
            None
        }
    }

    /// The items of an array or the members of an object, after the opening bracket.
    fn seq<T>(
        &mut self,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        let mut out = Vec::new();
        self.ws();
        if self.eat(&[close]).is_some() {
            return Some(out);
        }
        loop {
            out.push(item(self)?);
            self.ws();
            if self.eat(b",").is_none() {
                self.eat(&[close])?;
                return Some(out);
            }
        }
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        self.ws();
        let c = *self.s.get(self.i)?;
        if matches!(c, b'{' | b'[') {
            if depth + 1 >= MAX_DEPTH {
                return None;
            }
            self.i += 1;
        }
        match c {
            b'{' => self
                .seq(b'}', |p| {
                    p.ws();
                    if p.s.get(p.i) != Some(&b'"') {
                        return None;
                    }
                    let key = p.string()?;
                    p.ws();
                    p.eat(b":")?;
                    Some((key, p.value(depth + 1)?))
                })
                .map(Json::Obj),
            b'[' => self.seq(b']', |p| p.value(depth + 1)).map(Json::Arr),
            b'"' => self.string().map(Json::Str),
            b't' => self.eat(b"true").map(|_| Json::Bool(true)),
            b'f' => self.eat(b"false").map(|_| Json::Bool(false)),
            b'n' => self.eat(b"null").map(|_| Json::Null),
            _ => self.number(),
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = self.s.get(self.i..self.i + 4)?;
        self.i += 4;
        h.iter()
            .try_fold(0u32, |acc, &c| Some(acc << 4 | (c as char).to_digit(16)?))
    }

    /// At an opening quote.
    pub(crate) fn string(&mut self) -> Option<String> {
        self.i += 1;
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control character.
            let start = self.i;
            while let Some(&c) = self.s.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // The input is a &str and runs end at ASCII bytes: still valid UTF-8.
            out.push_str(core::str::from_utf8(self.s.get(start..self.i)?).ok()?);
            match *self.s.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.i += 1;
                    let c = *self.s.get(self.i)?;
                    self.i += 1;
                    out.push(match c {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi)
                                && self.s.get(self.i..).is_some_and(|r| r.starts_with(b"\\u"))
                            {
                                let save = self.i;
                                self.i += 2;
                                let lo = self.hex4()?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                } else {
                                    self.i = save;
                                    0xFFFD
                                }
                            } else {
                                hi
                            };
                            char::from_u32(code).unwrap_or('\u{FFFD}')
                        }
                        _ => return None,
                    });
                }
                _ => return None, // a raw control character
            }
        }
    }

    fn number(&mut self) -> Option<Json> {
        let start = self.i;
        let digits = |p: &mut Self| {
            let from = p.i;
            while p.s.get(p.i).is_some_and(u8::is_ascii_digit) {
                p.i += 1;
            }
            p.i > from
        };
        self.eat(b"-");
        let int_start = self.i;
        if !digits(self) || (self.s.get(int_start) == Some(&b'0') && self.i - int_start > 1) {
            return None;
        }
        if self.eat(b".").is_some() && !digits(self) {
            return None;
        }
        if let Some(b'e' | b'E') = self.s.get(self.i) {
            self.i += 1;
            if let Some(b'+' | b'-') = self.s.get(self.i) {
                self.i += 1;
            }
            if !digits(self) {
                return None;
            }
        }
        let text = core::str::from_utf8(self.s.get(start..self.i)?).ok()?;
        // Out of a double's range is not a number JSON can carry (as serde_json says).
        Some(Json::Num(parse_num(text))).filter(|n| matches!(n, Json::Num(x) if x.is_finite()))
    }
}

/// A double from a JSON number's text (already validated): exact for up to 15
/// significant digits and a power of ten up to 22 (every number Cognito sends, such
/// as `3600` or `1.700000000123E9`), else within a few units in the last place. Not
/// `str::parse`: core's correctly rounded parser brings ~10 KB of tables into the wasm.
pub(crate) fn parse_num(text: &str) -> f64 {
    // Bytes, not `str` slicing: that would link core's char-boundary panic (~4 KB).
    let (neg, t) = match text.as_bytes().split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text.as_bytes()),
    };
    let mut parts = t.splitn(2, |&c| c == b'e' || c == b'E');
    let num = parts.next().unwrap_or_default();
    let exp = match parts.next() {
        Some(e) => {
            let (neg_e, digits) = match e.split_first() {
                Some((b'-', d)) => (true, d),
                Some((b'+', d)) => (false, d),
                _ => (false, e),
            };
            // Saturating: anything past ±10^9 is zero or out of range anyway.
            let mag = digits.iter().fold(0i64, |acc, &c| {
                (acc * 10 + (c - b'0') as i64).min(1_000_000_000)
            });
            if neg_e {
                -mag
            } else {
                mag
            }
        }
        None => 0,
    };
    let mut mantissa: u64 = 0;
    let mut e10 = exp;
    let mut seen_point = false;
    for &c in num {
        if c == b'.' {
            seen_point = true;
            continue;
        }
        if mantissa < 1_000_000_000_000_000_000 {
            mantissa = mantissa * 10 + (c - b'0') as u64;
            if seen_point {
                e10 -= 1;
            }
        } else if !seen_point {
            e10 += 1; // a dropped integer digit
        }
    }
    let m = mantissa as f64;
    let v = if mantissa == 0 {
        0.0
    } else if mantissa < (1 << 53) && (-22..=22).contains(&e10) {
        // Clinger's fast path: both exact, one rounding.
        let p = pow10(e10.unsigned_abs() as u32);
        if e10 >= 0 {
            m * p
        } else {
            m / p
        }
    } else {
        let e = e10.clamp(-400, 400);
        // In two steps below 1e-300, so 10^e itself stays finite.
        let v = if e < -300 {
            m / pow10((-e - 300) as u32) / 1e300
        } else if e < 0 {
            m / pow10((-e) as u32)
        } else {
            m * pow10(e as u32)
        };
        // Rounding in 10^e can overshoot the largest double by an ulp.
        let magnitude = e10 + mantissa.ilog10() as i64 + 1;
        if v == f64::INFINITY && magnitude <= 309 {
            f64::MAX
        } else {
            v
        }
    };
    if neg {
        -v
    } else {
        v
    }
}

/// 10^e by squaring (exact up to 10^22).
fn pow10(mut e: u32) -> f64 {
    let (mut base, mut out) = (10.0f64, 1.0f64);
    while e > 0 {
        if e & 1 == 1 {
            out *= base;
        }
        base *= base;
        e >>= 1;
    }
    out
}

/// An integer in decimal, without `core::fmt` (whose machinery would otherwise stay
/// in the wasm for this alone).
pub fn int(n: i64) -> String {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut v = n.unsigned_abs();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let mut out = String::with_capacity(21 - i);
    if n < 0 {
        out.push('-');
    }
    out.extend(digits[i..].iter().map(|&d| d as char));
    out
}

/// A JSON array of values already written as JSON, in order.
pub fn array(items: impl IntoIterator<Item = String>) -> String {
    let mut out = String::from("[");
    for item in items {
        if out.len() > 1 {
            out.push(',');
        }
        out.push_str(&item);
    }
    out.push(']');
    out
}

/// Writes `s` as a JSON string (what `JSON.stringify` writes).
pub fn write_str(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    // Bytes, not chars: only ASCII is escaped, so every other byte (multi-byte
    // characters included) is copied as it is, in runs between the escapes.
    let mut run = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        // `run..i` ends before an ASCII byte: a char boundary.
        out.push_str(s.get(run..i).unwrap_or(""));
        run = i + 1;
        out.push('\\');
        match b {
            b'\n' => out.push('n'),
            b'\r' => out.push('r'),
            b'\t' => out.push('t'),
            8 => out.push('b'),
            12 => out.push('f'),
            b'"' | b'\\' => out.push(b as char),
            _ => {
                out.push_str("u00");
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 15)] as char);
            }
        }
    }
    out.push_str(s.get(run..).unwrap_or(""));
    out.push('"');
}

/// Writes a finite number as JavaScript prints it for integers (the only numbers
/// requests carry); other values are written with `{}` only in tests.
fn write_num(n: f64, out: &mut String) {
    // Whole and exact in a double (f64::fract and abs are std's, not core's).
    if (n as i64) as f64 == n && n > -9_007_199_254_740_992.0 && n < 9_007_199_254_740_992.0 {
        out.push_str(&int(n as i64));
    } else {
        // Not reached by the requests this crate builds; a null keeps the text valid.
        out.push_str("null");
    }
}

/// Writes a value compactly (keys in order).
pub fn write(v: &Json, out: &mut String) {
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Num(n) => write_num(*n, out),
        Json::Str(s) => write_str(s, out),
        Json::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Json::Obj(m) => {
            out.push('{');
            for (i, (k, item)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(k, out);
                out.push(':');
                write(item, out);
            }
            out.push('}');
        }
    }
}

/// Builds a JSON object's text member by member, with no tree in between.
#[derive(Debug)]
pub struct Obj {
    out: String,
    empty: bool,
}

impl Default for Obj {
    fn default() -> Self {
        Self::new()
    }
}

impl Obj {
    pub fn new() -> Self {
        Obj {
            out: String::from("{"),
            empty: true,
        }
    }

    fn key(&mut self, k: &str) -> &mut String {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        write_str(k, &mut self.out);
        self.out.push(':');
        &mut self.out
    }

    pub fn str(mut self, k: &str, v: &str) -> Self {
        write_str(v, self.key(k));
        self
    }

    /// Adds `k` only when `v` is present.
    pub fn opt_str(self, k: &str, v: Option<&str>) -> Self {
        match v {
            Some(v) => self.str(k, v),
            None => self,
        }
    }

    pub fn bool(mut self, k: &str, v: bool) -> Self {
        self.key(k).push_str(if v { "true" } else { "false" });
        self
    }

    pub fn num(mut self, k: &str, v: f64) -> Self {
        write_num(v, self.key(k));
        self
    }

    /// Adds a value already written as JSON text (another `Obj`, an array).
    pub fn raw(mut self, k: &str, json: &str) -> Self {
        self.key(k).push_str(json);
        self
    }

    pub fn value(mut self, k: &str, v: &Json) -> Self {
        write(v, self.key(k));
        self
    }

    /// `{ "name": "value", … }` from string pairs.
    pub fn strings<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        pairs.into_iter().fold(Obj::new(), |o, (k, v)| o.str(k, v))
    }

    pub fn end(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_shapes_cognito_sends() {
        let text = r#"{"AuthenticationResult":{"AccessToken":"a.b.c","ExpiresIn":3600,"NewDeviceMetadata":null},"ChallengeParameters":{},"List":[1.5e9,-2,true,"\u00e9\ud83d\ude00\n"],"a":1,"a":2}"#;
        let v = parse(text).unwrap();
        let r = v.get("AuthenticationResult").unwrap();
        assert_eq!(r.str("AccessToken"), Some("a.b.c"));
        assert_eq!(r.get("ExpiresIn").and_then(Json::as_f64), Some(3600.0));
        assert_eq!(r.get("NewDeviceMetadata"), Some(&Json::Null));
        let Some(Json::Arr(list)) = v.get("List") else {
            panic!("List")
        };
        assert_eq!(list[0].as_f64(), Some(1.5e9));
        assert_eq!(list[3].as_str(), Some("é😀\n"));
        assert_eq!(
            v.get("a").and_then(Json::as_f64),
            Some(2.0),
            "the last of a repeated key"
        );
        let mut again = String::new();
        write(&v, &mut again);
        assert_eq!(parse(&again).unwrap().get("List"), v.get("List"));
    }

    #[test]
    fn rejects_what_is_not_json() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "-",
            "\"\\x\"",
            "tru",
            "[1] x",
            "\"a\u{1}\"",
            "{a:1}",
            "1e",
            ".5",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        assert_eq!(parse(&"[".repeat(200)), None);
        assert!(parse(&format!("{}{}", "[".repeat(120), "]".repeat(120))).is_some());
    }

    #[test]
    fn builds_objects_as_json_stringify_would() {
        let s = Obj::new()
            .str("AuthFlow", "USER_SRP_AUTH")
            .opt_str("Session", None)
            .raw(
                "AuthParameters",
                &Obj::strings([("USERNAME", "a\"b\n")]).end(),
            )
            .bool("Force", false)
            .num("N", -42.0)
            .end();
        assert_eq!(
            s,
            r#"{"AuthFlow":"USER_SRP_AUTH","AuthParameters":{"USERNAME":"a\"b\n"},"Force":false,"N":-42}"#
        );
        assert_eq!(Obj::new().end(), "{}");
    }
}
