//! Writes the hand-made seeds of every target into `fuzz/corpus/<target>/seed-*`:
//! realistic Cognito replies, stored sessions, tokens and SRP challenges.
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

// stored_session: entry helpers in the target's tape order.
fn last_user(w: &mut TapeWriter, user: u8) {
    w.u8(0).u8(1).u8(user); // key LastAuthUser; value = user(choice)
}
fn field(w: &mut TapeWriter, user: u8, field: u8) {
    w.u8(1).u8(user).u8(field);
}
fn stored_session() {
    // client id, clock, the read that comes back empty (0: none), entry count
    let head = |w: &mut TapeWriter, skip: u8, n: u8| {
        w.u8(0).u8(0).u8(skip).u8(n);
    };
    // A full session and a remembered device, as Amplify writes them.
    let full = |skip: u8| {
        tape(|w| {
            head(w, skip, 9);
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
    // Another tab removed the id token between the driver's reads.
    write("stored_session", "read-missing", &full(3));
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
    let rotated = r#"{"AuthenticationResult":{"AccessToken":"$AT","IdToken":"$IT","RefreshToken":"eyJjdHkiOiJKV1QifQ.cm90YXRlZA.aXY.Y2lwaGVy.dGFn","ExpiresIn":3600,"TokenType":"Bearer"}}"#;
    let device = "device us-east-1_f1d2e3c4-5b6a -abcdEFGh1 q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c2v3b4n5m6==\n";
    let err = |t: &str, m: &str| format!("{{\"__type\":\"{t}\",\"message\":\"{m}\"}}");
    let challenge = |name: &str, params: &str| {
        format!("{{\"ChallengeName\":\"{name}\",\"Session\":\"AYABeC-{name}\",\"ChallengeParameters\":{{{params}}}}}")
    };
    let sms = challenge(
        "SMS_MFA",
        r#""CODE_DELIVERY_DELIVERY_MEDIUM":"SMS","CODE_DELIVERY_DESTINATION":"+*******1234","USER_ID_FOR_SRP":"alice""#,
    );
    let seeds: Vec<(&str, String)> = vec![
        ("srp-success", format!("flow USER_SRP_AUTH\n=== 200\n{VERIFIER}\n=== 200\n{TOKENS}\n")),
        ("srp-new-device", format!("flow USER_SRP_AUTH\n=== 200\n{VERIFIER}\n=== 200\n{tokens_device}\n")),
        ("srp-wrong-password", format!("flow USER_SRP_AUTH\n=== 200\n{VERIFIER}\n=== 400\n{}\n", err("NotAuthorizedException", "Incorrect username or password."))),
        ("srp-not-verifier", format!("flow USER_SRP_AUTH\n=== 200\n{sms}\n")),
        ("srp-structured", "flow USER_SRP_AUTH\n=== 200 {}\nChallengeName PASSWORD_VERIFIER\nSession s1\nChallengeParameters.SALT $SALT\nChallengeParameters.SRP_B $B\nChallengeParameters.SECRET_BLOCK $BLOCK\nChallengeParameters.USERNAME alice\nChallengeParameters.USER_ID_FOR_SRP alice\n=== 200 {}\nAuthenticationResult.AccessToken $AT\nAuthenticationResult.IdToken $IT\nAuthenticationResult.RefreshToken $RT\nAuthenticationResult.ExpiresIn 3600\nAuthenticationResult.NewDeviceMetadata.DeviceKey us-east-1_d\nAuthenticationResult.NewDeviceMetadata.DeviceGroupKey g\n".into()),
        ("device-srp", format!("{device}flow USER_SRP_AUTH\n=== 200\n{VERIFIER}\n=== 200\n{}\n=== 200\n{}\n=== 200\n{TOKENS}\n", challenge("DEVICE_SRP_AUTH", ""), challenge("DEVICE_PASSWORD_VERIFIER", r#""SALT":"$SALT","SECRET_BLOCK":"$BLOCK","SRP_B":"$B","USERNAME":"alice""#))),
        ("device-srp-then-mfa", format!("{device}flow USER_PASSWORD_AUTH\nanswer 123456\n=== 200\n{}\n=== 200\n{}\n=== 200\n{sms}\n=== 200\n{TOKENS}\n", challenge("DEVICE_SRP_AUTH", ""), challenge("DEVICE_PASSWORD_VERIFIER", r#""SALT":"$SALT","SECRET_BLOCK":"$BLOCK","SRP_B":"$B","USERNAME":"alice""#))),
        ("device-without-secret", format!("device us-east-1_f1d2e3c4-5b6a\n=== 200\n{}\n", challenge("DEVICE_SRP_AUTH", ""))),
        ("stale-device", format!("{device}flow USER_PASSWORD_AUTH\n=== 400\n{}\n=== 200\n{TOKENS}\n", err("ResourceNotFoundException", "Device does not exist."))),
        ("stale-device-on-answer", format!("{device}answer 123456\n=== 200\n{sms}\n=== 400 ResourceNotFoundException\n{}\n=== 200\n{TOKENS}\n", r#"{"message":"Device does not exist."}"#)),
        ("sms-mfa", format!("answer 123456\n=== 200\n{sms}\n=== 200\n{TOKENS}\n")),
        ("mfa-setup-totp", format!("answer TOTP\nanswer 123456\n=== 200\n{}\n=== 200\n{{\"SecretCode\":\"JBSWY3DPEHPK3PXP\",\"Session\":\"s2\"}}\n=== 200\n{{\"Status\":\"SUCCESS\",\"Session\":\"s3\"}}\n=== 200\n{TOKENS}\n", challenge("MFA_SETUP", r#""MFAS_CAN_SETUP":"[\"SOFTWARE_TOKEN_MFA\"]","USER_ID_FOR_SRP":"alice""#))),
        ("mfa-setup-email", format!("answer EMAIL\nanswer alice@example.com\nanswer 87654321\n=== 200\n{}\n=== 200\n{}\n=== 200\n{TOKENS}\n", challenge("MFA_SETUP", r#""MFAS_CAN_SETUP":"[\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]""#), challenge("EMAIL_OTP", r#""CODE_DELIVERY_DELIVERY_MEDIUM":"EMAIL","CODE_DELIVERY_DESTINATION":"a***@e***""#))),
        ("mfa-setup-sms-only", format!("answer SMS\n=== 200\n{}\n", challenge("MFA_SETUP", r#""MFAS_CAN_SETUP":"[\"SMS_MFA\"]""#))),
        ("select-mfa-type", format!("answer TOTP\nanswer 654321\n=== 200\n{}\n=== 200\n{}\n=== 200\n{TOKENS}\n", challenge("SELECT_MFA_TYPE", r#""MFAS_CAN_CHOOSE":"[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]""#), challenge("SOFTWARE_TOKEN_MFA", ""))),
        ("user-auth-select-srp", format!("flow USER_AUTH\nanswer PASSWORD_SRP\nanswer $PW\n=== 200\n{{\"ChallengeName\":\"SELECT_CHALLENGE\",\"Session\":\"s1\",\"AvailableChallenges\":[\"PASSWORD_SRP\",\"EMAIL_OTP\",\"WEB_AUTHN\"],\"ChallengeParameters\":{{}}}}\n=== 200\n{VERIFIER}\n=== 200\n{TOKENS}\n")),
        ("user-auth-select-password", format!("flow USER_AUTH\nanswer PASSWORD\nanswer $PW\n=== 200\n{{\"ChallengeName\":\"SELECT_CHALLENGE\",\"Session\":\"s1\",\"AvailableChallenges\":[\"PASSWORD\",\"EMAIL_OTP\"],\"ChallengeParameters\":{{}}}}\n=== 200\n{TOKENS}\n")),
        ("user-auth-prefer-password", format!("flow USER_AUTH\nprefer PASSWORD\nmeta app fuzz\n=== 200\n{TOKENS}\n")),
        ("user-auth-prefer-srp", format!("flow USER_AUTH\nprefer PASSWORD_SRP\n=== 200\n{VERIFIER}\n=== 200\n{TOKENS}\n")),
        ("auto-sign-in", format!("flow USER_AUTH\nsession AYABeSignUpSession\n=== 200\n{TOKENS}\n")),
        ("email-otp", format!("flow USER_AUTH\nprefer EMAIL_OTP\nanswer 12345678\n=== 200\n{}\n=== 400 CodeMismatchException\n{}\n", challenge("EMAIL_OTP", r#""CODE_DELIVERY_DELIVERY_MEDIUM":"EMAIL","CODE_DELIVERY_DESTINATION":"a***@e***""#), r#"{"message":"Invalid code received for user"}"#)),
        ("new-password", format!("answer N3w-Passw0rd!\nattr email alice@example.com\nattr name\n=== 200\n{}\n=== 200\n{TOKENS}\n", challenge("NEW_PASSWORD_REQUIRED", r#""USER_ID_FOR_SRP":"alice","requiredAttributes":"[\"userAttributes.email\"]","userAttributes":"{\"email_verified\":\"true\"}""#))),
        ("custom-auth", format!("flow CUSTOM_WITHOUT_SRP\nanswer 42\n=== 200\n{}\n=== 200\n{TOKENS}\n", challenge("CUSTOM_CHALLENGE", r#""USERNAME":"alice","question":"6*7""#))),
        ("custom-with-srp", format!("flow CUSTOM_WITH_SRP\nanswer 42\n=== 200\n{VERIFIER}\n=== 200\n{}\n=== 200\n{TOKENS}\n", challenge("CUSTOM_CHALLENGE", r#""USERNAME":"alice","question":"6*7""#))),
        ("unknown-challenge", format!("answer x\n=== 200\n{}\n", challenge("WEB_AUTHN", r#""CREDENTIAL_REQUEST_OPTIONS":"{}""#))),
        ("server-errors", format!("refresh\n=== net\n=== 500\n{}\n=== 429 TooManyRequestsException\n{{}}\n", err("InternalErrorException", "Internal error"))),
        ("bad-replies", "refresh\n=== 200\n[1]\n=== 200\n{\"AuthenticationResult\":{\"AccessToken\":5}}\n".into()),
        ("refresh-rotated", format!("refresh\nnow 1767585845123\n=== 200\n{TOKENS}\n=== 200\n{rotated}\n")),
        ("refresh-fallback", format!("{device}refresh\n=== 400\n{}\n=== 400 UnknownOperationException\n{{}}\n=== 200\n{{\"AuthenticationResult\":{{\"AccessToken\":\"$AT\",\"ExpiresIn\":3600}}}}\n", err("NotAuthorizedException", "Incorrect username or password."))),
        ("refresh-revoked", format!("refresh\n=== 200\n{TOKENS}\n=== 400\n{}\n", err("NotAuthorizedException", "Refresh Token has been revoked"))),
        ("tokens-not-jwts", "refresh\n=== 200\n{\"AuthenticationResult\":{\"AccessToken\":\"not-a-jwt\",\"IdToken\":\"a.b.c\",\"RefreshToken\":\"r\"}}\n=== 200\n{\"AuthenticationResult\":{\"AccessToken\":\"$XT\"}}\n".into()),
    ];
    for (name, text) in seeds {
        write("auth_replies", name, text.as_bytes());
    }
}

fn main() {
    protocol_response();
    jwt_seeds();
    stored_session();
    srp_challenge();
    auth_replies();
    println!("seeds written under {}/corpus", env!("CARGO_MANIFEST_DIR"));
}
