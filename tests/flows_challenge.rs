//! The challenges the typed core runs (src/flows/challenge.rs): Amplify's nextStep for
//! each, the ChallengeResponses that answer them, and the answer as a sign-in flow
//! (device key, stale device, tokens, the next challenge). Request and reply shapes
//! as the Cognito API reference documents them.

use cognito_wasm::codec::json::{self, Json};
use cognito_wasm::core::error::AuthError;
use cognito_wasm::flows::challenge::{next_step, responses, runs, sent_as};
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
    let reply = json::parse(&v.to_string()).unwrap();
    next_step(&challenge(v), &reply).map(|s| serde_json::from_str(&s).unwrap())
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
    // USER_AUTH's first-factor choice lists what Cognito offers (the reply's own field).
    assert!(runs("SELECT_CHALLENGE") && runs("PASSWORD") && runs("PASSWORD_SRP"));
    assert_eq!(
        step_of(
            json!({ "ChallengeName": "SELECT_CHALLENGE", "Session": "s", "ChallengeParameters": {}, "AvailableChallenges": ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"] })
        ),
        Some(
            json!({ "signInStep": "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION", "availableChallenges": ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"] })
        )
    );
    // Unknown challenges are not run (the driver names them in a SignInException); a
    // device's SRP runs inside the sign-in flow, never as a challenge that waits.
    for name in ["DEVICE_SRP_AUTH", "PASSWORD_VERIFIER", "SOMETHING_NEW"] {
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
    // A passkey: the options for the browser's prompt travel with the step (answered inside
    // the sign-in, it never waits for the app); the assertion goes back as CREDENTIAL, with
    // no device key.
    assert!(!runs("WEB_AUTHN"));
    assert_eq!(
        step_of(
            json!({ "ChallengeName": "WEB_AUTHN", "Session": "s", "ChallengeParameters": { "CREDENTIAL_REQUEST_OPTIONS": "{\"challenge\":\"c\"}" } })
        ),
        Some(
            json!({ "signInStep": "WEB_AUTHN", "credentialRequestOptions": "{\"challenge\":\"c\"}" })
        )
    );
    assert_eq!(
        responses("WEB_AUTHN", "ann", "{\"id\":\"x\"}", None).unwrap(),
        (
            pairs(&[("USERNAME", "ann"), ("CREDENTIAL", "{\"id\":\"x\"}")]),
            false
        )
    );
    // The first factor chosen, then the password for it (sent as SELECT_CHALLENGE).
    assert_eq!(
        responses("SELECT_CHALLENGE", "ann", "EMAIL_OTP", None).unwrap(),
        (
            pairs(&[("USERNAME", "ann"), ("ANSWER", "EMAIL_OTP")]),
            false
        )
    );
    assert_eq!(
        responses("PASSWORD", "ann", "pw", None).unwrap(),
        (
            pairs(&[
                ("USERNAME", "ann"),
                ("ANSWER", "PASSWORD"),
                ("PASSWORD", "pw")
            ]),
            false
        )
    );
    assert_eq!(
        (sent_as("PASSWORD"), sent_as("EMAIL_OTP")),
        ("SELECT_CHALLENGE", "EMAIL_OTP")
    );
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

#[test]
fn mfa_set_up_during_sign_in() {
    use cognito_wasm::flows::challenge::{
        associate_reply, associate_request, setup_answer, setup_types, verify_request, SetupAnswer,
    };
    let c = |list: &str| {
        challenge(
            json!({ "ChallengeName": "MFA_SETUP", "Session": "s1", "ChallengeParameters": { "MFAS_CAN_SETUP": list } }),
        )
    };
    assert_eq!(
        setup_types(&c(r#"["SMS_MFA","SOFTWARE_TOKEN_MFA","EMAIL_OTP"]"#)),
        ["TOTP", "EMAIL"]
    );
    assert_eq!(
        step_of(
            json!({ "ChallengeName": "MFA_SETUP", "ChallengeParameters": { "MFAS_CAN_SETUP": "[\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]" } })
        ),
        Some(
            json!({ "signInStep": "CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION", "allowedMFATypes": ["TOTP", "EMAIL"] })
        )
    );
    assert_eq!(
        step_of(
            json!({ "ChallengeName": "MFA_SETUP", "ChallengeParameters": { "MFAS_CAN_SETUP": "[\"EMAIL_OTP\"]" } })
        ),
        Some(json!({ "signInStep": "CONTINUE_SIGN_IN_WITH_EMAIL_SETUP" }))
    );
    // TOTP alone: no step until the secret is fetched (the driver associates first).
    assert_eq!(
        step_of(
            json!({ "ChallengeName": "MFA_SETUP", "ChallengeParameters": { "MFAS_CAN_SETUP": "[\"SOFTWARE_TOKEN_MFA\"]" } })
        ),
        None
    );
    assert!(setup_types(&c(r#"["SMS_MFA"]"#)).is_empty());
    for (answer, kind) in [
        ("EMAIL", SetupAnswer::AskEmail),
        ("TOTP", SetupAnswer::Associate),
        ("123456", SetupAnswer::Verify),
        ("a@e.com", SetupAnswer::Email),
    ] {
        assert_eq!(setup_answer(answer).unwrap(), kind, "{answer}");
    }
    for bad in ["", "sms", "12a4"] {
        assert_eq!(
            setup_answer(bad).unwrap_err().name,
            "SignInException",
            "{bad}"
        );
    }
    assert_eq!(
        responses("MFA_SETUP", "ann", "123456", None).unwrap().0,
        vec![("USERNAME".to_string(), "ann".to_string())]
    );
    assert_eq!(
        responses("MFA_SETUP", "ann", "a@e.com", None).unwrap().0,
        vec![
            ("USERNAME".to_string(), "ann".to_string()),
            ("EMAIL".to_string(), "a@e.com".to_string())
        ]
    );
    let r = associate_request(Some("s1"));
    assert_eq!(
        (r.operation(), r.body.as_str()),
        ("AssociateSoftwareToken", r#"{"Session":"s1"}"#)
    );
    let r = verify_request("123456", Some("s2"), Some("phone"));
    assert_eq!(
        serde_json::from_str::<Value>(&r.body).unwrap(),
        json!({ "UserCode": "123456", "Session": "s2", "FriendlyDeviceName": "phone" })
    );
    let ok = json::parse(r#"{"SecretCode":"ABC","Session":"s2"}"#).unwrap();
    assert_eq!(
        associate_reply(&ok).unwrap(),
        ("ABC".to_string(), Some("s2".to_string()))
    );
    assert_eq!(
        associate_reply(&json::parse("{}").unwrap())
            .unwrap_err()
            .name,
        "SetUpTOTPException"
    );
}

/// A sign-in (here an MFA answer) that Cognito stops at DEVICE_SRP_AUTH.
fn stopped_at_device_srp(meta: Option<Vec<(String, String)>>) -> PasswordSignIn {
    let mut f = PasswordSignIn::answer(
        "client",
        "alice",
        "SMS_MFA",
        Some("s0".into()),
        vec![("SMS_MFA_CODE".into(), "123456".into())],
        false,
        meta,
    );
    f.start().unwrap();
    let asked = reply(json!({
        "ChallengeName": "DEVICE_SRP_AUTH", "Session": "s1", "ChallengeParameters": {}
    }));
    assert!(matches!(f.on_reply(asked), Ok(Step::Challenge(c)) if c.name == "DEVICE_SRP_AUTH"));
    f
}

#[test]
fn a_remembered_device_proves_itself_with_its_own_srp() {
    use cognito_wasm::core::device_srp::DeviceSecret;
    use cognito_wasm::crypto::srp::SrpClient;
    let secret = || DeviceSecret::new("us-east-1_dk", "-grp", "device-password");
    let random = [9u8; 32];
    let a = SrpClient::new(&random).unwrap().public_hex();
    let meta = Some(vec![("k".to_string(), "v".to_string())]);
    // The same sign-in goes on as the device's own SRP.
    let mut f = stopped_at_device_srp(meta);
    f.device(&secret(), &random).unwrap();
    let (op, first) = sent(f.start().unwrap());
    assert_eq!(op, "RespondToAuthChallenge");
    assert_eq!(
        first,
        json!({
            "ChallengeName": "DEVICE_SRP_AUTH", "ClientId": "client", "Session": "s1",
            "ChallengeResponses": { "USERNAME": "alice", "SRP_A": a, "DEVICE_KEY": "us-east-1_dk" },
            "ClientMetadata": { "k": "v" }
        })
    );
    assert!(f.start().is_err(), "started twice");

    // The proof is the device's SRP claim over Cognito's values, at the clock given
    // with the device lookup (the device's own key goes, not the one looked up).
    let (salt, b, block, now) = ("a1b2", "c3d4e5", "U0VDUkVU", 1.7e12);
    let verifier = reply(json!({
        "ChallengeName": "DEVICE_PASSWORD_VERIFIER", "Session": "s2",
        "ChallengeParameters": { "SALT": salt, "SRP_B": b, "SECRET_BLOCK": block, "USERNAME": "alice" }
    }));
    assert_eq!(
        f.on_reply(verifier).unwrap(),
        Step::LoadDevice("alice".into())
    );
    let (_, proof) = sent(f.with_device(Some("other".into()), now).unwrap());
    let s = secret();
    let claim = SrpClient::new(&random)
        .unwrap()
        .password_claim_for(
            &s.device_group_key,
            &s.device_key,
            &s.random_password,
            salt,
            b,
            block,
            now,
        )
        .unwrap();
    assert_eq!(proof["ChallengeName"], "DEVICE_PASSWORD_VERIFIER");
    assert_eq!(proof["Session"], "s2");
    assert_eq!(
        proof["ChallengeResponses"],
        json!({
            "USERNAME": "alice", "PASSWORD_CLAIM_SECRET_BLOCK": claim.secret_block,
            "TIMESTAMP": claim.timestamp, "PASSWORD_CLAIM_SIGNATURE": claim.signature,
            "DEVICE_KEY": "us-east-1_dk"
        })
    );
    let done = f.on_reply(reply(tokens())).unwrap();
    let Step::Done(d) = done else {
        panic!("not signed in: {done:?}")
    };
    assert_eq!(
        (d.username.as_str(), d.result.access_token.as_str()),
        ("alice", "a.b.c")
    );

    // A reply other than the verifier, a second DEVICE_SRP_AUTH, a missing parameter: refused.
    let started = || {
        let mut f = stopped_at_device_srp(None);
        f.device(&secret(), &random).unwrap();
        f.start().unwrap();
        f
    };
    let proved = || {
        let mut f = started();
        f.on_reply(verifier_again(salt, b, block)).unwrap();
        f.with_device(None, now).unwrap();
        f
    };
    let e = started()
        .on_reply(reply(
            json!({ "ChallengeName": "SMS_MFA", "ChallengeParameters": {} }),
        ))
        .unwrap_err();
    assert_eq!(e.name, "UnexpectedServerResponseException");
    assert!(
        e.message
            .contains("DEVICE_SRP_AUTH did not answer with DEVICE_PASSWORD_VERIFIER"),
        "{}",
        e.message
    );
    let mut f = started();
    f.on_reply(reply(
        json!({ "ChallengeName": "DEVICE_PASSWORD_VERIFIER", "ChallengeParameters": { "SALT": salt, "SRP_B": b } }),
    ))
    .unwrap();
    let e = f.with_device(None, now).unwrap_err();
    assert!(e.message.contains("SECRET_BLOCK"), "{}", e.message);
    let e = proved()
        .on_reply(reply(
            json!({ "ChallengeName": "DEVICE_SRP_AUTH", "ChallengeParameters": {} }),
        ))
        .unwrap_err();
    assert!(e.message.contains("asked for twice"), "{}", e.message);
    // A device Cognito does not know is an error here (not forgotten and resent: the
    // device's SRP cannot go without it).
    let e = proved()
        .on_reply(Err(AuthError::new(
            "ResourceNotFoundException",
            "Device does not exist.",
        )))
        .unwrap_err();
    assert_eq!(e.name, "ResourceNotFoundException");
    // After the proof, any other challenge goes on to the user (e.g. MFA).
    let next = proved()
        .on_reply(reply(
            json!({ "ChallengeName": "SMS_MFA", "Session": "s3", "ChallengeParameters": {} }),
        ))
        .unwrap();
    assert!(matches!(next, Step::Challenge(c) if c.name == "SMS_MFA"));

    // Only from DEVICE_SRP_AUTH, and only with all three device values.
    let mut other = PasswordSignIn::answer("client", "alice", "SMS_MFA", None, vec![], false, None);
    assert_eq!(
        other.device(&secret(), &random).unwrap_err().name,
        "SignInException"
    );
    let mut f = stopped_at_device_srp(None);
    let partial = DeviceSecret::new("us-east-1_dk", "", "pw");
    let e = f.device(&partial, &random).unwrap_err();
    assert_eq!(e.name, "DeviceMetadataNotFoundException");
}

fn verifier_again(salt: &str, b: &str, block: &str) -> Result<Json, AuthError> {
    reply(json!({
        "ChallengeName": "DEVICE_PASSWORD_VERIFIER", "Session": "s2",
        "ChallengeParameters": { "SALT": salt, "SRP_B": b, "SECRET_BLOCK": block }
    }))
}

/// USER_PASSWORD_AUTH with an alias that Cognito answers at once with DEVICE_SRP_AUTH:
/// the user is Cognito's name from there on (the device's SRP and the stored session),
/// as Amplify v6 takes `ChallengeParameters.USERNAME`.
#[test]
fn an_alias_stopped_at_device_srp_goes_on_under_cognitos_name() {
    use cognito_wasm::core::device_srp::DeviceSecret;
    use cognito_wasm::flows::sign_in::PasswordFlow;
    let uuid = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d";
    let mut f = PasswordSignIn::new(
        PasswordFlow::Password,
        "us-east-1_Abc",
        "client",
        "ann@example.com",
        "Passw0rd!",
        None,
        None,
    );
    assert_eq!(
        f.start().unwrap(),
        Step::LoadDevice("ann@example.com".into())
    );
    f.with_device(Some("us-east-1_dk".into()), 0.0).unwrap();
    let asked = f.on_reply(reply(json!({
        "ChallengeName": "DEVICE_SRP_AUTH", "Session": "s1",
        "ChallengeParameters": { "USERNAME": uuid }
    })));
    assert!(matches!(asked, Ok(Step::Challenge(c)) if c.name == "DEVICE_SRP_AUTH"));
    assert_eq!(f.username(), uuid);
    let secret = DeviceSecret::new("us-east-1_dk", "-grp", "device-password");
    f.device(&secret, &[9u8; 32]).unwrap();
    let (_, first) = sent(f.start().unwrap());
    assert_eq!(first["ChallengeResponses"]["USERNAME"], uuid);
    let verifier = reply(json!({
        "ChallengeName": "DEVICE_PASSWORD_VERIFIER", "Session": "s2",
        "ChallengeParameters": { "SALT": "a1b2", "SRP_B": "c3d4e5", "SECRET_BLOCK": "U0VDUkVU" }
    }));
    assert_eq!(f.on_reply(verifier).unwrap(), Step::LoadDevice(uuid.into()));
    let (_, proof) = sent(f.with_device(None, 1.7e12).unwrap());
    assert_eq!(proof["ChallengeResponses"]["USERNAME"], uuid);
    let Step::Done(d) = f.on_reply(reply(tokens())).unwrap() else {
        panic!("not signed in")
    };
    assert_eq!(
        d.username, uuid,
        "the session is stored under Cognito's name"
    );
}
