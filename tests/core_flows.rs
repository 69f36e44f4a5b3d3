//! The Amplify v6 Auth flows of `core::auth::Auth`, driven natively through a
//! scripted [`Env`]: every request is logged (operation, parsed body, headers),
//! replies come from per-operation queues or a closure, storage is an in-memory
//! map, the clock is settable and randomness is deterministic.
//!
//! Tests named `documented_response_*` / `documented_error_*` answer with bodies
//! shaped as the Amazon Cognito API reference documents them (InitiateAuth,
//! RespondToAuthChallenge, SignUp, ConfirmSignUp, ResendConfirmationCode,
//! GetTokensFromRefreshToken, RevokeToken, GlobalSignOut; errors as HTTP 400
//! `{"__type": ..., "message": ...}` with an `x-amzn-requestid`).
//!
//! The harness (FakeEnv, executors, token and reply builders, the SRP server
//! side) lives in `tests/common`.

mod common;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use cognito_wasm::core::env::HttpResponse;
use cognito_wasm::core::error::AuthError;
use cognito_wasm::core::{protocol, session, srp};
use common::*;
use serde_json::{json, Value};
use std::collections::HashMap;

// ===========================================================================
// Requests: headers and URL
// ===========================================================================

#[test]
fn requests_carry_amplify_headers_and_go_to_the_regional_endpoint() {
    let auth = configured();
    let env = auth.env();
    env.push(
        "SignUp",
        ok(json!({ "UserConfirmed": true, "UserSub": SUB })),
    );
    block_on(auth.sign_up(&json!({ "username": "alice", "password": PASSWORD }))).unwrap();
    let reqs = env.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].url, REGIONAL_URL);
    assert_eq!(
        reqs[0].headers,
        vec![
            ("Content-Type", "application/x-amz-json-1.1".to_string()),
            (
                "X-Amz-Target",
                "AWSCognitoIdentityProviderService.SignUp".to_string()
            ),
            ("Cache-Control", "no-store".to_string()),
            ("X-Amz-User-Agent", protocol::USER_AGENT.to_string()),
        ]
    );
    assert!(protocol::USER_AGENT.starts_with("cognito-wasm/"));
    assert!(
        reqs[0].header("Authorization").is_none(),
        "user-side calls are unsigned"
    );
}

#[test]
fn every_request_of_a_flow_names_its_operation_in_x_amz_target() {
    let auth = configured();
    let env = auth.env();
    let t = fresh("hdr");
    env.push(
        "InitiateAuth",
        ok(password_verifier("alice", "alice", &simple_srp_b())),
    );
    env.push(
        "RespondToAuthChallenge",
        ok(json!({ "AuthenticationResult": auth_result(&t), "ChallengeParameters": {} })),
    );
    env.push("RevokeToken", ok(json!({})));
    block_on(auth.sign_in(&json!({ "username": "alice", "password": PASSWORD }))).unwrap();
    block_on(auth.sign_out(&Value::Null)).unwrap();
    for r in env.requests() {
        assert_eq!(
            r.header("X-Amz-Target").unwrap(),
            format!("{TARGET_PREFIX}{}", r.op)
        );
        assert_eq!(r.header("Content-Type"), Some("application/x-amz-json-1.1"));
        assert_eq!(r.header("Cache-Control"), Some("no-store"));
        assert_eq!(r.header("X-Amz-User-Agent"), Some(protocol::USER_AGENT));
        assert_eq!(r.url, REGIONAL_URL);
    }
    assert_eq!(
        env.ops(),
        ["InitiateAuth", "RespondToAuthChallenge", "RevokeToken"]
    );
}

#[test]
fn user_pool_endpoint_is_used_verbatim() {
    let auth = unconfigured();
    auth.configure(&json!({ "Auth": { "Cognito": {
        "userPoolId": POOL_ID, "userPoolClientId": CLIENT_ID,
        "userPoolEndpoint": "http://127.0.0.1:4566"
    }}}))
    .unwrap();
    auth.env().push("ResendConfirmationCode", ok(json!({})));
    block_on(auth.resend_sign_up_code(&json!({ "username": "alice" }))).unwrap();
    assert_eq!(auth.env().requests()[0].url, "http://127.0.0.1:4566");
}

#[test]
fn china_regions_use_the_amazonaws_com_cn_endpoint() {
    let auth = unconfigured();
    auth.configure(&json!({ "Auth": { "Cognito": {
        "userPoolId": "cn-north-1_Pool1", "userPoolClientId": CLIENT_ID
    }}}))
    .unwrap();
    auth.env().push("ResendConfirmationCode", ok(json!({})));
    block_on(auth.resend_sign_up_code(&json!({ "username": "alice" }))).unwrap();
    assert_eq!(
        auth.env().requests()[0].url,
        "https://cognito-idp.cn-north-1.amazonaws.com.cn/"
    );
}

// ===========================================================================
// Sign-up, confirm, resend
// ===========================================================================

#[test]
fn documented_response_sign_up_unconfirmed_gives_confirm_sign_up_step() {
    let auth = configured();
    let env = auth.env();
    env.push(
        "SignUp",
        ok(json!({
            "CodeDeliveryDetails": {
                "AttributeName": "email",
                "DeliveryMedium": "EMAIL",
                "Destination": "a***@e***"
            },
            "UserConfirmed": false,
            "UserSub": SUB
        })),
    );
    let r = block_on(auth.sign_up(&json!({
        "username": "alice",
        "password": PASSWORD,
        "options": {
            "userAttributes": { "email": "alice@example.com", "name": "Alice" },
            "validationData": { "invite": "x1" },
            "clientMetadata": { "app": "web" }
        }
    })))
    .unwrap();
    assert_eq!(
        r,
        json!({
            "isSignUpComplete": false,
            "userId": SUB,
            "nextStep": {
                "signUpStep": "CONFIRM_SIGN_UP",
                "codeDeliveryDetails": {
                    "destination": "a***@e***",
                    "deliveryMedium": "EMAIL",
                    "attributeName": "email"
                }
            }
        })
    );
    let body = &env.requests()[0].body;
    let mut attrs = body["UserAttributes"].as_array().unwrap().clone();
    attrs.sort_by_key(|a| a["Name"].as_str().unwrap().to_string());
    assert_eq!(
        attrs,
        vec![
            json!({ "Name": "email", "Value": "alice@example.com" }),
            json!({ "Name": "name", "Value": "Alice" }),
        ]
    );
    let mut without_attrs = body.clone();
    without_attrs
        .as_object_mut()
        .unwrap()
        .remove("UserAttributes");
    assert_eq!(
        without_attrs,
        json!({
            "ClientId": CLIENT_ID,
            "Username": "alice",
            "Password": PASSWORD,
            "ValidationData": [{ "Name": "invite", "Value": "x1" }],
            "ClientMetadata": { "app": "web" }
        })
    );
    env.assert_script_used();
}

#[test]
fn documented_response_sign_up_confirmed_gives_done() {
    let auth = configured();
    auth.env().push(
        "SignUp",
        ok(json!({ "UserConfirmed": true, "UserSub": SUB })),
    );
    let r = block_on(auth.sign_up(&json!({ "username": "alice", "password": PASSWORD }))).unwrap();
    assert_eq!(
        r,
        json!({ "isSignUpComplete": true, "userId": SUB, "nextStep": { "signUpStep": "DONE" } })
    );
}

#[test]
fn sign_up_without_a_password_sends_none() {
    let auth = configured();
    let env = auth.env();
    for input in [
        json!({ "username": "alice" }),
        json!({ "username": "alice", "password": "" }),
    ] {
        env.push(
            "SignUp",
            ok(json!({ "UserConfirmed": false, "UserSub": SUB })),
        );
        let r = block_on(auth.sign_up(&input)).unwrap();
        // codeDeliveryDetails is always an object, as in Amplify.
        assert_eq!(
            r["nextStep"]["codeDeliveryDetails"],
            json!({ "destination": null, "deliveryMedium": null, "attributeName": null })
        );
    }
    for r in env.requests() {
        assert_eq!(
            r.body,
            json!({ "ClientId": CLIENT_ID, "Username": "alice" })
        );
    }
}

#[test]
fn documented_response_confirm_sign_up() {
    let auth = configured();
    let env = auth.env();
    env.push("ConfirmSignUp", ok(json!({})));
    let r = block_on(auth.confirm_sign_up(&json!({
        "username": "alice",
        "confirmationCode": "123456",
        "options": { "forceAliasCreation": true, "clientMetadata": { "app": "web" } }
    })))
    .unwrap();
    assert_eq!(
        r,
        json!({ "isSignUpComplete": true, "nextStep": { "signUpStep": "DONE" } })
    );
    assert_eq!(
        env.requests()[0].body,
        json!({
            "ClientId": CLIENT_ID,
            "Username": "alice",
            "ConfirmationCode": "123456",
            "ForceAliasCreation": true,
            "ClientMetadata": { "app": "web" }
        })
    );
}

#[test]
fn documented_error_confirm_sign_up_code_mismatch() {
    let auth = configured();
    auth.env().push(
        "ConfirmSignUp",
        aws_error(
            "CodeMismatchException",
            "Invalid verification code provided, please try again.",
        ),
    );
    let e = err(block_on(auth.confirm_sign_up(
        &json!({ "username": "alice", "confirmationCode": "000000" }),
    )));
    assert_eq!(e.name, "CodeMismatchException");
    assert_eq!(
        e.message,
        "Invalid verification code provided, please try again."
    );
    assert_eq!(e.http_status_code, Some(400));
    assert_eq!(e.request_id.as_deref(), Some(REQUEST_ID));
}

#[test]
fn documented_response_resend_sign_up_code_is_flat() {
    let auth = configured();
    let env = auth.env();
    env.push(
        "ResendConfirmationCode",
        ok(json!({
            "CodeDeliveryDetails": {
                "AttributeName": "email",
                "DeliveryMedium": "EMAIL",
                "Destination": "a***@e***"
            }
        })),
    );
    let r = block_on(auth.resend_sign_up_code(
        &json!({ "username": "alice", "options": { "clientMetadata": { "k": "v" } } }),
    ))
    .unwrap();
    assert_eq!(
        r,
        json!({ "destination": "a***@e***", "deliveryMedium": "EMAIL", "attributeName": "email" })
    );
    assert_eq!(
        env.requests()[0].body,
        json!({ "ClientId": CLIENT_ID, "Username": "alice", "ClientMetadata": { "k": "v" } })
    );
}

#[test]
fn documented_error_sign_up_username_exists() {
    let auth = configured();
    auth.env().push(
        "SignUp",
        aws_error("UsernameExistsException", "User already exists"),
    );
    let e = err(block_on(
        auth.sign_up(&json!({ "username": "alice", "password": PASSWORD })),
    ));
    assert_eq!(e.name, "UsernameExistsException");
    assert_eq!(e.message, "User already exists");
    assert_eq!(e.http_status_code, Some(400));
    assert_eq!(e.request_id.as_deref(), Some(REQUEST_ID));
    assert!(e.recovery_suggestion.is_some());
    assert_eq!(
        e.to_json(),
        json!({
            "name": "UsernameExistsException",
            "message": "User already exists",
            "recoverySuggestion": e.recovery_suggestion,
            "metadata": { "httpStatusCode": 400, "requestId": REQUEST_ID }
        })
    );
}

