//! The sans-IO password sign-in (src/flows/sign_in.rs): its requests against the
//! ones amazon-cognito-identity-js sent for the SRP known-answer vectors, and every
//! branch of the state machine against documented Cognito replies.

use cognito_wasm::codec::json::{self, Json};
use cognito_wasm::core::error::AuthError;
use cognito_wasm::core::{hex, srp};
use cognito_wasm::flows::sign_in::{PasswordFlow, PasswordSignIn, Step};
use serde_json::{json, Value};

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/srp.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn s<'a>(v: &'a Value, path: &str) -> &'a str {
    path.split('.')
        .fold(v, |v, k| &v[k])
        .as_str()
        .unwrap_or_else(|| panic!("missing {path}"))
}

/// The random bytes this library draws for `a` in the vector case (see srp_vectors.rs).
fn random_a(c: &Value) -> Vec<u8> {
    let bytes = hex::decode_int(s(c, "inputs.smallARandomHex")).unwrap();
    let mut out = vec![0u8; 128];
    out[128 - bytes.len()..].copy_from_slice(&bytes);
    let n = c["inputs"]["aRandomBytes"].as_u64().unwrap_or(128) as usize;
    out.split_off(128 - n)
}

fn sent(step: Step) -> (String, Value) {
    let Step::Send(r) = step else {
        panic!("expected a request, got {step:?}")
    };
    (
        r.operation().to_string(),
        serde_json::from_str(&r.body).unwrap(),
    )
}

fn reply(v: Value) -> Result<Json, AuthError> {
    Ok(json::parse(&v.to_string()).unwrap())
}

/// identity-js sends an empty ClientMetadata; this library leaves it out.
fn without_empty_metadata(mut v: Value) -> Value {
    if v.get("ClientMetadata") == Some(&json!({})) {
        v.as_object_mut().unwrap().remove("ClientMetadata");
    }
    v
}

#[test]
fn srp_requests_match_amazon_cognito_identity_js_byte_for_byte() {
    for c in cases() {
        let name = s(&c, "name");
        let client = srp::SrpClient::new(&random_a(&c)).unwrap();
        let mut flow = PasswordSignIn::new(
            PasswordFlow::Srp,
            s(&c, "inputs.userPoolId"),
            s(&c, "inputs.clientId"),
            s(&c, "inputs.username"),
            s(&c, "inputs.password"),
            None,
            Some(client),
        );
        let (op, body) = sent(flow.start().unwrap());
        assert_eq!(op, "InitiateAuth");
        assert_eq!(
            body,
            without_empty_metadata(c["outputs"]["initiateAuthRequest"].clone()),
            "{name}"
        );
        let challenge = json!({
            "ChallengeName": "PASSWORD_VERIFIER",
            "Session": format!("session-{name}"),
            "ChallengeParameters": {
                "SALT": s(&c, "inputs.salt"), "SRP_B": s(&c, "inputs.srpB"), "SECRET_BLOCK": s(&c, "inputs.secretBlock"),
                "USER_ID_FOR_SRP": s(&c, "inputs.userIdForSrp"), "USERNAME": s(&c, "inputs.userIdForSrp"),
            },
        });
        let step = flow.on_reply(reply(challenge)).unwrap();
        assert_eq!(
            step,
            Step::LoadDevice(s(&c, "inputs.userIdForSrp").into()),
            "{name}"
        );
        let (op, body) = sent(
            flow.with_device(None, c["inputs"]["clockEpochMs"].as_f64().unwrap())
                .unwrap(),
        );
        assert_eq!(op, "RespondToAuthChallenge");
        assert_eq!(
            body,
            without_empty_metadata(c["outputs"]["respondToAuthChallengeRequest"].clone()),
            "{name}"
        );
    }
}

fn tokens() -> Value {
    json!({ "AuthenticationResult": { "AccessToken": "a.b.c", "IdToken": "i.d.t", "RefreshToken": "r", "ExpiresIn": 3600, "TokenType": "Bearer" }, "ChallengeParameters": {} })
}

fn verifier(username: &str) -> Value {
    let c = &cases()[0];
    json!({ "ChallengeName": "PASSWORD_VERIFIER", "Session": "s1", "ChallengeParameters": {
        "SALT": s(c, "inputs.salt"), "SRP_B": s(c, "inputs.srpB"), "SECRET_BLOCK": s(c, "inputs.secretBlock"),
        "USER_ID_FOR_SRP": "sub-1234", "USERNAME": username } })
}

