//! Known-answer tests: device SRP (ConfirmDevice verifier and the
//! DEVICE_PASSWORD_VERIFIER claim) against values produced by driving
//! amazon-cognito-identity-js and Amplify v6 with fixed randomness and clock
//! (tests/vectors/gen-device-srp-vectors.mjs writes tests/vectors/device-srp.json).

use cognito_wasm::core::device_srp::{self, DeviceSecret};
use cognito_wasm::core::{hex, srp};
use serde_json::Value;

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/device-srp.json"
    ))
    .unwrap();
    let v: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert!(v.len() >= 5, "expected the full vector set");
    v
}

fn s<'a>(v: &'a Value, path: &str) -> &'a str {
    at(v, path)
        .as_str()
        .unwrap_or_else(|| panic!("missing {path}"))
}

fn at<'a>(v: &'a Value, path: &str) -> &'a Value {
    path.split('.').fold(v, |v, k| match k.parse::<usize>() {
        Ok(i) => &v[i],
        Err(_) => &v[k],
    })
}

fn bytes<const N: usize>(hex_str: &str) -> [u8; N] {
    let b = hex::decode_int(hex_str).unwrap();
    assert_eq!(b.len(), N, "{hex_str}");
    b.try_into().unwrap()
}

fn padded(x: &srp::U3072) -> String {
    hex::encode(&srp::pad_bytes(&x.to_be_bytes()))
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn b64_decode(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

fn stored_key(c: &Value, which: &str) -> String {
    format!(
        "CognitoIdentityServiceProvider.{}.{}.{which}",
        s(c, "inputs.clientId"),
        s(c, "inputs.userIdForSrp")
    )
}

/// The secret as the library stored it after ConfirmDevice.
fn stored_secret(c: &Value) -> DeviceSecret {
    let stored = at(c, "confirmDevice.outputs.storedDeviceKeys");
    let get = |k: &str| stored[stored_key(c, k)].as_str().unwrap().to_string();
    DeviceSecret::new(
        get("deviceKey"),
        get("deviceGroupKey"),
        get("randomPasswordKey"),
    )
}

/// The request of `op` (and challenge) among a flow's captured requests.
fn request<'a>(requests: &'a Value, op: &str, challenge: Option<&str>) -> &'a Value {
    requests
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["op"] == op && challenge.is_none_or(|ch| r["body"]["ChallengeName"] == ch))
        .map(|r| &r["body"])
        .unwrap_or_else(|| panic!("no {op} {challenge:?} request"))
}

#[test]
fn verifier_steps_match() {
    for c in cases() {
        let name = s(&c, "name");
        let group = s(&c, "inputs.deviceGroupKey");
        let device = s(&c, "inputs.deviceKey");
        let pw_bytes = bytes::<40>(s(&c, "confirmDevice.random.randomPasswordBytes"));
        let salt_bytes = bytes::<16>(s(&c, "confirmDevice.random.saltBytes"));

        let pw = device_srp::random_password(&pw_bytes);
        assert_eq!(
            pw.as_str(),
            s(&c, "confirmDevice.intermediates.randomPassword"),
            "{name}: password"
        );
        let salt = device_srp::salt(&salt_bytes);
        assert_eq!(
            hex::encode(&salt),
            s(&c, "confirmDevice.intermediates.saltPadHex"),
            "{name}: salt"
        );
        let salt_uint = srp::parse_uint(&hex::encode(&salt), "SALT").unwrap();
        let x = srp::compute_x(&salt_uint, group, device, &pw);
        assert_eq!(
            hex::encode(&x[..]),
            s(&c, "confirmDevice.intermediates.xHash"),
            "{name}: x"
        );
        let v = device_srp::verifier(group, device, &pw, &salt).unwrap();
        assert_eq!(
            hex::encode(&device_srp::verifier_bytes(&v)),
            s(&c, "confirmDevice.intermediates.verifierPadHex"),
            "{name}: verifier"
        );
    }
}

