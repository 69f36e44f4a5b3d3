//! The Amplify v6 Auth API of `core::auth::Auth` through the injected transport:
//! remembered devices (with a fake Cognito that really runs the server side of
//! the user and device SRP), choice-based sign-in (USER_AUTH), custom auth, MFA
//! selection and set-up, the per-tab pending challenge, autoSignIn, attribute
//! and MFA-preference calls, Hub events, and transport faults on every call.
//!
//! Tests named `documented_response_*` answer with bodies shaped as the Amazon
//! Cognito API reference documents them (ConfirmDevice, ListDevices,
//! UpdateDeviceStatus, ForgetDevice, InitiateAuth/RespondToAuthChallenge with
//! AvailableChallenges, AssociateSoftwareToken, VerifySoftwareToken,
//! UpdateUserAttributes, GetUserAttributeVerificationCode, GetUser, …) and check
//! the request bodies the client sends.
//!
//! Tests named `bug_*` each pinned a defect found in `src/`, now fixed.

mod common;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use cognito_wasm::core::auth::Auth;
use cognito_wasm::core::device_srp;
use cognito_wasm::core::error::AuthError;
use common::*;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

const DEVICE_KEY: &str = "us-east-1_2b5e6f7a-8c9d-4e0f-a1b2-c3d4e5f60718";
const DEVICE_GROUP_KEY: &str = "-Xk2mPq9rS";
const STATE_USERNAME: &str = "CognitoSignInState.username";
const STATE_CHALLENGE: &str = "CognitoSignInState.challengeName";
const STATE_SESSION: &str = "CognitoSignInState.signInSession";
const STATE_EXPIRY: &str = "CognitoSignInState.expiry";
const STATE_KEYS: [&str; 4] = [STATE_USERNAME, STATE_CHALLENGE, STATE_SESSION, STATE_EXPIRY];
const THREE_MINUTES_MS: f64 = 180_000.0;

fn device_keys_of(env: &FakeEnv, user: &str) -> [Option<String>; 3] {
    ["deviceKey", "deviceGroupKey", "randomPasswordKey"].map(|n| env.get(&key(user, n)))
}

fn no_device_keys(env: &FakeEnv, user: &str) -> bool {
    device_keys_of(env, user).iter().all(Option::is_none)
}

/// `{ AuthenticationResult, ChallengeParameters: {} }` as RespondToAuthChallenge answers.
fn tokens_reply(t: &Tokens) -> Reply {
    ok(json!({ "AuthenticationResult": auth_result(t), "ChallengeParameters": {} }))
}

/// Signed in as alice with tokens valid for an hour.
fn signed_in() -> Auth<FakeEnv> {
    let auth = configured();
    seed_session(auth.env(), "alice", &fresh("seeded"));
    auth
}

fn access_token(env: &FakeEnv) -> String {
    env.get(&key("alice", "accessToken")).expect("signed in")
}

fn sign_in_details(env: &FakeEnv) -> Value {
    serde_json::from_str(
        &env.get(&key("alice", "signInDetails"))
            .expect("signInDetails"),
    )
    .unwrap()
}

fn password_auth(username: &str) -> Value {
    json!({ "username": username, "password": PASSWORD, "options": { "authFlowType": "USER_PASSWORD_AUTH" } })
}

fn keys_of(v: &Value) -> BTreeSet<String> {
    v.as_object().expect("an object").keys().cloned().collect()
}

/// The state Amplify keeps in sessionStorage for a pending challenge.
fn sign_in_state(env: &FakeEnv) -> [Option<String>; 4] {
    STATE_KEYS.map(|k| env.transient_get(k))
}

// ---------------------------------------------------------------------------
// A fake Cognito that runs the server side of SRP for real
// ---------------------------------------------------------------------------

/// What ConfirmDevice registered.
#[derive(Clone, Debug)]
struct Registered {
    key: String,
    group: String,
    verifier_b64: String,
    salt_b64: String,
}

/// Plays Cognito for the user `alice` (password [`PASSWORD`], SRP id `alice`),
/// with device tracking on: it checks every SRP proof the way the server does,
/// hands out `NewDeviceMetadata` when asked to, registers a device from
/// ConfirmDevice and then runs device SRP against the registered verifier.
struct FakeCognito {
    user: SrpServer,
    tokens: Tokens,
    /// The client's A for the current password challenge.
    user_a: Option<String>,
    /// Hand out `NewDeviceMetadata` with password sign-ins while no device is registered.
    offer_device: bool,
    device: Option<Registered>,
    /// The device server and the client's device A, between the two device challenges.
    device_srp: Option<(SrpServer, String)>,
    /// CUSTOM_AUTH with SRP: the password proof leads to a custom challenge.
    custom: bool,
    /// Every proof checked: (challenge, accepted).
    checks: Vec<(String, bool)>,
}

impl FakeCognito {
    fn install(env: &FakeEnv, tokens: &Tokens) -> Rc<RefCell<FakeCognito>> {
        let cognito = Rc::new(RefCell::new(FakeCognito {
            user: SrpServer::new("alice", PASSWORD),
            tokens: tokens.clone(),
            user_a: None,
            offer_device: false,
            device: None,
            device_srp: None,
            custom: false,
            checks: Vec::new(),
        }));
        let c = Rc::clone(&cognito);
        env.respond_with(move |req| c.borrow_mut().handle(req));
        cognito
    }

    fn tokens_reply(&self, may_offer_device: bool) -> Reply {
        let mut result = auth_result(&self.tokens);
        if may_offer_device && self.offer_device && self.device.is_none() {
            result["NewDeviceMetadata"] =
                json!({ "DeviceGroupKey": DEVICE_GROUP_KEY, "DeviceKey": DEVICE_KEY });
        }
        ok(json!({ "AuthenticationResult": result, "ChallengeParameters": {} }))
    }

    fn handle(&mut self, req: &Req) -> Reply {
        let b = &req.body;
        let cr = &b["ChallengeResponses"];
        match req.op.as_str() {
            "InitiateAuth" => {
                let p = &b["AuthParameters"];
                if b["AuthFlow"] == "USER_AUTH" && p.get("PREFERRED_CHALLENGE").is_none() {
                    return ok(json!({
                        "AvailableChallenges": ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"],
                        "ChallengeName": "SELECT_CHALLENGE",
                        "ChallengeParameters": {},
                        "Session": "select-session",
                    }));
                }
                if b["AuthFlow"] == "CUSTOM_AUTH" && p.get("SRP_A").is_none() {
                    // CUSTOM_WITHOUT_SRP: a remembered device proves itself first.
                    return match (&self.device, p.get("DEVICE_KEY").and_then(Value::as_str)) {
                        (Some(d), Some(k)) if d.key == k => ok(json!({
                            "ChallengeName": "DEVICE_SRP_AUTH",
                            "ChallengeParameters": { "USERNAME": "alice" },
                            "Session": "device-session-1",
                        })),
                        (_, Some(_)) => {
                            aws_error("ResourceNotFoundException", "Device does not exist.")
                        }
                        _ => ok(json!({
                            "ChallengeName": "CUSTOM_CHALLENGE",
                            "ChallengeParameters": { "USERNAME": "alice", "question": "6 × 7?" },
                            "Session": "custom-session",
                        })),
                    };
                }
                self.user_a = Some(p["SRP_A"].as_str().expect("SRP_A is sent").into());
                self.custom = b["AuthFlow"] == "CUSTOM_AUTH";
                ok(password_verifier("alice", "alice", &self.user.b_hex()))
            }
            "RespondToAuthChallenge" => match b["ChallengeName"].as_str().unwrap() {
                "SELECT_CHALLENGE" => {
                    assert_eq!(cr["ANSWER"], "PASSWORD_SRP");
                    assert_eq!(b["Session"], "select-session");
                    self.user_a = Some(cr["SRP_A"].as_str().expect("SRP_A is sent").into());
                    let mut r = password_verifier("alice", "alice", &self.user.b_hex());
                    r["Session"] = "srp-session".into();
                    ok(r)
                }
                "PASSWORD_VERIFIER" => {
                    let good = self.user.verifies(self.user_a.as_deref().unwrap(), cr);
                    self.checks.push(("PASSWORD_VERIFIER".into(), good));
                    if !good {
                        return aws_error(
                            "NotAuthorizedException",
                            "Incorrect username or password.",
                        );
                    }
                    if let Some(k) = cr.get("DEVICE_KEY").and_then(Value::as_str) {
                        return match &self.device {
                            Some(d) if d.key == k => ok(json!({
                                "ChallengeName": "DEVICE_SRP_AUTH",
                                "ChallengeParameters": {},
                                "Session": "device-session-1",
                            })),
                            _ => aws_error("ResourceNotFoundException", "Device does not exist."),
                        };
                    }
                    if self.custom {
                        return ok(json!({
                            "ChallengeName": "CUSTOM_CHALLENGE",
                            "ChallengeParameters": { "USERNAME": "alice", "question": "6 × 7?" },
                            "Session": "custom-session",
                        }));
                    }
                    self.tokens_reply(true)
                }
                "DEVICE_SRP_AUTH" => {
                    assert_eq!(b["Session"], "device-session-1");
                    let d = self.device.clone().expect("a registered device");
                    assert_eq!(cr["DEVICE_KEY"], d.key.as_str());
                    let server =
                        SrpServer::for_device(&d.group, &d.key, &d.verifier_b64, &d.salt_b64);
                    let reply = json!({
                        "ChallengeName": "DEVICE_PASSWORD_VERIFIER",
                        "ChallengeParameters": {
                            "DEVICE_KEY": d.key,
                            "SALT": server.salt_hex,
                            "SECRET_BLOCK": device_secret_block(),
                            "SRP_B": server.b_hex(),
                            "USERNAME": "alice",
                        },
                        "Session": "device-session-2",
                    });
                    let a = cr["SRP_A"].as_str().expect("device SRP_A").to_string();
                    self.device_srp = Some((server, a));
                    ok(reply)
                }
                "DEVICE_PASSWORD_VERIFIER" => {
                    assert_eq!(b["Session"], "device-session-2");
                    let (server, a) = self.device_srp.take().expect("DEVICE_SRP_AUTH came first");
                    let good = server.verifies(&a, cr);
                    self.checks.push(("DEVICE_PASSWORD_VERIFIER".into(), good));
                    if good {
                        self.tokens_reply(false)
                    } else {
                        aws_error("NotAuthorizedException", "Incorrect username or password.")
                    }
                }
                "CUSTOM_CHALLENGE" => {
                    assert_eq!(b["Session"], "custom-session");
                    if cr["ANSWER"] == "42" {
                        self.tokens_reply(false)
                    } else {
                        aws_error("NotAuthorizedException", "Incorrect username or password.")
                    }
                }
                other => panic!("FakeCognito: unexpected challenge answer {other}"),
            },
            "ConfirmDevice" => {
                let c = &b["DeviceSecretVerifierConfig"];
                self.device = Some(Registered {
                    key: b["DeviceKey"].as_str().unwrap().into(),
                    group: DEVICE_GROUP_KEY.into(),
                    verifier_b64: c["PasswordVerifier"].as_str().unwrap().into(),
                    salt_b64: c["Salt"].as_str().unwrap().into(),
                });
                ok(json!({ "UserConfirmationNecessary": false }))
            }
            "RevokeToken" => ok(json!({})),
            "GetTokensFromRefreshToken" => ok(
                json!({ "AuthenticationResult": auth_result_without_refresh(&fresh("refreshed")) }),
            ),
            other => panic!("FakeCognito: unexpected {other}"),
        }
    }
}

fn device_secret_block() -> String {
    let bytes: Vec<u8> = (0u8..64)
        .map(|i| i.wrapping_mul(11).wrapping_add(5))
        .collect();
    STANDARD.encode(bytes)
}

/// The device password and verifier the client derives from FakeEnv's randomness.
fn expected_device_registration() -> (String, String, String) {
    let mut password = [0u8; device_srp::RANDOM_PASSWORD_BYTES];
    let mut salt = [0u8; device_srp::SALT_RANDOM_BYTES];
    deterministic_bytes(&mut password);
    deterministic_bytes(&mut salt);
    device_srp::new_device_verifier(DEVICE_GROUP_KEY, DEVICE_KEY, &password, &salt)
}

/// A first SRP sign-in on which Cognito creates a device; returns the fake server.
fn sign_in_registering_a_device(auth: &Auth<FakeEnv>, t: &Tokens) -> Rc<RefCell<FakeCognito>> {
    let cognito = FakeCognito::install(auth.env(), t);
    cognito.borrow_mut().offer_device = true;
    let r = block_on(auth.sign_in(&json!({ "username": "alice", "password": PASSWORD }))).unwrap();
    assert_eq!(
        r,
        json!({ "isSignedIn": true, "nextStep": { "signInStep": "DONE" } })
    );
    cognito
}

// ===========================================================================
// Remembered devices
// ===========================================================================

