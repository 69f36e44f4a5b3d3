//! `jwt::decode_payload` on any string: never panics, fails only with
//! `InvalidTokenException`. Odd first byte: the rest is a payload wrapped as a
//! JWT, so the JSON side is reached and checked against serde_json directly.
#![no_main]
use cognito_wasm::core::jwt::{decode_payload, num_claim, str_claim};
use cognito_wasm_fuzz::{b64url, check_error, same_json};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (token, expected) = if mode & 1 == 0 {
        (String::from_utf8_lossy(rest).into_owned(), None)
    } else {
        let mut t = format!("eyJhbGciOiJSUzI1NiJ9.{}.c2ln", b64url(rest));
        if mode & 2 != 0 {
            // Amplify's tokens never have padding, but some encoders add it.
            t = t.replacen(".c2ln", "==.c2ln", 1);
        }
        let want = match serde_json::from_slice::<Value>(rest) {
            Ok(Value::Object(m)) => Some(m),
            _ => None,
        };
        (t, Some(want))
    };
    let got = decode_payload(&token);
    match &got {
        Ok(claims) => {
            let _ = (num_claim(claims, "exp"), str_claim(claims, "sub"));
        }
        Err(e) => {
            check_error(e);
            assert_eq!(e.name, "InvalidTokenException");
        }
    }
    if let Some(want) = expected {
        match (got.ok(), want) {
            (Some(g), Some(w)) => assert!(
                same_json(&Value::Object(g), &Value::Object(w)),
                "payload decoded differently from serde_json"
            ),
            (None, None) => {}
            // serde_json refuses lone surrogate escapes; we read them as U+FFFD.
            (Some(_), None) if rest.windows(3).any(|w| w.eq_ignore_ascii_case(b"\\ud")) => {}
            (g, w) => panic!("payload decoded differently from serde_json: {g:?} vs {w:?}"),
        }
    }
});
