//! The challenges the typed core runs (src/flows/challenge.rs): Amplify's nextStep for
//! each, the ChallengeResponses that answer them, and the answer as a sign-in flow
//! (device key, stale device, tokens, the next challenge). Request and reply shapes
//! as the Cognito API reference documents them.

use cognito_wasm::codec::json::{self, Json};
use cognito_wasm::core::error::AuthError;
use cognito_wasm::flows::challenge::{next_step, responses, runs};
use cognito_wasm::flows::sign_in::{PasswordSignIn, Step};
use cognito_wasm::wire::user_pool::{auth_reply, AuthReply, Challenge};
use serde_json::{json, Value};

fn challenge(v: Value) -> Challenge {
    match auth_reply(&json::parse(&v.to_string()).unwrap()).unwrap() {
        AuthReply::Challenge(c) => c,
        AuthReply::Tokens(_) => panic!("not a challenge"),
    }
}

fn step_of(v: Value) -> Option<Value> {
    next_step(&challenge(v)).map(|s| serde_json::from_str(&s).unwrap())
}

fn sent(step: Step) -> (String, Value) {
    let Step::Send(r) = step else {
        panic!("not a request: {step:?}")
    };
    (
        r.operation().to_string(),
        serde_json::from_str(&r.body).unwrap(),
    )
}

fn reply(v: Value) -> Result<Json, AuthError> {
    Ok(json::parse(&v.to_string()).unwrap())
}