#[test]
fn documented_response_new_device_metadata_is_confirmed_and_stored_under_amplify_keys() {
    let auth = configured();
    let env = auth.env();
    let t = fresh("device");
    let cognito = sign_in_registering_a_device(&auth, &t);

    assert_eq!(
        env.ops(),
        ["InitiateAuth", "RespondToAuthChallenge", "ConfirmDevice"]
    );
    let confirm = &env.requests_to("ConfirmDevice")[0].body;
    let (password, verifier, salt) = expected_device_registration();
    assert_eq!(
        *confirm,
        json!({
            "AccessToken": t.access,
            "DeviceKey": DEVICE_KEY,
            "DeviceSecretVerifierConfig": { "PasswordVerifier": verifier, "Salt": salt },
            "DeviceName": DEVICE_NAME,
        })
    );
    // Both are standard base64; the verifier is a 3072-bit number (384 or 385 bytes).
    let v = STANDARD.decode(&verifier).unwrap();
    assert!(v.len() == 384 || v.len() == 385, "{}", v.len());
    assert!(!STANDARD.decode(&salt).unwrap().is_empty());

    assert_eq!(
        device_keys_of(env, "alice"),
        [
            Some(DEVICE_KEY.to_string()),
            Some(DEVICE_GROUP_KEY.to_string()),
            Some(password.clone())
        ]
    );
    assert_eq!(password.len(), 56, "base64 of 40 random bytes");
    assert_eq!(
        env.get(&key("alice", "accessToken")),
        Some(t.access.clone())
    );
    assert_eq!(
        cognito.borrow().checks,
        [("PASSWORD_VERIFIER".to_string(), true)]
    );
}

#[test]
fn documented_error_confirm_device_failure_still_signs_in_without_a_device() {
    for (what, fault) in [
        (
            "refused",
            aws_error("InvalidParameterException", "Device verifier is invalid."),
        ),
        ("unreachable", network_down()),
    ] {
        let auth = configured();
        let env = auth.env();
        let t = fresh("nodevice");
        env.push("ConfirmDevice", fault);
        sign_in_registering_a_device(&auth, &t);
        assert!(no_device_keys(env, "alice"), "{what}");
        assert_eq!(
            env.get(&key("alice", "accessToken")),
            Some(t.access.clone()),
            "{what}"
        );
        assert_eq!(env.event_names(), ["signedIn"], "{what}");
        let attempts = if what == "unreachable" { 3 } else { 1 };
        assert_eq!(env.count("ConfirmDevice"), attempts, "{what}");
        // No device: rememberDevice has nothing to remember.
        assert!(block_on(auth.remember_device()).is_err());
    }
}

#[test]
fn remembered_device_answers_device_srp_and_the_server_verifies_its_proof() {
    let auth = configured();
    let env = auth.env();
    let cognito = sign_in_registering_a_device(&auth, &fresh("first"));

    // Sign-out keeps the device keys.
    block_on(auth.sign_out(&Value::Null)).unwrap();
    let kept = device_keys_of(env, "alice");
    assert!(kept.iter().all(Option::is_some));
    assert_eq!(env.get(&last_user_key()), None);

    let before = env.requests().len();
    let r = block_on(auth.sign_in(&json!({ "username": "alice", "password": PASSWORD }))).unwrap();
    assert_eq!(r["nextStep"]["signInStep"], "DONE");
    let reqs = &env.requests()[before..];
    let names: Vec<&str> = reqs
        .iter()
        .map(|r| r.body["ChallengeName"].as_str().unwrap_or(r.op.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            "InitiateAuth",
            "PASSWORD_VERIFIER",
            "DEVICE_SRP_AUTH",
            "DEVICE_PASSWORD_VERIFIER"
        ]
    );
    // As Amplify v6: no DEVICE_KEY with USER_SRP_AUTH, then one with the password proof.
    assert!(reqs[0].body["AuthParameters"].get("DEVICE_KEY").is_none());
    assert_eq!(reqs[1].body["ChallengeResponses"]["DEVICE_KEY"], DEVICE_KEY);
    assert_eq!(
        reqs[2].body,
        json!({
            "ChallengeName": "DEVICE_SRP_AUTH",
            "ClientId": CLIENT_ID,
            "Session": "device-session-1",
            "ChallengeResponses": {
                "USERNAME": "alice",
                "SRP_A": expected_srp_a(),
                "DEVICE_KEY": DEVICE_KEY,
            },
        })
    );
    let last = &reqs[3].body;
    assert_eq!(last["Session"], "device-session-2");
    assert_eq!(
        keys_of(&last["ChallengeResponses"]),
        [
            "DEVICE_KEY",
            "PASSWORD_CLAIM_SECRET_BLOCK",
            "PASSWORD_CLAIM_SIGNATURE",
            "TIMESTAMP",
            "USERNAME"
        ]
        .map(String::from)
        .into()
    );
    assert_eq!(last["ChallengeResponses"]["TIMESTAMP"], TIMESTAMP_AT_NOW);
    assert_eq!(
        last["ChallengeResponses"]["PASSWORD_CLAIM_SECRET_BLOCK"],
        device_secret_block()
    );
    assert_eq!(
        cognito.borrow().checks.last(),
        Some(&("DEVICE_PASSWORD_VERIFIER".to_string(), true))
    );
    // No NewDeviceMetadata this time: no second ConfirmDevice, the keys are unchanged.
    assert_eq!(env.count("ConfirmDevice"), 1);
    assert_eq!(device_keys_of(env, "alice"), kept);

    // The refresh names the device, as Amplify's GetTokensFromRefreshToken does.
    block_on(auth.fetch_auth_session(&json!({ "forceRefresh": true }))).unwrap();
    let refresh = &env.requests_to("GetTokensFromRefreshToken")[0].body;
    assert_eq!(refresh["DeviceKey"], DEVICE_KEY);
}

#[test]
fn a_tampered_device_password_fails_the_server_side_device_proof() {
    let auth = configured();
    let env = auth.env();
    let cognito = sign_in_registering_a_device(&auth, &fresh("first"));
    block_on(auth.sign_out(&Value::Null)).unwrap();
    let stored = env.get(&key("alice", "randomPasswordKey")).unwrap();
    // Same length and alphabet, one character different.
    let first = if stored.starts_with('A') { "B" } else { "A" };
    let tampered = format!("{first}{}", &stored[1..]);
    env.set(&key("alice", "randomPasswordKey"), &tampered);

    let e = err(block_on(
        auth.sign_in(&json!({ "username": "alice", "password": PASSWORD })),
    ));
    assert_eq!(e.name, "NotAuthorizedException");
    assert_eq!(
        cognito.borrow().checks.last(),
        Some(&("DEVICE_PASSWORD_VERIFIER".to_string(), false))
    );
    assert_eq!(env.get(&last_user_key()), None, "nothing signed in");
    assert_no_secrets(&e, &[&tampered, &stored]);
}

#[test]
fn documented_error_device_does_not_exist_clears_the_device_and_answers_again_without_it() {
    let auth = configured();
    let env = auth.env();
    seed_device_and_other_keys(env, "alice");
    let cognito = FakeCognito::install(env, &fresh("stale"));

    let r = block_on(auth.sign_in(&json!({ "username": "alice", "password": PASSWORD }))).unwrap();
    assert_eq!(r["nextStep"]["signInStep"], "DONE");
    let answers = env.requests_to("RespondToAuthChallenge");
    assert_eq!(answers.len(), 2);
    let (first, second) = (&answers[0].body, &answers[1].body);
    assert_eq!(
        first["ChallengeResponses"]["DEVICE_KEY"],
        "us-east-1_device-key"
    );
    assert!(second["ChallengeResponses"].get("DEVICE_KEY").is_none());
    assert_eq!(second["ChallengeName"], "PASSWORD_VERIFIER");
    assert_eq!(
        keys_of(&second["ChallengeResponses"]),
        [
            "PASSWORD_CLAIM_SECRET_BLOCK",
            "PASSWORD_CLAIM_SIGNATURE",
            "TIMESTAMP",
            "USERNAME"
        ]
        .map(String::from)
        .into()
    );
    assert!(no_device_keys(env, "alice"));
    assert_eq!(env.get("some-other-app.setting").as_deref(), Some("kept"));
    assert_eq!(
        cognito.borrow().checks,
        [
            ("PASSWORD_VERIFIER".to_string(), true),
            ("PASSWORD_VERIFIER".to_string(), true)
        ]
    );
}

#[test]
fn documented_response_fetch_devices_maps_the_device_list() {
    let auth = signed_in();
    let env = auth.env();
    env.push(
        "ListDevices",
        ok(json!({
            "Devices": [
                {
                    "DeviceAttributes": [
                        { "Name": "device_status", "Value": "valid" },
                        { "Name": "device_name", "Value": "Firefox on Linux" },
                        { "Name": "last_ip_used", "Value": "192.0.2.10" }
                    ],
                    "DeviceCreateDate": 1.767582245123E9,
                    "DeviceKey": DEVICE_KEY,
                    "DeviceLastAuthenticatedDate": 1767582400.5,
                    "DeviceLastModifiedDate": 1767582300
                },
                {
                    "DeviceAttributes": [{ "Name": "device_status", "Value": "valid" }],
                    "DeviceCreateDate": 1700000000,
                    "DeviceKey": "us-east-1_other",
                    "DeviceLastAuthenticatedDate": 1700000001,
                    "DeviceLastModifiedDate": 1700000002
                }
            ],
            "PaginationToken": "next-page"
        })),
    );
    let devices = block_on(auth.fetch_devices()).unwrap();
    assert_eq!(
        env.requests()[0].body,
        json!({ "AccessToken": access_token(env), "Limit": 60 })
    );
    assert_eq!(
        devices[0],
        json!({
            "id": DEVICE_KEY,
            "name": "Firefox on Linux",
            "attributes": {
                "device_status": "valid",
                "device_name": "Firefox on Linux",
                "last_ip_used": "192.0.2.10"
            },
            // Epoch ms (JS numbers), which the package turns into Dates.
            "createDate": 1_767_582_245_123.0,
            "lastAuthenticatedDate": 1_767_582_400_500.0,
            "lastModifiedDate": 1_767_582_300_000.0,
        })
    );
    assert_eq!(devices[1]["id"], "us-east-1_other");
    assert!(devices[1]["name"].is_null(), "no device_name attribute");
    assert_eq!(devices[1]["createDate"], 1_700_000_000_000.0);
    assert_eq!(devices.as_array().unwrap().len(), 2);
    assert_eq!(env.ops(), ["ListDevices"], "no pagination, as Amplify");
}

#[test]
fn documented_response_remember_and_forget_device() {
    let auth = signed_in();
    let env = auth.env();
    seed_device_and_other_keys(env, "alice");
    let token = access_token(env);

    env.push("UpdateDeviceStatus", ok(json!({})));
    assert_eq!(block_on(auth.remember_device()).unwrap(), Value::Null);
    assert_eq!(
        env.requests()[0].body,
        json!({
            "AccessToken": token,
            "DeviceKey": "us-east-1_device-key",
            "DeviceRememberedStatus": "remembered",
        })
    );

    // Another device: this browser's keys stay. ForgetDevice answers an empty body.
    env.push("ForgetDevice", raw(200, ""));
    block_on(auth.forget_device(&json!({ "device": { "id": "us-east-1_other" } }))).unwrap();
    assert_eq!(
        env.requests()[1].body,
        json!({ "AccessToken": token, "DeviceKey": "us-east-1_other" })
    );
    assert!(device_keys_of(env, "alice").iter().all(Option::is_some));

    // This device (no input, or its own id): forgotten and its keys cleared.
    env.push("ForgetDevice", raw(200, ""));
    block_on(auth.forget_device(&Value::Null)).unwrap();
    assert_eq!(
        env.requests()[2].body,
        json!({ "AccessToken": token, "DeviceKey": "us-east-1_device-key" })
    );
    assert!(no_device_keys(env, "alice"));
    assert_eq!(env.get("some-other-app.setting").as_deref(), Some("kept"));
    assert_eq!(
        env.get(&key("alice", "accessToken")),
        Some(token.clone()),
        "still signed in"
    );

    seed_device_and_other_keys(env, "alice");
    env.push("ForgetDevice", raw(200, ""));
    block_on(auth.forget_device(&json!({ "device": { "id": "us-east-1_device-key" } }))).unwrap();
    assert!(no_device_keys(env, "alice"));
}

