//! The session rules (src/flows/session.rs) on tokens and clocks, and the error rules
//! (src/core/error.rs: kinds, what ends a session, what is retried) on tables.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use cognito_wasm::core::error::AuthError;
use cognito_wasm::flows::session::{self, Session};
use cognito_wasm::wire::user_pool::AuthResult;
use serde_json::{json, Value};

fn jwt(claims: Value) -> String {
    format!(
        "eyJhbGciOiJub25lIn0.{}.c2ln",
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}

fn result(access: &str, id: Option<&str>, refresh: Option<&str>) -> AuthResult {
    AuthResult {
        access_token: access.into(),
        id_token: id.map(Into::into),
        refresh_token: refresh.map(Into::into),
        new_device: None,
    }
}

/// The drift is the server's clock minus ours (from the access token's `iat`); a session
/// has expired once either token is within 5 s of its `exp` on the server's clock.
#[test]
fn expiry_and_drift_follow_the_servers_clock() {
    let now = 1_700_000_000_000.0;
    let iat = 1_700_000_100.0; // the server's clock is 100 s ahead
    let after = [
        -200_000.0,
        0.0,
        1_000.0,
        3_590_000.0,
        3_600_000.0,
        10_000_000.0,
    ];
    for (access_exp, id_exp, expired) in [
        (
            iat + 3600.0,
            Some(iat + 3600.0),
            [false, false, false, false, true, true],
        ),
        (
            iat + 3600.0,
            Some(iat + 10.0),
            [false, false, false, true, true, true],
        ),
        (iat + 4.0, None, [false, true, true, true, true, true]),
        (iat - 1.0, None, [false, true, true, true, true, true]),
    ] {
        let access = jwt(json!({ "sub": "s-1", "username": "ann", "iat": iat, "exp": access_exp }));
        let id = id_exp
            .map(|e| jwt(json!({ "sub": "s-1", "cognito:username": "ann", "iat": iat, "exp": e })));
        let r = result(&access, id.as_deref(), None);
        let ours = Session::from_result("ann", &r, Some("old-refresh"), None, now).unwrap();
        assert_eq!(ours.clock_drift, 100_000);
        assert_eq!(
            ours.refresh_token.as_deref(),
            Some("old-refresh"),
            "a refresh keeps the token it used"
        );
        for (dt, want) in after.iter().zip(expired) {
            assert_eq!(
                ours.is_expired(now + dt),
                want,
                "exp {access_exp} {id_exp:?} at +{dt}"
            );
        }
        assert_eq!(ours.user_sub(), Some("s-1"));
        assert_eq!(ours.user(), (Some("ann"), Some("s-1")));
    }
    // Just either side of the margin: 5 s before `exp` on the server's clock.
    let access = jwt(json!({ "sub": "s", "iat": iat, "exp": iat + 60.0 }));
    let s = Session::from_result("ann", &result(&access, None, None), None, None, now).unwrap();
    assert!(!s.is_expired(now + 54_999.0));
    assert!(s.is_expired(now + 55_001.0));
}

#[test]
fn what_is_stored_reads_back_and_garbage_reads_as_signed_out() {
    let access = jwt(json!({ "sub": "s-1", "username": "ann", "iat": 1, "exp": 2 }));
    let s = Session::from_result(
        "ann",
        &result(&access, None, Some("r")),
        None,
        Some(r#"{"loginId":"ann"}"#.into()),
        1000.0,
    )
    .unwrap();
    let writes = s.writes("cid");
    assert_eq!(
        writes[0].0, "CognitoIdentityServiceProvider.cid.ann.clockDrift",
        "the drift goes first"
    );
    assert_eq!(
        writes[5],
        (
            "CognitoIdentityServiceProvider.cid.LastAuthUser".to_string(),
            Some("ann".to_string())
        ),
        "LastAuthUser last"
    );
    assert_eq!(writes[2].1, None, "no id token: the key is removed");
    let get = |n: &str| {
        writes
            .iter()
            .find(|(k, _)| k.ends_with(&format!(".{n}")))
            .and_then(|(_, v)| v.clone())
    };
    let back =
        Session::from_stored("ann", Session::KEYS_READ.map(get), get("signInDetails")).unwrap();
    assert_eq!(back, s);
    assert!(!format!("{back:?}").contains(&access));

    for bad in [
        [None, None, Some("r".into()), None],
        [Some("not a jwt".into()), None, None, None],
        [Some("a.%%%.c".into()), None, None, None],
        [Some(access.clone()), Some("x.y".into()), None, None],
    ] {
        assert_eq!(Session::from_stored("ann", bad, None), None);
    }
    let drift = Session::from_stored(
        "ann",
        [Some(access.clone()), None, None, Some("NaN".into())],
        Some(String::new()),
    )
    .unwrap();
    assert_eq!((drift.clock_drift, drift.sign_in_details), (0, None));
    assert_eq!(
        session::clear_keys("cid", "ann").last().map(String::as_str),
        Some("CognitoIdentityServiceProvider.cid.LastAuthUser")
    );
}

#[test]
fn which_errors_end_a_session_are_retried_or_mean_an_older_server() {
    let e = |name: &str, status: Option<u16>| {
        let mut e = AuthError::new(name, "m");
        e.http_status_code = status;
        e
    };
    for (name, status, ends, retry) in [
        ("NotAuthorizedException", Some(400), true, false),
        ("NotAuthorizedException", Some(500), false, true),
        ("TokenRevokedException", Some(400), true, false),
        ("RefreshTokenReuseException", Some(400), true, false),
        ("UserNotFoundException", Some(400), true, false),
        ("ServerError", Some(502), false, true),
        ("NetworkError", None, false, true),
        ("TimeoutError", None, false, true),
        ("TooManyRequestsException", Some(400), false, true),
        ("InvalidParameterException", Some(400), false, false),
        ("UnexpectedRedirectException", None, false, false),
    ] {
        assert_eq!(e(name, status).ends_session(), ends, "{name} {status:?}");
        assert_eq!(e(name, status).is_retryable(), retry, "{name} {status:?}");
    }
    for (name, lacks) in [
        ("UnknownOperationException", true),
        ("InvalidAction", true),
        ("MissingAuthenticationTokenException", true),
        ("UnsupportedOperationException", true),
        ("NotAuthorizedException", false),
        ("UnknownOperationExceptionX", false),
    ] {
        assert_eq!(e(name, Some(400)).lacks_operation(), lacks, "{name}");
    }
}

/// The kinds the rules match on, read from names: the refresh-ending ones as prefixes,
/// the others exactly, anything else `Other`.
#[test]
fn error_kinds_from_names() {
    use cognito_wasm::core::error::Kind;
    for (name, kind) in [
        ("NotAuthorizedException", Kind::NotAuthorized),
        ("NotAuthorizedExceptionWithMore", Kind::NotAuthorized),
        ("RefreshTokenReuseException", Kind::RefreshTokenReuse),
        ("RequestTimeoutException", Kind::Timeout),
        ("TimeoutError", Kind::Timeout),
        ("LimitExceededException", Kind::Throttled),
        ("ServiceUnavailable", Kind::ServiceFault),
        ("ServerError", Kind::ServiceFault),
        ("ServerErrorX", Kind::Other),
        ("InvalidAction", Kind::NoSuchOperation),
        ("ResourceNotFoundException", Kind::ResourceNotFound),
        ("ResourceNotFoundExceptionX", Kind::Other),
        ("notauthorizedexception", Kind::Other),
        ("", Kind::Other),
    ] {
        assert_eq!(Kind::of(name), kind, "{name}");
        assert_eq!(AuthError::new(name, "m").kind(), kind, "{name}");
    }
}

mod refresh {
    use cognito_wasm::codec::json;
    use cognito_wasm::core::error::AuthError;
    use cognito_wasm::flows::refresh::{Refresh, RefreshStep};
    use serde_json::{json, Value};

    fn sent(s: RefreshStep) -> (String, Value) {
        let RefreshStep::Send(r) = s else {
            panic!("expected a request")
        };
        (r.operation().into(), serde_json::from_str(&r.body).unwrap())
    }

    #[test]
    fn refreshes_rotating_or_not_and_falls_back_once_on_older_servers() {
        let mut r = Refresh::new("cid", "rt-1", Some("dk"));
        assert_eq!(
            sent(r.start()),
            (
                "GetTokensFromRefreshToken".into(),
                json!({ "ClientId": "cid", "RefreshToken": "rt-1", "DeviceKey": "dk" })
            )
        );
        let old = AuthError::new("UnknownOperationException", "Unknown operation");
        let (op, body) = sent(r.on_reply(Err(old.clone())).unwrap());
        assert_eq!(op, "InitiateAuth");
        assert_eq!(
            body,
            json!({ "AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": "cid", "AuthParameters": { "REFRESH_TOKEN": "rt-1", "DEVICE_KEY": "dk" } })
        );
        assert_eq!(
            r.on_reply(Err(old)).unwrap_err().name,
            "UnknownOperationException",
            "only once"
        );

        let mut r = Refresh::new("cid", "rt-1", None);
        let reply = json::parse(r#"{"AuthenticationResult":{"AccessToken":"a.b.c","IdToken":"i.d.t","ExpiresIn":3600}}"#).unwrap();
        let RefreshStep::Done(t) = r.on_reply(Ok(reply)).unwrap() else {
            panic!()
        };
        assert_eq!((t.access_token.as_str(), t.refresh_token), ("a.b.c", None));
        assert!(!format!("{r:?}").contains("rt-1"));
    }

    #[test]
    fn failures_and_odd_replies_are_the_callers() {
        let mut r = Refresh::new("cid", "rt", None);
        let mut dead = AuthError::new("NotAuthorizedException", "Refresh Token has been revoked");
        dead.http_status_code = Some(400);
        assert_eq!(
            r.on_reply(Err(dead)).unwrap_err().name,
            "NotAuthorizedException"
        );
        for bad in [
            "{}",
            r#"{"AuthenticationResult":null}"#,
            r#"{"AuthenticationResult":{"IdToken":"x"}}"#,
        ] {
            let e = Refresh::new("cid", "rt", None)
                .on_reply(Ok(json::parse(bad).unwrap()))
                .unwrap_err();
            assert_eq!(e.name, "UnexpectedServerResponseException", "{bad}");
        }
    }
}

/// Empty sign-in details are removed from storage, not written as an empty value (which
/// would read back as none anyway, but leaves a key behind).
#[test]
fn empty_sign_in_details_are_not_written() {
    let access = jwt(json!({ "sub": "s-1", "username": "ann", "iat": 1, "exp": 2 }));
    let s = Session::from_result(
        "ann",
        &result(&access, None, None),
        None,
        Some(String::new()),
        1000.0,
    )
    .unwrap();
    assert_eq!(s.sign_in_details, None);
    let writes = s.writes("cid");
    let details = writes
        .iter()
        .find(|(k, _)| k.ends_with(".signInDetails"))
        .unwrap();
    assert_eq!(details.1, None, "the key is removed");
}
