//! Our JSON reader and writer (src/codec/json.rs) against serde_json's: the same
//! value for every text both accept, the same verdict on texts they reject, and
//! output serde_json reads back to the same value.

use cognito_wasm::codec::json::{self as codec_json, Json};
use serde_json::Value;
use std::path::Path;

/// The typed reader's tree against serde_json's value (object members looked up by
/// key, as the typed layer reads them: a repeated key's last value).
fn same_typed(a: &Json, b: &Value) -> bool {
    match (a, b) {
        (Json::Null, Value::Null) => true,
        (Json::Bool(x), Value::Bool(y)) => x == y,
        (Json::Num(x), Value::Number(y)) => {
            let y = y.as_f64().unwrap();
            *x == y || ((x - y) / x).abs() < 1e-15
        }
        (Json::Str(x), Value::String(y)) => x == y,
        (Json::Arr(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_typed(p, q))
        }
        (Json::Obj(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&str> =
                x.iter().map(|(k, _)| k.as_str()).collect();
            keys.len() == y.len()
                && y.iter()
                    .all(|(k, q)| a.get(k).is_some_and(|p| same_typed(p, q)))
        }
        _ => false,
    }
}

fn agree(text: &str) {
    let typed = codec_json::parse(text);
    let theirs = serde_json::from_str::<Value>(text).ok();
    // One documented difference: a lone surrogate escape is U+FFFD for us (as
    // JavaScript keeps it), an error for serde_json.
    if theirs.is_none() && typed.is_some() && text.contains("\\ud") {
        return;
    }
    assert_eq!(typed.is_some(), theirs.is_some(), "verdict on {text:?}");
    if let (Some(t), Some(v)) = (&typed, &theirs) {
        assert!(same_typed(t, v), "parse {text:?}: {t:?} vs {v:?}");
        // What we write, serde_json reads back to the same value (the writer carries
        // whole numbers only, the only ones requests hold).
        if !whole_numbers_only(t) {
            return;
        }
        let mut written = String::new();
        codec_json::write(t, &mut written);
        let back = serde_json::from_str::<Value>(&written)
            .unwrap_or_else(|e| panic!("write {text:?} → {written:?}: {e}"));
        assert!(same(&back, v), "write {text:?} → {written:?}");
    }
}

fn whole_numbers_only(v: &Json) -> bool {
    match v {
        Json::Num(n) => n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0,
        Json::Arr(items) => items.iter().all(whole_numbers_only),
        Json::Obj(m) => m.iter().all(|(_, x)| whole_numbers_only(x)),
        _ => true,
    }
}

/// Equal, except that doubles may differ in the last place: ours are correctly
/// rounded (as JavaScript's JSON.parse), serde_json's default parser is not always.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || ((x - y) / x).abs() < 1e-15
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((k, p), (l, q))| k == l && same(p, q))
        }
        _ => a == b,
    }
}

#[test]
fn hand_written_cases() {
    for t in [
        "null",
        "true",
        "false",
        "0",
        "-0",
        "12",
        "-12",
        "1.5",
        "1e3",
        "1E-3",
        "-1.25e+2",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "1e400",
        "0.1",
        "123456789.123456789",
        "\"\"",
        "\"a\\\"b\\\\c\\/d\"",
        "\"\\b\\f\\n\\r\\t\"",
        "\"\\u0000\\u001f\\u00e9\\u20ac\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud83d\"",
        "\"\\ud83dx\"",
        "\"\\ude00\"",
        "\"é€😀\"",
        "[]",
        "{}",
        " [ 1 , 2 ] ",
        "{\"a\":{\"b\":[{}]}}",
        "{\"b\":1,\"a\":2}",
        "{\"a\":1,\"a\":2}",
        "[1,]",
        "{,}",
        "{\"a\"}",
        "{\"a\":}",
        "[01]",
        "[1.]",
        "[.1]",
        "[+1]",
        "[1e]",
        "[-]",
        "\"\\x\"",
        "\"\t\"",
        "nul",
        "truex",
        "[1] [2]",
        "\u{feff}1",
        "{\"a\":1}\n",
        "[\"\\u12\"]",
        "[\"\\uZZZZ\"]",
        "[1e-400]",
        // Doubles as Cognito sends them (dates in epoch seconds) and at the edges.
        "1.700000000123E9",
        "1700000000.5",
        "0.000001",
        "123456789012345678901234567890",
        "2.2250738585072014e-308",
        "1.7976931348623157e308",
        "1e308",
        "9007199254740993.0",
        "0.1e1",
        "-1.5E-5",
        "1e22",
        "1e23",
        "12345678901234567890e-10",
    ] {
        agree(t);
    }
    agree(&format!("{}{}", "[".repeat(128), "]".repeat(128)));
    agree(&format!("{}{}", "[".repeat(129), "]".repeat(129)));
}

#[test]
fn every_fixture_and_fuzz_corpus_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for dir in [
        "fuzz/corpus/protocol_response",
        "fuzz/corpus/jwt",
        "fuzz/corpus/stored_session",
        "tests/vectors",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let bytes = std::fs::read(e.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            agree(&text);
            // Fuzz tapes hold JSON after a few control bytes: try every '{' and '['.
            for (i, c) in text.char_indices() {
                if c == '{' || c == '[' {
                    agree(&text[i..]);
                }
            }
            n += 1;
        }
    }
    assert!(n > 100, "found the corpus ({n} files)");
}

/// Our string writer against serde_json's (both write what `JSON.stringify` writes):
/// every ASCII character, multi-byte ones, and escapes next to them.
#[test]
fn strings_are_written_as_serde_json_writes_them() {
    let mut cases: Vec<String> = (0u8..0x80).map(|b| char::from(b).to_string()).collect();
    cases.extend(
        [
            "",
            "plain",
            "é日😀",
            "a\"b\\c\nd\u{1}é\u{1f}😀\t",
            "\u{7f}\u{80}\u{2028}\u{ffff}",
            "ends with a quote\"",
            "\"starts with one",
        ]
        .map(String::from),
    );
    let all: String = cases.concat();
    cases.push(all);
    for s in &cases {
        let mut ours = String::new();
        codec_json::write_str(s, &mut ours);
        assert_eq!(ours, serde_json::to_string(s).unwrap(), "{s:?}");
    }
}