#[test]
fn remember_or_forget_device_without_a_device_is_named_and_sends_nothing() {
    let auth = signed_in();
    let env = auth.env();
    for r in [
        block_on(auth.remember_device()),
        block_on(auth.forget_device(&Value::Null)),
    ] {
        let e = err(r);
        assert_eq!(e.name, "DeviceMetadataNotFoundException");
        assert_eq!(
            e.message,
            "Either deviceKey, deviceGroupKey or secretPassword were not found during the sign-in process."
        );
    }
    // Only two of the three keys: no device either (Amplify needs all three).
    env.set(&key("alice", "deviceKey"), DEVICE_KEY);
    env.set(&key("alice", "deviceGroupKey"), DEVICE_GROUP_KEY);
    assert!(block_on(auth.remember_device()).is_err());
    assert!(env.requests().is_empty());
    // Signed out: UserUnAuthenticatedException first.
    let auth = configured();
    assert_eq!(
        err(block_on(auth.remember_device())).name,
        "UserUnAuthenticatedException"
    );
}

#[test]
fn bug_missing_device_is_device_metadata_not_found_exception() {
    let auth = signed_in();
    let e = err(block_on(auth.remember_device()));
    assert_eq!(e.name, "DeviceMetadataNotFoundException");
    assert_eq!(
        e.recovery_suggestion.as_deref(),
        Some("Make sure to not clear storage after calling the signIn API.")
    );
}

#[test]
fn custom_without_srp_with_a_remembered_device_runs_device_srp() {
    let auth = configured();
    let env = auth.env();
    let cognito = sign_in_registering_a_device(&auth, &fresh("first"));
    block_on(auth.sign_out(&Value::Null)).unwrap();
    let before = env.requests().len();

    let r = block_on(auth.sign_in(&json!({
        "username": "alice", "options": { "authFlowType": "CUSTOM_WITHOUT_SRP" }
    })))
    .unwrap();
    assert_eq!(r["nextStep"]["signInStep"], "DONE");
    let reqs = &env.requests()[before..];
    assert_eq!(
        reqs[0].body["AuthParameters"],
        json!({ "USERNAME": "alice", "DEVICE_KEY": DEVICE_KEY }),
        "as Amplify: CUSTOM_AUTH without SRP names the device"
    );
    assert_eq!(reqs[1].body["ChallengeName"], "DEVICE_SRP_AUTH");
    assert_eq!(reqs[2].body["ChallengeName"], "DEVICE_PASSWORD_VERIFIER");
    assert_eq!(
        cognito.borrow().checks.last(),
        Some(&("DEVICE_PASSWORD_VERIFIER".to_string(), true))
    );
    assert_eq!(
        sign_in_details(env),
        json!({ "loginId": "alice", "authFlowType": "CUSTOM_WITHOUT_SRP" })
    );
}

#[test]
fn custom_without_srp_with_a_forgotten_device_clears_it_and_starts_again() {
    let auth = configured();
    let env = auth.env();
    seed_device_and_other_keys(env, "alice");
    FakeCognito::install(env, &fresh("custom"));
    let r = block_on(auth.sign_in(&json!({
        "username": "alice", "options": { "authFlowType": "CUSTOM_WITHOUT_SRP" }
    })))
    .unwrap();
    assert_eq!(
        r["nextStep"]["signInStep"],
        "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE"
    );
    let starts = env.requests_to("InitiateAuth");
    assert_eq!(starts.len(), 2);
    assert_eq!(
        starts[0].body["AuthParameters"]["DEVICE_KEY"],
        "us-east-1_device-key"
    );
    assert_eq!(
        starts[1].body["AuthParameters"],
        json!({ "USERNAME": "alice" })
    );
    assert!(no_device_keys(env, "alice"));
}

#[test]
fn user_password_auth_sends_the_remembered_device_key() {
    let auth = configured();
    let env = auth.env();
    seed_device_and_other_keys(env, "alice");
    env.push("InitiateAuth", tokens_reply(&fresh("upa")));
    block_on(auth.sign_in(&password_auth("alice"))).unwrap();
    assert_eq!(
        env.requests()[0].body["AuthParameters"],
        json!({ "USERNAME": "alice", "PASSWORD": PASSWORD, "DEVICE_KEY": "us-east-1_device-key" })
    );
}

#[test]
fn bug_user_password_auth_with_a_forgotten_device_clears_it_and_starts_again() {
    let auth = configured();
    let env = auth.env();
    seed_device_and_other_keys(env, "alice");
    env.push(
        "InitiateAuth",
        aws_error("ResourceNotFoundException", "Device does not exist."),
    );
    env.push("InitiateAuth", tokens_reply(&fresh("upa")));
    let r = block_on(auth.sign_in(&password_auth("alice"))).unwrap();
    assert_eq!(r["isSignedIn"], true);
    let starts = env.requests_to("InitiateAuth");
    assert_eq!(starts.len(), 2);
    assert_eq!(
        starts[1].body["AuthParameters"],
        json!({ "USERNAME": "alice", "PASSWORD": PASSWORD })
    );
    assert!(no_device_keys(env, "alice"));
}

#[test]
fn bug_custom_challenge_answer_with_a_forgotten_device_clears_it_and_answers_again() {
    let auth = configured();
    let env = auth.env();
    env.push(
        "InitiateAuth",
        ok(json!({
            "ChallengeName": "CUSTOM_CHALLENGE",
            "ChallengeParameters": { "USERNAME": "alice" },
            "Session": "c1",
        })),
    );
    block_on(auth.sign_in(&json!({
        "username": "alice", "options": { "authFlowType": "CUSTOM_WITHOUT_SRP" }
    })))
    .unwrap();
    // The device is forgotten elsewhere while the challenge is open.
    seed_device_and_other_keys(env, "alice");
    env.push(
        "RespondToAuthChallenge",
        aws_error("ResourceNotFoundException", "Device does not exist."),
    );
    env.push("RespondToAuthChallenge", tokens_reply(&fresh("c")));
    let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "42" }))).unwrap();
    assert_eq!(r["isSignedIn"], true);
    let answers = env.requests_to("RespondToAuthChallenge");
    assert_eq!(
        answers[1].body["ChallengeResponses"],
        json!({ "USERNAME": "alice", "ANSWER": "42" })
    );
    assert!(no_device_keys(env, "alice"));
}

// ===========================================================================
// USER_AUTH (choice-based sign-in)
// ===========================================================================

/// InitiateAuth USER_AUTH with no preference: Cognito offers the first factors.
fn documented_select_challenge() -> Reply {
    ok(json!({
        "AvailableChallenges": ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"],
        "ChallengeName": "SELECT_CHALLENGE",
        "ChallengeParameters": {},
        "Session": "AYABeSelectSession",
    }))
}

fn user_auth(username: &str) -> Value {
    json!({ "username": username, "options": { "authFlowType": "USER_AUTH" } })
}

#[test]
fn documented_response_user_auth_select_challenge_then_email_otp() {
    let auth = configured();
    let env = auth.env();
    env.push("InitiateAuth", documented_select_challenge());
    // A password given without a preferred challenge is ignored, as Amplify.
    let r = block_on(auth.sign_in(&json!({
        "username": "alice", "password": PASSWORD, "options": { "authFlowType": "USER_AUTH" }
    })))
    .unwrap();
    assert_eq!(
        r,
        json!({
            "isSignedIn": false,
            "nextStep": {
                "signInStep": "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION",
                "availableChallenges": ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"],
            }
        })
    );
    assert_eq!(
        env.requests()[0].body,
        json!({ "AuthFlow": "USER_AUTH", "ClientId": CLIENT_ID, "AuthParameters": { "USERNAME": "alice" } })
    );

    env.push(
        "RespondToAuthChallenge",
        ok(json!({
            "ChallengeName": "EMAIL_OTP",
            "ChallengeParameters": {
                "CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL",
                "CODE_DELIVERY_DESTINATION": "a***@e***",
            },
            "Session": "AYABeEmailOtpSession",
        })),
    );
    let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "EMAIL_OTP" }))).unwrap();
    assert_eq!(
        r,
        json!({
            "isSignedIn": false,
            "nextStep": {
                "signInStep": "CONFIRM_SIGN_IN_WITH_EMAIL_CODE",
                "codeDeliveryDetails": { "deliveryMedium": "EMAIL", "destination": "a***@e***" },
            }
        })
    );
    assert_eq!(
        env.requests()[1].body,
        json!({
            "ChallengeName": "SELECT_CHALLENGE",
            "ClientId": CLIENT_ID,
            "Session": "AYABeSelectSession",
            "ChallengeResponses": { "USERNAME": "alice", "ANSWER": "EMAIL_OTP" },
        })
    );

    let t = fresh("otp");
    env.push("RespondToAuthChallenge", tokens_reply(&t));
    let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "12345678" }))).unwrap();
    assert_eq!(r["nextStep"]["signInStep"], "DONE");
    assert_eq!(
        env.requests()[2].body,
        json!({
            "ChallengeName": "EMAIL_OTP",
            "ClientId": CLIENT_ID,
            "Session": "AYABeEmailOtpSession",
            "ChallengeResponses": { "USERNAME": "alice", "EMAIL_OTP_CODE": "12345678" },
        })
    );
    assert_eq!(access_token(env), t.access);
    assert_eq!(
        sign_in_details(env),
        json!({ "loginId": "alice", "authFlowType": "USER_AUTH" })
    );
    env.assert_script_used();
}

#[test]
fn documented_response_user_auth_select_password_then_password() {
    let auth = configured();
    let env = auth.env();
    env.push("InitiateAuth", documented_select_challenge());
    block_on(auth.sign_in(&user_auth("alice"))).unwrap();

    // Choosing PASSWORD sends nothing yet: the password comes with the next call.
    let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "PASSWORD" }))).unwrap();
    assert_eq!(
        r,
        json!({ "isSignedIn": false, "nextStep": { "signInStep": "CONFIRM_SIGN_IN_WITH_PASSWORD" } })
    );
    assert_eq!(env.ops(), ["InitiateAuth"]);
    assert_eq!(
        env.transient_get(STATE_CHALLENGE).as_deref(),
        Some("PASSWORD")
    );
    assert_eq!(
        env.transient_get(STATE_SESSION).as_deref(),
        Some("AYABeSelectSession")
    );

    let t = fresh("pw");
    env.push("RespondToAuthChallenge", tokens_reply(&t));
    let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": PASSWORD }))).unwrap();
    assert_eq!(r["isSignedIn"], true);
    assert_eq!(
        env.requests()[1].body,
        json!({
            "ChallengeName": "SELECT_CHALLENGE",
            "ClientId": CLIENT_ID,
            "Session": "AYABeSelectSession",
            "ChallengeResponses": { "USERNAME": "alice", "ANSWER": "PASSWORD", "PASSWORD": PASSWORD },
        })
    );
    assert_eq!(access_token(env), t.access);
    assert_eq!(sign_in_state(env), [None, None, None, None]);
}

#[test]
fn user_auth_select_password_srp_is_verified_by_the_server() {
    let auth = configured();
    let env = auth.env();
    let t = fresh("srp");
    let cognito = FakeCognito::install(env, &t);
    let r = block_on(auth.sign_in(&user_auth("alice"))).unwrap();
    assert_eq!(
        r["nextStep"]["signInStep"],
        "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION"
    );
    let r =
        block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "PASSWORD_SRP" }))).unwrap();
    assert_eq!(r["nextStep"]["signInStep"], "CONFIRM_SIGN_IN_WITH_PASSWORD");
    assert_eq!(env.ops(), ["InitiateAuth"]);

    let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": PASSWORD }))).unwrap();
    assert_eq!(r["nextStep"]["signInStep"], "DONE");
    let reqs = env.requests();
    assert_eq!(
        reqs[1].body,
        json!({
            "ChallengeName": "SELECT_CHALLENGE",
            "ClientId": CLIENT_ID,
            "Session": "select-session",
            "ChallengeResponses": { "USERNAME": "alice", "ANSWER": "PASSWORD_SRP", "SRP_A": expected_srp_a() },
        })
    );
    assert_eq!(reqs[2].body["ChallengeName"], "PASSWORD_VERIFIER");
    assert_eq!(reqs[2].body["Session"], "srp-session");
    assert_eq!(reqs[2].body["ChallengeResponses"]["USERNAME"], "alice");
    assert_eq!(
        cognito.borrow().checks,
        [("PASSWORD_VERIFIER".to_string(), true)]
    );
    assert_eq!(access_token(env), t.access);

    // The wrong password fails the server's check.
    let auth = configured();
    let cognito = FakeCognito::install(auth.env(), &t);
    block_on(auth.sign_in(&user_auth("alice"))).unwrap();
    block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "PASSWORD_SRP" }))).unwrap();
    let e = err(block_on(auth.confirm_sign_in(
        &json!({ "challengeResponse": "not-the-password" }),
    )));
    assert_eq!(e.name, "NotAuthorizedException");
    assert_eq!(
        cognito.borrow().checks,
        [("PASSWORD_VERIFIER".to_string(), false)]
    );
}

