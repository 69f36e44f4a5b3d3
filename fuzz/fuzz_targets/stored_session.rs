//! `session::load` and `session::load_device` over storage holding up to 12 of
//! Amplify's keys (`CognitoIdentityServiceProvider.<clientId>.LastAuthUser`,
//! `….<user>.accessToken|idToken|refreshToken|clockDrift|signInDetails|deviceKey|
//! deviceGroupKey|randomPasswordKey|oauthMetadata`) with garbage, numbers, JSON,
//! valid and near-valid JWTs, and optionally a failing storage call. Never
//! panics; storage failures come back named; what loads is what was stored, and
//! survives store → load and clear.
//!
//! Tape: client-id choice, clock choice, failing call, entry count, then per
//! entry a key and a value (see `key` and `value` below; `examples/seeds.rs`
//! writes the same format).
#![no_main]
use cognito_wasm::core::jwt::decode_payload;
use cognito_wasm::core::session::{self, last_user_key, user_key};
use cognito_wasm_fuzz::*;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

const FIELDS: [&str; 9] = [
    "accessToken",
    "idToken",
    "refreshToken",
    "clockDrift",
    "signInDetails",
    "deviceKey",
    "deviceGroupKey",
    "randomPasswordKey",
    "oauthMetadata",
];

fn user(t: &mut Tape) -> String {
    match t.u8() % 5 {
        0 => "alice".into(),
        1 => SUB.into(),
        2 => String::new(),
        3 => "a.b".into(),
        _ => t.string(),
    }
}

fn key(t: &mut Tape, cid: &str) -> String {
    match t.u8() % 4 {
        0 => last_user_key(cid),
        1 | 2 => {
            let u = user(t);
            user_key(cid, &u, FIELDS[usize::from(t.u8()) % FIELDS.len()])
        }
        _ => t.string(),
    }
}

fn seconds(t: &mut Tape) -> Option<Value> {
    let now = now_s();
    Some(match t.u8() % 8 {
        0 => return None,
        1 => json!(now + 3600),
        2 => json!(now - 60),
        3 => json!(now + 4), // inside the 5 s expiry margin
        4 => json!(1e300),
        5 => json!(-1),
        6 => json!("1767585845"),
        _ => json!(f64::from_bits(t.u64())), // non-finite becomes null
    })
}

fn claims(t: &mut Tape) -> Value {
    let mut m = Map::new();
    if let Some(exp) = seconds(t) {
        m.insert("exp".into(), exp);
    }
    if let Some(iat) = seconds(t) {
        m.insert("iat".into(), iat);
    }
    match t.u8() % 3 {
        0 => {}
        1 => {
            m.insert("sub".into(), SUB.into());
        }
        _ => {
            m.insert("sub".into(), json!(7));
        }
    }
    m.insert("username".into(), user(t).into());
    m.insert("cognito:username".into(), user(t).into());
    if t.bool() {
        m.insert("origin_jti".into(), "j".into());
    }
    Value::Object(m)
}

/// A JWT that is almost right.
fn near_jwt(t: &mut Tape) -> String {
    let good = jwt(&claims(t));
    let (head, rest) = good.split_once('.').unwrap();
    let (payload, sig) = rest.split_once('.').unwrap();
    match t.u8() % 8 {
        0 => format!("{head}.{payload}"),
        1 => format!("{good}.extra"),
        2 => format!("{head}.{payload}==.{sig}"),
        3 => format!("{head}.{}.{sig}", b64url(b"[1]")),
        4 => format!("{head}.{}.{sig}", b64url(b"null")),
        5 => good.replace('-', "+").replace('_', "/"),
        6 => {
            let cut = payload.len().saturating_sub(usize::from(t.u8() % 8));
            format!("{head}.{}.{sig}", &payload[..cut])
        }
        _ => format!(" {good}\n"),
    }
}