#[test]
fn error_type_header_and_prefixed_type_are_understood() {
    let auth = configured();
    // Real AWS: `x-amzn-errortype: NotAuthorizedException:` and a prefixed __type.
    auth.env().push(
        "SignUp",
        Ok(HttpResponse {
            status: 400,
            request_id: Some(REQUEST_ID.into()),
            error_type: Some("InvalidPasswordException:".into()),
            body: json!({
                "__type": "com.amazonaws.cognito.identity.idp.model#InvalidPasswordException",
                "Message": "Password did not conform with policy: Password not long enough"
            })
            .to_string(),
        }),
    );
    let e = err(block_on(
        auth.sign_up(&json!({ "username": "alice", "password": "x" })),
    ));
    assert_eq!(e.name, "InvalidPasswordException");
    assert_eq!(
        e.message,
        "Password did not conform with policy: Password not long enough"
    );
}

// ===========================================================================
// Validation and configuration
// ===========================================================================

#[test]
fn validation_errors_are_raised_before_any_request() {
    let auth = configured();
    let cases: Vec<(AuthError, &str, &str)> = vec![
        (
            err(block_on(
                auth.sign_in(&json!({ "username": "", "password": PASSWORD })),
            )),
            "EmptySignInUsername",
            "username is required to signIn",
        ),
        (
            err(block_on(auth.sign_in(&json!({ "password": PASSWORD })))),
            "EmptySignInUsername",
            "username is required to signIn",
        ),
        (
            err(block_on(
                auth.sign_in(&json!({ "username": "alice", "password": "" })),
            )),
            "EmptySignInPassword",
            "password is required to signIn",
        ),
        (
            err(block_on(auth.sign_in(&json!({ "username": "alice" })))),
            "EmptySignInPassword",
            "password is required to signIn",
        ),
        (
            err(block_on(auth.sign_in(&json!({
                "username": "alice",
                "options": { "authFlowType": "USER_PASSWORD_AUTH" }
            })))),
            "EmptySignInPassword",
            "password is required to signIn",
        ),
        (
            err(block_on(
                auth.sign_up(&json!({ "username": "", "password": PASSWORD })),
            )),
            "EmptySignUpUsername",
            "username is required to signUp",
        ),
        (
            err(block_on(auth.confirm_sign_up(
                &json!({ "username": "alice", "confirmationCode": "" }),
            ))),
            "EmptyConfirmSignUpCode",
            "code is required to confirmSignUp",
        ),
        (
            err(block_on(
                auth.confirm_sign_up(&json!({ "username": "alice" })),
            )),
            "EmptyConfirmSignUpCode",
            "code is required to confirmSignUp",
        ),
        (
            err(block_on(auth.confirm_sign_up(
                &json!({ "username": "", "confirmationCode": "123456" }),
            ))),
            "EmptyConfirmSignUpUsername",
            "username is required to confirmSignUp",
        ),
        (
            // Amplify uses the sign-up code for resendSignUpCode too.
            err(block_on(
                auth.resend_sign_up_code(&json!({ "username": "" })),
            )),
            "EmptySignUpUsername",
            "username is required to signUp",
        ),
        (
            err(block_on(
                auth.confirm_sign_in(&json!({ "challengeResponse": "" })),
            )),
            "EmptyChallengeResponse",
            "challengeResponse is required to confirmSignIn",
        ),
    ];
    for (e, name, message) in &cases {
        assert_eq!(&e.name, name);
        assert_eq!(&e.message, message);
        assert_eq!(e.http_status_code, None);
    }
    // Wrong types are named too.
    for e in [
        err(block_on(auth.sign_in(&json!("alice")))),
        err(block_on(
            auth.sign_in(&json!({ "username": 5, "password": PASSWORD })),
        )),
        err(block_on(auth.sign_in(
            &json!({ "username": "alice", "password": PASSWORD, "options": 3 }),
        ))),
        err(block_on(auth.sign_in(&json!({
            "username": "alice", "password": PASSWORD,
            "options": { "authFlowType": "CUSTOM_WITHOUT_SRP_TYPO" }
        })))),
        err(block_on(auth.sign_up(&json!({
            "username": "alice", "options": { "userAttributes": { "age": 5 } }
        })))),
    ] {
        assert_eq!(e.name, "InvalidParameterException", "{e}");
    }
    assert!(
        auth.env().requests().is_empty(),
        "no request may be sent for invalid input"
    );
}

#[test]
fn not_configured_is_auth_user_pool_exception() {
    let auth = unconfigured();
    let user = json!({ "username": "alice", "password": PASSWORD });
    let errors = [
        err(block_on(auth.sign_up(&user))),
        err(block_on(auth.confirm_sign_up(
            &json!({ "username": "alice", "confirmationCode": "1" }),
        ))),
        err(block_on(
            auth.resend_sign_up_code(&json!({ "username": "alice" })),
        )),
        err(block_on(auth.sign_in(&user))),
        err(block_on(
            auth.confirm_sign_in(&json!({ "challengeResponse": "1" })),
        )),
        err(block_on(auth.sign_out(&Value::Null))),
        block_on(auth.get_current_user()).unwrap_err(),
    ];
    for e in &errors {
        assert_eq!(e.name, "AuthUserPoolException");
        assert_eq!(e.message, "Auth UserPool not configured.");
        assert!(e.recovery_suggestion.is_some());
    }
    // resendSignUpCode validates before it checks the config, as Amplify.
    assert_eq!(
        err(block_on(
            auth.resend_sign_up_code(&json!({ "username": "" }))
        ))
        .name,
        "EmptySignUpUsername"
    );
    // Signed out, not an error.
    assert_eq!(
        block_on(auth.fetch_auth_session(&Value::Null)).unwrap(),
        json!({})
    );
    assert_eq!(auth.get_config(), json!({}));
    assert!(auth.env().requests().is_empty());
}

#[test]
fn configure_returns_the_normalised_config_and_a_bad_one_is_named() {
    let auth = unconfigured();
    let out = auth.configure(&config()).unwrap();
    assert_eq!(out["Auth"]["Cognito"]["userPoolClientId"], CLIENT_ID);
    assert_eq!(auth.get_config(), out);
    let e = auth
        .configure(&json!({ "Auth": { "Cognito": { "userPoolId": "nope" } } }))
        .unwrap_err();
    assert_eq!(e.name, "InvalidConfigException");
    assert!(e.message.contains("Auth.Cognito.userPoolId"));
    // The previous, valid configuration stays in force.
    assert_eq!(auth.get_config(), out);
}

// ===========================================================================
// Sign-in: SRP
// ===========================================================================

#[test]
fn documented_response_srp_sign_in_stores_amplify_keys() {
    let auth = configured();
    let env = auth.env();
    // The server's clock is 30 s ahead of ours.
    let t = tokens_for("alice", NOW_S + 30, NOW_S + 3630, "srp");
    env.push(
        "InitiateAuth",
        ok(password_verifier("alice", "alice-srp-id", &simple_srp_b())),
    );
    env.push(
        "RespondToAuthChallenge",
        ok(json!({ "AuthenticationResult": auth_result(&t), "ChallengeParameters": {} })),
    );
    let r =
        block_on(auth.sign_in(&json!({ "username": "Alice@Example.com", "password": PASSWORD })))
            .unwrap();
    assert_eq!(
        r,
        json!({ "isSignedIn": true, "nextStep": { "signInStep": "DONE" } })
    );

    let reqs = env.requests();
    assert_eq!(env.ops(), ["InitiateAuth", "RespondToAuthChallenge"]);
    assert_eq!(
        reqs[0].body,
        json!({
            "AuthFlow": "USER_SRP_AUTH",
            "ClientId": CLIENT_ID,
            "AuthParameters": { "USERNAME": "Alice@Example.com", "SRP_A": expected_srp_a() }
        })
    );
    let b = &reqs[1].body;
    assert_eq!(b["ChallengeName"], "PASSWORD_VERIFIER");
    assert_eq!(b["ClientId"], CLIENT_ID);
    assert!(
        b.get("Session").is_none(),
        "no Session was given, none is sent"
    );
    let cr = b["ChallengeResponses"].as_object().unwrap();
    assert_eq!(cr.len(), 4, "{cr:?}");
    assert_eq!(cr["USERNAME"], "alice-srp-id", "USERNAME = USER_ID_FOR_SRP");
    assert_eq!(cr["TIMESTAMP"], TIMESTAMP_AT_NOW);
    assert_eq!(cr["PASSWORD_CLAIM_SECRET_BLOCK"], secret_block());
    let sig = STANDARD
        .decode(cr["PASSWORD_CLAIM_SIGNATURE"].as_str().unwrap())
        .expect("the signature is base64");
    assert_eq!(sig.len(), 32, "HMAC-SHA256");

    // Amplify v6 keys; LastAuthUser is ChallengeParameters.USERNAME, not what was typed.
    let mut stored = env.snapshot();
    let details = stored.remove(&key("alice", "signInDetails")).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&details).unwrap(),
        json!({ "loginId": "Alice@Example.com", "authFlowType": "USER_SRP_AUTH" })
    );
    assert_eq!(
        stored,
        HashMap::from([
            (last_user_key(), "alice".to_string()),
            (key("alice", "accessToken"), t.access.clone()),
            (key("alice", "idToken"), t.id.clone()),
            (key("alice", "refreshToken"), t.refresh.clone()),
            // iat·1000 − now = (NOW_S + 30)·1000 − NOW_MS
            (key("alice", "clockDrift"), "29877".to_string()),
        ])
    );
    env.assert_script_used();
}

#[test]
fn srp_password_claim_verifies_against_a_server_side_computation() {
    // A responder that plays Cognito: it checks the proof the way the server does.
    fn run(password: &str, now_ms: f64) -> (Result<Value, AuthError>, Vec<Req>) {
        let auth = configured();
        auth.env().set_now(now_ms);
        let server = SrpServer::new("user-id-for-srp", PASSWORD);
        let t = fresh("verified");
        let mut a_hex: Option<String> = None;
        auth.env().respond_with(move |req| match req.op.as_str() {
            "InitiateAuth" => {
                a_hex = Some(req.body["AuthParameters"]["SRP_A"].as_str().unwrap().into());
                ok(password_verifier("alice", "user-id-for-srp", &server.b_hex()))
            }
            "RespondToAuthChallenge" => {
                let cr = &req.body["ChallengeResponses"];
                let block = STANDARD
                    .decode(cr["PASSWORD_CLAIM_SECRET_BLOCK"].as_str().unwrap())
                    .unwrap();
                let want = server.expected_signature(
                    a_hex.as_deref().unwrap(),
                    &block,
                    cr["TIMESTAMP"].as_str().unwrap(),
                );
                if cr["PASSWORD_CLAIM_SIGNATURE"] == want.as_str() {
                    ok(json!({ "AuthenticationResult": auth_result(&t), "ChallengeParameters": {} }))
                } else {
                    aws_error("NotAuthorizedException", "Incorrect username or password.")
                }
            }
            other => panic!("unexpected {other}"),
        });
        let r = block_on(auth.sign_in(&json!({ "username": "alice", "password": password })));
        (r, auth.env().requests())
    }

    let (r, reqs) = run(PASSWORD, NOW_MS);
    assert_eq!(r.unwrap()["isSignedIn"], true);
    assert_eq!(
        reqs[1].body["ChallengeResponses"]["TIMESTAMP"],
        TIMESTAMP_AT_NOW
    );

    // Another clock: the single-digit day is not padded, the time is.
    // 2024-03-05T09:04:01Z is a Tuesday.
    let (r, reqs) = run(PASSWORD, 1_709_629_441_000.0);
    assert_eq!(r.unwrap()["isSignedIn"], true);
    assert_eq!(
        reqs[1].body["ChallengeResponses"]["TIMESTAMP"],
        "Tue Mar 5 09:04:01 UTC 2024"
    );

    let (r, _) = run("wrong-password", NOW_MS);
    let e = r.unwrap_err();
    assert_eq!(e.name, "NotAuthorizedException");
    assert_eq!(e.message, "Incorrect username or password.");
}