#[test]
fn confirm_device_request_matches_both_sdks() {
    for c in cases() {
        let name = s(&c, "name");
        let (password, verifier_b64, salt_b64) = device_srp::new_device_verifier(
            s(&c, "inputs.deviceGroupKey"),
            s(&c, "inputs.deviceKey"),
            &bytes::<40>(s(&c, "confirmDevice.random.randomPasswordBytes")),
            &bytes::<16>(s(&c, "confirmDevice.random.saltBytes")),
        );
        for (sdk, requests) in [
            ("v5", at(&c, "confirmDevice.requests")),
            ("v6", at(&c, "amplifyV6.confirmDevice.requests")),
        ] {
            let body = request(requests, "ConfirmDevice", None);
            let cfg = &body["DeviceSecretVerifierConfig"];
            assert_eq!(
                cfg["PasswordVerifier"], verifier_b64,
                "{name} {sdk}: verifier"
            );
            assert_eq!(cfg["Salt"], salt_b64, "{name} {sdk}: salt");
            assert_eq!(body["DeviceKey"], s(&c, "inputs.deviceKey"), "{name} {sdk}");
            assert_eq!(
                body["DeviceName"],
                s(&c, "inputs.navigatorUserAgent"),
                "{name} {sdk}: DeviceName is navigator.userAgent"
            );
        }
        for stored in [
            at(&c, "confirmDevice.outputs.storedDeviceKeys"),
            at(&c, "amplifyV6.confirmDevice.storedDeviceKeys"),
        ] {
            assert_eq!(
                stored[stored_key(&c, "randomPasswordKey")],
                password,
                "{name}"
            );
            assert_eq!(
                stored[stored_key(&c, "deviceKey")],
                s(&c, "inputs.deviceKey")
            );
            assert_eq!(
                stored[stored_key(&c, "deviceGroupKey")],
                s(&c, "inputs.deviceGroupKey")
            );
            assert_eq!(stored.as_object().unwrap().len(), 3, "{name}");
        }
        // Salt and verifier sizes follow the padding rule.
        assert_eq!(
            b64_decode(&salt_b64).len() as u64,
            at(&c, "flags.saltPadHexBytes").as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(
            b64_decode(&verifier_b64).len() as u64,
            at(&c, "flags.verifierPadHexBytes").as_u64().unwrap(),
            "{name}"
        );
    }
}

#[test]
fn device_claim_steps_match() {
    for c in cases() {
        let name = s(&c, "name");
        let d = at(&c, "deviceSignIn");
        let secret = stored_secret(&c);
        let a = srp::private_a(&bytes::<128>(s(d, "random.deviceARandomHex")));
        assert_eq!(
            srp::to_hex_unpadded(&a),
            s(d, "intermediates.a"),
            "{name}: a"
        );
        let big_a = srp::public_a(&a, 1024);
        assert_eq!(padded(&big_a), s(d, "padHex.A"), "{name}: A");
        let b = srp::parse_uint(s(d, "server.srpB"), "SRP_B").unwrap();
        assert_eq!(padded(&b), s(d, "padHex.B"), "{name}: B");
        let salt = srp::parse_uint(s(d, "server.salt"), "SALT").unwrap();
        assert_eq!(padded(&salt), s(d, "padHex.salt"), "{name}: salt");
        let u = srp::compute_u(&big_a, &b);
        assert_eq!(padded(&u), s(d, "padHex.u"), "{name}: u");
        let x = srp::compute_x(
            &salt,
            &secret.device_group_key,
            &secret.device_key,
            &secret.random_password,
        );
        assert_eq!(
            hex::encode(&x[..]),
            s(d, "intermediates.xHash"),
            "{name}: x"
        );
        // The claim's x is the registered verifier's x.
        assert_eq!(
            s(d, "intermediates.xHash"),
            s(&c, "confirmDevice.intermediates.xHash"),
            "{name}"
        );
        let big_s = srp::compute_s(&b, &a, 1024, &u, &x);
        assert_eq!(padded(&big_s), s(d, "padHex.S"), "{name}: S");
        let key = srp::hkdf_key(&big_s, &u);
        assert_eq!(
            hex::encode(&key[..]),
            s(d, "intermediates.hkdfKey"),
            "{name}: HKDF key"
        );
        let ts = srp::timestamp(d["clockEpochMs"].as_f64().unwrap());
        assert_eq!(ts, s(d, "outputs.timestamp"), "{name}: timestamp");
        let sig = srp::signature(
            &key,
            &secret.device_group_key,
            &secret.device_key,
            &b64_decode(s(d, "server.secretBlock")),
            &ts,
        );
        assert_eq!(
            sig,
            s(d, "outputs.passwordClaimSignature"),
            "{name}: signature"
        );
    }
}

/// Why `SrpClient::password_claim` is not reused: it takes a user pool id and
/// hashes the part after `_`, so it only agrees while the group key has no `_`.
#[test]
fn user_srp_client_agrees_only_without_underscore() {
    let mut seen_underscore = false;
    for c in cases() {
        let d = at(&c, "deviceSignIn");
        let secret = stored_secret(&c);
        let user = srp::SrpClient::new(&bytes::<128>(s(d, "random.deviceARandomHex"))).unwrap();
        let claim = user
            .password_claim(
                &secret.device_group_key,
                &secret.device_key,
                &secret.random_password,
                s(d, "server.salt"),
                s(d, "server.srpB"),
                s(d, "server.secretBlock"),
                d["clockEpochMs"].as_f64().unwrap(),
            )
            .unwrap();
        let has_underscore = secret.device_group_key.contains('_');
        seen_underscore |= has_underscore;
        assert_eq!(
            claim.signature == s(d, "outputs.passwordClaimSignature"),
            !has_underscore,
            "{}",
            s(&c, "name")
        );
    }
    assert!(seen_underscore);
}

#[test]
fn device_secret_debug_is_redacted() {
    let c = &cases()[0];
    let secret = stored_secret(c);
    let shown = format!("{secret:?}");
    assert!(shown.contains("[redacted]"));
    assert!(!shown.contains(&secret.random_password));
    assert_eq!(
        b64(&b64_decode(&secret.random_password)),
        secret.random_password
    );
}

/// The shipped path, whole: a USER_SRP_AUTH sign-in on a remembered device, which
/// Cognito stops at DEVICE_SRP_AUTH, goes on as the device's own SRP on the same
/// machine (`PasswordSignIn::device`). Each request is what amazon-cognito-identity-js
/// sends, byte for byte (USERNAME as the challenge names the user when it does, as
/// Amplify v6), and what Amplify v6 sends.
#[test]
fn the_sign_in_machine_sends_what_both_sdks_send() {
    use cognito_wasm::codec::json;
    use cognito_wasm::flows::sign_in::{PasswordFlow, PasswordSignIn, Step};
    let body = |step: Step| -> Value {
        let Step::Send(req) = step else {
            panic!("not a request: {step:?}")
        };
        serde_json::from_str(&req.body).unwrap()
    };
    let reply = |v: &Value| Ok(json::parse(&v.to_string()).unwrap());
    for c in cases() {
        let name = s(&c, "name");
        let d = at(&c, "deviceSignIn");
        let user = s(&c, "inputs.userIdForSrp");
        let secret = stored_secret(&c);
        let now = d["clockEpochMs"].as_f64().unwrap();
        let (v5, v6) = (at(d, "requests"), at(&c, "amplifyV6.deviceSignIn.requests"));
        // `challenge`: the one answered, or None for InitiateAuth.
        let same = |ours: &Value, challenge: Option<&str>, want_v5: Value| {
            // identity-js sends an empty ClientMetadata; this library leaves it out.
            let mut want_v5 = want_v5;
            if want_v5.get("ClientMetadata") == Some(&Value::Object(Default::default())) {
                want_v5.as_object_mut().unwrap().remove("ClientMetadata");
            }
            assert_eq!(*ours, want_v5, "{name} {challenge:?}: v5");
            let op = challenge.map_or("InitiateAuth", |_| "RespondToAuthChallenge");
            let want_v6 = request(v6, op, challenge);
            assert_eq!(*ours, *want_v6, "{name} {challenge:?}: v6");
        };
        let srp = srp::SrpClient::new(&bytes::<128>(s(d, "random.userSrpARandomHex"))).unwrap();
        let mut f = PasswordSignIn::new(
            PasswordFlow::Srp,
            s(&c, "inputs.userPoolId"),
            s(&c, "inputs.clientId"),
            s(&c, "inputs.username"),
            s(&c, "inputs.password"),
            None,
            Some(srp),
        );
        // InitiateAuth carries no DEVICE_KEY in either SDK; PASSWORD_VERIFIER does.
        let init = body(f.start().unwrap());
        same(&init, None, request(v5, "InitiateAuth", None).clone());
        assert_eq!(
            f.on_reply(reply(at(d, "serverResponses.InitiateAuth")))
                .unwrap(),
            Step::LoadDevice(user.into()),
            "{name}"
        );
        let pv = body(f.with_device(Some(secret.device_key.clone()), now).unwrap());
        let want = request(v5, "RespondToAuthChallenge", Some("PASSWORD_VERIFIER"));
        same(&pv, Some("PASSWORD_VERIFIER"), want.clone());

        let asked = f.on_reply(reply(at(d, "serverResponses.PasswordVerifier")));
        assert!(
            matches!(asked, Ok(Step::Challenge(ref ch)) if ch.name == "DEVICE_SRP_AUTH"),
            "{name}"
        );
        let random = bytes::<128>(s(d, "random.deviceARandomHex"));
        f.device(&secret, &random).unwrap();
        let first = body(f.start().unwrap());
        let want = request(v5, "RespondToAuthChallenge", Some("DEVICE_SRP_AUTH"));
        same(&first, Some("DEVICE_SRP_AUTH"), want.clone());

        let verifier = at(d, "serverResponses.DeviceSrpAuth");
        assert_eq!(
            f.on_reply(reply(verifier)).unwrap(),
            Step::LoadDevice(user.into()),
            "{name}"
        );
        let proof = body(f.with_device(None, now).unwrap());
        let mut want = request(
            v5,
            "RespondToAuthChallenge",
            Some("DEVICE_PASSWORD_VERIFIER"),
        )
        .clone();
        if let Some(u) = verifier["ChallengeParameters"]["USERNAME"].as_str() {
            want["ChallengeResponses"]["USERNAME"] = u.into();
        }
        same(&proof, Some("DEVICE_PASSWORD_VERIFIER"), want);
        let done = f.on_reply(reply(at(d, "serverResponses.DevicePasswordVerifier")));
        assert!(
            matches!(done, Ok(Step::Done(ref s)) if s.username == user),
            "{name}"
        );
    }
}
