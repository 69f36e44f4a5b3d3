//! Writes the hand-made seeds of every target into `fuzz/corpus/<target>/seed-*`:
//! realistic Cognito replies, stored sessions, configurations and SRP challenges.
//! Run from `fuzz/`: `cargo run --example seeds`. The structured targets read a
//! tape (`cognito_wasm_fuzz::Tape`); these seeds are written with `TapeWriter`
//! in the same order the targets read.
use cognito_wasm_fuzz::*;
use serde_json::json;
use std::fs;
use std::path::Path;

fn write(target: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(target);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join(format!("seed-{name}")), bytes).unwrap();
}

fn tape(f: impl FnOnce(&mut TapeWriter)) -> Vec<u8> {
    let mut w = TapeWriter::default();
    f(&mut w);
    w.0
}

const VERIFIER: &str = r#"{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"SALT":"$SALT","SECRET_BLOCK":"$BLOCK","SRP_B":"$B","USERNAME":"alice","USER_ID_FOR_SRP":"alice"}}"#;
const TOKENS: &str = r#"{"AuthenticationResult":{"AccessToken":"$AT","ExpiresIn":3600,"IdToken":"$IT","RefreshToken":"$RT","TokenType":"Bearer"},"ChallengeParameters":{}}"#;
const CREDS: &str = r#"{"IdentityId":"us-east-1:5a6b7c8d-1111-4222-8333-944455556666","Credentials":{"AccessKeyId":"FUZZEXAMPLEACCESSKEY","SecretKey":"fuzz-example-secret-access-key-not-real","SessionToken":"fuzz-example-session-token","Expiration":1767585845}}"#;
const STORED: &str = "set .LastAuthUser alice\nset .alice.accessToken $XT\nset .alice.idToken $IT\nset .alice.refreshToken $RT\nset .alice.clockDrift -42\nset .alice.signInDetails {\"loginId\":\"alice\",\"authFlowType\":\"USER_SRP_AUTH\"}\n";

