//! JWT decoding (no signature check: the client trusts what Cognito handed it
//! over TLS and only needs the claims, as Amplify does).

use crate::core::b64;
use crate::core::error::AuthError;
use serde_json::{Map, Value};

fn invalid(why: &str) -> AuthError {
    AuthError::new(
        "InvalidTokenException",
        format!("The token is not a valid JWT: {why}."),
    )
    .with_recovery("Pass a JSON Web Token issued by Cognito.")
}

/// Returns the payload claims of a compact JWT.
pub fn decode_payload(token: &str) -> Result<Map<String, Value>, AuthError> {
    let mut parts = token.split('.');
    let (Some(_), Some(payload), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid("it does not have three dot-separated parts"));
    };
    let bytes = b64::decode_url(payload).ok_or_else(|| invalid("the payload is not base64url"))?;
    match crate::core::json::parse_bytes(&bytes) {
        Some(Value::Object(m)) => Ok(m),
        _ => Err(invalid("the payload is not a JSON object")),
    }
}

/// A numeric claim in seconds (`exp`, `iat`).
pub fn num_claim(claims: &Map<String, Value>, name: &str) -> Option<f64> {
    claims.get(name).and_then(Value::as_f64)
}

pub fn str_claim<'a>(claims: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    claims.get(name).and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_payload_and_rejects_garbage() {
        // {"alg":"none"} . {"sub":"abc","exp":10} . sig
        let t = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhYmMiLCJleHAiOjEwfQ.c2ln";
        let c = decode_payload(t).unwrap();
        assert_eq!(str_claim(&c, "sub"), Some("abc"));
        assert_eq!(num_claim(&c, "exp"), Some(10.0));
        for bad in ["", "a.b", "a.b.c.d", "a.!!!.c", "a.bnVsbA.c"] {
            assert_eq!(
                decode_payload(bad).unwrap_err().name,
                "InvalidTokenException",
                "{bad}"
            );
        }
    }
}