#[test]
fn user_auth_preferred_challenge_request_shapes() {
    // PASSWORD: the password goes in InitiateAuth.
    let auth = configured();
    let env = auth.env();
    let t = fresh("preferred");
    env.push("InitiateAuth", tokens_reply(&t));
    let r = block_on(auth.sign_in(&json!({
        "username": "alice", "password": PASSWORD,
        "options": { "authFlowType": "USER_AUTH", "preferredChallenge": "PASSWORD" }
    })))
    .unwrap();
    assert_eq!(r["isSignedIn"], true);
    assert_eq!(
        env.requests()[0].body,
        json!({
            "AuthFlow": "USER_AUTH",
            "ClientId": CLIENT_ID,
            "AuthParameters": { "USERNAME": "alice", "PREFERRED_CHALLENGE": "PASSWORD", "PASSWORD": PASSWORD },
        })
    );

    // PASSWORD and PASSWORD_SRP need a password, before any request.
    for preferred in ["PASSWORD", "PASSWORD_SRP"] {
        let auth = configured();
        let e = err(block_on(auth.sign_in(&json!({
            "username": "alice", "options": { "authFlowType": "USER_AUTH", "preferredChallenge": preferred }
        }))));
        assert_eq!(e.name, "EmptySignInPassword", "{preferred}");
        assert!(auth.env().requests().is_empty());
    }

    // EMAIL_OTP: only the preference (a password given is not sent).
    let auth = configured();
    let env = auth.env();
    env.push(
        "InitiateAuth",
        ok(json!({
            "ChallengeName": "EMAIL_OTP",
            "ChallengeParameters": { "CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL", "CODE_DELIVERY_DESTINATION": "a***@e***" },
            "Session": "otp-session",
        })),
    );
    let r = block_on(auth.sign_in(&json!({
        "username": "alice", "password": PASSWORD,
        "options": { "authFlowType": "USER_AUTH", "preferredChallenge": "EMAIL_OTP" }
    })))
    .unwrap();
    assert_eq!(
        r["nextStep"]["signInStep"],
        "CONFIRM_SIGN_IN_WITH_EMAIL_CODE"
    );
    assert_eq!(
        env.requests()[0].body["AuthParameters"],
        json!({ "USERNAME": "alice", "PREFERRED_CHALLENGE": "EMAIL_OTP" })
    );

    // PASSWORD_SRP: SRP_A in InitiateAuth, then the proof, which the server checks.
    let auth = configured();
    let env = auth.env();
    let cognito = FakeCognito::install(env, &t);
    let r = block_on(auth.sign_in(&json!({
        "username": "alice", "password": PASSWORD,
        "options": { "authFlowType": "USER_AUTH", "preferredChallenge": "PASSWORD_SRP" }
    })))
    .unwrap();
    assert_eq!(r["isSignedIn"], true);
    assert_eq!(
        env.requests()[0].body,
        json!({
            "AuthFlow": "USER_AUTH",
            "ClientId": CLIENT_ID,
            "AuthParameters": { "USERNAME": "alice", "PREFERRED_CHALLENGE": "PASSWORD_SRP", "SRP_A": expected_srp_a() },
        })
    );
    assert_eq!(env.requests()[1].body["ChallengeName"], "PASSWORD_VERIFIER");
    assert_eq!(
        cognito.borrow().checks,
        [("PASSWORD_VERIFIER".to_string(), true)]
    );
    assert_eq!(
        sign_in_details(env),
        json!({ "loginId": "alice", "authFlowType": "USER_AUTH" })
    );
}

// ===========================================================================
// Custom authentication
// ===========================================================================

#[test]
fn custom_without_srp_refuses_a_password_before_any_request() {
    let auth = configured();
    let e = err(block_on(auth.sign_in(&json!({
        "username": "alice", "password": PASSWORD, "options": { "authFlowType": "CUSTOM_WITHOUT_SRP" }
    }))));
    assert_eq!(e.name, "CustomAuthSignInPassword");
    assert_eq!(
        e.message,
        "A password is not needed when signing in with CUSTOM_WITHOUT_SRP"
    );
    assert_eq!(
        e.recovery_suggestion.as_deref(),
        Some("Do not include a password in your signIn call.")
    );
    assert!(auth.env().requests().is_empty());
    assert_no_secrets(&e, &[PASSWORD]);
}

#[test]
fn documented_response_custom_without_srp_two_challenges_then_done() {
    let auth = configured();
    let env = auth.env();
    env.push(
        "InitiateAuth",
        ok(json!({
            "ChallengeName": "CUSTOM_CHALLENGE",
            "ChallengeParameters": { "USERNAME": "alice", "question": "What is 6 × 7?" },
            "Session": "custom-1",
        })),
    );
    let r = block_on(auth.sign_in(&json!({
        "username": "alice", "options": { "authFlowType": "CUSTOM_WITHOUT_SRP", "clientMetadata": { "app": "quiz" } }
    })))
    .unwrap();
    assert_eq!(
        r,
        json!({
            "isSignedIn": false,
            "nextStep": {
                "signInStep": "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE",
                "additionalInfo": { "USERNAME": "alice", "question": "What is 6 × 7?" },
            }
        })
    );
    assert_eq!(
        env.requests()[0].body,
        json!({
            "AuthFlow": "CUSTOM_AUTH",
            "ClientId": CLIENT_ID,
            "AuthParameters": { "USERNAME": "alice" },
            "ClientMetadata": { "app": "quiz" },
        })
    );

    env.push(
        "RespondToAuthChallenge",
        ok(json!({
            "ChallengeName": "CUSTOM_CHALLENGE",
            "ChallengeParameters": { "USERNAME": "alice", "question": "And 7 × 6?" },
            "Session": "custom-2",
        })),
    );
    let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "42" }))).unwrap();
    assert_eq!(
        r["nextStep"],
        json!({
            "signInStep": "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE",
            "additionalInfo": { "USERNAME": "alice", "question": "And 7 × 6?" },
        })
    );
    assert_eq!(
        env.requests()[1].body,
        json!({
            "ChallengeName": "CUSTOM_CHALLENGE",
            "ClientId": CLIENT_ID,
            "Session": "custom-1",
            "ChallengeResponses": { "USERNAME": "alice", "ANSWER": "42" },
        })
    );

    let t = fresh("custom");
    env.push("RespondToAuthChallenge", tokens_reply(&t));
    let r = block_on(auth.confirm_sign_in(&json!({
        "challengeResponse": "42", "options": { "clientMetadata": { "round": "2" } }
    })))
    .unwrap();
    assert_eq!(r["nextStep"]["signInStep"], "DONE");
    assert_eq!(
        env.requests()[2].body,
        json!({
            "ChallengeName": "CUSTOM_CHALLENGE",
            "ClientId": CLIENT_ID,
            "Session": "custom-2",
            "ChallengeResponses": { "USERNAME": "alice", "ANSWER": "42" },
            "ClientMetadata": { "round": "2" },
        })
    );
    assert_eq!(access_token(env), t.access);
    assert_eq!(
        sign_in_details(env),
        json!({ "loginId": "alice", "authFlowType": "CUSTOM_WITHOUT_SRP" })
    );
}

#[test]
fn custom_with_srp_sends_srp_a_then_the_verified_proof_then_the_custom_challenge() {
    let auth = configured();
    let env = auth.env();
    let t = fresh("customsrp");
    let cognito = FakeCognito::install(env, &t);
    let r = block_on(auth.sign_in(&json!({
        "username": "alice", "password": PASSWORD, "options": { "authFlowType": "CUSTOM_WITH_SRP" }
    })))
    .unwrap();
    assert_eq!(
        r["nextStep"],
        json!({
            "signInStep": "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE",
            "additionalInfo": { "USERNAME": "alice", "question": "6 × 7?" },
        })
    );
    assert_eq!(
        env.requests()[0].body,
        json!({
            "AuthFlow": "CUSTOM_AUTH",
            "ClientId": CLIENT_ID,
            "AuthParameters": { "USERNAME": "alice", "SRP_A": expected_srp_a(), "CHALLENGE_NAME": "SRP_A" },
        })
    );
    assert_eq!(env.requests()[1].body["ChallengeName"], "PASSWORD_VERIFIER");
    assert_eq!(
        cognito.borrow().checks,
        [("PASSWORD_VERIFIER".to_string(), true)]
    );

    let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "42" }))).unwrap();
    assert_eq!(r["nextStep"]["signInStep"], "DONE");
    assert_eq!(
        env.requests()[2].body["ChallengeResponses"],
        json!({ "USERNAME": "alice", "ANSWER": "42" })
    );
    assert_eq!(
        sign_in_details(env),
        json!({ "loginId": "alice", "authFlowType": "CUSTOM_WITH_SRP" })
    );
}

// ===========================================================================
// MFA selection and set-up during sign-in
// ===========================================================================

#[test]
fn documented_response_select_mfa_type() {
    let select = || {
        ok(json!({
            "ChallengeName": "SELECT_MFA_TYPE",
            "ChallengeParameters": {
                "MFAS_CAN_CHOOSE": "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]",
                "USER_ID_FOR_SRP": "alice",
            },
            "Session": "select-mfa-1",
        }))
    };
    let auth = configured();
    let env = auth.env();
    env.push("InitiateAuth", select());
    let r = block_on(auth.sign_in(&password_auth("alice"))).unwrap();
    assert_eq!(
        r,
        json!({
            "isSignedIn": false,
            "nextStep": { "signInStep": "CONTINUE_SIGN_IN_WITH_MFA_SELECTION", "allowedMFATypes": ["SMS", "TOTP", "EMAIL"] }
        })
    );

    let e = err(block_on(
        auth.confirm_sign_in(&json!({ "challengeResponse": "FOO" })),
    ));
    assert_eq!(e.name, "IncorrectMFAMethod");
    assert_eq!(
        e.message,
        "Incorrect MFA method was chosen. It should be either SMS, TOTP, or EMAIL"
    );
    assert_eq!(
        e.recovery_suggestion.as_deref(),
        Some("Try to pass SMS, TOTP, or EMAIL as the challengeResponse")
    );
    assert_eq!(env.ops(), ["InitiateAuth"], "nothing is sent");

    env.push(
        "RespondToAuthChallenge",
        ok(json!({ "ChallengeName": "SOFTWARE_TOKEN_MFA", "ChallengeParameters": {}, "Session": "select-mfa-2" })),
    );
    let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "TOTP" }))).unwrap();
    assert_eq!(
        r["nextStep"]["signInStep"],
        "CONFIRM_SIGN_IN_WITH_TOTP_CODE"
    );
    assert_eq!(
        env.requests()[1].body,
        json!({
            "ChallengeName": "SELECT_MFA_TYPE",
            "ClientId": CLIENT_ID,
            "Session": "select-mfa-1",
            "ChallengeResponses": { "USERNAME": "alice", "ANSWER": "SOFTWARE_TOKEN_MFA" },
        })
    );
    env.push("RespondToAuthChallenge", tokens_reply(&fresh("sel")));
    block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "123456" }))).unwrap();
    assert_eq!(env.requests()[2].body["Session"], "select-mfa-2");
    assert_eq!(
        env.requests()[2].body["ChallengeResponses"],
        json!({ "USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": "123456" })
    );

    for (choice, answer) in [("SMS", "SMS_MFA"), ("EMAIL", "EMAIL_OTP")] {
        let auth = configured();
        let env = auth.env();
        env.push("InitiateAuth", select());
        env.push(
            "RespondToAuthChallenge",
            ok(json!({ "ChallengeName": answer, "ChallengeParameters": {}, "Session": "s2" })),
        );
        block_on(auth.sign_in(&password_auth("alice"))).unwrap();
        block_on(auth.confirm_sign_in(&json!({ "challengeResponse": choice }))).unwrap();
        assert_eq!(
            env.requests()[1].body["ChallengeResponses"]["ANSWER"],
            answer
        );
    }
}

fn mfa_setup(can_setup: &str) -> Reply {
    ok(json!({
        "ChallengeName": "MFA_SETUP",
        "ChallengeParameters": { "MFAS_CAN_SETUP": can_setup, "USER_ID_FOR_SRP": "alice" },
        "Session": "setup-1",
    }))
}

