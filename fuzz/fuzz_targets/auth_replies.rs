//! `Auth` driven through signIn / confirmSignIn / fetchAuthSession / getCurrentUser
//! / signOut against a scripted server whose replies (status, error type, body;
//! at most 6, then no reply at all) come from the fuzzer. Never panics; every
//! error is named; every request is a JSON object to a Cognito operation; a
//! signIn that reports DONE has stored the session.
//!
//! The input is text, so seeds are readable Cognito exchanges:
//!
//! ```text
//! op signin USER_SRP_AUTH          (op signin FLOW [PREFERRED|-] [nopw])
//! op confirm 123456                (op confirm ANSWER)
//! op fetch force                   (op fetch [force] | op user | op signout [global]
//!                                   | op prepare: computes the next sign-in's A)
//! set .alice.deviceKey us-east-1_d (localStorage; a leading '.' means
//!                                   CognitoIdentityServiceProvider.<clientId>.)
//! tab CognitoSignInState.username alice   (sessionStorage)
//! now 1767582245123                (clock, ms)   fail 3   (storage call 3 fails)
//! cfg identity                     (with an identity pool, guests allowed;
//!                                   `cfg identity-noguest`: guests not allowed)
//! === 200                          (a reply: status [x-amzn-errortype] or `net`)
//! {"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"SRP_B":"$B",...}}
//! ```
//!
//! At most 4 ops (none: `op signin USER_PASSWORD_AUTH`, which needs no SRP, so
//! random inputs run fast). `$AT` `$IT` `$XT` `$RT` `$B` `$SALT` `$BLOCK` expand
//! to a valid access token, id token, expired access token, refresh token, SRP_B,
//! salt and secret block.
#![no_main]
use cognito_wasm::core::auth::Auth;
use cognito_wasm::core::env::HttpResponse;
use cognito_wasm::core::error::AuthError;
use cognito_wasm::core::jwt::decode_payload;
use cognito_wasm::core::session::{last_user_key, user_key};
use cognito_wasm_fuzz::*;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

const MAX_REPLIES: usize = 6;
const MAX_OPS: usize = 4;

fn storage_key(k: &str) -> String {
    match k.strip_prefix('.') {
        Some(rest) => format!("{PREFIX}.{CLIENT_ID}.{rest}"),
        None => k.to_string(),
    }
}

