//! `wire::reply` (an HTTP reply to its JSON object or the error it carries) on any
//! status, request id, `x-amzn-errortype` and body, then the typed reply readers on
//! what it accepts. Never panics. A 2xx is the body's object exactly as serde_json
//! reads it, or `UnexpectedServerResponseException`; anything else is a service
//! error whose sanitised name, message, status and request id are what the reply
//! says (serde_json reading the body), else `ServerError` (5xx) or `UnknownError`.
//! `sanitize_error_code` gives a piece of its input, trimmed of JSON/HTTP whitespace,
//! with no `#`, `,` or `:`, and is idempotent.
#![no_main]
use cognito_wasm::codec::json::Json;
use cognito_wasm::core::env::HttpResponse;
use cognito_wasm::core::protocol::sanitize_error_code;
use cognito_wasm::flows::challenge;
use cognito_wasm::wire::{self, user_pool as up};
use cognito_wasm_fuzz::{check_error, may_hold_lone_surrogate, same_typed, trace, trim_ws, Tape};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn check_sanitize(raw: &str) {
    let code = sanitize_error_code(raw);
    assert!(raw.contains(code), "{code:?} is not a piece of {raw:?}");
    assert!(!code.contains([',', ':', '#']), "{raw:?} -> {code:?}");
    assert_eq!(code, trim_ws(code));
    assert_eq!(sanitize_error_code(code), code, "not idempotent on {raw:?}");
}

/// The typed readers of a successful reply: named errors or well-formed values.
fn read(body: &Json) {
    match up::auth_reply(body) {
        Ok(up::AuthReply::Tokens(t)) => {
            assert_eq!(
                body.get("AuthenticationResult")
                    .and_then(|r| r.str("AccessToken")),
                Some(t.access_token.as_str())
            );
        }
        Ok(up::AuthReply::Challenge(c)) => {
            assert_eq!(body.str("ChallengeName"), Some(c.name.as_str()));
            assert!(!c.name.is_empty());
            if let Some(step) = challenge::next_step(&c, body) {
                let v: Value = serde_json::from_str(&step)
                    .unwrap_or_else(|e| panic!("nextStep is not JSON ({e}): {step}"));
                assert!(v["signInStep"].is_string(), "{step}");
            }
            let _ = (
                challenge::runs(&c.name),
                challenge::setup_types(&c),
                challenge::setup_offered(&c),
            );
        }
        Err(e) => {
            check_error(&e);
            assert_eq!(e.name, "UnexpectedServerResponseException");
        }
    }
    let delivery = up::sign_up_reply(body).delivery.to_json();
    serde_json::from_str::<Value>(&delivery).expect("codeDeliveryDetails is JSON");
    if let Err(e) = challenge::associate_reply(body) {
        check_error(&e);
    }
}

fuzz_target!(|data: &[u8]| {
    let mut t = Tape::new(data);
    let status = t.u16();
    let flags = t.u8();
    let request_id = (flags & 1 != 0).then(|| t.string());
    let error_type = (flags & 2 != 0).then(|| t.string());
    let body = String::from_utf8_lossy(t.rest()).into_owned();
    if let Some(et) = &error_type {
        check_sanitize(et);
    }
    let resp = HttpResponse {
        status,
        request_id: request_id.clone(),
        error_type: error_type.clone(),
        body,
    };
    let got = wire::reply(&resp);
    trace!("{status} {error_type:?} {:?} -> {got:?}", resp.body);
    // serde_json's reading of the body, unless it may hold what only we accept.
    let theirs = serde_json::from_str::<Value>(&resp.body);
    let comparable = !may_hold_lone_surrogate(resp.body.as_bytes());
    let ok = (200..300).contains(&status);
    match &got {
        Ok(v) => {
            assert!(ok, "HTTP {status} read as a success");
            if trim_ws(&resp.body).is_empty() {
                assert_eq!(*v, Json::Obj(Vec::new()));
            } else if comparable {
                let theirs = theirs.as_ref().expect("serde_json refused a body we took");
                assert!(
                    same_typed(v, theirs),
                    "read differently from serde_json: {v:?} vs {theirs}"
                );
            }
            read(v);
        }
        Err(e) => {
            check_error(e);
            assert_eq!(e.http_status_code, Some(status));
            assert_eq!(e.request_id, request_id);
            if ok {
                assert_eq!(e.name, "UnexpectedServerResponseException");
                if comparable {
                    assert!(
                        !matches!(theirs, Ok(Value::Object(_))),
                        "an object refused: {e:?}"
                    );
                }
            } else if comparable {
                let body = theirs.as_ref().ok();
                let field = |k: &str| body.and_then(|b| b.get(k)).and_then(Value::as_str);
                // The error's name as the AWS JSON 1.1 protocol defines it (Smithy,
                // "awsJson1_1 protocol", operation error serialization): the
                // X-Amzn-Errortype header, else the body's `code`, else `__type`; only
                // what comes before a ':' (a URI suffix) and after a '#' (a namespace).
                // Ours on top: a ',' ends it too (a header some gateways list), and a
                // name that is empty, over 128 bytes or not [A-Za-z0-9_.] is no name.
                // Written with std's splitting, unlike `sanitize_error_code`'s bytes.
                let code = error_type
                    .as_deref()
                    .or_else(|| field("code"))
                    .or_else(|| field("__type"))
                    .map(|raw| {
                        let head = raw.split([':', ',']).next().unwrap_or_default();
                        trim_ws(head.rsplit('#').next().unwrap_or_default())
                    })
                    .filter(|c| {
                        (1..=128).contains(&c.len())
                            && c.chars()
                                .all(|ch| ch.is_ascii_alphanumeric() || "_.".contains(ch))
                    });
                match code {
                    Some(code) => {
                        assert_eq!(e.name, code);
                        // Cognito's `message` (`Message` in some replies), its first
                        // 1,000 characters; "Unknown error" when it is missing or blank.
                        let said = ["message", "Message"]
                            .into_iter()
                            .find_map(|k| field(k).filter(|m| !trim_ws(m).is_empty()));
                        match said {
                            Some(m) if m.chars().count() > 1000 => {
                                assert!(m.starts_with(&e.message));
                                assert_eq!(e.message.chars().count(), 1000);
                            }
                            Some(m) => assert_eq!(e.message, m),
                            None => assert_eq!(e.message, "Unknown error"),
                        }
                    }
                    None if status >= 500 => assert_eq!(e.name, "ServerError"),
                    None => assert_eq!(e.name, "UnknownError"),
                }
            }
        }
    }
});