#[test]
fn documented_response_mfa_setup_selection_then_totp() {
    let auth = configured();
    let env = auth.env();
    env.push(
        "InitiateAuth",
        mfa_setup("[\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]"),
    );
    let r = block_on(auth.sign_in(&password_auth("alice"))).unwrap();
    assert_eq!(
        r,
        json!({
            "isSignedIn": false,
            "nextStep": { "signInStep": "CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION", "allowedMFATypes": ["TOTP", "EMAIL"] }
        })
    );
    assert_eq!(env.ops(), ["InitiateAuth"]);

    env.push(
        "AssociateSoftwareToken",
        ok(json!({ "SecretCode": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "Session": "setup-2" })),
    );
    let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "TOTP" }))).unwrap();
    assert_eq!(
        r,
        json!({
            "isSignedIn": false,
            "nextStep": {
                "signInStep": "CONTINUE_SIGN_IN_WITH_TOTP_SETUP",
                "totpSetupDetails": { "sharedSecret": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "username": "alice" },
            }
        })
    );
    assert_eq!(env.requests()[1].body, json!({ "Session": "setup-1" }));

    env.push(
        "VerifySoftwareToken",
        ok(json!({ "Session": "setup-3", "Status": "SUCCESS" })),
    );
    let t = fresh("totp");
    env.push("RespondToAuthChallenge", tokens_reply(&t));
    let r = block_on(auth.confirm_sign_in(&json!({
        "challengeResponse": "123456", "options": { "friendlyDeviceName": "Alice's phone" }
    })))
    .unwrap();
    assert_eq!(r["nextStep"]["signInStep"], "DONE");
    let reqs = env.requests();
    assert_eq!(
        reqs[2].body,
        json!({ "UserCode": "123456", "Session": "setup-2", "FriendlyDeviceName": "Alice's phone" })
    );
    assert_eq!(reqs[2].op, "VerifySoftwareToken");
    assert_eq!(
        reqs[3].body,
        json!({
            "ChallengeName": "MFA_SETUP",
            "ClientId": CLIENT_ID,
            "Session": "setup-3",
            "ChallengeResponses": { "USERNAME": "alice" },
        })
    );
    assert_eq!(access_token(env), t.access);
    env.assert_script_used();
}

#[test]
fn documented_response_mfa_setup_totp_only_associates_at_once() {
    let auth = configured();
    let env = auth.env();
    env.push("InitiateAuth", mfa_setup("[\"SOFTWARE_TOKEN_MFA\"]"));
    env.push(
        "AssociateSoftwareToken",
        ok(json!({ "SecretCode": "SECRETSECRET", "Session": "setup-2" })),
    );
    let r = block_on(auth.sign_in(&password_auth("alice"))).unwrap();
    assert_eq!(
        r["nextStep"],
        json!({
            "signInStep": "CONTINUE_SIGN_IN_WITH_TOTP_SETUP",
            "totpSetupDetails": { "sharedSecret": "SECRETSECRET", "username": "alice" },
        })
    );
    assert_eq!(env.requests()[1].body, json!({ "Session": "setup-1" }));
    assert_eq!(env.transient_get(STATE_SESSION).as_deref(), Some("setup-2"));
}

#[test]
fn documented_response_mfa_setup_selection_then_email() {
    let auth = configured();
    let env = auth.env();
    env.push(
        "InitiateAuth",
        mfa_setup("[\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]"),
    );
    block_on(auth.sign_in(&password_auth("alice"))).unwrap();
    let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "EMAIL" }))).unwrap();
    assert_eq!(
        r,
        json!({ "isSignedIn": false, "nextStep": { "signInStep": "CONTINUE_SIGN_IN_WITH_EMAIL_SETUP" } })
    );
    assert_eq!(env.ops(), ["InitiateAuth"]);

    env.push(
        "RespondToAuthChallenge",
        ok(json!({
            "ChallengeName": "EMAIL_OTP",
            "ChallengeParameters": { "CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL", "CODE_DELIVERY_DESTINATION": "a***@b***" },
            "Session": "email-1",
        })),
    );
    let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "a@b.c" }))).unwrap();
    assert_eq!(
        r["nextStep"],
        json!({
            "signInStep": "CONFIRM_SIGN_IN_WITH_EMAIL_CODE",
            "codeDeliveryDetails": { "deliveryMedium": "EMAIL", "destination": "a***@b***" },
        })
    );
    assert_eq!(
        env.requests()[1].body,
        json!({
            "ChallengeName": "MFA_SETUP",
            "ClientId": CLIENT_ID,
            "Session": "setup-1",
            "ChallengeResponses": { "USERNAME": "alice", "EMAIL": "a@b.c" },
        })
    );
    env.push("RespondToAuthChallenge", tokens_reply(&fresh("email")));
    block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "87654321" }))).unwrap();
    assert_eq!(
        env.requests()[2].body["ChallengeResponses"],
        json!({ "USERNAME": "alice", "EMAIL_OTP_CODE": "87654321" })
    );
    assert_eq!(env.requests()[2].body["Session"], "email-1");
}

#[test]
fn mfa_setup_with_only_sms_or_a_bad_answer_is_sign_in_exception() {
    let auth = configured();
    let env = auth.env();
    env.push("InitiateAuth", mfa_setup("[\"SMS_MFA\"]"));
    let e = err(block_on(auth.sign_in(&password_auth("alice"))));
    assert_eq!(e.name, "SignInException");
    assert!(
        e.message
            .starts_with("Cannot initiate MFA setup from available types"),
        "{}",
        e.message
    );
    assert_eq!(
        sign_in_state(env),
        [None, None, None, None],
        "nothing pending"
    );
    assert_eq!(env.ops(), ["InitiateAuth"]);

    let auth = configured();
    let env = auth.env();
    env.push(
        "InitiateAuth",
        mfa_setup("[\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]"),
    );
    block_on(auth.sign_in(&password_auth("alice"))).unwrap();
    let e = err(block_on(
        auth.confirm_sign_in(&json!({ "challengeResponse": "SMS" })),
    ));
    assert_eq!(e.name, "SignInException");
    assert_eq!(env.ops(), ["InitiateAuth"]);
    // Still pending: a valid answer works.
    assert_eq!(
        block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "EMAIL" }))).unwrap()
            ["nextStep"]["signInStep"],
        "CONTINUE_SIGN_IN_WITH_EMAIL_SETUP"
    );
}

// ===========================================================================
// The pending challenge, per tab
// ===========================================================================

fn totp_challenge(session: &str) -> Reply {
    ok(json!({
        "ChallengeName": "SOFTWARE_TOKEN_MFA",
        "ChallengeParameters": { "USER_ID_FOR_SRP": "alice" },
        "Session": session,
    }))
}

/// A new page in the same tab: same storage and sessionStorage, nothing in memory.
fn reload(auth: &Auth<FakeEnv>) -> Auth<FakeEnv> {
    let next = Auth::new(auth.env().reloaded());
    next.configure(&config()).unwrap();
    next
}

#[test]
fn pending_challenge_survives_a_reload_under_amplify_keys() {
    let auth = configured();
    let env = auth.env();
    env.push("InitiateAuth", totp_challenge("mfa-session-1"));
    block_on(auth.sign_in(&password_auth("Alice"))).unwrap();
    let expiry = format!("{}", (NOW_MS + THREE_MINUTES_MS) as u64);
    assert_eq!(
        sign_in_state(env),
        [
            Some("alice".to_string()),
            Some("SOFTWARE_TOKEN_MFA".to_string()),
            Some("mfa-session-1".to_string()),
            Some(expiry.clone())
        ]
    );
    assert_eq!(expiry, "1767582425123");
    assert!(env.snapshot().is_empty(), "nothing in localStorage yet");

    let auth2 = reload(&auth);
    let env2 = auth2.env();
    env2.advance(60_000.0);
    let t = fresh("reload");
    env2.push("RespondToAuthChallenge", tokens_reply(&t));
    let r = block_on(auth2.confirm_sign_in(&json!({ "challengeResponse": "123456" }))).unwrap();
    assert_eq!(r["nextStep"]["signInStep"], "DONE");
    assert_eq!(
        env2.requests()[0].body,
        json!({
            "ChallengeName": "SOFTWARE_TOKEN_MFA",
            "ClientId": CLIENT_ID,
            "Session": "mfa-session-1",
            "ChallengeResponses": { "USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": "123456" },
        })
    );
    // Success clears the per-tab state, tokens are in (shared) localStorage.
    assert!(
        env2.transient_snapshot().is_empty(),
        "{:?}",
        env2.transient_snapshot()
    );
    assert_eq!(
        env.get(&key("alice", "accessToken")),
        Some(t.access.clone())
    );
    assert_eq!(
        sign_in_details(env),
        json!({ "loginId": "Alice", "authFlowType": "USER_PASSWORD_AUTH" })
    );
    assert_eq!(env2.event_names(), ["signedIn"]);
}

#[test]
fn a_wrong_code_after_a_reload_keeps_the_challenge_for_a_retry() {
    let auth = configured();
    auth.env()
        .push("InitiateAuth", totp_challenge("mfa-session-1"));
    block_on(auth.sign_in(&password_auth("alice"))).unwrap();
    let before = auth.env().transient_snapshot();

    let auth2 = reload(&auth);
    let env2 = auth2.env();
    env2.push(
        "RespondToAuthChallenge",
        aws_error("CodeMismatchException", "Invalid code received for user"),
    );
    let e = err(block_on(
        auth2.confirm_sign_in(&json!({ "challengeResponse": "000000" })),
    ));
    assert_eq!(e.name, "CodeMismatchException");
    assert_eq!(env2.transient_snapshot(), before);
    env2.push("RespondToAuthChallenge", tokens_reply(&fresh("retry")));
    block_on(auth2.confirm_sign_in(&json!({ "challengeResponse": "123456" }))).unwrap();
}

#[test]
fn pending_challenge_expires_after_three_minutes() {
    // In memory (same page) and from the tab's storage (after a reload).
    for reloaded in [false, true] {
        let auth = configured();
        auth.env()
            .push("InitiateAuth", totp_challenge("mfa-session-1"));
        block_on(auth.sign_in(&password_auth("alice"))).unwrap();
        let auth = if reloaded { reload(&auth) } else { auth };
        let env = auth.env();
        env.advance(THREE_MINUTES_MS);
        let e = err(block_on(
            auth.confirm_sign_in(&json!({ "challengeResponse": "123456" })),
        ));
        assert_eq!(e.name, "SignInException", "reloaded: {reloaded}");
        assert_eq!(
            env.count("RespondToAuthChallenge"),
            0,
            "reloaded: {reloaded}"
        );
    }

    // One millisecond before expiry it still works.
    let auth = configured();
    auth.env()
        .push("InitiateAuth", totp_challenge("mfa-session-1"));
    block_on(auth.sign_in(&password_auth("alice"))).unwrap();
    let auth = reload(&auth);
    auth.env().advance(THREE_MINUTES_MS - 1.0);
    auth.env()
        .push("RespondToAuthChallenge", tokens_reply(&fresh("late")));
    block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "123456" }))).unwrap();
}

#[test]
fn a_failed_sign_in_or_a_sign_out_clears_the_per_tab_state() {
    let auth = configured();
    let env = auth.env();
    env.push("InitiateAuth", totp_challenge("s1"));
    block_on(auth.sign_in(&password_auth("alice"))).unwrap();
    assert!(!env.transient_snapshot().is_empty());
    env.push(
        "InitiateAuth",
        aws_error("NotAuthorizedException", "Incorrect username or password."),
    );
    assert!(block_on(auth.sign_in(&password_auth("alice"))).is_err());
    assert!(env.transient_snapshot().is_empty());
    let e = err(block_on(
        reload(&auth).confirm_sign_in(&json!({ "challengeResponse": "1" })),
    ));
    assert_eq!(e.name, "SignInException");

    env.push("InitiateAuth", totp_challenge("s2"));
    block_on(auth.sign_in(&password_auth("alice"))).unwrap();
    block_on(auth.sign_out(&Value::Null)).unwrap();
    assert!(env.transient_snapshot().is_empty());
}

#[test]
fn a_reloaded_page_configured_twice_with_the_same_config_keeps_the_pending_challenge() {
    let auth = configured();
    auth.env().push("InitiateAuth", totp_challenge("s"));
    block_on(auth.sign_in(&password_auth("alice"))).unwrap();
    let auth = reload(&auth);
    auth.configure(&config()).unwrap();
    auth.env()
        .push("RespondToAuthChallenge", tokens_reply(&fresh("x")));
    let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "123456" }))).unwrap();
    assert_eq!(r["isSignedIn"], true);
}

#[test]
fn bug_reconfigure_revives_the_pending_challenge_from_tab_storage() {
    // core_flows' a_new_sign_in_sign_out_or_configure_drops_the_pending_challenge,
    // with per-tab storage.
    let auth = configured();
    let env = auth.env();
    env.push("InitiateAuth", totp_challenge("s"));
    block_on(auth.sign_in(&password_auth("alice"))).unwrap();
    auth.configure(&other_config()).unwrap();
    env.push("RespondToAuthChallenge", tokens_reply(&fresh("x")));
    let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "1" })));
    assert_eq!(err(r).name, "SignInException");
}

// ===========================================================================
// autoSignIn
// ===========================================================================

fn documented_sign_up_unconfirmed(session: Option<&str>) -> Reply {
    let mut body = json!({
        "CodeDeliveryDetails": { "AttributeName": "email", "DeliveryMedium": "EMAIL", "Destination": "a***@e***" },
        "UserConfirmed": false,
        "UserSub": SUB,
    });
    if let Some(s) = session {
        body["Session"] = s.into();
    }
    ok(body)
}

fn sign_up_alice(auto: Value) -> Value {
    json!({
        "username": "alice", "password": PASSWORD,
        "options": { "userAttributes": { "email": "alice@example.com" }, "autoSignIn": auto }
    })
}