fn reply(head: &str, body: &str) -> Result<HttpResponse, AuthError> {
    let mut w = head.split_whitespace();
    let status = w.next().unwrap_or("200");
    if status == "net" {
        return Err(AuthError::network("fuzz: connection reset"));
    }
    Ok(HttpResponse {
        status: status.parse().unwrap_or(200),
        request_id: Some("8c3a7f2e-1b4d-4e5f-9a6b-7c8d9e0f1a2b".into()),
        error_type: w.next().map(str::to_string),
        body: expand(body),
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let env = FuzzEnv::default();
    let mut identity: Option<bool> = None;
    let mut ops: Vec<Vec<String>> = Vec::new();
    let mut replies: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        if let Some(head) = line.strip_prefix("===") {
            replies.push((head.trim().to_string(), String::new()));
            continue;
        }
        if let Some((_, body)) = replies.last_mut() {
            body.push_str(line);
            continue;
        }
        let line = line.trim_end_matches(['\r', '\n']);
        let mut w = line.splitn(3, ' ');
        match (w.next(), w.next(), w.next()) {
            (Some("op"), Some(rest), more) => {
                let mut op = vec![rest.to_string()];
                op.extend(more.unwrap_or("").split_whitespace().map(str::to_string));
                ops.push(op);
            }
            (Some("set"), Some(k), v) => env.set(&storage_key(k), &expand(v.unwrap_or(""))),
            (Some("tab"), Some(k), v) => {
                env.transient
                    .borrow_mut()
                    .insert(k.into(), expand(v.unwrap_or("")));
            }
            (Some("now"), Some(ms), _) => env.now.set(ms.parse().unwrap_or(NOW_MS)),
            (Some("fail"), Some(n), _) => env.storage_fail_at.set(n.parse().ok()),
            (Some("cfg"), Some(c), _) => identity = Some(c == "identity"),
            _ => {}
        }
    }
    if ops.is_empty() {
        ops.push(vec!["signin".into(), "USER_PASSWORD_AUTH".into()]);
    }
    ops.truncate(MAX_OPS);
    for (head, body) in replies.iter().take(MAX_REPLIES) {
        env.replies.borrow_mut().push_back(reply(head, body));
    }

    let auth = Auth::new(env);
    let mut cognito = json!({ "userPoolId": POOL_ID, "userPoolClientId": CLIENT_ID });
    if let Some(guests) = identity {
        cognito["identityPoolId"] = IDENTITY_POOL_ID.into();
        cognito["allowGuestAccess"] = guests.into();
    }
    auth.configure(&json!({ "Auth": { "Cognito": cognito } }))
        .expect("the fixed config is valid");

    for op in &ops {
        let arg = |i: usize| op.get(i).map(String::as_str);
        let result = match op[0].as_str() {
            "signin" => {
                let flow = arg(1).unwrap_or("USER_SRP_AUTH");
                let mut options = json!({ "authFlowType": flow });
                if let Some(p) = arg(2).filter(|p| *p != "-") {
                    options["preferredChallenge"] = p.into();
                }
                let mut input = json!({ "username": "alice", "options": options });
                if arg(3) != Some("nopw") {
                    input["password"] = PASSWORD.into();
                }
                let r = block_on(auth.sign_in(&input));
                if let Ok(v) = &r {
                    if v["nextStep"]["signInStep"] == "DONE" {
                        assert_eq!(v["isSignedIn"], true);
                        let env = auth.env();
                        let user = env
                            .storage
                            .borrow()
                            .get(&last_user_key(CLIENT_ID))
                            .cloned()
                            .expect("signed in, but no LastAuthUser stored");
                        let at = env
                            .storage
                            .borrow()
                            .get(&user_key(CLIENT_ID, &user, "accessToken"))
                            .cloned()
                            .expect("signed in, but no access token stored");
                        decode_payload(&at).expect("the stored access token is a JWT");
                    }
                }
                r
            }
            "confirm" => {
                let answer = arg(1).unwrap_or("");
                block_on(auth.confirm_sign_in(&json!({ "challengeResponse": answer })))
            }
            "fetch" => block_on(
                auth.fetch_auth_session(&json!({ "forceRefresh": arg(1) == Some("force") })),
            ),
            "user" => block_on(auth.get_current_user()),
            "prepare" => auth.prepare_sign_in(),
            "signout" => block_on(auth.sign_out(&json!({ "global": arg(1) == Some("global") }))),
            _ => continue,
        };
        trace!(
            "{op:?} -> {}",
            match &result {
                Ok(v) => v.to_string(),
                Err(e) => format!("Err({}: {})", e.name, e.message),
            }
        );
        if let Err(e) = &result {
            check_error(e);
        }
    }

    trace!(
        "requests: {:?}",
        auth.env()
            .requests
            .borrow()
            .iter()
            .map(|r| r
                .headers
                .iter()
                .find(|(k, _)| *k == "X-Amz-Target")
                .map(|(_, v)| v.clone()))
            .collect::<Vec<_>>()
    );
    for req in auth.env().requests.borrow().iter() {
        let target = req
            .headers
            .iter()
            .find(|(k, _)| *k == "X-Amz-Target")
            .map(|(_, v)| v.as_str())
            .expect("X-Amz-Target");
        if target.starts_with("AWSCognitoIdentityService.") {
            assert!(
                identity.is_some(),
                "identity pool call without an identity pool: {target}"
            );
            assert_eq!(req.url, "https://cognito-identity.us-east-1.amazonaws.com/");
        } else {
            assert!(
                target.starts_with("AWSCognitoIdentityProviderService."),
                "{target}"
            );
            assert_eq!(req.url, "https://cognito-idp.us-east-1.amazonaws.com/");
        }
        let body: Value = serde_json::from_str(&req.body).expect("request body is JSON");
        assert!(body.is_object(), "request body is not an object: {body}");
    }
});