fn srp_flow(kind: PasswordFlow) -> PasswordSignIn {
    PasswordSignIn::new(
        kind,
        "us-east-1_AbC",
        "cid",
        "ann@example.com",
        "Passw0rd!",
        Some(vec![("k".into(), "v".into())]),
        Some(srp::SrpClient::new(&[7u8; 32]).unwrap()),
    )
}

#[test]
fn srp_sign_in_to_tokens_with_a_remembered_device_and_client_metadata() {
    let mut f = srp_flow(PasswordFlow::Srp);
    let (_, init) = sent(f.start().unwrap());
    assert_eq!(init["ClientMetadata"], json!({ "k": "v" }));
    assert_eq!(init["AuthParameters"]["USERNAME"], "ann@example.com");
    // Cognito names the user (an alias was typed): the device is looked up under that name.
    assert_eq!(
        f.on_reply(reply(verifier("ann"))).unwrap(),
        Step::LoadDevice("ann".into())
    );
    let (op, proof) = sent(f.with_device(Some("us-east-1_dev".into()), 1.7e12).unwrap());
    assert_eq!(op, "RespondToAuthChallenge");
    assert_eq!(
        proof["ChallengeResponses"]["USERNAME"], "sub-1234",
        "USER_ID_FOR_SRP answers"
    );
    assert_eq!(proof["ChallengeResponses"]["DEVICE_KEY"], "us-east-1_dev");
    assert_eq!(proof["Session"], "s1");
    assert_eq!(proof["ClientMetadata"], json!({ "k": "v" }));
    let Step::Done(done) = f.on_reply(reply(tokens())).unwrap() else {
        panic!("done")
    };
    assert_eq!(done.username, "ann");
    assert_eq!(done.result.access_token, "a.b.c");
    assert_eq!(done.result.refresh_token.as_deref(), Some("r"));
}

#[test]
fn custom_with_srp_starts_custom_auth_with_srp_a() {
    let mut f = srp_flow(PasswordFlow::CustomWithSrp);
    let (_, init) = sent(f.start().unwrap());
    assert_eq!(init["AuthFlow"], "CUSTOM_AUTH");
    assert_eq!(init["AuthParameters"]["CHALLENGE_NAME"], "SRP_A");
    let e = f
        .on_reply(reply(
            json!({ "ChallengeName": "CUSTOM_CHALLENGE", "ChallengeParameters": {} }),
        ))
        .unwrap_err();
    assert_eq!(e.name, "UnexpectedServerResponseException");
    assert!(
        e.message
            .contains("CUSTOM_AUTH did not answer with PASSWORD_VERIFIER"),
        "{}",
        e.message
    );
}