#[test]
fn srp_echoes_session_and_client_metadata() {
    let auth = configured();
    let env = auth.env();
    let mut challenge = password_verifier("alice", "alice", &simple_srp_b());
    challenge["Session"] = "srp-session-1".into();
    env.push("InitiateAuth", ok(challenge));
    env.push(
        "RespondToAuthChallenge",
        ok(json!({ "AuthenticationResult": auth_result(&fresh("meta")), "ChallengeParameters": {} })),
    );
    block_on(auth.sign_in(&json!({
        "username": "alice", "password": PASSWORD,
        "options": { "clientMetadata": { "origin": "test" } }
    })))
    .unwrap();
    let reqs = env.requests();
    assert_eq!(reqs[0].body["ClientMetadata"], json!({ "origin": "test" }));
    assert_eq!(reqs[1].body["ClientMetadata"], json!({ "origin": "test" }));
    assert_eq!(reqs[1].body["Session"], "srp-session-1");
}

#[test]
fn after_sign_in_session_and_current_user_come_from_the_stored_tokens() {
    let auth = configured();
    let env = auth.env();
    let t = fresh("after");
    env.push(
        "InitiateAuth",
        ok(password_verifier("alice", "alice", &simple_srp_b())),
    );
    env.push(
        "RespondToAuthChallenge",
        ok(json!({ "AuthenticationResult": auth_result(&t), "ChallengeParameters": {} })),
    );
    block_on(auth.sign_in(&json!({ "username": "alice", "password": PASSWORD }))).unwrap();
    let details = json!({ "loginId": "alice", "authFlowType": "USER_SRP_AUTH" });
    assert_eq!(
        block_on(auth.fetch_auth_session(&Value::Null)).unwrap(),
        json!({
            "tokens": { "accessToken": t.access, "idToken": t.id, "signInDetails": details },
            "userSub": SUB
        })
    );
    assert_eq!(
        block_on(auth.get_current_user()).unwrap(),
        json!({ "username": "alice", "userId": SUB, "signInDetails": details })
    );
    assert_eq!(env.requests().len(), 2, "reading the session sends nothing");
}

// ===========================================================================
// Sign-in: USER_PASSWORD_AUTH and service outcomes
// ===========================================================================

#[test]
fn documented_response_user_password_auth_signs_in() {
    let auth = configured();
    let env = auth.env();
    let t = tokens_for("alice", NOW_S, NOW_S + 3600, "upa");
    env.push(
        "InitiateAuth",
        ok(json!({ "AuthenticationResult": auth_result(&t), "ChallengeParameters": {} })),
    );
    let r = block_on(auth.sign_in(&json!({
        "username": "alice", "password": PASSWORD,
        "options": { "authFlowType": "USER_PASSWORD_AUTH" }
    })))
    .unwrap();
    assert_eq!(r["nextStep"]["signInStep"], "DONE");
    assert_eq!(
        env.requests()[0].body,
        json!({
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": CLIENT_ID,
            "AuthParameters": { "USERNAME": "alice", "PASSWORD": PASSWORD }
        })
    );
    assert_eq!(env.get(&last_user_key()).as_deref(), Some("alice"));
    assert_eq!(
        env.get(&key("alice", "accessToken")).as_deref(),
        Some(t.access.as_str())
    );
    assert_eq!(
        env.get(&key("alice", "clockDrift")).as_deref(),
        Some("-123")
    );
    assert_eq!(
        serde_json::from_str::<Value>(&env.get(&key("alice", "signInDetails")).unwrap()).unwrap(),
        json!({ "loginId": "alice", "authFlowType": "USER_PASSWORD_AUTH" })
    );
}

#[test]
fn documented_error_user_not_confirmed_gives_confirm_sign_up_step() {
    // ministack answers at InitiateAuth; real Cognito answers the password proof.
    for at_proof in [false, true] {
        let auth = configured();
        let env = auth.env();
        let e = aws_error("UserNotConfirmedException", "User is not confirmed.");
        if at_proof {
            env.push(
                "InitiateAuth",
                ok(password_verifier("alice", "alice", &simple_srp_b())),
            );
            env.push("RespondToAuthChallenge", e);
        } else {
            env.push("InitiateAuth", e);
        }
        let r =
            block_on(auth.sign_in(&json!({ "username": "alice", "password": PASSWORD }))).unwrap();
        assert_eq!(
            r,
            json!({ "isSignedIn": false, "nextStep": { "signInStep": "CONFIRM_SIGN_UP" } })
        );
        assert!(env.snapshot().is_empty());
        env.assert_script_used();
    }
}

#[test]
fn documented_error_password_reset_required_gives_reset_password_step() {
    let auth = configured();
    auth.env().push(
        "InitiateAuth",
        aws_error(
            "PasswordResetRequiredException",
            "Password reset required for the user",
        ),
    );
    let r = block_on(auth.sign_in(&json!({
        "username": "alice", "password": PASSWORD,
        "options": { "authFlowType": "USER_PASSWORD_AUTH" }
    })))
    .unwrap();
    assert_eq!(
        r,
        json!({ "isSignedIn": false, "nextStep": { "signInStep": "RESET_PASSWORD" } })
    );
    assert!(auth.env().snapshot().is_empty());
}

#[test]
fn documented_error_wrong_password_is_returned_and_nothing_stored() {
    let auth = configured();
    let env = auth.env();
    env.push(
        "InitiateAuth",
        ok(password_verifier("alice", "alice", &simple_srp_b())),
    );
    env.push(
        "RespondToAuthChallenge",
        aws_error("NotAuthorizedException", "Incorrect username or password."),
    );
    let e = err(block_on(
        auth.sign_in(&json!({ "username": "alice", "password": PASSWORD })),
    ));
    assert_eq!(e.name, "NotAuthorizedException");
    assert_eq!(e.message, "Incorrect username or password.");
    assert_eq!(e.http_status_code, Some(400));
    assert_eq!(e.request_id.as_deref(), Some(REQUEST_ID));
    assert!(env.snapshot().is_empty());
    assert_no_secrets(&e, &[PASSWORD]);
}

#[test]
fn already_signed_in_is_user_already_authenticated_exception() {
    let auth = configured();
    let env = auth.env();
    seed_session(env, "alice", &fresh("live"));
    let before = env.snapshot();
    for flow in ["USER_SRP_AUTH", "USER_PASSWORD_AUTH"] {
        let e = err(block_on(auth.sign_in(&json!({
            "username": "alice", "password": PASSWORD,
            "options": { "authFlowType": flow }
        }))));
        assert_eq!(e.name, "UserAlreadyAuthenticatedException");
        assert_eq!(e.message, "There is already a signed in user.");
        assert_eq!(
            e.recovery_suggestion.as_deref(),
            Some("Call signOut before calling signIn again.")
        );
    }
    assert!(env.requests().is_empty());
    assert_eq!(env.snapshot(), before);
}

#[test]
fn a_dead_stored_session_does_not_block_a_new_sign_in() {
    let auth = configured();
    let env = auth.env();
    seed_session(env, "alice", &expired("old"));
    env.push(
        "GetTokensFromRefreshToken",
        aws_error("NotAuthorizedException", "Refresh Token has expired"),
    );
    let t = fresh("new");
    env.push(
        "InitiateAuth",
        ok(json!({ "AuthenticationResult": auth_result(&t), "ChallengeParameters": {} })),
    );
    let r = block_on(auth.sign_in(&json!({
        "username": "alice", "password": PASSWORD,
        "options": { "authFlowType": "USER_PASSWORD_AUTH" }
    })))
    .unwrap();
    assert_eq!(r["isSignedIn"], true);
    assert_eq!(env.ops(), ["GetTokensFromRefreshToken", "InitiateAuth"]);
    assert_eq!(
        env.get(&key("alice", "accessToken")).as_deref(),
        Some(t.access.as_str())
    );
}

#[test]
fn an_unreachable_server_for_the_stored_session_does_not_block_a_new_sign_in() {
    // Amplify swallows every error of the "already signed in?" check.
    let auth = configured();
    let env = auth.env();
    seed_session(env, "alice", &expired("old"));
    env.push("GetTokensFromRefreshToken", network_down());
    let t = fresh("new");
    env.push(
        "InitiateAuth",
        ok(json!({ "AuthenticationResult": auth_result(&t), "ChallengeParameters": {} })),
    );
    let r = block_on(auth.sign_in(&json!({
        "username": "alice", "password": PASSWORD,
        "options": { "authFlowType": "USER_PASSWORD_AUTH" }
    })))
    .unwrap();
    assert_eq!(r["isSignedIn"], true);
    assert_eq!(
        env.get(&key("alice", "refreshToken")).as_deref(),
        Some(t.refresh.as_str())
    );
}

// ===========================================================================
// Challenges and confirmSignIn
// ===========================================================================

#[test]
fn documented_response_new_password_required_then_confirm_sign_in() {
    let auth = configured();
    let env = auth.env();
    env.push(
        "InitiateAuth",
        ok(json!({
            "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "Session": "AYABeNewPasswordSession",
            "ChallengeParameters": {
                "USER_ID_FOR_SRP": "alice",
                "requiredAttributes": "[\"userAttributes.name\",\"userAttributes.family_name\"]",
                "userAttributes": "{\"email_verified\":\"true\",\"email\":\"alice@example.com\"}"
            }
        })),
    );
    let r = block_on(auth.sign_in(&json!({
        "username": "alice", "password": "Temp-Passw0rd!",
        "options": { "authFlowType": "USER_PASSWORD_AUTH" }
    })))
    .unwrap();
    assert_eq!(
        r,
        json!({
            "isSignedIn": false,
            "nextStep": {
                "signInStep": "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED",
                "missingAttributes": ["name", "family_name"]
            }
        })
    );
    assert!(env.snapshot().is_empty());

    let t = fresh("newpw");
    env.push(
        "RespondToAuthChallenge",
        ok(json!({ "AuthenticationResult": auth_result(&t), "ChallengeParameters": {} })),
    );
    let r = block_on(auth.confirm_sign_in(&json!({
        "challengeResponse": "N3w-Passw0rd!",
        "options": { "userAttributes": { "name": "Alice", "family_name": "Liddell" } }
    })))
    .unwrap();
    assert_eq!(
        r,
        json!({ "isSignedIn": true, "nextStep": { "signInStep": "DONE" } })
    );
    assert_eq!(
        env.requests()[1].body,
        json!({
            "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "ClientId": CLIENT_ID,
            "Session": "AYABeNewPasswordSession",
            "ChallengeResponses": {
                "USERNAME": "alice",
                "NEW_PASSWORD": "N3w-Passw0rd!",
                "userAttributes.name": "Alice",
                "userAttributes.family_name": "Liddell"
            }
        })
    );
    assert_eq!(env.get(&last_user_key()).as_deref(), Some("alice"));
    assert_eq!(
        env.get(&key("alice", "idToken")).as_deref(),
        Some(t.id.as_str())
    );
    assert_eq!(
        serde_json::from_str::<Value>(&env.get(&key("alice", "signInDetails")).unwrap()).unwrap(),
        json!({ "loginId": "alice", "authFlowType": "USER_PASSWORD_AUTH" })
    );
    // The challenge is answered: nothing is pending any more.
    let e = err(block_on(
        auth.confirm_sign_in(&json!({ "challengeResponse": "again" })),
    ));
    assert_eq!(e.name, "SignInException");
    assert_eq!(env.requests().len(), 2);
}

