//! `config::parse` on any JSON: never panics, fails only with a named
//! `InvalidConfigException`, and what it accepts normalises to a v6 object that
//! parses back to the same configuration (getConfig() → configure() round trip).
//! The first byte picks where the fuzzed JSON goes: as is, under Auth.Cognito, or
//! over Auth.Cognito with the required ids filled in. (Gen1 and Gen2 objects are
//! normalised by the package's config.js before the engine sees them.)
#![no_main]
use cognito_wasm::core::config::parse;
use cognito_wasm_fuzz::check_error;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

/// `base` with `v`'s fields laid over it (`v` itself when not an object).
fn over(base: Value, v: Value) -> Value {
    match (base, v) {
        (Value::Object(mut b), Value::Object(m)) => {
            b.extend(m);
            Value::Object(b)
        }
        (_, v) => v,
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(v) = serde_json::from_slice::<Value>(rest) else {
        return;
    };
    let ids = json!({ "userPoolId": "us-east-1_TstPool01", "userPoolClientId": "3n4b5urk1ft4fl3mg5e62d9ado" });
    let raw = match mode % 3 {
        0 => v,
        1 => json!({ "Auth": { "Cognito": v } }),
        _ => json!({ "Auth": { "Cognito": over(ids, v) } }),
    };
    match parse(&raw) {
        Ok(c) => {
            let n = &c.normalised["Auth"]["Cognito"];
            assert_eq!(n["userPoolId"], c.user_pool_id.as_str());
            assert_eq!(n["userPoolClientId"], c.user_pool_client_id.as_str());
            assert!(!c.region.is_empty());
            assert!(c.user_pool_id.starts_with(&format!("{}_", c.region)));
            assert!(c.endpoint.starts_with("https://") || c.endpoint.starts_with("http://"));
            let again = parse(&c.normalised).unwrap_or_else(|e| {
                panic!(
                    "the normalised config does not parse again: {e:?}\n{}",
                    c.normalised
                )
            });
            assert_eq!(again, c, "the normalised config parses to something else");
        }
        Err(e) => {
            check_error(&e);
            assert_eq!(e.name, "InvalidConfigException");
            assert!(e.message.starts_with("Invalid configuration: "));
        }
    }
});
