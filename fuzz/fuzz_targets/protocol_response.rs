//! `protocol::parse_response` on any status, headers and body: never panics; a
//! 2xx gives the JSON object or a named error, anything else a service error
//! whose name is sanitised and which carries the status and request id.
#![no_main]
use cognito_wasm::core::env::HttpResponse;
use cognito_wasm::core::protocol::{challenge_params, parse_response, sanitize_error_code};
use cognito_wasm_fuzz::{check_error, Tape};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut t = Tape::new(data);
    let status = t.u16();
    let flags = t.u8();
    let request_id = (flags & 1 != 0).then(|| t.string());
    let error_type = (flags & 2 != 0).then(|| t.string());
    let body = String::from_utf8_lossy(t.rest()).into_owned();
    if let Some(et) = &error_type {
        let _ = sanitize_error_code(et);
    }
    let resp = HttpResponse {
        status,
        request_id: request_id.clone(),
        error_type,
        body,
    };
    match parse_response(&resp) {
        Ok(map) => {
            assert!(
                (200..300).contains(&status),
                "HTTP {status} parsed as success"
            );
            if let Ok(p) = challenge_params(&map) {
                let _ = p.len();
            }
        }
        Err(e) => {
            check_error(&e);
            assert_eq!(e.http_status_code, Some(status));
            assert_eq!(e.request_id, request_id);
            if (200..300).contains(&status) {
                assert_eq!(e.name, "UnexpectedServerResponseException");
            } else {
                assert!(e.name.len() <= 128, "unsanitised name {:?}", e.name);
                assert!(
                    e.name
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.'),
                    "unsanitised name {:?}",
                    e.name
                );
                assert!(e.message.chars().count() <= 1000 || e.name == "UnknownError");
            }
        }
    }
});