fn value(t: &mut Tape) -> String {
    match t.u8() % 9 {
        0 => t.string(),
        1 => user(t),
        2 => jwt(&claims(t)),
        3 => near_jwt(t),
        4 => format!("eyJhbGciOiJub25lIn0.{}.c2ln", b64url(t.bytes())),
        5 => {
            let n = t.u64() as i64;
            match t.u8() % 6 {
                0 => n.to_string(),
                1 => format!(" {n}\n"),
                2 => format!("+{n}"),
                3 => format!("{n}.5"),
                4 => "NaN".into(),
                _ => format!("{n}{n}"),
            }
        }
        6 => {
            if t.bool() {
                json!({ "loginId": user(t), "authFlowType": "USER_SRP_AUTH" }).to_string()
            } else {
                t.string()
            }
        }
        7 => String::new(),
        _ => t.pick(&[
            access_token("alice", now_s() + 3600),
            id_token("alice", now_s() + 3600),
            access_token("alice", now_s() - 60),
            REFRESH_TOKEN.to_string(),
        ]),
    }
}

fuzz_target!(|data: &[u8]| {
    let mut t = Tape::new(data);
    let cid = match t.u8() % 3 {
        0 => CLIENT_ID.to_string(),
        1 => "c".to_string(),
        _ => t.string(),
    };
    let env = FuzzEnv::default();
    env.now.set(match t.u8() % 4 {
        0 => NOW_MS,
        1 => 0.0,
        2 => f64::from_bits(t.u64()),
        _ => t.u64() as i64 as f64,
    });
    let fail = t.u8();
    let n = t.u8() % 13;
    for _ in 0..n {
        let k = key(&mut t, &cid);
        let v = value(&mut t);
        env.set(&k, &v);
    }
    let stored = env.storage.borrow().clone();
    let get = |k: &str| stored.get(k).cloned();
    let last = get(&last_user_key(&cid));
    env.storage_fail_at
        .set((fail != 0).then(|| usize::from(fail - 1) % 8));

    trace!("storage: {stored:#?}");
    let loaded = block_on(session::load(&env, &cid));
    trace!("load -> {loaded:?}");
    match loaded {
        Err(e) => {
            check_error(&e);
            assert_eq!(
                e.name, "StorageError",
                "load failed without a storage failure"
            );
        }
        Ok(None) => {}
        Ok(Some(s)) => {
            let username = last.clone().expect("a session without LastAuthUser");
            assert_eq!(s.username, username);
            let k = |name: &str| get(&user_key(&cid, &username, name));
            assert_eq!(Some(&s.access_token), k("accessToken").as_ref());
            assert_eq!(
                decode_payload(&s.access_token).ok(),
                Some(s.access_claims.clone())
            );
            assert_eq!(s.id_token, k("idToken"));
            assert_eq!(s.refresh_token, k("refreshToken"));
            for now in [env.now.get(), NOW_MS, f64::NAN, f64::INFINITY, -1e300] {
                let _ = s.is_expired(now);
            }
            let _ = s.user_sub();
            let _ = format!("{s:?}");

            // store → load gives the same session back; clear removes it.
            let fresh = FuzzEnv::default();
            block_on(session::store(&fresh, &cid, &s)).expect("store");
            let again = block_on(session::load(&fresh, &cid))
                .expect("load")
                .expect("a stored session loads");
            assert_eq!(again.username, s.username);
            assert_eq!(again.access_token, s.access_token);
            assert_eq!(again.id_token, s.id_token);
            assert_eq!(again.refresh_token, s.refresh_token);
            assert_eq!(again.clock_drift, s.clock_drift);
            assert_eq!(again.access_claims, s.access_claims);
            assert_eq!(again.id_claims, s.id_claims);
            assert_eq!(again.sign_in_details.is_some(), s.sign_in_details.is_some());
            block_on(session::clear(&fresh, &cid)).expect("clear");
            assert!(block_on(session::load(&fresh, &cid))
                .expect("load")
                .is_none());
        }
    }

    env.storage_fail_at.set(None);
    let who = last.unwrap_or_else(|| "alice".into());
    let device = block_on(session::load_device(&env, &cid, &who));
    trace!("load_device({who:?}) -> {device:?}");
    match device {
        Err(e) => panic!("load_device failed with working storage: {e:?}"),
        Ok(None) => {}
        Ok(Some(d)) => {
            d.validate().expect("a loaded device has all three values");
            assert_eq!(
                Some(&d.device_key),
                get(&user_key(&cid, &who, "deviceKey")).as_ref()
            );
            assert_eq!(
                Some(&d.device_group_key),
                get(&user_key(&cid, &who, "deviceGroupKey")).as_ref()
            );
            assert_eq!(
                Some(&d.random_password),
                get(&user_key(&cid, &who, "randomPasswordKey")).as_ref()
            );
        }
    }
});