fn protocol_response() {
    type Seed<'a> = (&'a str, u16, Option<&'a str>, Option<&'a str>, &'a str);
    let seeds: [Seed; 9] = [
        ("verifier", 200, Some("8c3a7f2e-1b4d-4e5f-9a6b-7c8d9e0f1a2b"), None, &expand(VERIFIER)),
        ("tokens", 200, Some("r1"), None, &expand(TOKENS)),
        ("empty-ok", 200, None, None, ""),
        ("not-authorized", 400, Some("r2"), None, r#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#),
        ("errortype-header", 400, Some("r3"), Some("CodeMismatchException:http://internal.amazon.com/coral/com.amazonaws.cognito.identity.idp.model/"), r#"{"message":"Invalid verification code provided, please try again."}"#),
        ("qualified-type", 400, None, None, r#"{"__type":"com.amazonaws.cognito.identity.idp.model#ResourceNotFoundException","message":"User pool client 3n4b5urk1ft4fl3mg5e62d9ado does not exist."}"#),
        ("throttled", 429, Some("r4"), Some("TooManyRequestsException"), r#"{"__type":"TooManyRequestsException","Message":"Rate exceeded"}"#),
        ("gateway", 502, None, None, "<html><body>502 Bad Gateway</body></html>"),
        ("array-ok", 200, None, None, "[1,2]"),
    ];
    for (name, status, rid, et, body) in seeds {
        write(
            "protocol_response",
            name,
            &tape(|w| {
                w.u16(status)
                    .u8(rid.is_some() as u8 | (et.is_some() as u8) << 1);
                if let Some(r) = rid {
                    w.string(r);
                }
                if let Some(e) = et {
                    w.string(e);
                }
                w.rest(body.as_bytes());
            }),
        );
    }
}

fn jwt_seeds() {
    let far = now_s() + 3600;
    let claims =
        json!({"sub": SUB, "exp": far, "iat": now_s(), "username": "alice", "token_use": "access"})
            .to_string();
    let mut seeds: Vec<(&str, Vec<u8>)> = vec![
        (
            "access",
            [&[0u8][..], access_token("alice", far).as_bytes()].concat(),
        ),
        (
            "id",
            [&[0u8][..], id_token("alice", far).as_bytes()].concat(),
        ),
        (
            "refresh-jwe",
            [&[0u8][..], REFRESH_TOKEN.as_bytes()].concat(),
        ),
        (
            "two-parts",
            b"\0eyJhbGciOiJub25lIn0.eyJzdWIiOiJhYmMifQ".to_vec(),
        ),
        ("wrapped-claims", [&[1u8][..], claims.as_bytes()].concat()),
        ("wrapped-padded", [&[3u8][..], claims.as_bytes()].concat()),
        ("wrapped-array", b"\x01[1,{\"a\":null}]".to_vec()),
    ];
    seeds.push((
        "wrapped-unicode",
        [
            &[1u8][..],
            "{\"name\":\"J\u{f6}rg \u{1f600}\",\"n\":1e400}".as_bytes(),
        ]
        .concat(),
    ));
    for (name, bytes) in seeds {
        write("jwt", name, &bytes);
    }
}

fn config_seeds() {
    let seeds = [
        (
            "v6",
            0u8,
            json!({"Auth": {"Cognito": {"userPoolId": "eu-west-2_Abc123", "userPoolClientId": "client1", "userPoolEndpoint": "http://127.0.0.1:4566", "identityPoolId": "eu-west-2:1234", "allowGuestAccess": true, "signUpVerificationMethod": "code", "loginWith": {"email": true, "oauth": {"domain": "d.auth.eu-west-2.amazoncognito.com", "scopes": ["openid"], "redirectSignIn": ["http://localhost:3000/"], "redirectSignOut": ["http://localhost:3000/"], "responseType": "code"}}, "userAttributes": {"email": {"required": true}}, "passwordFormat": {"minLength": 8, "requireNumbers": true}, "mfa": {"status": "optional", "totpEnabled": true}}}}),
        ),
        (
            "gen1",
            0,
            json!({"aws_project_region": "us-east-1", "aws_cognito_region": "us-east-1", "aws_user_pools_id": "us-east-1_Pool1", "aws_user_pools_web_client_id": "abc", "aws_cognito_identity_pool_id": "us-east-1:1234", "aws_mandatory_sign_in": "enable", "aws_cognito_username_attributes": ["EMAIL"], "aws_cognito_signup_attributes": ["EMAIL", "NAME"], "aws_cognito_mfa_configuration": "OPTIONAL", "aws_cognito_mfa_types": ["SMS", "TOTP"], "aws_cognito_password_protection_settings": {"passwordPolicyMinLength": 8, "passwordPolicyCharacters": ["REQUIRES_NUMBERS", "REQUIRES_SYMBOLS"]}, "aws_cognito_social_providers": ["GOOGLE", "LOGIN_WITH_AMAZON"], "aws_cognito_verification_mechanisms": ["EMAIL"], "oauth": {"domain": "x.auth.us-east-1.amazoncognito.com", "scope": ["openid", "email"], "redirectSignIn": "http://localhost:3000/,https://app/", "redirectSignOut": "http://localhost:3000/", "responseType": "code"}}),
        ),
        (
            "gen2",
            0,
            json!({"version": "1.3", "auth": {"aws_region": "us-west-2", "user_pool_id": "us-west-2_Gen2", "user_pool_client_id": "cid", "identity_pool_id": "us-west-2:abc", "user_pool_endpoint": "https://cognito-idp.us-west-2.amazonaws.com/", "unauthenticated_identities_enabled": true, "username_attributes": ["email"], "standard_required_attributes": ["email"], "user_verification_types": ["email"], "password_policy": {"min_length": 10, "require_symbols": true, "require_numbers": "true"}, "mfa_configuration": "OPTIONAL", "mfa_methods": ["TOTP", "SMS"], "oauth": {"identity_providers": ["GOOGLE", "SIGN_IN_WITH_APPLE"], "domain": "d.auth.us-west-2.amazoncognito.com", "scopes": ["openid"], "redirect_sign_in_uri": ["http://localhost:3000/"], "redirect_sign_out_uri": ["http://localhost:3000/"], "response_type": "code"}}}),
        ),
        (
            "under-cognito",
            1,
            json!({"userPoolId": " cn-north-1_X1 ", "userPoolClientId": "c", "mfa": {"status": "on"}}),
        ),
        (
            "cognito-bad-endpoint",
            2,
            json!({"userPoolEndpoint": "ftp://x", "loginWith": 5}),
        ),
        (
            "gen1-fields",
            3,
            json!({"aws_cognito_username_attributes": "PHONE_NUMBER", "aws_cognito_mfa_configuration": "ON", "aws_cognito_mfa_types": ["EMAIL"], "aws_cognito_password_protection_settings": {"passwordPolicyMinLength": "12"}, "oauth": {"domain": "d", "redirectSignIn": ["a", "b"]}}),
        ),
        (
            "gen2-fields",
            4,
            json!({"username_attributes": ["phone_number", "username"], "password_policy": {"min_length": 6}, "mfa_configuration": "ON", "mfa_methods": ["SMS"], "oauth": {"domain": "d", "identity_providers": ["FACEBOOK"]}}),
        ),
        ("gen2-missing", 5, json!({"user_pool_id": "us-east-1_a"})),
    ];
    for (name, mode, v) in seeds {
        write(
            "config",
            name,
            &[&[mode][..], v.to_string().as_bytes()].concat(),
        );
    }
}

// stored_session: entry helpers in the target's tape order.
fn last_user(w: &mut TapeWriter, user: u8) {
    w.u8(0).u8(1).u8(user); // key LastAuthUser; value = user(choice)
}
fn field(w: &mut TapeWriter, user: u8, field: u8) {
    w.u8(1).u8(user).u8(field);
}
fn stored_session() {
    let head = |w: &mut TapeWriter, fail: u8, n: u8| {
        w.u8(0).u8(0).u8(fail).u8(n);
    };
    // A full session and a remembered device, as Amplify writes them.
    let full = |fail: u8| {
        tape(|w| {
            head(w, fail, 9);
            last_user(w, 0);
            field(w, 0, 0);
            w.u8(8).u8(0); // accessToken: valid
            field(w, 0, 1);
            w.u8(8).u8(1); // idToken: valid
            field(w, 0, 2);
            w.u8(8).u8(3); // refreshToken
            field(w, 0, 3);
            w.u8(5).u64(-1234i64 as u64).u8(0); // clockDrift
            field(w, 0, 4);
            w.u8(6).bool(true).u8(0); // signInDetails
            field(w, 0, 5);
            w.u8(0)
                .string("us-east-1_f1d2e3c4-5b6a-4789-9abc-def012345678");
            field(w, 0, 6);
            w.u8(0).string("-abcdEFGh1");
            field(w, 0, 7);
            w.u8(0)
                .string("q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c2v3b4n5m6==");
        })
    };
    write("stored_session", "full", &full(0));
    write("stored_session", "storage-fails", &full(3));
    write(
        "stored_session",
        "expired-garbage-drift",
        &tape(|w| {
            head(w, 0, 4);
            last_user(w, 0);
            field(w, 0, 0);
            w.u8(8).u8(2); // expired access token
            field(w, 0, 3);
            w.u8(5).u64(7).u8(4); // "NaN"
            field(w, 0, 4);
            w.u8(6).bool(false).string("{\"loginId\":");
        }),
    );
    write(
        "stored_session",
        "near-jwts",
        &tape(|w| {
            head(w, 0, 3);
            last_user(w, 1); // the sub as username
                             // accessToken: a JWT with '=' padding; claims exp near, iat past, sub, usernames, origin_jti
            field(w, 1, 0);
            w.u8(3).u8(3).u8(2).u8(1).u8(1).u8(1).bool(true).u8(2);
            field(w, 1, 1);
            w.u8(0).string("not-a-jwt");
        }),
    );
    write(
        "stored_session",
        "built-claims",
        &tape(|w| {
            head(w, 0, 3);
            last_user(w, 3); // "a.b"
            field(w, 3, 0);
            w.u8(2).u8(1).u8(1).u8(2).u8(0).u8(0).bool(false);
            field(w, 3, 1);
            w.u8(4).bytes(b"{\"exp\":1e999}");
        }),
    );
    write(
        "stored_session",
        "other-client",
        &tape(|w| {
            w.u8(2)
                .string("x.y")
                .u8(3)
                .u64(-5_000i64 as u64)
                .u8(0)
                .u8(3);
            w.u8(0).u8(0).string("bob"); // LastAuthUser raw "bob"
            w.u8(3)
                .string("CognitoIdentityServiceProvider.x.y.bob.accessToken")
                .u8(8)
                .u8(0);
            w.u8(3)
                .string("CognitoIdentityServiceProvider.x.y.bob.deviceKey")
                .u8(7);
        }),
    );
}

// srp_challenge: hex value = choice, parameters, then the leading-zeros byte.
fn hex_bytes(w: &mut TapeWriter, b: &[u8]) {
    w.u8(1).bytes(b).u8(0);
}
fn srp_challenge() {
    let b: Vec<u8> = (0..384u32).map(|i| (i * 37 + 11) as u8 & 0x7f).collect();
    let salt = [
        0xa3, 0xf1, 0xc2, 0xd4, 0xe5, 0xb6, 0x07, 0x18, 0x29, 0x3a, 0x4b, 0x5c, 0x6d, 0x7e, 0x8f,
        0x90,
    ];
    let tail = |w: &mut TapeWriter, block: &[u8]| {
        w.u8(1).bytes(block); // SECRET_BLOCK: base64
        w.u8(0).string(SUB).string(PASSWORD).u8(0); // pool, user id, password, clock
    };
    let block = [7u8; 48];
    write(
        "srp_challenge",
        "valid",
        &tape(|w| {
            w.u8(0);
            hex_bytes(w, &salt);
            hex_bytes(w, &b);
            tail(w, &block);
        }),
    );
    write(
        "srp_challenge",
        "b-is-n",
        &tape(|w| {
            w.u8(0);
            hex_bytes(w, &salt);
            w.u8(3).u8(3).u8(0);
            tail(w, &block);
        }),
    );
    write(
        "srp_challenge",
        "b-is-zero",
        &tape(|w| {
            w.u8(0);
            hex_bytes(w, &salt);
            w.u8(3).u8(0).u8(0);
            tail(w, &block);
        }),
    );
    write(
        "srp_challenge",
        "b-over-3072-bits",
        &tape(|w| {
            w.u8(0);
            hex_bytes(w, &salt);
            w.u8(3).u8(6).u8(0);
            tail(w, &block);
        }),
    );
    write(
        "srp_challenge",
        "leading-zeros",
        &tape(|w| {
            w.u8(0);
            hex_bytes(w, &salt);
            w.u8(1).bytes(&b).u8(240);
            tail(w, &block);
        }),
    );
    write(
        "srp_challenge",
        "lengths",
        &tape(|w| {
            w.u8(0);
            w.u8(4).u8(6).bytes(b"\x12\x34").u8(0);
            w.u8(4).u8(5).bytes(&[0xc3, 0x5a]).u8(0);
            tail(w, &block);
        }),
    );
    write(
        "srp_challenge",
        "odd-upper",
        &tape(|w| {
            w.u8(0);
            w.u8(5).bytes(&salt).u8(0);
            w.u8(2).bytes(&b).u8(0);
            tail(w, &block);
        }),
    );
    write(
        "srp_challenge",
        "device",
        &tape(|w| {
            w.u8(2);
            hex_bytes(w, &salt);
            hex_bytes(w, &b);
            w.u8(2).bytes(&block);
            w.u8(3)
                .string("us-east-1_f1d2e3c4")
                .string("q1w2e3r4t5y6u7i8o9p0==")
                .u8(3)
                .u64(1_767_582_245_123f64.to_bits());
        }),
    );
    write(
        "srp_challenge",
        "random-a",
        &tape(|w| {
            w.u8(1).bytes(&[0x99; 128]);
            hex_bytes(w, &salt);
            hex_bytes(w, &b);
            tail(w, &block);
        }),
    );
}

fn auth_replies() {
    let tokens_device = TOKENS.replace(
        "\"TokenType\"",
        "\"NewDeviceMetadata\":{\"DeviceKey\":\"us-east-1_f1d2e3c4-5b6a\",\"DeviceGroupKey\":\"-abcdEFGh1\"},\"TokenType\"",
    );
    let device = "set .alice.deviceKey us-east-1_f1d2e3c4-5b6a\nset .alice.deviceGroupKey -abcdEFGh1\nset .alice.randomPasswordKey q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c2v3b4n5m6==\n";
    let err = |t: &str, m: &str| format!("{{\"__type\":\"{t}\",\"message\":\"{m}\"}}");
    let seeds: Vec<(&str, String)> = vec![
        ("srp-success", format!("op prepare\nop signin USER_SRP_AUTH\nop fetch\n=== 200\n{VERIFIER}\n=== 200\n{TOKENS}\n")),
        ("srp-new-device", format!("op signin USER_SRP_AUTH\nop user\n=== 200\n{VERIFIER}\n=== 200\n{tokens_device}\n=== 200\n{{\"UserConfirmationNecessary\":false}}\n")),
        ("srp-wrong-password", format!("op signin USER_SRP_AUTH\n=== 200\n{VERIFIER}\n=== 400\n{}\n", err("NotAuthorizedException", "Incorrect username or password."))),
        ("device-srp", format!("{device}op signin USER_SRP_AUTH\n=== 200\n{VERIFIER}\n=== 200\n{{\"ChallengeName\":\"DEVICE_SRP_AUTH\",\"Session\":\"s1\",\"ChallengeParameters\":{{}}}}\n=== 200\n{{\"ChallengeName\":\"DEVICE_PASSWORD_VERIFIER\",\"Session\":\"s2\",\"ChallengeParameters\":{{\"SALT\":\"$SALT\",\"SECRET_BLOCK\":\"$BLOCK\",\"SRP_B\":\"$B\",\"USERNAME\":\"alice\"}}}}\n=== 200\n{TOKENS}\n")),
        ("stale-device", format!("{device}op signin USER_PASSWORD_AUTH\n=== 400\n{}\n=== 200\n{TOKENS}\n", err("ResourceNotFoundException", "Device does not exist."))),
        ("sms-mfa", format!("op signin USER_PASSWORD_AUTH\nop confirm 123456\n=== 200\n{{\"ChallengeName\":\"SMS_MFA\",\"Session\":\"AYABeC\",\"ChallengeParameters\":{{\"CODE_DELIVERY_DELIVERY_MEDIUM\":\"SMS\",\"CODE_DELIVERY_DESTINATION\":\"+*******1234\",\"USER_ID_FOR_SRP\":\"alice\"}}}}\n=== 200\n{TOKENS}\n")),
        ("mfa-setup-totp", format!("op signin USER_PASSWORD_AUTH\nop confirm 123456\n=== 200\n{{\"ChallengeName\":\"MFA_SETUP\",\"Session\":\"s1\",\"ChallengeParameters\":{{\"MFAS_CAN_SETUP\":\"[\\\"SOFTWARE_TOKEN_MFA\\\"]\",\"USER_ID_FOR_SRP\":\"alice\"}}}}\n=== 200\n{{\"SecretCode\":\"JBSWY3DPEHPK3PXP\",\"Session\":\"s2\"}}\n=== 200\n{{\"Status\":\"SUCCESS\",\"Session\":\"s3\"}}\n=== 200\n{TOKENS}\n")),
        ("select-mfa-type", format!("op signin USER_PASSWORD_AUTH\nop confirm TOTP\nop confirm 654321\n=== 200\n{{\"ChallengeName\":\"SELECT_MFA_TYPE\",\"Session\":\"s1\",\"ChallengeParameters\":{{\"MFAS_CAN_CHOOSE\":\"[\\\"SMS_MFA\\\",\\\"SOFTWARE_TOKEN_MFA\\\",\\\"EMAIL_OTP\\\"]\"}}}}\n=== 200\n{{\"ChallengeName\":\"SOFTWARE_TOKEN_MFA\",\"Session\":\"s2\",\"ChallengeParameters\":{{}}}}\n=== 200\n{TOKENS}\n")),
        ("user-auth-select", format!("op signin USER_AUTH - nopw\nop confirm PASSWORD_SRP\nop confirm {PASSWORD}\n=== 200\n{{\"ChallengeName\":\"SELECT_CHALLENGE\",\"Session\":\"s1\",\"AvailableChallenges\":[\"PASSWORD_SRP\",\"EMAIL_OTP\",\"WEB_AUTHN\"],\"ChallengeParameters\":{{}}}}\n=== 200\n{VERIFIER}\n=== 200\n{TOKENS}\n")),
        ("new-password", format!("op signin USER_PASSWORD_AUTH\nop confirm N3w-Passw0rd!\n=== 200\n{{\"ChallengeName\":\"NEW_PASSWORD_REQUIRED\",\"Session\":\"s1\",\"ChallengeParameters\":{{\"USER_ID_FOR_SRP\":\"alice\",\"requiredAttributes\":\"[\\\"userAttributes.email\\\"]\",\"userAttributes\":\"{{\\\"email_verified\\\":\\\"true\\\"}}\"}}}}\n=== 200\n{TOKENS}\n")),
        ("custom-auth", format!("op signin CUSTOM_WITHOUT_SRP - nopw\nop confirm 42\n=== 200\n{{\"ChallengeName\":\"CUSTOM_CHALLENGE\",\"Session\":\"s1\",\"ChallengeParameters\":{{\"USERNAME\":\"alice\",\"question\":\"6*7\"}}}}\n=== 200\n{TOKENS}\n")),
        ("email-otp", format!("op signin USER_AUTH EMAIL_OTP nopw\nop confirm 12345678\n=== 200\n{{\"ChallengeName\":\"EMAIL_OTP\",\"Session\":\"s1\",\"ChallengeParameters\":{{\"CODE_DELIVERY_DELIVERY_MEDIUM\":\"EMAIL\",\"CODE_DELIVERY_DESTINATION\":\"a***@e***\"}}}}\n=== 400 CodeMismatchException\n{}\n", r#"{"message":"Invalid code received for user"}"#)),
        ("retries", format!("op signin USER_PASSWORD_AUTH\n=== net\n=== 500\n{}\n=== 429 TooManyRequestsException\n{{}}\n", err("InternalErrorException", "Internal error"))),
        ("pending-from-tab", format!("tab CognitoSignInState.username alice\ntab CognitoSignInState.challengeName SMS_OTP\ntab CognitoSignInState.signInSession s1\ntab CognitoSignInState.expiry 1767582400000\ntab CognitoSignInState.signInDetails {{\"loginId\":\"alice\",\"authFlowType\":\"USER_AUTH\"}}\nop confirm 123456\n=== 200\n{TOKENS}\n")),
        ("refresh", format!("{STORED}op fetch\nop user\n=== 200\n{{\"AuthenticationResult\":{{\"AccessToken\":\"$AT\",\"IdToken\":\"$IT\",\"ExpiresIn\":3600,\"TokenType\":\"Bearer\"}}}}\n")),
        ("refresh-fallback", format!("{STORED}{device}op fetch force\n=== 400 UnknownOperationException\n{{}}\n=== 200\n{{\"AuthenticationResult\":{{\"AccessToken\":\"$AT\",\"ExpiresIn\":3600}}}}\n")),
        ("refresh-revoked", format!("{STORED}op fetch\nop signin USER_PASSWORD_AUTH\n=== 400\n{}\n=== 200\n{TOKENS}\n", err("NotAuthorizedException", "Refresh Token has been revoked"))),
        ("signout", format!("{}op signout\nop fetch\n=== 200\n{{}}\n", STORED.replace("$XT", "$AT"))),
        ("already-signed-in", format!("{}op signin USER_SRP_AUTH\nop signout global\n=== 400\n{}\n", STORED.replace("$XT", "$AT"), err("NotAuthorizedException", "Access Token has been revoked"))),
        ("guest-credentials", format!("cfg identity\nop fetch\nop fetch\n=== 200\n{{\"IdentityId\":\"us-east-1:5a6b7c8d-1111-4222-8333-944455556666\"}}\n=== 200\n{CREDS}\n")),
        ("user-credentials", format!("cfg identity-noguest\n{STORED}op fetch force\nop fetch\n=== 200\n{{\"AuthenticationResult\":{{\"AccessToken\":\"$AT\",\"IdToken\":\"$IT\",\"ExpiresIn\":3600}}}}\n=== 200\n{{\"IdentityId\":\"us-east-1:5a6b7c8d-1111-4222-8333-944455556666\"}}\n=== 200\n{CREDS}\n")),
        ("stale-guest-identity", format!("cfg identity\nset com.amplify.Cognito.{IDENTITY_POOL_ID}.identityId us-east-1:00000000-dead-4bad-8bad-000000000000\nop fetch\n=== 400\n{}\n=== 200\n{{\"IdentityId\":\"us-east-1:5a6b7c8d-1111-4222-8333-944455556666\"}}\n=== 200\n{CREDS}\n", err("ResourceNotFoundException", "Identity 'us-east-1:00000000-dead-4bad-8bad-000000000000' not found."))),
        ("storage-fails", format!("fail 4\nop signin USER_PASSWORD_AUTH\nop fetch\n=== 200\n{TOKENS}\n")),
    ];
    for (name, text) in seeds {
        write("auth_replies", name, text.as_bytes());
    }
}

fn main() {
    protocol_response();
    jwt_seeds();
    config_seeds();
    stored_session();
    srp_challenge();
    auth_replies();
    println!("seeds written under {}/corpus", env!("CARGO_MANIFEST_DIR"));
}