#[test]
fn auto_sign_in_after_confirm_sign_up_signs_in_with_the_sign_up_password() {
    let auth = configured();
    let env = auth.env();
    env.push("SignUp", documented_sign_up_unconfirmed(None));
    let r = block_on(auth.sign_up(&sign_up_alice(json!(true)))).unwrap();
    assert_eq!(
        r,
        json!({
            "isSignUpComplete": false,
            "userId": SUB,
            "nextStep": {
                "signUpStep": "CONFIRM_SIGN_UP",
                "codeDeliveryDetails": { "destination": "a***@e***", "deliveryMedium": "EMAIL", "attributeName": "email" },
            }
        })
    );

    env.push("ConfirmSignUp", ok(json!({})));
    let r = block_on(
        auth.confirm_sign_up(&json!({ "username": "alice", "confirmationCode": "123456" })),
    )
    .unwrap();
    assert_eq!(
        r,
        json!({ "isSignUpComplete": true, "nextStep": { "signUpStep": "COMPLETE_AUTO_SIGN_IN" } })
    );
    assert_eq!(
        env.requests_to("ConfirmSignUp")[0].body,
        json!({ "ClientId": CLIENT_ID, "Username": "alice", "ConfirmationCode": "123456" })
    );

    let t = fresh("auto");
    let cognito = FakeCognito::install(env, &t);
    let r = block_on(auth.auto_sign_in()).unwrap();
    assert_eq!(
        r,
        json!({ "isSignedIn": true, "nextStep": { "signInStep": "DONE" } })
    );
    assert_eq!(
        env.requests_to("InitiateAuth")[0].body,
        json!({
            "AuthFlow": "USER_SRP_AUTH",
            "ClientId": CLIENT_ID,
            "AuthParameters": { "USERNAME": "alice", "SRP_A": expected_srp_a() },
        })
    );
    assert_eq!(
        cognito.borrow().checks,
        [("PASSWORD_VERIFIER".to_string(), true)]
    );
    assert_eq!(access_token(env), t.access);
    assert_eq!(
        sign_in_details(env),
        json!({ "loginId": "alice", "authFlowType": "USER_SRP_AUTH" })
    );
    assert_eq!(env.event_names(), ["signedIn"]);

    let e = err(block_on(auth.auto_sign_in()));
    assert_eq!(e.name, "AutoSignInException");
    assert_eq!(
        e.message,
        "The autoSignIn flow has not started, or has been cancelled/completed."
    );
    assert_eq!(env.count("InitiateAuth"), 1);
}

#[test]
fn documented_response_auto_sign_in_with_user_auth_continues_the_confirm_sign_up_session() {
    let auth = configured();
    let env = auth.env();
    env.push(
        "SignUp",
        documented_sign_up_unconfirmed(Some("sign-up-session")),
    );
    block_on(auth.sign_up(&sign_up_alice(json!({ "authFlowType": "USER_AUTH" })))).unwrap();
    env.push(
        "ConfirmSignUp",
        ok(json!({ "Session": "confirm-sign-up-session" })),
    );
    let r = block_on(
        auth.confirm_sign_up(&json!({ "username": "alice", "confirmationCode": "123456" })),
    )
    .unwrap();
    assert_eq!(r["nextStep"]["signUpStep"], "COMPLETE_AUTO_SIGN_IN");
    // Cognito links the confirmation to the sign-up (ConfirmSignUp's Session parameter).
    assert_eq!(
        env.requests_to("ConfirmSignUp")[0].body["Session"],
        "sign-up-session"
    );

    let t = fresh("userauth");
    env.push(
        "InitiateAuth",
        ok(json!({ "AuthenticationResult": auth_result(&t), "ChallengeParameters": {} })),
    );
    let r = block_on(auth.auto_sign_in()).unwrap();
    assert_eq!(r["isSignedIn"], true);
    assert_eq!(
        env.requests_to("InitiateAuth")[0].body,
        json!({
            "AuthFlow": "USER_AUTH",
            "ClientId": CLIENT_ID,
            "AuthParameters": { "USERNAME": "alice" },
            "Session": "confirm-sign-up-session",
        })
    );
    assert_eq!(access_token(env), t.access);
    assert_eq!(
        sign_in_details(env),
        json!({ "loginId": "alice", "authFlowType": "USER_AUTH" })
    );
    assert_eq!(
        err(block_on(auth.auto_sign_in())).name,
        "AutoSignInException"
    );
}

#[test]
fn confirm_sign_up_for_another_user_ends_auto_sign_in() {
    let auth = configured();
    let env = auth.env();
    env.push("SignUp", documented_sign_up_unconfirmed(None));
    block_on(auth.sign_up(&sign_up_alice(json!(true)))).unwrap();
    env.push("ConfirmSignUp", ok(json!({})));
    let r =
        block_on(auth.confirm_sign_up(&json!({ "username": "bob", "confirmationCode": "123456" })))
            .unwrap();
    assert_eq!(
        r,
        json!({ "isSignUpComplete": true, "nextStep": { "signUpStep": "DONE" } })
    );
    assert_eq!(
        err(block_on(auth.auto_sign_in())).name,
        "AutoSignInException"
    );
    // Confirming alice now is a plain confirmation.
    env.push("ConfirmSignUp", ok(json!({})));
    let r = block_on(
        auth.confirm_sign_up(&json!({ "username": "alice", "confirmationCode": "123456" })),
    )
    .unwrap();
    assert_eq!(r["nextStep"]["signUpStep"], "DONE");
    assert_eq!(env.ops(), ["SignUp", "ConfirmSignUp", "ConfirmSignUp"]);
}

#[test]
fn bug_confirm_sign_up_for_another_user_sends_the_first_users_session() {
    let auth = configured();
    let env = auth.env();
    env.push(
        "SignUp",
        documented_sign_up_unconfirmed(Some("alice-sign-up-session")),
    );
    block_on(auth.sign_up(&sign_up_alice(json!({ "authFlowType": "USER_AUTH" })))).unwrap();
    env.push("ConfirmSignUp", ok(json!({})));
    block_on(auth.confirm_sign_up(&json!({ "username": "bob", "confirmationCode": "123456" })))
        .unwrap();
    assert!(
        env.requests_to("ConfirmSignUp")[0]
            .body
            .get("Session")
            .is_none(),
        "alice's sign-up session must not be sent to confirm bob"
    );
}

#[test]
fn auto_sign_in_before_confirmation_is_refused_without_cancelling_the_flow() {
    let auth = configured();
    let env = auth.env();
    env.push("SignUp", documented_sign_up_unconfirmed(None));
    block_on(auth.sign_up(&sign_up_alice(json!(true)))).unwrap();
    // Too early: refused (as Amplify) …
    assert_eq!(
        err(block_on(auth.auto_sign_in())).name,
        "AutoSignInException"
    );
    // … but, as in Amplify, the flow goes on once the code is confirmed.
    env.push("ConfirmSignUp", ok(json!({})));
    let r = block_on(
        auth.confirm_sign_up(&json!({ "username": "alice", "confirmationCode": "123456" })),
    )
    .unwrap();
    assert_eq!(r["nextStep"]["signUpStep"], "COMPLETE_AUTO_SIGN_IN");
}

#[test]
fn auto_sign_in_expires_after_three_minutes() {
    // Confirmed too late: a plain confirmation.
    let auth = configured();
    let env = auth.env();
    env.push("SignUp", documented_sign_up_unconfirmed(None));
    block_on(auth.sign_up(&sign_up_alice(json!(true)))).unwrap();
    env.advance(THREE_MINUTES_MS);
    env.push("ConfirmSignUp", ok(json!({})));
    let r = block_on(
        auth.confirm_sign_up(&json!({ "username": "alice", "confirmationCode": "123456" })),
    )
    .unwrap();
    assert_eq!(r["nextStep"]["signUpStep"], "DONE");
    assert_eq!(
        err(block_on(auth.auto_sign_in())).name,
        "AutoSignInException"
    );

    // Confirmed in time (2 minutes), then autoSignIn 3 minutes after the confirmation.
    let auth = configured();
    let env = auth.env();
    env.push("SignUp", documented_sign_up_unconfirmed(None));
    block_on(auth.sign_up(&sign_up_alice(json!(true)))).unwrap();
    env.advance(120_000.0);
    env.push("ConfirmSignUp", ok(json!({})));
    let r = block_on(
        auth.confirm_sign_up(&json!({ "username": "alice", "confirmationCode": "123456" })),
    )
    .unwrap();
    assert_eq!(r["nextStep"]["signUpStep"], "COMPLETE_AUTO_SIGN_IN");
    env.advance(THREE_MINUTES_MS);
    assert_eq!(
        err(block_on(auth.auto_sign_in())).name,
        "AutoSignInException"
    );
    assert_eq!(env.count("InitiateAuth"), 0);

    // A confirmed sign-up: autoSignIn right away works, after 3 minutes it does not.
    for (wait, works) in [(THREE_MINUTES_MS - 1.0, true), (THREE_MINUTES_MS, false)] {
        let auth = configured();
        let env = auth.env();
        env.push(
            "SignUp",
            ok(json!({ "UserConfirmed": true, "UserSub": SUB })),
        );
        let r = block_on(auth.sign_up(&sign_up_alice(json!(true)))).unwrap();
        assert_eq!(
            r,
            json!({ "isSignUpComplete": true, "userId": SUB, "nextStep": { "signUpStep": "COMPLETE_AUTO_SIGN_IN" } })
        );
        env.advance(wait);
        FakeCognito::install(env, &fresh("confirmed"));
        assert_eq!(
            block_on(auth.auto_sign_in()).is_ok(),
            works,
            "after {wait} ms"
        );
    }
}

// ===========================================================================
// User attributes
// ===========================================================================

#[test]
fn documented_response_verify_and_send_attribute_code_and_delete_attributes() {
    let auth = signed_in();
    let env = auth.env();
    let token = access_token(env);

    // VerifyUserAttribute answers HTTP 200 with an empty body.
    env.push("VerifyUserAttribute", raw(200, ""));
    let r = block_on(auth.confirm_user_attribute(&json!({
        "userAttributeKey": "email", "confirmationCode": "123456"
    })))
    .unwrap();
    assert_eq!(r, Value::Null);
    assert_eq!(
        env.requests()[0].body,
        json!({ "AccessToken": token, "AttributeName": "email", "Code": "123456" })
    );

    env.push(
        "GetUserAttributeVerificationCode",
        ok(json!({
            "CodeDeliveryDetails": { "AttributeName": "email", "DeliveryMedium": "EMAIL", "Destination": "a***@e***" }
        })),
    );
    let r = block_on(auth.send_user_attribute_verification_code(&json!({
        "userAttributeKey": "email", "options": { "clientMetadata": { "k": "v" } }
    })))
    .unwrap();
    assert_eq!(
        r,
        json!({ "destination": "a***@e***", "deliveryMedium": "EMAIL", "attributeName": "email" })
    );
    assert_eq!(
        env.requests()[1].body,
        json!({ "AccessToken": token, "AttributeName": "email", "ClientMetadata": { "k": "v" } })
    );

    env.push("DeleteUserAttributes", raw(200, ""));
    let r = block_on(auth.delete_user_attributes(&json!({
        "userAttributeKeys": ["custom:nickname", "website"]
    })))
    .unwrap();
    assert_eq!(r, Value::Null);
    assert_eq!(
        env.requests()[2].body,
        json!({ "AccessToken": token, "UserAttributeNames": ["custom:nickname", "website"] })
    );
    env.assert_script_used();
}