#[test]
fn next_steps_as_amplify_reports_them() {
    let table = [
        (
            json!({ "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": "s", "ChallengeParameters": { "requiredAttributes": "[\"userAttributes.email\",\"userAttributes.name\"]", "userAttributes": "{}" } }),
            json!({ "signInStep": "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED", "missingAttributes": ["email", "name"] }),
        ),
        (
            json!({ "ChallengeName": "SMS_MFA", "Session": "s", "ChallengeParameters": { "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS", "CODE_DELIVERY_DESTINATION": "+*******1234" } }),
            json!({ "signInStep": "CONFIRM_SIGN_IN_WITH_SMS_CODE", "codeDeliveryDetails": { "deliveryMedium": "SMS", "destination": "+*******1234" } }),
        ),
        (
            json!({ "ChallengeName": "EMAIL_OTP", "Session": "s", "ChallengeParameters": { "CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL", "CODE_DELIVERY_DESTINATION": "a***@e.com" } }),
            json!({ "signInStep": "CONFIRM_SIGN_IN_WITH_EMAIL_CODE", "codeDeliveryDetails": { "deliveryMedium": "EMAIL", "destination": "a***@e.com" } }),
        ),
        (
            json!({ "ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "s" }),
            json!({ "signInStep": "CONFIRM_SIGN_IN_WITH_TOTP_CODE" }),
        ),
        (
            json!({ "ChallengeName": "CUSTOM_CHALLENGE", "Session": "s", "ChallengeParameters": { "USERNAME": "ann", "question": "6 × 7?" } }),
            json!({ "signInStep": "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE", "additionalInfo": { "USERNAME": "ann", "question": "6 × 7?" } }),
        ),
        (
            json!({ "ChallengeName": "SELECT_MFA_TYPE", "Session": "s", "ChallengeParameters": { "MFAS_CAN_CHOOSE": "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\",\"OTHER\"]" } }),
            json!({ "signInStep": "CONTINUE_SIGN_IN_WITH_MFA_SELECTION", "allowedMFATypes": ["SMS", "TOTP", "EMAIL"] }),
        ),
    ];
    for (reply, step) in table {
        let name = reply["ChallengeName"].as_str().unwrap().to_string();
        assert!(runs(&name), "{name}");
        assert_eq!(step_of(reply), Some(step), "{name}");
    }
    // Few apps' challenges stay with the full engine.
    for name in [
        "MFA_SETUP",
        "SELECT_CHALLENGE",
        "DEVICE_SRP_AUTH",
        "PASSWORD_VERIFIER",
        "WEB_AUTHN",
        "SOMETHING_NEW",
    ] {
        assert!(!runs(name), "{name}");
        assert_eq!(
            step_of(json!({ "ChallengeName": name, "Session": "s" })),
            None,
            "{name}"
        );
    }
    // A malformed list parameter reads as empty, not as an error.
    assert_eq!(
        step_of(
            json!({ "ChallengeName": "NEW_PASSWORD_REQUIRED", "ChallengeParameters": { "requiredAttributes": "not json" } })
        ),
        Some(
            json!({ "signInStep": "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED", "missingAttributes": [] })
        )
    );
}

#[test]
fn responses_for_each_answer() {
    let pairs = |v: &[(&str, &str)]| {
        v.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Vec<_>>()
    };
    for (name, key) in [
        ("SMS_MFA", "SMS_MFA_CODE"),
        ("SMS_OTP", "SMS_OTP_CODE"),
        ("EMAIL_OTP", "EMAIL_OTP_CODE"),
        ("SOFTWARE_TOKEN_MFA", "SOFTWARE_TOKEN_MFA_CODE"),
        ("CUSTOM_CHALLENGE", "ANSWER"),
    ] {
        assert_eq!(
            responses(name, "ann", "123456", None).unwrap(),
            (pairs(&[("USERNAME", "ann"), (key, "123456")]), true),
            "{name}"
        );
    }
    let attrs = pairs(&[("email", "a@e.com"), ("name", "")]);
    assert_eq!(
        responses("NEW_PASSWORD_REQUIRED", "ann", "N3w-pass!", Some(&attrs)).unwrap(),
        (
            pairs(&[
                ("USERNAME", "ann"),
                ("userAttributes.email", "a@e.com"),
                ("NEW_PASSWORD", "N3w-pass!")
            ]),
            false
        )
    );
    for (answer, cognito) in [
        ("SMS", "SMS_MFA"),
        ("TOTP", "SOFTWARE_TOKEN_MFA"),
        ("EMAIL", "EMAIL_OTP"),
    ] {
        assert_eq!(
            responses("SELECT_MFA_TYPE", "ann", answer, None).unwrap(),
            (pairs(&[("USERNAME", "ann"), ("ANSWER", cognito)]), false)
        );
    }
    let e = responses("SELECT_MFA_TYPE", "ann", "totp", None).unwrap_err();
    assert_eq!(
        (e.name.as_str(), e.message.as_str()),
        (
            "IncorrectMFAMethod",
            "Incorrect MFA method was chosen. It should be either SMS, TOTP, or EMAIL"
        )
    );
    assert!(responses("MFA_SETUP", "ann", "TOTP", None).is_err());
}

fn tokens() -> Value {
    json!({ "AuthenticationResult": { "AccessToken": "a.b.c", "IdToken": "i.d.t", "RefreshToken": "r", "ExpiresIn": 3600, "TokenType": "Bearer" }, "ChallengeParameters": {} })
}

#[test]
fn an_answer_with_the_device_key_resent_without_a_stale_device_then_tokens() {
    let (r, device) = responses("SOFTWARE_TOKEN_MFA", "ann", "123456", None).unwrap();
    let mut f = PasswordSignIn::answer(
        "client",
        "ann",
        "SOFTWARE_TOKEN_MFA",
        Some("sess-1".into()),
        r,
        device,
        None,
    );
    assert_eq!(f.start().unwrap(), Step::LoadDevice("ann".into()));
    let first = sent(f.with_device(Some("us-east-1_dev".into()), 0.0).unwrap());
    assert_eq!(
        first,
        (
            "RespondToAuthChallenge".into(),
            json!({ "ChallengeName": "SOFTWARE_TOKEN_MFA", "ClientId": "client", "Session": "sess-1",
                    "ChallengeResponses": { "USERNAME": "ann", "SOFTWARE_TOKEN_MFA_CODE": "123456", "DEVICE_KEY": "us-east-1_dev" } })
        )
    );
    let stale = AuthError::new("ResourceNotFoundException", "Device does not exist.");
    assert_eq!(
        f.on_reply(Err(stale)).unwrap(),
        Step::ForgetDevice("ann".into())
    );
    let again = sent(f.resume().unwrap());
    assert_eq!(
        again.1["ChallengeResponses"],
        json!({ "USERNAME": "ann", "SOFTWARE_TOKEN_MFA_CODE": "123456" })
    );
    assert_eq!(again.1["Session"], "sess-1");
    let Step::Done(done) = f.on_reply(reply(tokens())).unwrap() else {
        panic!()
    };
    assert_eq!(
        (done.username.as_str(), done.result.access_token.as_str()),
        ("ann", "a.b.c")
    );
}

#[test]
fn an_answer_without_the_device_goes_at_once_and_can_meet_the_next_challenge() {
    let (r, device) = responses("SELECT_MFA_TYPE", "ann", "TOTP", None).unwrap();
    let metadata = Some(vec![("k".to_string(), "v".to_string())]);
    let mut f = PasswordSignIn::answer(
        "client",
        "ann",
        "SELECT_MFA_TYPE",
        Some("sess-1".into()),
        r,
        device,
        metadata,
    );
    let (op, body) = sent(f.start().unwrap());
    assert_eq!(op, "RespondToAuthChallenge");
    assert_eq!(
        body,
        json!({ "ChallengeName": "SELECT_MFA_TYPE", "ClientId": "client", "Session": "sess-1", "ChallengeResponses": { "USERNAME": "ann", "ANSWER": "SOFTWARE_TOKEN_MFA" }, "ClientMetadata": { "k": "v" } })
    );
    let Step::Challenge(c) = f.on_reply(reply(json!({ "ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "sess-2", "ChallengeParameters": {} }))).unwrap() else { panic!() };
    assert_eq!(
        (c.name.as_str(), c.session.as_deref()),
        ("SOFTWARE_TOKEN_MFA", Some("sess-2"))
    );
    // A refused answer is the service's error, and the flow ends.
    let mut f = PasswordSignIn::answer(
        "client",
        "ann",
        "SMS_MFA",
        None,
        responses("SMS_MFA", "ann", "1", None).unwrap().0,
        false,
        None,
    );
    sent(f.start().unwrap());
    let e = f
        .on_reply(Err(AuthError::new("CodeMismatchException", "Invalid code")))
        .unwrap_err();
    assert_eq!(e.name, "CodeMismatchException");
    assert!(f.start().is_err(), "a finished flow sends nothing more");
}

#[test]
fn a_new_device_is_confirmed_with_a_verifier_of_its_fresh_password() {
    use cognito_wasm::core::{b64, device_srp};
    use cognito_wasm::flows::device;
    let random: Vec<u8> = (0..device::RANDOM_BYTES as u8).collect();
    let (req, password) =
        device::confirm("ACCESS", "us-east-1_dk", "-grp", &random, "Chromium").unwrap();
    assert_eq!(req.operation(), "ConfirmDevice");
    let body: Value = serde_json::from_str(&req.body).unwrap();
    // The password is the first 40 bytes in base64; the verifier is g^x for it and the salt.
    assert_eq!(*password, b64::encode(&random[..40]));
    let salt = b64::decode(body["DeviceSecretVerifierConfig"]["Salt"].as_str().unwrap()).unwrap();
    assert_eq!(salt, device_srp::salt(random[40..].try_into().unwrap()));
    let v = device_srp::verifier("-grp", "us-east-1_dk", &password, &salt).unwrap();
    assert_eq!(
        body["DeviceSecretVerifierConfig"]["PasswordVerifier"],
        b64::encode(&device_srp::verifier_bytes(&v))
    );
    assert_eq!(
        (
            body["AccessToken"].as_str(),
            body["DeviceKey"].as_str(),
            body["DeviceName"].as_str()
        ),
        (Some("ACCESS"), Some("us-east-1_dk"), Some("Chromium"))
    );
    assert!(
        device::confirm("ACCESS", "k", "g", &random[..50], "x").is_err(),
        "too few random bytes"
    );
}
