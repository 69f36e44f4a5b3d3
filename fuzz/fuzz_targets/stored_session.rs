//! The stored-session view (`flows::session`): storage holding up to 12 of
//! Amplify's keys (`CognitoIdentityServiceProvider.<clientId>.LastAuthUser`,
//! `….<user>.accessToken|idToken|refreshToken|clockDrift|signInDetails|deviceKey|
//! deviceGroupKey|randomPasswordKey|oauthMetadata`) with garbage, numbers, JSON,
//! valid and near-valid JWTs, read as the driver reads it (`LastAuthUser`, then
//! `Session::KEYS_READ` and `signInDetails`), optionally with one read coming back
//! empty (another tab removed the key between reads), and given to
//! `Session::from_stored`. Never panics. A session loads exactly when an access
//! token (and any id token) has claims by an independent reading (base64 crate,
//! serde_json); what loads is what is stored, its user and expiry come from those
//! claims, expiry never ends once reached, no token shows in `Debug`; what
//! `writes` stores reads back as the same session, and `clear_keys` signs out but
//! keeps the remembered device. The same tokens as a sign-in's result
//! (`Session::from_result`) store and read back the same way.
//!
//! Tape: client-id choice, clock choice, the read that comes back empty, entry
//! count, then per entry a key and a value (see `key` and `value` below;
//! `examples/seeds.rs` writes the same format).
#![no_main]
use cognito_wasm::crypto::device_srp::DeviceSecret;
use cognito_wasm::flows::session::{self, last_user_key, user_key, Session};
use cognito_wasm::wire::user_pool::AuthResult;
use cognito_wasm_fuzz::*;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

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
        _ => {
            let [at, it, xt] = tokens();
            t.pick(&[at, it, xt, REFRESH_TOKEN.to_string()])
        }
    }
}

/// What the driver reads: `LastAuthUser`, then the user's keys. `skip`: the read
/// (0 `LastAuthUser`, 1–4 `KEYS_READ`, 5 `signInDetails`) that finds nothing.
type Read = (String, [Option<String>; 4], Option<String>);
fn read(storage: &BTreeMap<String, String>, cid: &str, skip: Option<usize>) -> Option<Read> {
    let get = |i: usize, k: String| {
        (skip != Some(i))
            .then(|| storage.get(&k).cloned())
            .flatten()
    };
    let user = get(0, last_user_key(cid))?;
    let mut i = 0;
    let values = Session::KEYS_READ.map(|n| {
        i += 1;
        get(i, user_key(cid, &user, n))
    });
    let details = get(5, user_key(cid, &user, "signInDetails"));
    Some((user, values, details))
}

fn load(storage: &BTreeMap<String, String>, cid: &str) -> Option<Session> {
    let (user, values, details) = read(storage, cid, None)?;
    Session::from_stored(&user, values, details)
}

fn apply(storage: &mut BTreeMap<String, String>, writes: &[(String, Option<String>)]) {
    for (k, v) in writes {
        match v {
            Some(v) => storage.insert(k.clone(), v.clone()),
            None => storage.remove(k),
        };
    }
}

/// A session stores and reads back as itself; clearing it signs out, and the
/// remembered device stays.
fn round_trip(s: &Session, cid: &str, storage: &BTreeMap<String, String>) {
    let mut after = storage.clone();
    let writes = s.writes(cid);
    assert_eq!(
        writes.last().map(|w| &w.0),
        Some(&last_user_key(cid)),
        "LastAuthUser last"
    );
    apply(&mut after, &writes);
    let back = load(&after, cid).expect("a stored session loads");
    assert_eq!(&back, s, "stored then loaded, the session changed");
    let device_keys =
        ["deviceKey", "deviceGroupKey", "randomPasswordKey"].map(|n| user_key(cid, &s.username, n));
    let before: Vec<_> = device_keys.iter().map(|k| after.get(k).cloned()).collect();
    for k in session::clear_keys(cid, &s.username) {
        after.remove(&k);
    }
    assert!(
        load(&after, cid).is_none(),
        "signed out, but a session loads"
    );
    let kept: Vec<_> = device_keys.iter().map(|k| after.get(k).cloned()).collect();
    assert_eq!(before, kept, "sign-out removed the remembered device");
}

fn check_view(s: &Session, access: &Value, id: Option<&Value>, now: f64) {
    let str_of = |c: &Value, k: &str| c.get(k).and_then(Value::as_str).map(str::to_string);
    let owned = |x: Option<&str>| x.map(str::to_string);
    assert_eq!(owned(s.user_sub()), str_of(access, "sub"));
    let want = match id {
        Some(c) => (str_of(c, "cognito:username"), str_of(c, "sub")),
        None => (str_of(access, "username"), str_of(access, "sub")),
    };
    assert_eq!((owned(s.user().0), owned(s.user().1)), want);
    assert_eq!(
        s.revocable(),
        s.refresh_token.is_some() && access.get("origin_jti").is_some()
    );
    // No usable `exp` (absent, not a number) never counts as valid.
    if !access.get("exp").is_some_and(Value::is_number) {
        assert!(s.is_expired(now), "a token without exp is not expired");
    }
    // Once expired, expired at every later time.
    let mut times = vec![
        now,
        NOW_MS,
        0.0,
        -1e300,
        1e300,
        NOW_MS + 3.6e6,
        NOW_MS - 6e4,
        f64::MAX,
    ];
    times.retain(|t| t.is_finite());
    times.sort_by(f64::total_cmp);
    let mut seen = false;
    for t in times {
        let e = s.is_expired(t);
        assert!(e || !seen, "expired, then valid again at {t}");
        seen |= e;
    }
    for t in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let _ = s.is_expired(t);
    }
    // The username is shown: the rest must hold no token.
    let debug = format!("{s:?}");
    let rest = debug.replace(&format!("{:?}", s.username), "");
    let tokens = [
        Some(&s.access_token),
        s.id_token.as_ref(),
        s.refresh_token.as_ref(),
    ];
    check_no_token(&rest, tokens, &debug);
}