#[test]
fn a_challenge_after_the_proof_is_handed_on_with_cognitos_name_for_the_user() {
    let mut f = srp_flow(PasswordFlow::Srp);
    f.start().unwrap();
    f.on_reply(reply(verifier("ann"))).unwrap();
    f.with_device(None, 1.7e12).unwrap();
    let step = f.on_reply(reply(json!({ "ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "s2", "ChallengeParameters": { "USERNAME": "ann-real" } }))).unwrap();
    let Step::Challenge(c) = step else {
        panic!("challenge")
    };
    assert_eq!(
        (c.name.as_str(), c.session.as_deref()),
        ("SOFTWARE_TOKEN_MFA", Some("s2"))
    );
    assert_eq!(f.username(), "ann-real");
}

#[test]
fn password_flow_sends_the_password_with_the_device_and_retries_without_a_stale_device() {
    let mut f = PasswordSignIn::new(
        PasswordFlow::Password,
        "us-east-1_AbC",
        "cid",
        "ann",
        "Passw0rd!",
        None,
        None,
    );
    assert_eq!(f.start().unwrap(), Step::LoadDevice("ann".into()));
    let (op, init) = sent(f.with_device(Some("dk".into()), 0.0).unwrap());
    assert_eq!(op, "InitiateAuth");
    assert_eq!(
        init,
        json!({ "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "cid", "AuthParameters": { "USERNAME": "ann", "PASSWORD": "Passw0rd!", "DEVICE_KEY": "dk" } })
    );
    let stale = AuthError::new("ResourceNotFoundException", "Device does not exist.");
    assert_eq!(
        f.on_reply(Err(stale)).unwrap(),
        Step::ForgetDevice("ann".into())
    );
    let (_, again) = sent(f.resume().unwrap());
    assert_eq!(
        again["AuthParameters"],
        json!({ "USERNAME": "ann", "PASSWORD": "Passw0rd!" })
    );
    // A second failure is the caller's, whatever it is.
    let e = f
        .on_reply(Err(AuthError::new(
            "NotAuthorizedException",
            "Incorrect username or password.",
        )))
        .unwrap_err();
    assert_eq!(e.name, "NotAuthorizedException");
}

#[test]
fn password_flow_challenge_names_the_user_from_user_id_for_srp() {
    let mut f = PasswordSignIn::new(
        PasswordFlow::Password,
        "us-east-1_AbC",
        "cid",
        "ann@example.com",
        "p",
        None,
        None,
    );
    f.start().unwrap();
    f.with_device(None, 0.0).unwrap();
    let Step::Challenge(c) = f.on_reply(reply(json!({ "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": "s", "ChallengeParameters": { "USER_ID_FOR_SRP": "sub-9", "requiredAttributes": "[]" } }))).unwrap() else { panic!() };
    assert_eq!(c.name, "NEW_PASSWORD_REQUIRED");
    assert_eq!(f.username(), "sub-9");
}

#[test]
fn hostile_or_malformed_replies_are_named_errors_and_no_proof_is_sent() {
    let bad_verifiers = [
        json!({ "ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": { "SALT": "ab", "SRP_B": "0", "SECRET_BLOCK": "AAAA", "USER_ID_FOR_SRP": "u" } }),
        json!({ "ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": { "SRP_B": "0a", "SECRET_BLOCK": "AAAA", "USER_ID_FOR_SRP": "u" } }),
        json!({ "ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": { "SALT": "ab", "SRP_B": "zz", "SECRET_BLOCK": "AAAA", "USER_ID_FOR_SRP": "u" } }),
        json!({ "ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": { "SALT": "ab", "SRP_B": "0a", "SECRET_BLOCK": "not base64!", "USER_ID_FOR_SRP": "u" } }),
        json!({ "ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": { "SALT": "ab", "SRP_B": "0a", "SECRET_BLOCK": "AAAA" } }),
    ];
    for bad in bad_verifiers {
        let mut f = srp_flow(PasswordFlow::Srp);
        f.start().unwrap();
        assert!(matches!(
            f.on_reply(reply(bad.clone())).unwrap(),
            Step::LoadDevice(_)
        ));
        let e = f.with_device(None, 0.0).unwrap_err();
        assert!(
            [
                "InvalidChallengeException",
                "UnexpectedServerResponseException"
            ]
            .contains(&e.name.as_str()),
            "{bad}: {e:?}"
        );
        assert!(!e.message.contains("Passw0rd!"));
    }
    for bad in [
        json!({}),
        json!({ "AuthenticationResult": { "IdToken": "x" } }),
        json!({ "ChallengeName": "SMS_MFA" }),
    ] {
        let mut f = srp_flow(PasswordFlow::Srp);
        f.start().unwrap();
        let e = f.on_reply(reply(bad.clone())).unwrap_err();
        assert_eq!(e.name, "UnexpectedServerResponseException", "{bad}");
    }
    // Tokens straight after SRP_A, without a proof, are refused too.
    let mut f = srp_flow(PasswordFlow::Srp);
    f.start().unwrap();
    assert!(f.on_reply(reply(tokens())).is_err());
}

#[test]
fn steps_out_of_order_are_errors_not_panics() {
    let mut f = srp_flow(PasswordFlow::Srp);
    assert!(f.with_device(None, 0.0).is_err());
    assert!(f.resume().is_err());
    f.start().unwrap();
    assert!(f.start().is_err());
    assert!(f.resume().is_err());
    let debug = format!("{f:?}");
    assert!(!debug.contains("Passw0rd!"), "{debug}");
}

#[test]
fn an_out_of_order_call_leaves_the_flow_usable() {
    let mut f = srp_flow(PasswordFlow::Srp);
    assert!(f.with_device(None, 0.0).is_err());
    assert!(f.on_reply(reply(tokens())).is_err());
    assert!(matches!(f.start().unwrap(), Step::Send(_)));
    assert!(matches!(
        f.on_reply(reply(verifier("ann"))).unwrap(),
        Step::LoadDevice(_)
    ));
    assert!(f.resume().is_err());
    assert!(matches!(
        f.with_device(None, 1.7e12).unwrap(),
        Step::Send(_)
    ));
}
