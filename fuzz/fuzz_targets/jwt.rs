//! `flows::session::claims` (what a stored token says) on any string: never
//! panics; a token has claims exactly when an independent reading (the base64
//! crate, serde_json) finds three parts with a JSON object in the middle, and a
//! stored session accepts the token exactly then. Odd first byte: the rest is a
//! payload wrapped as a JWT, so the JSON side is reached and its claims are checked
//! against serde_json's value.
#![no_main]
use cognito_wasm::codec::json::Json;
use cognito_wasm::flows::session::{claims, Session};
use cognito_wasm_fuzz::{b64url, oracle_claims, same_typed, trace};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let token = if mode & 1 == 0 {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        let t = format!("eyJhbGciOiJSUzI1NiJ9.{}.c2ln", b64url(rest));
        if mode & 2 != 0 {
            // Amplify's tokens never have padding, but some encoders add it.
            t.replacen(".c2ln", "==.c2ln", 1)
        } else {
            t
        }
    };
    let got = claims(&token);
    let want = oracle_claims(&token);
    trace!("claims -> {got:?}\noracle -> {want:?}");
    match (&got, &want) {
        (Some(c), Ok(v)) => assert!(
            same_typed(c, v),
            "claims read differently from serde_json: {c:?} vs {v}"
        ),
        (None, Err(_)) => {}
        // serde_json refuses lone surrogate escapes; we read them as U+FFFD.
        (Some(_), Err("lone surrogate")) => {}
        (g, w) => panic!("claims differ from serde_json's reading: {g:?} vs {w:?}"),
    }

    // As a stored access token: a session exactly when it has claims, and what the
    // session says comes from them.
    let stored = Session::from_stored("u", [Some(token.clone()), None, None, None], None);
    assert_eq!(stored.is_some(), got.is_some());
    if let (Some(s), Some(c)) = (stored, &got) {
        assert!(c.is_object());
        assert_eq!(s.user_sub(), c.str("sub"));
        assert_eq!(s.user(), (c.str("username"), c.str("sub")));
        let exp = c.get("exp").and_then(Json::as_f64);
        let expired = s.is_expired(0.0);
        // No usable `exp` is expired at any time; otherwise time 0 is past it only
        // for an `exp` within the 5 s margin of the epoch.
        match exp {
            None => assert!(expired),
            Some(e) => assert_eq!(expired, 5000.0 > e * 1000.0, "exp {e}"),
        }
        if token.len() >= 8 {
            assert!(!format!("{s:?}").contains(&token), "a token in Debug");
        }
    }
});