fuzz_target!(|data: &[u8]| {
    let mut t = Tape::new(data);
    let cid = match t.u8() % 3 {
        0 => CLIENT_ID.to_string(),
        1 => "c".to_string(),
        _ => t.string(),
    };
    let now = match t.u8() % 4 {
        0 => NOW_MS,
        1 => 0.0,
        2 => f64::from_bits(t.u64()),
        _ => t.u64() as i64 as f64,
    };
    let skip = t.u8();
    let skip = (skip != 0).then(|| usize::from(skip - 1) % 8);
    let n = t.u8() % 13;
    let mut storage = BTreeMap::new();
    for _ in 0..n {
        let k = key(&mut t, &cid);
        let v = value(&mut t);
        storage.insert(k, v);
    }
    trace!("storage: {storage:#?}\nskip: {skip:?}");

    let Some((user, values, details)) = read(&storage, &cid, skip) else {
        return;
    };
    let loaded = Session::from_stored(&user, values.clone(), details.clone());
    trace!("from_stored -> {loaded:?}");
    let [access, id, refresh, drift] = values;
    // A token has claims when the independent reading finds some; lone surrogates
    // (which only serde_json refuses) leave the verdict open.
    let oracle = |t: &Option<String>| t.as_deref().map(oracle_claims);
    let (a, i) = (oracle(&access), oracle(&id));
    if [&a, &i]
        .iter()
        .any(|o| matches!(o, Some(Err("lone surrogate"))))
    {
        return;
    }
    let valid = matches!(a, Some(Ok(_))) && !matches!(i, Some(Err(_)));
    assert_eq!(loaded.is_some(), valid, "access {a:?}, id {i:?}");

    // The remembered device is usable when all three of Amplify's keys hold something.
    let device = ["deviceKey", "deviceGroupKey", "randomPasswordKey"].map(|n| {
        storage
            .get(&user_key(&cid, &user, n))
            .cloned()
            .unwrap_or_default()
    });
    let complete = device.iter().all(|v| !v.is_empty());
    let [dk, gk, pw] = device;
    let secret = DeviceSecret::new(dk, gk, pw);
    assert_eq!(secret.validate().is_ok(), complete);
    if let Err(e) = secret.validate() {
        check_error(&e);
        assert_eq!(e.name, "DeviceMetadataNotFoundException");
    }

    if let Some(s) = &loaded {
        assert_eq!(s.username, user);
        assert_eq!(Some(&s.access_token), access.as_ref());
        assert_eq!(s.id_token, id);
        assert_eq!(s.refresh_token, refresh);
        assert_eq!(
            s.clock_drift,
            drift
                .as_deref()
                .and_then(|d| cognito_wasm_fuzz::trim_ws(d).parse().ok())
                .unwrap_or(0)
        );
        assert_eq!(s.sign_in_details, details.clone().filter(|d| !d.is_empty()));
        let access_claims = a.as_ref().and_then(|r| r.as_ref().ok()).unwrap();
        let id_claims = i.as_ref().and_then(|r| r.as_ref().ok());
        check_view(s, access_claims, id_claims, now);
        round_trip(s, &cid, &storage);
    }

    // The same tokens as a sign-in's (or a refresh's, keeping the stored refresh
    // token) result: a session exactly when they are JWTs; it stores and reads back.
    let Some(access) = access else {
        return;
    };
    let result = AuthResult {
        access_token: access,
        id_token: id,
        refresh_token: None,
        new_device: None,
    };
    let details = details.filter(|d| !d.is_empty());
    match Session::from_result(&user, &result, refresh.as_deref(), details, now) {
        Ok(s) => {
            assert!(valid, "from_result took tokens from_stored refused");
            assert_eq!(
                s.refresh_token, refresh,
                "the previous refresh token is kept"
            );
            let iat = a
                .as_ref()
                .and_then(|r| r.as_ref().ok())
                .and_then(|c| c.get("iat"))
                .and_then(Value::as_f64);
            if !iat.is_some_and(|x| x > 0.0) {
                assert_eq!(s.clock_drift, 0, "a drift without a usable iat");
            }
            round_trip(&s, &cid, &storage);
        }
        Err(e) => {
            check_error(&e);
            assert!(!valid, "from_result refused tokens from_stored took: {e:?}");
            assert_eq!(e.name, "UnexpectedServerResponseException");
        }
    }
});