#[test]
fn documented_response_update_user_attributes_with_code_delivery_details_list() {
    let auth = signed_in();
    let env = auth.env();
    let token = access_token(env);
    env.push(
        "UpdateUserAttributes",
        ok(json!({
            "CodeDeliveryDetailsList": [
                { "AttributeName": "email", "DeliveryMedium": "EMAIL", "Destination": "n***@e***" }
            ]
        })),
    );
    let r = block_on(auth.update_user_attributes(&json!({
        "userAttributes": { "email": "new@example.com", "name": "Alice Liddell" }
    })))
    .unwrap();
    assert_eq!(
        r,
        json!({
            "email": {
                "isUpdated": false,
                "nextStep": {
                    "updateAttributeStep": "CONFIRM_ATTRIBUTE_WITH_CODE",
                    "codeDeliveryDetails": { "attributeName": "email", "deliveryMedium": "EMAIL", "destination": "n***@e***" },
                },
            },
            "name": { "isUpdated": true, "nextStep": { "updateAttributeStep": "DONE" } },
        })
    );
    let body = &env.requests()[0].body;
    assert_eq!(
        keys_of(body),
        ["AccessToken", "UserAttributes"].map(String::from).into()
    );
    assert_eq!(body["AccessToken"], token.as_str());
    let mut attrs = body["UserAttributes"].as_array().unwrap().clone();
    attrs.sort_by_key(|a| a["Name"].as_str().unwrap().to_string());
    assert_eq!(
        attrs,
        [
            json!({ "Name": "email", "Value": "new@example.com" }),
            json!({ "Name": "name", "Value": "Alice Liddell" })
        ]
    );

    // One attribute; a code is sent for it.
    env.push(
        "UpdateUserAttributes",
        ok(json!({
            "CodeDeliveryDetailsList": [
                { "AttributeName": "phone_number", "DeliveryMedium": "SMS", "Destination": "+*******0199" }
            ]
        })),
    );
    let r = block_on(auth.update_user_attribute(&json!({
        "userAttribute": { "attributeKey": "phone_number", "value": "+15555550199" },
        "options": { "clientMetadata": { "source": "profile" } }
    })))
    .unwrap();
    assert_eq!(
        r,
        json!({
            "isUpdated": false,
            "nextStep": {
                "updateAttributeStep": "CONFIRM_ATTRIBUTE_WITH_CODE",
                "codeDeliveryDetails": { "attributeName": "phone_number", "deliveryMedium": "SMS", "destination": "+*******0199" },
            },
        })
    );
    assert_eq!(
        env.requests()[1].body,
        json!({
            "AccessToken": token,
            "UserAttributes": [{ "Name": "phone_number", "Value": "+15555550199" }],
            "ClientMetadata": { "source": "profile" },
        })
    );

    // No code needed: an empty list (as ministack answers) or no list at all.
    for reply in [json!({ "CodeDeliveryDetailsList": [] }), json!({})] {
        env.push("UpdateUserAttributes", ok(reply));
        let r = block_on(auth.update_user_attribute(&json!({
            "userAttribute": { "attributeKey": "name", "value": "Al" }
        })))
        .unwrap();
        assert_eq!(
            r,
            json!({ "isUpdated": true, "nextStep": { "updateAttributeStep": "DONE" } })
        );
    }
}

// ===========================================================================
// MFA preference
// ===========================================================================

#[test]
fn update_mfa_preference_maps_each_value_to_cognito_settings() {
    let auth = signed_in();
    let env = auth.env();
    let token = access_token(env);
    env.push("SetUserMFAPreference", raw(200, ""));
    block_on(auth.update_mfa_preference(&json!({
        "sms": "DISABLED", "totp": "PREFERRED", "email": "NOT_PREFERRED"
    })))
    .unwrap();
    assert_eq!(
        env.requests()[0].body,
        json!({
            "AccessToken": token,
            "SMSMfaSettings": { "Enabled": false },
            "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true },
            "EmailMfaSettings": { "Enabled": true, "PreferredMfa": false },
        })
    );

    // Fields left out stay out (unchanged on the server).
    env.push("SetUserMFAPreference", ok(json!({})));
    block_on(auth.update_mfa_preference(&json!({ "totp": "ENABLED" }))).unwrap();
    assert_eq!(
        env.requests()[1].body,
        json!({ "AccessToken": token, "SoftwareTokenMfaSettings": { "Enabled": true } })
    );

    let e = err(block_on(
        auth.update_mfa_preference(&json!({ "sms": "ON" })),
    ));
    assert_eq!(e.name, "InvalidParameterException");
    assert_eq!(env.requests().len(), 2, "refused before any request");
}

#[test]
fn fetch_mfa_preference_maps_documented_and_ministack_replies() {
    let cases = [
        (
            "documented",
            json!({
                "Username": "alice",
                "UserAttributes": [{ "Name": "sub", "Value": SUB }],
                "MFAOptions": [],
                "PreferredMfaSetting": "SOFTWARE_TOKEN_MFA",
                "UserMFASettingList": ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"]
            }),
            json!({ "preferred": "TOTP", "enabled": ["SMS", "TOTP", "EMAIL"] }),
        ),
        (
            "email only",
            json!({ "Username": "alice", "UserAttributes": [], "PreferredMfaSetting": "EMAIL_OTP", "UserMFASettingList": ["EMAIL_OTP"] }),
            json!({ "preferred": "EMAIL", "enabled": ["EMAIL"] }),
        ),
        (
            "ministack: empty string and empty list",
            json!({
                "Username": "alice", "UserAttributes": [], "Enabled": true, "UserStatus": "CONFIRMED",
                "MFAOptions": [], "UserMFASettingList": [], "PreferredMfaSetting": ""
            }),
            json!({}),
        ),
        (
            "nothing set: fields omitted",
            json!({ "Username": "alice", "UserAttributes": [] }),
            json!({}),
        ),
        (
            "enabled but none preferred",
            json!({ "Username": "alice", "UserAttributes": [], "UserMFASettingList": ["SMS_MFA"] }),
            json!({ "enabled": ["SMS"] }),
        ),
    ];
    for (what, reply, want) in cases {
        let auth = signed_in();
        let env = auth.env();
        env.push("GetUser", ok(reply));
        assert_eq!(
            block_on(auth.fetch_mfa_preference()).unwrap(),
            want,
            "{what}"
        );
        assert_eq!(
            env.requests()[0].body,
            json!({ "AccessToken": access_token(env) }),
            "{what}"
        );
    }
}

// ===========================================================================
// Hub events
// ===========================================================================

#[test]
fn hub_events_for_sign_in_refresh_sign_out_and_delete_user() {
    let auth = configured();
    let env = auth.env();
    env.push(
        "InitiateAuth",
        ok(password_verifier("alice", "alice", &simple_srp_b())),
    );
    env.push("RespondToAuthChallenge", tokens_reply(&fresh("events")));
    block_on(auth.sign_in(&json!({ "username": "Alice", "password": PASSWORD }))).unwrap();
    assert_eq!(
        env.take_events(),
        [(
            "signedIn".to_string(),
            Some(json!({
                "username": "alice",
                "userId": SUB,
                "signInDetails": { "loginId": "Alice", "authFlowType": "USER_SRP_AUTH" },
            }))
        )]
    );

    // Reading a valid session announces nothing; a refresh announces tokenRefresh.
    block_on(auth.fetch_auth_session(&Value::Null)).unwrap();
    assert!(env.take_events().is_empty());
    env.push(
        "GetTokensFromRefreshToken",
        ok(json!({ "AuthenticationResult": auth_result_without_refresh(&fresh("r1")) })),
    );
    block_on(auth.fetch_auth_session(&json!({ "forceRefresh": true }))).unwrap();
    assert_eq!(env.take_events(), [("tokenRefresh".to_string(), None)]);

    // A failed refresh: tokenRefresh_failure with the error, session kept.
    env.push(
        "GetTokensFromRefreshToken",
        aws_error_status(500, "InternalErrorException", "Internal server error"),
    );
    let e = err(block_on(
        auth.fetch_auth_session(&json!({ "forceRefresh": true })),
    ));
    assert_eq!(e.name, "InternalErrorException");
    assert_eq!(
        env.take_events(),
        [(
            "tokenRefresh_failure".to_string(),
            Some(json!({
                "error": {
                    "name": "InternalErrorException",
                    "message": "Internal server error",
                    "recoverySuggestion": null,
                    "metadata": { "httpStatusCode": 500, "requestId": REQUEST_ID },
                }
            }))
        )]
    );
    assert!(env.get(&last_user_key()).is_some());

    env.push("RevokeToken", ok(json!({})));
    block_on(auth.sign_out(&Value::Null)).unwrap();
    assert_eq!(env.take_events(), [("signedOut".to_string(), None)]);

    let auth = signed_in();
    let env = auth.env();
    seed_device_and_other_keys(env, "alice");
    env.push("DeleteUser", raw(200, ""));
    block_on(auth.delete_user()).unwrap();
    assert_eq!(env.take_events(), [("signedOut".to_string(), None)]);
    assert_eq!(
        env.snapshot(),
        HashMap::from([("some-other-app.setting".to_string(), "kept".to_string())]),
        "session and device keys are gone"
    );

    // A dead refresh token: tokenRefresh_failure, then signed out (no signedOut event, as Amplify).
    let auth = configured();
    let env = auth.env();
    seed_session(env, "alice", &expired("dead"));
    env.push(
        "GetTokensFromRefreshToken",
        aws_error("NotAuthorizedException", "Refresh Token has been revoked"),
    );
    assert_eq!(
        block_on(auth.fetch_auth_session(&Value::Null)).unwrap(),
        json!({})
    );
    let events = env.take_events();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].0, "tokenRefresh_failure");
    assert_eq!(
        events[0].1.as_ref().unwrap()["error"]["name"],
        "NotAuthorizedException"
    );
}

// ===========================================================================
// Transport and server faults on every call
// ===========================================================================

/// What is stored before the faulted call.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Seed {
    SignedOut,
    /// Tokens valid for an hour.
    Fresh,
    /// Expired tokens: the call refreshes first.
    Expired,
}

/// One API call whose request to `op` fails.
struct Call {
    name: &'static str,
    op: &'static str,
    seed: Seed,
    /// Scripts replies for the requests before the faulted one (may run calls).
    setup: fn(&Auth<FakeEnv>),
    run: fn(&Auth<FakeEnv>) -> Result<Value, AuthError>,
}

fn no_setup(_: &Auth<FakeEnv>) {}

fn calls() -> Vec<Call> {
    vec![
        Call {
            name: "signUp",
            op: "SignUp",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| block_on(a.sign_up(&json!({ "username": "bob", "password": PASSWORD }))),
        },
        Call {
            name: "confirmSignUp",
            op: "ConfirmSignUp",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| {
                block_on(
                    a.confirm_sign_up(&json!({ "username": "bob", "confirmationCode": "123456" })),
                )
            },
        },
        Call {
            name: "resendSignUpCode",
            op: "ResendConfirmationCode",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| block_on(a.resend_sign_up_code(&json!({ "username": "bob" }))),
        },
        Call {
            name: "signIn (SRP, InitiateAuth)",
            op: "InitiateAuth",
            seed: Seed::SignedOut,
            setup: no_setup,
            run: |a| block_on(a.sign_in(&json!({ "username": "alice", "password": PASSWORD }))),
        },
        Call {
            name: "signIn (SRP, PASSWORD_VERIFIER)",
            op: "RespondToAuthChallenge",
            seed: Seed::SignedOut,
            setup: |a| {
                a.env().push(
                    "InitiateAuth",
                    ok(password_verifier("alice", "alice", &simple_srp_b())),
                )
            },
            run: |a| block_on(a.sign_in(&json!({ "username": "alice", "password": PASSWORD }))),
        },
        Call {
            name: "signIn (USER_PASSWORD_AUTH)",
            op: "InitiateAuth",
            seed: Seed::SignedOut,
            setup: no_setup,
            run: |a| block_on(a.sign_in(&password_auth("alice"))),
        },
        Call {
            name: "signIn (USER_AUTH)",
            op: "InitiateAuth",
            seed: Seed::SignedOut,
            setup: no_setup,
            run: |a| block_on(a.sign_in(&user_auth("alice"))),
        },
        Call {
            name: "confirmSignIn (TOTP code)",
            op: "RespondToAuthChallenge",
            seed: Seed::SignedOut,
            setup: |a| {
                a.env().push("InitiateAuth", totp_challenge("mfa-1"));
                block_on(a.sign_in(&password_auth("alice"))).unwrap();
            },
            run: |a| block_on(a.confirm_sign_in(&json!({ "challengeResponse": "123456" }))),
        },
        Call {
            name: "confirmSignIn (MFA set-up, TOTP)",
            op: "AssociateSoftwareToken",
            seed: Seed::SignedOut,
            setup: |a| {
                a.env().push(
                    "InitiateAuth",
                    mfa_setup("[\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]"),
                );
                block_on(a.sign_in(&password_auth("alice"))).unwrap();
            },
            run: |a| block_on(a.confirm_sign_in(&json!({ "challengeResponse": "TOTP" }))),
        },
        Call {
            name: "confirmSignIn (MFA set-up, code)",
            op: "VerifySoftwareToken",
            seed: Seed::SignedOut,
            setup: |a| {
                a.env()
                    .push("InitiateAuth", mfa_setup("[\"SOFTWARE_TOKEN_MFA\"]"));
                a.env().push(
                    "AssociateSoftwareToken",
                    ok(json!({ "SecretCode": "S", "Session": "setup-2" })),
                );
                block_on(a.sign_in(&password_auth("alice"))).unwrap();
            },
            run: |a| block_on(a.confirm_sign_in(&json!({ "challengeResponse": "123456" }))),
        },
        Call {
            name: "autoSignIn",
            op: "InitiateAuth",
            seed: Seed::SignedOut,
            setup: |a| {
                a.env().push(
                    "SignUp",
                    ok(json!({ "UserConfirmed": true, "UserSub": SUB })),
                );
                block_on(a.sign_up(&sign_up_alice(json!(true)))).unwrap();
            },
            run: |a| block_on(a.auto_sign_in()),
        },
        Call {
            name: "resetPassword",
            op: "ForgotPassword",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| block_on(a.reset_password(&json!({ "username": "alice" }))),
        },
        Call {
            name: "confirmResetPassword",
            op: "ConfirmForgotPassword",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| {
                block_on(a.confirm_reset_password(&json!({
                    "username": "alice", "newPassword": "N3w-Passw0rd!", "confirmationCode": "654321"
                })))
            },
        },
        Call {
            name: "updatePassword",
            op: "ChangePassword",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| {
                block_on(a.update_password(
                    &json!({ "oldPassword": PASSWORD, "newPassword": "N3w-Passw0rd!" }),
                ))
            },
        },
        Call {
            name: "fetchUserAttributes",
            op: "GetUser",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| block_on(a.fetch_user_attributes()),
        },
        Call {
            name: "updateUserAttributes",
            op: "UpdateUserAttributes",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| {
                block_on(a.update_user_attributes(&json!({ "userAttributes": { "name": "A" } })))
            },
        },
        Call {
            name: "updateUserAttribute",
            op: "UpdateUserAttributes",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| {
                block_on(a.update_user_attribute(&json!({
                    "userAttribute": { "attributeKey": "name", "value": "A" }
                })))
            },
        },
        Call {
            name: "confirmUserAttribute",
            op: "VerifyUserAttribute",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| {
                block_on(a.confirm_user_attribute(&json!({
                    "userAttributeKey": "email", "confirmationCode": "123456"
                })))
            },
        },
        Call {
            name: "sendUserAttributeVerificationCode",
            op: "GetUserAttributeVerificationCode",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| {
                block_on(
                    a.send_user_attribute_verification_code(
                        &json!({ "userAttributeKey": "email" }),
                    ),
                )
            },
        },
        Call {
            name: "deleteUserAttributes",
            op: "DeleteUserAttributes",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| {
                block_on(a.delete_user_attributes(&json!({ "userAttributeKeys": ["website"] })))
            },
        },
        Call {
            name: "deleteUser",
            op: "DeleteUser",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| block_on(a.delete_user()),
        },
        Call {
            name: "setUpTOTP",
            op: "AssociateSoftwareToken",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| block_on(a.set_up_totp()),
        },
        Call {
            name: "verifyTOTPSetup",
            op: "VerifySoftwareToken",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| block_on(a.verify_totp_setup(&json!({ "code": "123456" }))),
        },
        Call {
            name: "updateMFAPreference",
            op: "SetUserMFAPreference",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| block_on(a.update_mfa_preference(&json!({ "totp": "PREFERRED" }))),
        },
        Call {
            name: "fetchMFAPreference",
            op: "GetUser",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| block_on(a.fetch_mfa_preference()),
        },
        Call {
            name: "fetchDevices",
            op: "ListDevices",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| block_on(a.fetch_devices()),
        },
        Call {
            name: "rememberDevice",
            op: "UpdateDeviceStatus",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| block_on(a.remember_device()),
        },
        Call {
            name: "forgetDevice",
            op: "ForgetDevice",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| block_on(a.forget_device(&Value::Null)),
        },
        Call {
            name: "fetchAuthSession (forceRefresh)",
            op: "GetTokensFromRefreshToken",
            seed: Seed::Fresh,
            setup: no_setup,
            run: |a| block_on(a.fetch_auth_session(&json!({ "forceRefresh": true }))),
        },
        Call {
            name: "fetchUserAttributes (expired: refresh)",
            op: "GetTokensFromRefreshToken",
            seed: Seed::Expired,
            setup: no_setup,
            run: |a| block_on(a.fetch_user_attributes()),
        },
    ]
}