#[test]
fn new_password_required_without_required_attributes_has_empty_missing_attributes() {
    let auth = configured();
    auth.env().push(
        "InitiateAuth",
        ok(json!({
            "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "Session": "s",
            "ChallengeParameters": { "USER_ID_FOR_SRP": "alice", "requiredAttributes": "[]", "userAttributes": "{}" }
        })),
    );
    let r = block_on(auth.sign_in(&json!({
        "username": "alice", "password": PASSWORD, "options": { "authFlowType": "USER_PASSWORD_AUTH" }
    })))
    .unwrap();
    assert_eq!(r["nextStep"]["missingAttributes"], json!([]));
}

#[test]
fn documented_response_software_token_mfa_then_confirm_sign_in() {
    let auth = configured();
    let env = auth.env();
    env.push(
        "InitiateAuth",
        ok(password_verifier("alice", "alice", &simple_srp_b())),
    );
    env.push(
        "RespondToAuthChallenge",
        ok(json!({
            "ChallengeName": "SOFTWARE_TOKEN_MFA",
            "Session": "AYABeMfaSession",
            "ChallengeParameters": {}
        })),
    );
    let r = block_on(auth.sign_in(&json!({
        "username": "alice@example.com", "password": PASSWORD,
        "options": { "clientMetadata": { "k": "v" } }
    })))
    .unwrap();
    assert_eq!(
        r,
        json!({ "isSignedIn": false, "nextStep": { "signInStep": "CONFIRM_SIGN_IN_WITH_TOTP_CODE" } })
    );

    // A wrong code: the error is returned and the challenge stays open for a retry.
    env.push(
        "RespondToAuthChallenge",
        aws_error("CodeMismatchException", "Invalid code received for user"),
    );
    let e = err(block_on(
        auth.confirm_sign_in(&json!({ "challengeResponse": "000000" })),
    ));
    assert_eq!(e.name, "CodeMismatchException");

    let t = fresh("mfa");
    env.push(
        "RespondToAuthChallenge",
        ok(json!({ "AuthenticationResult": auth_result(&t), "ChallengeParameters": {} })),
    );
    let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "123456" }))).unwrap();
    assert_eq!(r["nextStep"]["signInStep"], "DONE");
    let reqs = env.requests();
    assert_eq!(
        reqs[3].body,
        json!({
            "ChallengeName": "SOFTWARE_TOKEN_MFA",
            "ClientId": CLIENT_ID,
            "Session": "AYABeMfaSession",
            // As Amplify: confirmSignIn sends only its own options.clientMetadata.
            "ChallengeResponses": { "USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": "123456" }
        })
    );
    assert_eq!(env.get(&last_user_key()).as_deref(), Some("alice"));
    assert_eq!(
        serde_json::from_str::<Value>(&env.get(&key("alice", "signInDetails")).unwrap()).unwrap(),
        json!({ "loginId": "alice@example.com", "authFlowType": "USER_SRP_AUTH" })
    );
}

#[test]
fn documented_response_sms_mfa_step_has_code_delivery_details() {
    let auth = configured();
    let env = auth.env();
    env.push(
        "InitiateAuth",
        ok(json!({
            "ChallengeName": "SMS_MFA",
            "Session": "sms-session",
            "ChallengeParameters": {
                "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
                "CODE_DELIVERY_DESTINATION": "+*******1234",
                "USER_ID_FOR_SRP": "alice"
            }
        })),
    );
    let r = block_on(auth.sign_in(&json!({
        "username": "alice", "password": PASSWORD, "options": { "authFlowType": "USER_PASSWORD_AUTH" }
    })))
    .unwrap();
    assert_eq!(
        r,
        json!({
            "isSignedIn": false,
            "nextStep": {
                "signInStep": "CONFIRM_SIGN_IN_WITH_SMS_CODE",
                "codeDeliveryDetails": { "deliveryMedium": "SMS", "destination": "+*******1234" }
            }
        })
    );
    env.push(
        "RespondToAuthChallenge",
        ok(json!({ "AuthenticationResult": auth_result(&fresh("sms")), "ChallengeParameters": {} })),
    );
    block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "424242" }))).unwrap();
    assert_eq!(
        env.requests()[1].body["ChallengeResponses"],
        json!({ "USERNAME": "alice", "SMS_MFA_CODE": "424242" })
    );
}