/// A fault, the error it must come back as, and how many attempts it gets.
struct Fault {
    what: &'static str,
    reply: fn() -> Reply,
    name: &'static str,
    status: Option<u16>,
    attempts: usize,
}

fn faults() -> Vec<Fault> {
    vec![
        Fault {
            what: "network failure",
            reply: network_down,
            name: "NetworkError",
            status: None,
            attempts: 3,
        },
        Fault {
            what: "HTTP 500",
            reply: || aws_error_status(500, "InternalErrorException", "Internal server error"),
            name: "InternalErrorException",
            status: Some(500),
            attempts: 3,
        },
        Fault {
            what: "HTTP 503 (not Cognito's body)",
            reply: || raw(503, "<html><body>Service Unavailable</body></html>"),
            name: "ServerError",
            status: Some(503),
            attempts: 3,
        },
        Fault {
            what: "TooManyRequestsException",
            reply: || aws_error("TooManyRequestsException", "Rate exceeded"),
            name: "TooManyRequestsException",
            status: Some(400),
            attempts: 3,
        },
        Fault {
            what: "malformed JSON",
            reply: || raw(200, r#"{"AuthenticationResult": {"AccessToken": "#),
            name: "UnexpectedServerResponseException",
            status: Some(200),
            attempts: 1,
        },
    ]
}

#[test]
fn every_call_survives_faults_with_named_errors_and_an_unchanged_session() {
    let mut checked = 0;
    for call in calls() {
        for fault in faults() {
            let label = format!("{} / {}", call.name, fault.what);
            let auth = configured();
            let env = auth.env();
            seed_device_and_other_keys(env, "alice");
            let t = match call.seed {
                Seed::SignedOut => None,
                Seed::Fresh => Some(fresh("kept")),
                Seed::Expired => Some(expired("kept")),
            };
            if let Some(t) = &t {
                seed_session(env, "alice", t);
            }
            (call.setup)(&auth);
            let before = env.snapshot();
            let before_tab = env.transient_snapshot();
            let sent_before = env.count(call.op);
            let sleeps_before = env.sleeps.borrow().len();
            env.take_events();

            env.push(call.op, (fault.reply)());
            let e = (call.run)(&auth).expect_err(&label);

            assert_eq!(e.name, fault.name, "{label}: {e:?}");
            assert_eq!(e.http_status_code, fault.status, "{label}");
            assert_eq!(env.count(call.op) - sent_before, fault.attempts, "{label}");
            assert_eq!(
                env.sleeps.borrow().len() - sleeps_before,
                fault.attempts - 1,
                "{label}: a back-off between attempts"
            );
            if fault.name == "NetworkError" {
                assert!(e.message.contains("3 attempts"), "{label}: {}", e.message);
            }
            assert_eq!(env.snapshot(), before, "{label}: storage must be unchanged");
            assert_eq!(
                env.transient_snapshot(),
                before_tab,
                "{label}: the pending challenge must be unchanged"
            );
            let names = env.event_names();
            if call.op == "GetTokensFromRefreshToken" {
                assert_eq!(names, ["tokenRefresh_failure"], "{label}");
            } else {
                assert!(names.is_empty(), "{label}: {names:?}");
            }
            let mut secrets = vec![PASSWORD];
            if let Some(t) = &t {
                secrets.extend([t.access.as_str(), t.refresh.as_str(), t.id.as_str()]);
            }
            assert_no_secrets(&e, &secrets);
            checked += 1;
        }
    }
    assert_eq!(checked, calls().len() * faults().len());
}

#[test]
fn a_call_works_again_after_a_fault() {
    // The same Auth recovers: a transient fault then a good reply on the next call.
    let auth = signed_in();
    let env = auth.env();
    env.push("GetUser", network_down());
    assert_eq!(
        err(block_on(auth.fetch_user_attributes())).name,
        "NetworkError"
    );
    env.push(
        "GetUser",
        ok(json!({ "Username": "alice", "UserAttributes": [{ "Name": "email", "Value": "alice@example.com" }] })),
    );
    assert_eq!(
        block_on(auth.fetch_user_attributes()).unwrap(),
        json!({ "email": "alice@example.com" })
    );
}

#[test]
fn sign_out_faults_are_reported_as_revoke_error_and_storage_is_cleared_anyway() {
    for (op, input) in [
        ("RevokeToken", Value::Null),
        ("GlobalSignOut", json!({ "global": true })),
    ] {
        for fault in faults() {
            let label = format!("{op} / {}", fault.what);
            let auth = signed_in();
            let env = auth.env();
            seed_device_and_other_keys(env, "alice");
            env.push(op, (fault.reply)());
            let r = block_on(auth.sign_out(&input)).unwrap();
            assert_eq!(r["revokeError"]["name"], fault.name, "{label}");
            assert_eq!(env.count(op), fault.attempts, "{label}");
            assert_eq!(env.snapshot(), device_and_other_keys("alice"), "{label}");
            assert_eq!(env.event_names(), ["signedOut"], "{label}");
        }
    }
}

#[test]
fn get_current_user_offline_with_expired_tokens_is_still_the_stored_user() {
    // The refresh fails for lack of a network: the user is still signed in, and
    // storage is untouched so the next call can refresh.
    for (reply, attempts) in [(network_down(), 3), (raw(503, "{}"), 3)] {
        let auth = configured();
        let env = auth.env();
        seed_session(env, "alice", &expired("kept"));
        let before = env.snapshot();
        env.push("GetTokensFromRefreshToken", reply);
        let u = block_on(auth.get_current_user()).unwrap();
        assert_eq!(u["username"], "alice");
        assert_eq!(env.count("GetTokensFromRefreshToken"), attempts);
        assert_eq!(env.snapshot(), before);
    }
    // A reply that is not transient is still an error.
    let auth = configured();
    let env = auth.env();
    seed_session(env, "alice", &expired("kept"));
    env.push(
        "GetTokensFromRefreshToken",
        raw(200, "{\"AuthenticationResult\":"),
    );
    let e = block_on(auth.get_current_user()).unwrap_err();
    assert_eq!(e.name, "UnexpectedServerResponseException");
}

#[test]
fn a_storage_failure_mid_sign_in_leaves_no_half_written_session() {
    // Whichever write fails (LastAuthUser, drift, tokens, details), nothing is left
    // that would later be read as a session.
    for n in 1..=6 {
        let auth = configured();
        let env = auth.env();
        let t = fresh("half");
        env.push(
            "InitiateAuth",
            ok(json!({ "AuthenticationResult": auth_result(&t), "ChallengeParameters": {} })),
        );
        env.push("RevokeToken", ok(json!({})));
        env.fail_set_item_in.set(Some(n));
        let e = block_on(auth.sign_in(&json!({
            "username": "alice", "password": "Passw0rd!", "options": { "authFlowType": "USER_PASSWORD_AUTH" }
        })))
        .unwrap_err();
        assert_eq!(e.name, "StorageException", "write {n}");
        // The tokens could not be kept, so the refresh token issued is revoked.
        assert_eq!(env.ops(), ["InitiateAuth", "RevokeToken"], "write {n}");
        assert_eq!(
            env.requests()[1].body,
            json!({ "ClientId": CLIENT_ID, "Token": t.refresh })
        );
        assert!(
            env.snapshot().is_empty(),
            "write {n}: {:?}",
            env.snapshot().keys().collect::<Vec<_>>()
        );
        assert!(block_on(auth.fetch_auth_session(&Value::Null))
            .unwrap()
            .get("tokens")
            .is_none());
    }
}

// ===========================================================================
// continueSignIn: the typed core hands a sign-in over with Cognito's reply
// ===========================================================================

#[test]
fn a_sign_in_continued_from_a_challenge_reply_waits_for_confirm_sign_in_and_finishes() {
    let auth = configured();
    let env = auth.env();
    let r = block_on(auth.continue_sign_in(&json!({
        "username": "alice", "loginId": "alice@example.com", "authFlowType": "USER_SRP_AUTH",
        "reply": { "ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "s-typed", "ChallengeParameters": {} },
    })))
    .unwrap();
    assert_eq!(
        r,
        json!({ "isSignedIn": false, "nextStep": { "signInStep": "CONFIRM_SIGN_IN_WITH_TOTP_CODE" } })
    );
    assert!(
        env.requests().is_empty(),
        "nothing is sent again at the hand-over"
    );
    env.push("RespondToAuthChallenge", tokens_reply(&fresh("typed")));
    let done = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "123456" }))).unwrap();
    assert_eq!(done["isSignedIn"], true);
    let req = &env.requests()[0];
    assert_eq!(req.body["Session"], "s-typed");
    assert_eq!(req.body["ChallengeResponses"]["USERNAME"], "alice");
    assert_eq!(
        block_on(auth.get_current_user()).unwrap()["signInDetails"],
        json!({ "loginId": "alice@example.com", "authFlowType": "USER_SRP_AUTH" })
    );
}

#[test]
fn continue_sign_in_refuses_what_is_not_a_reply_and_maps_sign_in_errors() {
    let auth = configured();
    let e = err(block_on(
        auth.continue_sign_in(&json!({ "username": "alice", "reply": "x" })),
    ));
    assert_eq!(e.name, "UnexpectedServerResponseException");
    let e = err(block_on(auth.continue_sign_in(
        &json!({ "username": "alice", "reply": { "ChallengeParameters": {} } }),
    )));
    assert_eq!(e.name, "UnexpectedServerResponseException");
}