#[test]
fn select_mfa_type_maps_choices_both_ways() {
    let auth = configured();
    let env = auth.env();
    env.push(
        "InitiateAuth",
        ok(json!({
            "ChallengeName": "SELECT_MFA_TYPE",
            "Session": "select-session",
            "ChallengeParameters": { "MFAS_CAN_CHOOSE": "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]", "USER_ID_FOR_SRP": "alice" }
        })),
    );
    let r = block_on(auth.sign_in(&json!({
        "username": "alice", "password": PASSWORD, "options": { "authFlowType": "USER_PASSWORD_AUTH" }
    })))
    .unwrap();
    assert_eq!(
        r["nextStep"],
        json!({ "signInStep": "CONTINUE_SIGN_IN_WITH_MFA_SELECTION", "allowedMFATypes": ["SMS", "TOTP"] })
    );
    let e = err(block_on(
        auth.confirm_sign_in(&json!({ "challengeResponse": "PUSH" })),
    ));
    assert_eq!(e.name, "IncorrectMFAMethod");
    assert_eq!(env.requests().len(), 1);

    env.push(
        "RespondToAuthChallenge",
        ok(json!({ "ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "totp-session", "ChallengeParameters": {} })),
    );
    let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "TOTP" }))).unwrap();
    assert_eq!(
        r["nextStep"]["signInStep"],
        "CONFIRM_SIGN_IN_WITH_TOTP_CODE"
    );
    env.push(
        "RespondToAuthChallenge",
        ok(json!({ "AuthenticationResult": auth_result(&fresh("sel")), "ChallengeParameters": {} })),
    );
    block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "123456" }))).unwrap();
    let reqs = env.requests();
    assert_eq!(reqs[1].body["ChallengeName"], "SELECT_MFA_TYPE");
    assert_eq!(reqs[1].body["Session"], "select-session");
    assert_eq!(
        reqs[1].body["ChallengeResponses"],
        json!({ "USERNAME": "alice", "ANSWER": "SOFTWARE_TOKEN_MFA" })
    );
    assert_eq!(reqs[2].body["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    assert_eq!(reqs[2].body["Session"], "totp-session");
}

#[test]
fn confirm_sign_in_with_nothing_pending_is_sign_in_exception() {
    let auth = configured();
    let e = err(block_on(
        auth.confirm_sign_in(&json!({ "challengeResponse": "123456" })),
    ));
    assert_eq!(e.name, "SignInException");
    assert!(e.message.contains("signIn"), "{}", e.message);
    assert!(auth.env().requests().is_empty());
}

#[test]
fn a_new_sign_in_sign_out_or_configure_drops_the_pending_challenge() {
    let mfa = || {
        ok(
            json!({ "ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "s", "ChallengeParameters": { "USER_ID_FOR_SRP": "alice" } }),
        )
    };
    let input = json!({
        "username": "alice", "password": PASSWORD, "options": { "authFlowType": "USER_PASSWORD_AUTH" }
    });
    let auth = configured();
    let env = auth.env();

    env.push("InitiateAuth", mfa());
    block_on(auth.sign_in(&input)).unwrap();
    env.push(
        "InitiateAuth",
        aws_error("NotAuthorizedException", "Incorrect username or password."),
    );
    assert!(block_on(auth.sign_in(&input)).is_err());
    let e = err(block_on(
        auth.confirm_sign_in(&json!({ "challengeResponse": "1" })),
    ));
    assert_eq!(e.name, "SignInException");

    env.push("InitiateAuth", mfa());
    block_on(auth.sign_in(&input)).unwrap();
    block_on(auth.sign_out(&Value::Null)).unwrap();
    let e = err(block_on(
        auth.confirm_sign_in(&json!({ "challengeResponse": "1" })),
    ));
    assert_eq!(e.name, "SignInException");

    env.push("InitiateAuth", mfa());
    block_on(auth.sign_in(&input)).unwrap();
    auth.configure(&other_config()).unwrap();
    let e = err(block_on(
        auth.confirm_sign_in(&json!({ "challengeResponse": "1" })),
    ));
    assert_eq!(e.name, "SignInException");

    assert_eq!(env.ops(), ["InitiateAuth"; 4]);
}

#[test]
fn the_same_config_again_keeps_the_pending_challenge() {
    let auth = configured();
    let env = auth.env();
    env.push(
        "InitiateAuth",
        ok(
            json!({ "ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "s", "ChallengeParameters": { "USER_ID_FOR_SRP": "alice" } }),
        ),
    );
    block_on(auth.sign_in(&json!({
        "username": "alice", "password": PASSWORD, "options": { "authFlowType": "USER_PASSWORD_AUTH" }
    })))
    .unwrap();
    // As React StrictMode or HMR would: configure() twice with the same object.
    auth.configure(&config()).unwrap();
    auth.configure(&config()).unwrap();
    env.push(
        "RespondToAuthChallenge",
        ok(json!({ "AuthenticationResult": auth_result(&fresh("again")) })),
    );
    let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "123456" }))).unwrap();
    assert_eq!(r["isSignedIn"], true);
}

#[test]
fn an_unsupported_challenge_is_sign_in_exception() {
    // WEB_AUTHN needs a passkey ceremony this library does not run yet.
    for challenge in ["WEB_AUTHN", "SOME_FUTURE_CHALLENGE"] {
        let auth = configured();
        let env = auth.env();
        env.push(
            "InitiateAuth",
            ok(json!({
                "ChallengeName": challenge,
                "Session": "s",
                "ChallengeParameters": { "MFAS_CAN_SETUP": "[\"SOFTWARE_TOKEN_MFA\"]", "USER_ID_FOR_SRP": "alice" }
            })),
        );
        let e = err(block_on(auth.sign_in(&json!({
            "username": "alice", "password": PASSWORD, "options": { "authFlowType": "USER_PASSWORD_AUTH" }
        }))));
        assert_eq!(e.name, "SignInException");
        assert_eq!(
            e.message,
            format!("An error occurred during the sign in process. {challenge} challengeName returned by the underlying service was not addressed.")
        );
        assert!(env.snapshot().is_empty());
        // Nothing was left pending.
        let e = err(block_on(
            auth.confirm_sign_in(&json!({ "challengeResponse": "1" })),
        ));
        assert_eq!(e.name, "SignInException");
        assert_eq!(env.requests().len(), 1);
    }
}

// ===========================================================================
// getCurrentUser / fetchAuthSession
// ===========================================================================

#[test]
fn get_current_user_reads_the_id_token_claims() {
    let auth = configured();
    let env = auth.env();
    let t = Tokens {
        // The access token's username differs: the id token wins, as in Amplify.
        access: access_jwt("access-name", NOW_S, NOW_S + 3600, Some("o"), "gcu"),
        id: id_jwt("id-name", NOW_S, NOW_S + 3600, "gcu"),
        refresh: "r".into(),
    };
    seed_session(env, "id-name", &t);
    assert_eq!(
        block_on(auth.get_current_user()).unwrap(),
        json!({
            "username": "id-name",
            "userId": SUB,
            "signInDetails": { "loginId": "alice", "authFlowType": "USER_SRP_AUTH" }
        })
    );
    assert!(env.requests().is_empty());
}

#[test]
fn signed_out_reads_as_empty_session_and_unauthenticated_user() {
    let auth = configured();
    assert_eq!(
        block_on(auth.fetch_auth_session(&Value::Null)).unwrap(),
        json!({})
    );
    assert_eq!(
        block_on(auth.fetch_auth_session(&json!({ "forceRefresh": true }))).unwrap(),
        json!({})
    );
    let e = block_on(auth.get_current_user()).unwrap_err();
    assert_eq!(e.name, "UserUnAuthenticatedException");
    assert_eq!(
        e.message,
        "User needs to be authenticated to call this API."
    );
    assert!(auth.env().requests().is_empty());
}

// ===========================================================================
// Refresh
// ===========================================================================

#[test]
fn documented_response_expired_access_token_is_refreshed_and_refresh_token_kept() {
    let auth = configured();
    let env = auth.env();
    let old = expired("old");
    seed_session(env, "alice", &old);
    seed_device_and_other_keys(env, "alice");
    // Without rotation the reply has no RefreshToken. The new iat is 2 s ahead of us.
    let new = tokens_for("alice", NOW_S + 2, NOW_S + 3602, "new");
    env.push(
        "GetTokensFromRefreshToken",
        ok(json!({ "AuthenticationResult": auth_result_without_refresh(&new) })),
    );
    let s = block_on(auth.fetch_auth_session(&Value::Null)).unwrap();
    assert_eq!(s["tokens"]["accessToken"], new.access.as_str());
    assert_eq!(s["tokens"]["idToken"], new.id.as_str());
    assert_eq!(
        s["tokens"]["signInDetails"],
        json!({ "loginId": "alice", "authFlowType": "USER_SRP_AUTH" })
    );
    assert_eq!(s["userSub"], SUB);
    // The remembered device goes along, as Amplify v6 sends it.
    assert_eq!(
        env.requests()[0].body,
        json!({ "ClientId": CLIENT_ID, "RefreshToken": old.refresh, "DeviceKey": "us-east-1_device-key" })
    );
    assert_eq!(
        env.get(&key("alice", "accessToken")).as_deref(),
        Some(new.access.as_str())
    );
    assert_eq!(
        env.get(&key("alice", "idToken")).as_deref(),
        Some(new.id.as_str())
    );
    assert_eq!(
        env.get(&key("alice", "refreshToken")).as_deref(),
        Some(old.refresh.as_str())
    );
    assert_eq!(
        env.get(&key("alice", "clockDrift")).as_deref(),
        Some("1877")
    );
    assert_eq!(env.get(&last_user_key()).as_deref(), Some("alice"));
    assert_eq!(
        env.get(&key("alice", "deviceKey")).as_deref(),
        Some("us-east-1_device-key")
    );
    // Now fresh: no second refresh.
    block_on(auth.fetch_auth_session(&Value::Null)).unwrap();
    block_on(auth.get_current_user()).unwrap();
    assert_eq!(env.requests().len(), 1);
}

#[test]
fn documented_response_rotated_refresh_token_replaces_the_stored_one() {
    let auth = configured();
    let env = auth.env();
    seed_session(env, "alice", &expired("old"));
    let new = fresh("rotated");
    env.push(
        "GetTokensFromRefreshToken",
        ok(json!({ "AuthenticationResult": auth_result(&new) })),
    );
    block_on(auth.fetch_auth_session(&Value::Null)).unwrap();
    assert_eq!(
        env.get(&key("alice", "refreshToken")).as_deref(),
        Some(new.refresh.as_str())
    );
    assert_eq!(
        env.get(&key("alice", "accessToken")).as_deref(),
        Some(new.access.as_str())
    );
}

#[test]
fn refresh_reply_without_id_token_removes_the_stale_one() {
    let auth = configured();
    let env = auth.env();
    seed_session(env, "alice", &expired("old"));
    let new = fresh("noid");
    env.push(
        "GetTokensFromRefreshToken",
        ok(json!({ "AuthenticationResult": { "AccessToken": new.access, "ExpiresIn": 3600, "TokenType": "Bearer" } })),
    );
    let s = block_on(auth.fetch_auth_session(&Value::Null)).unwrap();
    assert!(s["tokens"].get("idToken").is_none());
    assert_eq!(env.get(&key("alice", "idToken")), None);
}

#[test]
fn clock_drift_and_the_five_second_margin_decide_expiry() {
    // (access exp, id exp, stored clockDrift, refresh expected)
    let cases = [
        (NOW_S + 6, NOW_S + 3600, "0", false),
        (NOW_S + 4, NOW_S + 3600, "0", true),
        // Server 10 s ahead: exp 12 s away locally is 2 s away for the server.
        (NOW_S + 12, NOW_S + 3600, "10000", true),
        (NOW_S + 12, NOW_S + 3600, "0", false),
        // Server 10 s behind.
        (NOW_S - 3, NOW_S + 3600, "-10000", false),
        // An expired id token alone triggers a refresh.
        (NOW_S + 3600, NOW_S - 1, "0", true),
    ];
    for (access_exp, id_exp, drift, refresh) in cases {
        let auth = configured();
        let env = auth.env();
        let t = Tokens {
            access: access_jwt("alice", NOW_S - 100, access_exp, Some("o"), "d"),
            id: id_jwt("alice", NOW_S - 100, id_exp, "d"),
            refresh: "refresh-d".into(),
        };
        seed_session(env, "alice", &t);
        env.set(&key("alice", "clockDrift"), drift);
        env.push(
            "GetTokensFromRefreshToken",
            ok(json!({ "AuthenticationResult": auth_result_without_refresh(&fresh("r")) })),
        );
        block_on(auth.fetch_auth_session(&Value::Null)).unwrap();
        assert_eq!(
            env.requests().len(),
            usize::from(refresh),
            "access exp {access_exp}, id exp {id_exp}, drift {drift}"
        );
    }
}

#[test]
fn documented_response_refresh_falls_back_to_initiate_auth_refresh_token_auth() {
    // Servers without GetTokensFromRefreshToken (ministack answers
    // MissingAuthenticationTokenException for unknown unsigned operations).
    for code in [
        "UnknownOperationException",
        "MissingAuthenticationTokenException",
        "InvalidAction",
    ] {
        let auth = configured();
        let env = auth.env();
        let old = expired("old");
        seed_session(env, "alice", &old);
        env.push(
            "GetTokensFromRefreshToken",
            aws_error(code, "not supported"),
        );
        let new = fresh("fallback");
        env.push(
            "InitiateAuth",
            ok(json!({ "AuthenticationResult": auth_result_without_refresh(&new), "ChallengeParameters": {} })),
        );
        let s = block_on(auth.fetch_auth_session(&Value::Null)).unwrap();
        assert_eq!(s["tokens"]["accessToken"], new.access.as_str(), "{code}");
        assert_eq!(env.ops(), ["GetTokensFromRefreshToken", "InitiateAuth"]);
        assert_eq!(
            env.requests()[1].body,
            json!({
                "AuthFlow": "REFRESH_TOKEN_AUTH",
                "ClientId": CLIENT_ID,
                "AuthParameters": { "REFRESH_TOKEN": old.refresh }
            })
        );
        assert_eq!(
            env.get(&key("alice", "refreshToken")).as_deref(),
            Some(old.refresh.as_str())
        );
    }
}

#[test]
fn documented_error_refresh_not_authorized_clears_the_session() {
    let auth = configured();
    let env = auth.env();
    seed_session(env, "alice", &expired("old"));
    seed_device_and_other_keys(env, "alice");
    env.push(
        "GetTokensFromRefreshToken",
        aws_error("NotAuthorizedException", "Refresh Token has been revoked"),
    );
    assert_eq!(
        block_on(auth.fetch_auth_session(&Value::Null)).unwrap(),
        json!({})
    );
    assert_eq!(env.snapshot(), device_and_other_keys("alice"));
    // Signed out from now on, without more requests.
    assert_eq!(
        block_on(auth.fetch_auth_session(&Value::Null)).unwrap(),
        json!({})
    );
    assert_eq!(
        block_on(auth.get_current_user()).unwrap_err().name,
        "UserUnAuthenticatedException"
    );
    assert_eq!(env.requests().len(), 1);
}

#[test]
fn refresh_errors_that_kill_the_refresh_token_clear_the_session_and_are_returned() {
    for code in [
        "UserNotFoundException",
        "TokenRevokedException",
        "PasswordResetRequiredException",
        "UserNotConfirmedException",
        "RefreshTokenReuseException",
    ] {
        let auth = configured();
        let env = auth.env();
        seed_session(env, "alice", &expired("old"));
        seed_device_and_other_keys(env, "alice");
        env.push("GetTokensFromRefreshToken", aws_error(code, "dead"));
        let e = err(block_on(auth.fetch_auth_session(&Value::Null)));
        assert_eq!(e.name, code);
        assert_eq!(env.snapshot(), device_and_other_keys("alice"), "{code}");
        assert_eq!(
            block_on(auth.fetch_auth_session(&Value::Null)).unwrap(),
            json!({})
        );
    }
}

#[test]
fn transient_refresh_failures_are_returned_and_keep_the_stored_session() {
    let new = fresh("bad");
    let cases: Vec<(&str, Reply, &str, Option<u16>)> = vec![
        ("network down", network_down(), "NetworkError", None),
        (
            "500 InternalErrorException",
            aws_error_status(500, "InternalErrorException", "Internal error"),
            "InternalErrorException",
            Some(500),
        ),
        (
            "503 HTML",
            raw(503, "<html><body>Service Unavailable</body></html>"),
            "ServerError",
            Some(503),
        ),
        (
            "502 HTML",
            raw(
                502,
                "<html><head><title>502 Bad Gateway</title></head></html>",
            ),
            "ServerError",
            Some(502),
        ),
        (
            "throttled",
            aws_error("TooManyRequestsException", "Rate exceeded"),
            "TooManyRequestsException",
            Some(400),
        ),
        (
            "limit",
            aws_error("LimitExceededException", "Attempt limit exceeded"),
            "LimitExceededException",
            Some(400),
        ),
        (
            "throttling via header",
            Ok(HttpResponse {
                status: 400,
                request_id: Some(REQUEST_ID.into()),
                error_type: Some("ThrottlingException:".into()),
                body: "{}".into(),
            }),
            "ThrottlingException",
            Some(400),
        ),
        (
            "200 not JSON",
            raw(200, "upstream hiccup"),
            "UnexpectedServerResponseException",
            Some(200),
        ),
        (
            "200 without AuthenticationResult",
            ok(json!({})),
            "UnexpectedServerResponseException",
            None,
        ),
        (
            "AccessToken not a JWT",
            ok(json!({ "AuthenticationResult": { "AccessToken": "opaque", "IdToken": new.id } })),
            "UnexpectedServerResponseException",
            None,
        ),
        (
            "IdToken not a JWT",
            ok(json!({ "AuthenticationResult": { "AccessToken": new.access, "IdToken": "x.y" } })),
            "UnexpectedServerResponseException",
            None,
        ),
    ];
    for (what, reply, name, status) in cases {
        let auth = configured();
        let env = auth.env();
        let old = expired("old");
        seed_session(env, "alice", &old);
        seed_device_and_other_keys(env, "alice");
        let before = env.snapshot();
        env.push("GetTokensFromRefreshToken", reply);
        let e = err(block_on(auth.fetch_auth_session(&Value::Null)));
        assert_eq!(e.name, name, "{what}");
        assert_eq!(e.http_status_code, status, "{what}");
        assert_eq!(env.snapshot(), before, "{what}: the session must be kept");
        assert_no_secrets(&e, &[&old.refresh, &old.access, &new.access]);
        // Offline, getCurrentUser still knows the user; a later refresh works.
        env.push("GetTokensFromRefreshToken", network_down());
        assert_eq!(
            block_on(auth.get_current_user()).unwrap()["username"],
            "alice"
        );
        env.push(
            "GetTokensFromRefreshToken",
            ok(json!({ "AuthenticationResult": auth_result_without_refresh(&new) })),
        );
        assert_eq!(
            block_on(auth.fetch_auth_session(&Value::Null)).unwrap()["tokens"]["accessToken"],
            new.access.as_str(),
            "{what}"
        );
        assert_eq!(
            env.get(&key("alice", "refreshToken")).as_deref(),
            Some(old.refresh.as_str())
        );
    }
}

#[test]
fn force_refresh_refreshes_a_valid_session() {
    let auth = configured();
    let env = auth.env();
    let old = fresh("valid");
    seed_session(env, "alice", &old);
    block_on(auth.fetch_auth_session(&json!({ "forceRefresh": false }))).unwrap();
    assert!(env.requests().is_empty());
    let new = tokens_for("alice", NOW_S, NOW_S + 3600, "forced");
    env.push(
        "GetTokensFromRefreshToken",
        ok(json!({ "AuthenticationResult": auth_result_without_refresh(&new) })),
    );
    let s = block_on(auth.fetch_auth_session(&json!({ "forceRefresh": true }))).unwrap();
    assert_eq!(s["tokens"]["accessToken"], new.access.as_str());
    assert_eq!(
        env.requests()[0].body,
        json!({ "ClientId": CLIENT_ID, "RefreshToken": old.refresh })
    );
    assert_eq!(
        env.get(&key("alice", "accessToken")).as_deref(),
        Some(new.access.as_str())
    );
}

#[test]
fn expired_session_without_refresh_token_is_signed_out() {
    let auth = configured();
    let env = auth.env();
    seed_session(env, "alice", &expired("old"));
    seed_device_and_other_keys(env, "alice");
    env.storage
        .borrow_mut()
        .remove(&key("alice", "refreshToken"));
    // It can never be renewed: cleared, and every call then sees a signed-out user.
    assert_eq!(
        block_on(auth.fetch_auth_session(&Value::Null)).unwrap(),
        json!({})
    );
    assert!(env.requests().is_empty());
    assert_eq!(env.snapshot(), device_and_other_keys("alice"));
    assert_eq!(
        err(block_on(auth.get_current_user())).name,
        "UserUnAuthenticatedException"
    );
}

#[test]
fn a_5xx_never_ends_the_session_whatever_its_body_says() {
    for code in ["NotAuthorizedException", "UserNotFoundException"] {
        let auth = configured();
        let env = auth.env();
        seed_session(env, "alice", &expired("old"));
        let before = env.snapshot();
        for _ in 0..3 {
            env.push(
                "GetTokensFromRefreshToken",
                aws_error_status(500, code, "Refresh Token has been revoked"),
            );
        }
        let e = err(block_on(auth.fetch_auth_session(&Value::Null)));
        assert_eq!((e.name.as_str(), e.http_status_code), (code, Some(500)));
        assert_eq!(env.snapshot(), before, "{code}: the session is kept");
    }
}

// ===========================================================================
// Sign-out
// ===========================================================================

#[test]
fn documented_response_sign_out_revokes_the_refresh_token_when_origin_jti_is_present() {
    let auth = configured();
    let env = auth.env();
    let t = fresh("out");
    seed_session(env, "alice", &t);
    seed_device_and_other_keys(env, "alice");
    env.push("RevokeToken", ok(json!({})));
    assert_eq!(block_on(auth.sign_out(&Value::Null)).unwrap(), json!({}));
    assert_eq!(env.ops(), ["RevokeToken"]);
    assert_eq!(
        env.requests()[0].body,
        json!({ "ClientId": CLIENT_ID, "Token": t.refresh })
    );
    assert_eq!(env.snapshot(), device_and_other_keys("alice"));
    assert_eq!(
        block_on(auth.fetch_auth_session(&Value::Null)).unwrap(),
        json!({})
    );
}

#[test]
fn sign_out_without_origin_jti_or_refresh_token_sends_nothing() {
    // No origin_jti: the token cannot be revoked.
    let auth = configured();
    let env = auth.env();
    let t = Tokens {
        access: access_jwt("alice", NOW_S, NOW_S + 3600, None, "nojti"),
        id: id_jwt("alice", NOW_S, NOW_S + 3600, "nojti"),
        refresh: "refresh-nojti".into(),
    };
    seed_session(env, "alice", &t);
    seed_device_and_other_keys(env, "alice");
    assert_eq!(block_on(auth.sign_out(&Value::Null)).unwrap(), json!({}));
    assert!(env.requests().is_empty());
    assert_eq!(env.snapshot(), device_and_other_keys("alice"));

    // No refresh token.
    let auth = configured();
    let env = auth.env();
    seed_session(env, "alice", &fresh("norefresh"));
    env.storage
        .borrow_mut()
        .remove(&key("alice", "refreshToken"));
    assert_eq!(block_on(auth.sign_out(&Value::Null)).unwrap(), json!({}));
    assert!(env.requests().is_empty());
    assert!(env.snapshot().is_empty());
}

#[test]
fn documented_response_global_sign_out() {
    let auth = configured();
    let env = auth.env();
    let t = fresh("global");
    seed_session(env, "alice", &t);
    seed_device_and_other_keys(env, "alice");
    env.push("GlobalSignOut", ok(json!({})));
    assert_eq!(
        block_on(auth.sign_out(&json!({ "global": true }))).unwrap(),
        json!({})
    );
    assert_eq!(env.ops(), ["GlobalSignOut"]);
    assert_eq!(env.requests()[0].body, json!({ "AccessToken": t.access }));
    assert_eq!(env.snapshot(), device_and_other_keys("alice"));
}

#[test]
fn global_sign_out_sends_the_stored_access_token_without_refreshing_as_amplify() {
    // Amplify's globalSignOut uses loadTokens(), not getTokens(): no refresh first.
    let auth = configured();
    let env = auth.env();
    let t = expired("stale");
    seed_session(env, "alice", &t);
    env.push(
        "GlobalSignOut",
        aws_error("NotAuthorizedException", "Access Token has expired"),
    );
    let r = block_on(auth.sign_out(&json!({ "global": true }))).unwrap();
    assert_eq!(r["revokeError"]["name"], "NotAuthorizedException");
    assert_eq!(env.ops(), ["GlobalSignOut"]);
    assert_eq!(env.requests()[0].body, json!({ "AccessToken": t.access }));
    assert!(env.snapshot().is_empty());
}

#[test]
fn sign_out_clears_storage_even_when_the_server_call_fails() {
    let cases: Vec<(bool, &str, Reply, &str)> = vec![
        (false, "RevokeToken", network_down(), "NetworkError"),
        (
            false,
            "RevokeToken",
            aws_error("UnsupportedTokenTypeException", "Unsupported token type"),
            "UnsupportedTokenTypeException",
        ),
        (
            true,
            "GlobalSignOut",
            aws_error("NotAuthorizedException", "Access Token has been revoked"),
            "NotAuthorizedException",
        ),
        (
            true,
            "GlobalSignOut",
            raw(502, "<html>Bad Gateway</html>"),
            "ServerError",
        ),
        (true, "GlobalSignOut", network_down(), "NetworkError"),
    ];
    for (global, op, reply, name) in cases {
        let auth = configured();
        let env = auth.env();
        let t = fresh("fail");
        seed_session(env, "alice", &t);
        seed_device_and_other_keys(env, "alice");
        env.push(op, reply);
        let r = block_on(auth.sign_out(&json!({ "global": global }))).unwrap();
        assert_eq!(r["revokeError"]["name"], name, "{op}");
        assert!(r["revokeError"]["message"].is_string());
        // Transient failures are retried (3 attempts in all); others are not.
        let transient = matches!(name, "NetworkError" | "ServerError");
        let expected = if transient { vec![op; 3] } else { vec![op] };
        assert_eq!(env.ops(), expected, "{op} {name}");
        assert_eq!(env.snapshot(), device_and_other_keys("alice"), "{op}");
        let text = r.to_string();
        for secret in [&t.access, &t.refresh, &t.id] {
            assert!(!text.contains(secret.as_str()), "{op}: token in {text}");
        }
    }
}

#[test]
fn documented_error_revoke_error_carries_metadata() {
    let auth = configured();
    let env = auth.env();
    seed_session(env, "alice", &fresh("meta"));
    env.push(
        "GlobalSignOut",
        aws_error("NotAuthorizedException", "Access Token has been revoked"),
    );
    let r = block_on(auth.sign_out(&json!({ "global": true }))).unwrap();
    assert_eq!(
        r,
        json!({ "revokeError": {
            "name": "NotAuthorizedException",
            "message": "Access Token has been revoked",
            "recoverySuggestion": "Check the username and password, or sign in again.",
            "metadata": { "httpStatusCode": 400, "requestId": REQUEST_ID }
        }})
    );
}

#[test]
fn sign_out_when_signed_out_or_with_garbage_sends_nothing_and_clears() {
    let auth = configured();
    assert_eq!(block_on(auth.sign_out(&Value::Null)).unwrap(), json!({}));
    assert_eq!(
        block_on(auth.sign_out(&json!({ "global": true }))).unwrap(),
        json!({})
    );
    let env = auth.env();
    env.set(&last_user_key(), "alice");
    env.set(&key("alice", "accessToken"), "garbage");
    env.set(&key("alice", "refreshToken"), "refresh");
    env.set(&key("alice", "signInDetails"), "{");
    seed_device_and_other_keys(env, "alice");
    assert_eq!(block_on(auth.sign_out(&Value::Null)).unwrap(), json!({}));
    assert!(env.requests().is_empty());
    assert_eq!(env.snapshot(), device_and_other_keys("alice"));
}

// ===========================================================================
// Malformed replies: named errors, never a panic
// ===========================================================================

#[test]
fn malformed_sign_in_replies_are_named_errors() {
    let t = fresh("mal");
    let cases: Vec<(&str, Reply, &str)> = vec![
        (
            "non-JSON 200",
            raw(200, "this is not json"),
            "UnexpectedServerResponseException",
        ),
        (
            "JSON array",
            raw(200, "[1,2,3]"),
            "UnexpectedServerResponseException",
        ),
        (
            "JSON string",
            raw(200, "\"ok\""),
            "UnexpectedServerResponseException",
        ),
        (
            "empty body",
            raw(200, ""),
            "UnexpectedServerResponseException",
        ),
        (
            "empty object",
            ok(json!({})),
            "UnexpectedServerResponseException",
        ),
        (
            "AuthenticationResult without AccessToken",
            ok(
                json!({ "AuthenticationResult": { "IdToken": t.id, "RefreshToken": t.refresh }, "ChallengeParameters": {} }),
            ),
            "UnexpectedServerResponseException",
        ),
        (
            "AccessToken not a JWT",
            ok(
                json!({ "AuthenticationResult": { "AccessToken": "not-a-jwt", "RefreshToken": t.refresh } }),
            ),
            "UnexpectedServerResponseException",
        ),
        (
            "AccessToken payload not JSON",
            ok(
                json!({ "AuthenticationResult": { "AccessToken": "eyJhbGciOiJub25lIn0.bm90IGpzb24.c2ln" } }),
            ),
            "UnexpectedServerResponseException",
        ),
        (
            "AccessToken a number",
            ok(json!({ "AuthenticationResult": { "AccessToken": 42 } })),
            "UnexpectedServerResponseException",
        ),
        (
            "IdToken not a JWT",
            ok(json!({ "AuthenticationResult": { "AccessToken": t.access, "IdToken": "nope" } })),
            "UnexpectedServerResponseException",
        ),
        (
            "AuthenticationResult not an object",
            ok(json!({ "AuthenticationResult": "tokens" })),
            "UnexpectedServerResponseException",
        ),
        (
            "ChallengeName not a string",
            ok(json!({ "ChallengeName": 7 })),
            "UnexpectedServerResponseException",
        ),
        (
            "ChallengeParameters not an object",
            ok(json!({ "ChallengeName": "SMS_MFA", "ChallengeParameters": "x" })),
            "UnexpectedServerResponseException",
        ),
        (
            "HTML 502",
            raw(502, "<html><body>Bad Gateway</body></html>"),
            "ServerError",
        ),
        ("400 without a code", raw(400, "{}"), "UnknownError"),
        (
            "400 with a hostile code",
            raw(
                400,
                r#"{"__type":"<script>alert(1)</script>","message":"x"}"#,
            ),
            "UnknownError",
        ),
        ("network down", network_down(), "NetworkError"),
    ];
    for (what, reply, name) in cases {
        let auth = configured();
        let env = auth.env();
        env.push("InitiateAuth", reply);
        let e = err(block_on(auth.sign_in(&json!({
            "username": "alice", "password": PASSWORD,
            "options": { "authFlowType": "USER_PASSWORD_AUTH" }
        }))));
        assert_eq!(e.name, name, "{what}: {e}");
        assert!(!e.message.is_empty(), "{what}");
        assert!(env.snapshot().is_empty(), "{what}: nothing may be stored");
        assert_no_secrets(&e, &[PASSWORD, &t.access, &t.refresh, &t.id]);
        assert_eq!(
            err(block_on(
                auth.confirm_sign_in(&json!({ "challengeResponse": "1" }))
            ))
            .name,
            "SignInException",
            "{what}: nothing may be pending"
        );
    }
}

#[test]
fn malformed_srp_challenges_are_named_errors_and_no_proof_is_sent() {
    let n_hex = srp::to_hex_unpadded(&srp::modulus());
    let with = |k: &str, v: Value| {
        let mut c = password_verifier("alice", "alice", &simple_srp_b());
        if v.is_null() {
            c["ChallengeParameters"].as_object_mut().unwrap().remove(k);
        } else {
            c["ChallengeParameters"][k] = v;
        }
        ok(c)
    };
    let cases: Vec<(&str, Reply, &str)> = vec![
        (
            "SRP_B missing",
            with("SRP_B", Value::Null),
            "UnexpectedServerResponseException",
        ),
        (
            "SRP_B = 0",
            with("SRP_B", "0".into()),
            "InvalidChallengeException",
        ),
        (
            "SRP_B = 000",
            with("SRP_B", "000".into()),
            "InvalidChallengeException",
        ),
        (
            "SRP_B = N",
            with("SRP_B", n_hex.clone().into()),
            "InvalidChallengeException",
        ),
        (
            "SRP_B not hex",
            with("SRP_B", "xyz".into()),
            "InvalidChallengeException",
        ),
        (
            "SRP_B empty",
            with("SRP_B", "".into()),
            "InvalidChallengeException",
        ),
        (
            "SRP_B too long",
            with("SRP_B", "f".repeat(1000).into()),
            "InvalidChallengeException",
        ),
        (
            "SRP_B a number",
            with("SRP_B", 5.into()),
            "UnexpectedServerResponseException",
        ),
        (
            "SECRET_BLOCK not base64",
            with("SECRET_BLOCK", "%%% not base64 %%%".into()),
            "InvalidChallengeException",
        ),
        (
            "SECRET_BLOCK empty",
            with("SECRET_BLOCK", "".into()),
            "InvalidChallengeException",
        ),
        (
            "SECRET_BLOCK missing",
            with("SECRET_BLOCK", Value::Null),
            "UnexpectedServerResponseException",
        ),
        (
            "SALT missing",
            with("SALT", Value::Null),
            "UnexpectedServerResponseException",
        ),
        (
            "SALT not hex",
            with("SALT", "salt!".into()),
            "InvalidChallengeException",
        ),
        (
            "USER_ID_FOR_SRP missing",
            with("USER_ID_FOR_SRP", Value::Null),
            "UnexpectedServerResponseException",
        ),
        (
            "ChallengeParameters missing",
            ok(json!({ "ChallengeName": "PASSWORD_VERIFIER" })),
            "UnexpectedServerResponseException",
        ),
        (
            "not PASSWORD_VERIFIER",
            ok(json!({ "ChallengeName": "CUSTOM_CHALLENGE", "ChallengeParameters": {} })),
            "UnexpectedServerResponseException",
        ),
        (
            "tokens without a proof",
            ok(json!({ "AuthenticationResult": auth_result(&fresh("x")) })),
            "UnexpectedServerResponseException",
        ),
        (
            "non-JSON",
            raw(200, "<html></html>"),
            "UnexpectedServerResponseException",
        ),
    ];
    for (what, reply, name) in cases {
        let auth = configured();
        let env = auth.env();
        env.push("InitiateAuth", reply);
        let e = err(block_on(
            auth.sign_in(&json!({ "username": "alice", "password": PASSWORD })),
        ));
        assert_eq!(e.name, name, "{what}: {e}");
        assert_eq!(env.ops(), ["InitiateAuth"], "{what}: no proof may be sent");
        assert!(env.snapshot().is_empty(), "{what}");
        assert_no_secrets(&e, &[PASSWORD]);
    }
}

#[test]
fn malformed_replies_to_other_calls_are_named_errors() {
    let auth = configured();
    let env = auth.env();
    env.push("SignUp", raw(200, "not json"));
    env.push("ConfirmSignUp", raw(200, "[]"));
    env.push("ResendConfirmationCode", raw(504, "Gateway Timeout"));
    let user = json!({ "username": "alice", "password": PASSWORD });
    assert_eq!(
        err(block_on(auth.sign_up(&user))).name,
        "UnexpectedServerResponseException"
    );
    assert_eq!(
        err(block_on(auth.confirm_sign_up(
            &json!({ "username": "alice", "confirmationCode": "1" }),
        )))
        .name,
        "UnexpectedServerResponseException"
    );
    let e = err(block_on(
        auth.resend_sign_up_code(&json!({ "username": "alice" })),
    ));
    assert_eq!(e.name, "ServerError");
    assert_eq!(e.http_status_code, Some(504));
    // Odd but well-formed success bodies are tolerated.
    env.push(
        "SignUp",
        ok(json!({ "UserConfirmed": "yes", "CodeDeliveryDetails": 5 })),
    );
    let r = block_on(auth.sign_up(&user)).unwrap();
    assert_eq!(r["isSignUpComplete"], false);
    assert_eq!(r["userId"], Value::Null);
}

// ===========================================================================
// Stored garbage: signed out or defaults, never a panic
// ===========================================================================

#[test]
fn stored_access_token_that_is_not_a_jwt_reads_as_signed_out() {
    for garbage in [
        "garbage",
        "a.b",
        "a.!!!.c",
        // payload `[1,2]`: JSON, but not an object
        "eyJhbGciOiJub25lIn0.WzEsMl0.c2ln",
        "",
    ] {
        let auth = configured();
        let env = auth.env();
        seed_session(env, "alice", &fresh("g"));
        env.set(&key("alice", "accessToken"), garbage);
        assert_eq!(
            block_on(auth.fetch_auth_session(&Value::Null)).unwrap(),
            json!({}),
            "{garbage:?}"
        );
        assert_eq!(
            block_on(auth.get_current_user()).unwrap_err().name,
            "UserUnAuthenticatedException"
        );
        // A new sign-in is allowed.
        env.push(
            "InitiateAuth",
            ok(json!({ "AuthenticationResult": auth_result(&fresh("n")), "ChallengeParameters": {} })),
        );
        let r = block_on(auth.sign_in(&json!({
            "username": "alice", "password": PASSWORD,
            "options": { "authFlowType": "USER_PASSWORD_AUTH" }
        })))
        .unwrap();
        assert_eq!(r["isSignedIn"], true, "{garbage:?}");
    }
}

#[test]
fn stored_garbage_id_token_or_missing_access_token_reads_as_signed_out() {
    let auth = configured();
    let env = auth.env();
    seed_session(env, "alice", &fresh("g"));
    env.set(&key("alice", "idToken"), "not-a-jwt");
    assert_eq!(
        block_on(auth.fetch_auth_session(&Value::Null)).unwrap(),
        json!({})
    );
    env.storage.borrow_mut().clear();
    env.set(&last_user_key(), "alice");
    assert_eq!(
        block_on(auth.fetch_auth_session(&Value::Null)).unwrap(),
        json!({})
    );
    // Tokens under a user that is not LastAuthUser are not this session.
    env.set(&last_user_key(), "bob");
    env.set(&key("alice", "accessToken"), &fresh("x").access);
    assert_eq!(
        block_on(auth.fetch_auth_session(&Value::Null)).unwrap(),
        json!({})
    );
    assert!(env.requests().is_empty());
}

#[test]
fn stored_sign_in_details_that_are_not_json_are_left_out() {
    let auth = configured();
    let env = auth.env();
    let t = fresh("details");
    seed_session(env, "alice", &t);
    env.set(&key("alice", "signInDetails"), "{not json");
    assert_eq!(
        block_on(auth.fetch_auth_session(&Value::Null)).unwrap(),
        json!({ "tokens": { "accessToken": t.access, "idToken": t.id }, "userSub": SUB })
    );
    assert_eq!(
        block_on(auth.get_current_user()).unwrap(),
        json!({ "username": "alice", "userId": SUB })
    );
}

#[test]
fn stored_clock_drift_that_is_not_a_number_counts_as_zero() {
    for drift in ["abc", "", "NaN", "1e309", "12.5.3"] {
        // A valid token stays valid…
        let auth = configured();
        let env = auth.env();
        seed_session(env, "alice", &fresh("drift"));
        env.set(&key("alice", "clockDrift"), drift);
        assert!(block_on(auth.fetch_auth_session(&Value::Null)).unwrap()["tokens"].is_object());
        assert!(env.requests().is_empty(), "{drift:?}");
        // …and an expired one is refreshed (Amplify's NaN would never expire it).
        let auth = configured();
        let env = auth.env();
        seed_session(env, "alice", &expired("drift"));
        env.set(&key("alice", "clockDrift"), drift);
        env.push(
            "GetTokensFromRefreshToken",
            ok(json!({ "AuthenticationResult": auth_result_without_refresh(&fresh("r")) })),
        );
        block_on(auth.fetch_auth_session(&Value::Null)).unwrap();
        assert_eq!(env.ops(), ["GetTokensFromRefreshToken"], "{drift:?}");
        assert_eq!(
            env.get(&key("alice", "clockDrift")).as_deref(),
            Some("-123")
        );
    }
}

#[test]
fn stored_tokens_without_exp_count_as_expired() {
    let auth = configured();
    let env = auth.env();
    let t = Tokens {
        access: jwt(json!({ "sub": SUB, "username": "alice", "iat": NOW_S })),
        id: id_jwt("alice", NOW_S, NOW_S + 3600, "noexp"),
        refresh: "refresh-noexp".into(),
    };
    seed_session(env, "alice", &t);
    env.push(
        "GetTokensFromRefreshToken",
        ok(json!({ "AuthenticationResult": auth_result_without_refresh(&fresh("r")) })),
    );
    block_on(auth.fetch_auth_session(&Value::Null)).unwrap();
    assert_eq!(env.ops(), ["GetTokensFromRefreshToken"]);
}

// ===========================================================================
// Secrets
// ===========================================================================

#[test]
fn secrets_never_appear_in_errors() {
    let t = fresh("secret");
    let secrets = [
        PASSWORD,
        t.access.as_str(),
        t.id.as_str(),
        t.refresh.as_str(),
    ];
    let mut errors = Vec::new();
    let upa = json!({
        "username": "alice", "password": PASSWORD,
        "options": { "authFlowType": "USER_PASSWORD_AUTH" }
    });

    // Validation with a password present.
    let auth = configured();
    errors.push(err(block_on(
        auth.sign_in(&json!({ "username": "", "password": PASSWORD })),
    )));
    errors.push(err(block_on(
        auth.sign_up(&json!({ "username": "", "password": PASSWORD })),
    )));

    // Malformed replies that carry tokens.
    for reply in [
        ok(json!({ "AuthenticationResult": { "AccessToken": t.refresh, "IdToken": t.id } })),
        ok(json!({ "AuthenticationResult": { "AccessToken": t.access, "IdToken": t.refresh } })),
        ok(json!({ "AuthenticationResult": { "IdToken": t.id, "RefreshToken": t.refresh } })),
        raw(
            200,
            &format!("{{\"AuthenticationResult\": \"{}\"", t.access),
        ),
        raw(500, &format!("<html>{}</html>", t.refresh)),
    ] {
        let auth = configured();
        auth.env().push("InitiateAuth", reply);
        errors.push(err(block_on(auth.sign_in(&upa))));
    }

    // SRP failures after the password was used.
    for (k, v) in [("SRP_B", "0"), ("SECRET_BLOCK", "!!"), ("SALT", "zz")] {
        let auth = configured();
        let mut c = password_verifier("alice", "alice", &simple_srp_b());
        c["ChallengeParameters"][k] = v.into();
        auth.env().push("InitiateAuth", ok(c));
        errors.push(err(block_on(
            auth.sign_in(&json!({ "username": "alice", "password": PASSWORD })),
        )));
    }

    // Refresh failures with the refresh token in flight.
    for reply in [
        network_down(),
        raw(200, "nope"),
        aws_error("TooManyRequestsException", "Rate exceeded"),
        aws_error("UserNotFoundException", "User does not exist."),
    ] {
        let auth = configured();
        seed_session(
            auth.env(),
            "alice",
            &tokens_for("alice", NOW_S - 7200, NOW_S - 3600, "secret"),
        );
        auth.env().push("GetTokensFromRefreshToken", reply);
        errors.push(err(block_on(auth.fetch_auth_session(&Value::Null))));
    }

    // Sign-out failures.
    let auth = configured();
    seed_session(auth.env(), "alice", &t);
    auth.env().push("RevokeToken", network_down());
    let r = block_on(auth.sign_out(&Value::Null)).unwrap();
    for s in secrets {
        assert!(!r.to_string().contains(s));
    }

    assert_eq!(errors.len(), 14);
    for e in &errors {
        assert_no_secrets(e, &secrets);
    }

    // The stored session's Debug output is redacted too.
    let env = FakeEnv::new();
    seed_session(&env, "alice", &t);
    let s = block_on(session::load(&env, CLIENT_ID)).unwrap().unwrap();
    let dbg = format!("{s:?}");
    for secret in &secrets[1..] {
        assert!(!dbg.contains(secret), "{dbg}");
    }
}

// ===========================================================================
// Concurrency (two calls interleaved on one thread, as in a browser)
// ===========================================================================

#[test]

fn concurrent_refreshes_do_not_lose_the_rotated_session() {
    // Two fetchAuthSession calls at page load, refresh-token rotation on with no
    // grace period: the first refresh rotates the token; the second, sent with the
    // old token, is refused with RefreshTokenReuseException (a "dead session" error).
    let auth = configured();
    let env = auth.env();
    let old = expired("old");
    seed_session(env, "alice", &old);
    env.yield_on_send.set(true);
    let new = fresh("rotated");
    env.push(
        "GetTokensFromRefreshToken",
        ok(json!({ "AuthenticationResult": auth_result(&new) })),
    );
    env.push(
        "GetTokensFromRefreshToken",
        aws_error(
            "RefreshTokenReuseException",
            "Refresh token has been invalidated by rotation",
        ),
    );
    let (a, b) = join2(
        auth.fetch_auth_session(&Value::Null),
        auth.fetch_auth_session(&Value::Null),
    );
    assert_eq!(a.unwrap()["tokens"]["accessToken"], new.access.as_str());
    assert_eq!(
        env.get(&key("alice", "refreshToken")).as_deref(),
        Some(new.refresh.as_str()),
        "the rotated session must survive the stale refresh's failure"
    );
    assert_eq!(
        b.unwrap()["tokens"]["accessToken"],
        new.access.as_str(),
        "the second caller should get the refreshed session (Amplify de-duplicates the refresh)"
    );
}

#[test]

fn sign_out_during_a_refresh_stays_signed_out() {
    let auth = configured();
    let env = auth.env();
    seed_session(env, "alice", &expired("old"));
    seed_device_and_other_keys(env, "alice");
    env.yield_on_send.set(true);
    env.push("RevokeToken", ok(json!({})));
    env.push(
        "GetTokensFromRefreshToken",
        ok(json!({ "AuthenticationResult": auth_result(&fresh("late")) })),
    );
    // signOut's RevokeToken is answered first, then the refresh completes.
    let (out, _) = join2(
        auth.sign_out(&Value::Null),
        auth.fetch_auth_session(&Value::Null),
    );
    assert_eq!(out.unwrap(), json!({}));
    let mut ops = env.ops();
    ops.sort();
    assert_eq!(ops, ["GetTokensFromRefreshToken", "RevokeToken"]);
    env.yield_on_send.set(false);
    assert_eq!(
        env.snapshot(),
        device_and_other_keys("alice"),
        "signOut returned, so no session may be stored afterwards"
    );
    assert_eq!(
        block_on(auth.fetch_auth_session(&Value::Null)).unwrap(),
        json!({})
    );
}

#[test]
fn interleaved_calls_without_a_conflict_both_complete() {
    // The join2 harness itself: two independent reads and a sign-up interleave fine.
    let auth = configured();
    let env = auth.env();
    let t = fresh("both");
    seed_session(env, "alice", &t);
    env.yield_on_send.set(true);
    env.push(
        "SignUp",
        ok(json!({ "UserConfirmed": true, "UserSub": SUB })),
    );
    let (s, u) = join2(
        auth.fetch_auth_session(&Value::Null),
        auth.sign_up(&json!({ "username": "bob", "password": PASSWORD })),
    );
    assert_eq!(s.unwrap()["tokens"]["accessToken"], t.access.as_str());
    assert_eq!(u.unwrap()["isSignUpComplete"], true);
}

// ===========================================================================
// confirmSignIn error mapping
// ===========================================================================

#[test]

fn confirm_sign_in_maps_unconfirmed_and_reset_required_like_amplify() {
    for (code, step) in [
        ("PasswordResetRequiredException", "RESET_PASSWORD"),
        ("UserNotConfirmedException", "CONFIRM_SIGN_UP"),
    ] {
        let auth = configured();
        let env = auth.env();
        env.push(
            "InitiateAuth",
            ok(json!({
                "ChallengeName": "NEW_PASSWORD_REQUIRED",
                "Session": "s",
                "ChallengeParameters": { "USER_ID_FOR_SRP": "alice", "requiredAttributes": "[]", "userAttributes": "{}" }
            })),
        );
        block_on(auth.sign_in(&json!({
            "username": "alice", "password": PASSWORD, "options": { "authFlowType": "USER_PASSWORD_AUTH" }
        })))
        .unwrap();
        env.push("RespondToAuthChallenge", aws_error(code, "x"));
        let r = block_on(auth.confirm_sign_in(&json!({ "challengeResponse": "N3w-Passw0rd!" })));
        assert_eq!(
            r.unwrap(),
            json!({ "isSignedIn": false, "nextStep": { "signInStep": step } }),
            "{code}"
        );
    }
}

#[test]
fn transient_failures_are_retried_with_backoff_then_succeed() {
    // 503, then throttling, then success: three attempts, two growing delays.
    let auth = configured();
    let env = auth.env();
    env.push("SignUp", raw(503, "{}"));
    env.push(
        "SignUp",
        aws_error("TooManyRequestsException", "Too many requests"),
    );
    env.push(
        "SignUp",
        ok(json!({ "UserConfirmed": true, "UserSub": "sub-1" })),
    );
    let r = block_on(auth.sign_up(&json!({ "username": "u", "password": "Passw0rd!" }))).unwrap();
    assert_eq!(r["isSignUpComplete"], true);
    assert_eq!(env.ops(), ["SignUp", "SignUp", "SignUp"]);
    let sleeps = env.sleeps.borrow().clone();
    assert_eq!(sleeps.len(), 2);
    assert!((200..=300).contains(&sleeps[0]), "{sleeps:?}");
    assert!((400..=500).contains(&sleeps[1]), "{sleeps:?}");
}

#[test]
fn retries_stop_after_three_attempts_and_name_the_error() {
    let auth = configured();
    let env = auth.env();
    env.push("ResendConfirmationCode", network_down());
    let e = block_on(auth.resend_sign_up_code(&json!({ "username": "u" }))).unwrap_err();
    assert_eq!(e.name, "NetworkError");
    assert!(e.message.contains("3 attempts"), "{}", e.message);
    assert_eq!(env.ops().len(), 3);
}

#[test]
fn client_errors_are_not_retried() {
    let auth = configured();
    let env = auth.env();
    env.push(
        "ConfirmSignUp",
        aws_error(
            "CodeMismatchException",
            "Invalid verification code provided",
        ),
    );
    let e = block_on(auth.confirm_sign_up(&json!({ "username": "u", "confirmationCode": "1" })))
        .unwrap_err();
    assert_eq!(e.name, "CodeMismatchException");
    assert_eq!(env.ops().len(), 1);
    assert!(env.sleeps.borrow().is_empty());
}
