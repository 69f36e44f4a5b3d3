//! The typed sign-in machines driven step by step, as the package's driver does,
//! against a scripted server whose replies (status, error type, body; at most 8,
//! then no reply at all) come from the fuzzer: `PasswordSignIn` (every flow), the
//! challenge answers of `flows::challenge` (MFA codes, a new password, MFA choice
//! and set-up, first-factor choice), a remembered device's own SRP, the
//! device confirmation after a sign-in, then optionally a `Refresh`. Every reply
//! goes through `wire::reply`.
//!
//! Never panics; no machine runs more than 64 steps; every error has a name (no
//! whitespace); no secret (the password, the device's password, the refresh token,
//! the tokens `$AT` `$IT` `$XT`) is in an error of the client's own, nor in a
//! service error unless the server sent it, nor in a request's, step's or
//! machine's `Debug`; every request is a JSON object to a user pool operation with
//! our client id; the SRP flows never send the password; a stale device is
//! forgotten only when one was sent; a `nextStep` is JSON; a refresh falls back
//! once, on an older server's error; tokens signed in with store and read back as
//! the same session.
//!
//! The input is text, so seeds are readable Cognito exchanges:
//!
//! ```text
//! flow USER_SRP_AUTH       (USER_SRP_AUTH, CUSTOM_WITH_SRP, USER_PASSWORD_AUTH (the
//!                           default: no SRP, so random inputs run fast),
//!                           CUSTOM_WITHOUT_SRP, USER_AUTH)
//! prefer EMAIL_OTP         (USER_AUTH's preferredChallenge)
//! session S                (USER_AUTH: the SELECT_CHALLENGE or sign-up session)
//! meta k v                 (a clientMetadata pair)
//! device KEY GROUP pw      (the device remembered for the user; with a group key and
//!                           any third word, its secret too, with a fixed password)
//! answer 123456            (confirmSignIn's answers, in order; `$PW`: the password)
//! attr email a@example.com (userAttributes with a new password)
//! refresh                  (afterwards, refresh: the sign-in's refresh token, else $RT)
//! now 1767582245123        (clock, ms)
//! === 200                  (a reply: status [x-amzn-errortype] [{}], or `=== net`)
//! {"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"SRP_B":"$B",...}}
//! === 200 {}               (`{}`: the body is built as JSON from `path value` lines)
//! AuthenticationResult.AccessToken $AT
//! AuthenticationResult.ExpiresIn 3600
//! ```
//!
//! `$AT` `$IT` `$XT` `$RT` `$PW` `$B` `$SALT` `$BLOCK` expand to a valid access
//! token, id token, expired access token, refresh token, the password, SRP_B, salt
//! and secret block.
#![no_main]
use cognito_wasm::codec::json::Json;
use cognito_wasm::core::env::HttpResponse;
use cognito_wasm::core::error::AuthError;
use cognito_wasm::crypto::device_srp::DeviceSecret;
use cognito_wasm::crypto::srp::SrpClient;
use cognito_wasm::flows::challenge::{self, SetupAnswer};
use cognito_wasm::flows::device;
use cognito_wasm::flows::refresh::{Refresh, RefreshStep};
use cognito_wasm::flows::session::{last_user_key, user_key, Session};
use cognito_wasm::flows::sign_in::{PasswordFlow, PasswordSignIn, SignedIn, Step};
use cognito_wasm::wire::user_pool::{AuthResult, Challenge, Pairs};
use cognito_wasm::wire::{self, Request};
use cognito_wasm_fuzz::*;
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, VecDeque};

const MAX_REPLIES: usize = 8;
const MAX_STEPS: usize = 64;
const ENDPOINT: &str = "https://cognito-idp.us-east-1.amazonaws.com/";
const USERNAME: &str = "alice";
/// The driver's random bytes (SRP `a`, a device's `a`, a new device's secret).
const RANDOM: [u8; 64] = [0x5a; 64];
/// A remembered device's password (40 random bytes in base64, as Amplify stores it).
const DEVICE_PASSWORD: &str = "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c2v3b4n5m6QA==";
const DETAILS: &str = r#"{"loginId":"alice","authFlowType":"USER_SRP_AUTH"}"#;

#[derive(Default)]
struct Script {
    flow: Option<PasswordFlow>,
    prefer: Option<String>,
    session: Option<String>,
    meta: Option<Pairs>,
    /// The remembered device: its key, group key and password.
    device: Option<(String, String, String)>,
    answers: VecDeque<String>,
    attrs: Option<Pairs>,
    refresh: bool,
    now: Option<f64>,
    replies: VecDeque<(String, String)>,
}

fn flow_of(name: &str) -> PasswordFlow {
    match name {
        "USER_PASSWORD_AUTH" => PasswordFlow::Password,
        "CUSTOM_WITH_SRP" => PasswordFlow::CustomWithSrp,
        "CUSTOM_WITHOUT_SRP" => PasswordFlow::Custom,
        "USER_AUTH" => PasswordFlow::UserAuth,
        _ => PasswordFlow::Srp,
    }
}

fn parse(text: &str) -> Script {
    let mut s = Script::default();
    let mut in_replies = false;
    for line in text.split_inclusive('\n') {
        if let Some(head) = line.strip_prefix("===") {
            s.replies
                .push_back((head.trim().to_string(), String::new()));
            in_replies = true;
            continue;
        }
        if in_replies {
            if let Some((_, body)) = s.replies.back_mut() {
                body.push_str(line);
            }
            continue;
        }
        let line = expand(line.trim_end_matches(['\r', '\n']));
        let (word, rest) = line.split_once(' ').unwrap_or((&line, ""));
        let pair = || {
            let (k, v) = rest.split_once(' ').unwrap_or((rest, ""));
            (k.to_string(), v.to_string())
        };
        match word {
            "flow" => s.flow = Some(flow_of(rest)),
            "prefer" => s.prefer = Some(rest.into()),
            "session" => s.session = Some(rest.into()),
            "meta" => s.meta.get_or_insert_with(Vec::new).push(pair()),
            "attr" => s.attrs.get_or_insert_with(Vec::new).push(pair()),
            "answer" => s.answers.push_back(rest.into()),
            "refresh" => s.refresh = true,
            "now" => s.now = rest.parse().ok(),
            // The device's password is ours, not the input's: a secret the checks can
            // look for (a fuzzed one could be any piece of a Debug text).
            "device" => {
                let mut w = rest.split(' ').map(str::to_string);
                let mut next = || w.next().unwrap_or_default();
                let (key, group) = (next(), next());
                let password = if next().is_empty() {
                    String::new()
                } else {
                    DEVICE_PASSWORD.into()
                };
                s.device = Some((key, group, password));
            }
            _ => {}
        }
    }
    s.replies.truncate(MAX_REPLIES);
    s
}

/// A JSON object from `path value` lines: the dotted path names nested members, the
/// value is JSON if it reads as JSON, else a string. Mutations keep it valid JSON.
fn structured(lines: &str) -> String {
    let mut root = Map::new();
    for line in lines.lines() {
        let (path, value) = line.split_once(' ').unwrap_or((line, ""));
        if path.is_empty() {
            continue;
        }
        let value = serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.into()));
        let mut keys: Vec<&str> = path.split('.').collect();
        let last = keys.pop().unwrap_or_default();
        let mut at = &mut root;
        for k in keys {
            let slot = at.entry(k).or_insert_with(|| Value::Object(Map::new()));
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            at = slot.as_object_mut().expect("made an object");
        }
        at.insert(last.into(), value);
    }
    Value::Object(root).to_string()
}

/// The server side and what the checks need: the replies left, everything the server
/// sent (a secret in it may come back in a service error), the secrets, the clock.
struct Run {
    replies: VecDeque<(String, String)>,
    echoed: String,
    last_body: Json,
    secrets: Vec<String>,
    sent: Vec<Request>,
    now: f64,
}

impl Run {
    /// The next reply, through `wire::reply` as the driver reads every reply.
    fn reply(&mut self) -> Result<Json, AuthError> {
        let Some((head, body)) = self.replies.pop_front() else {
            return Err(AuthError::new("NetworkError", "fuzz: no reply scripted"));
        };
        let mut words = head.split_whitespace();
        let status = words.next().unwrap_or("200");
        if status == "net" {
            return Err(AuthError::new("NetworkError", "fuzz: connection reset"));
        }
        let (mut error_type, mut built) = (None, false);
        for w in words {
            match w {
                "{}" => built = true,
                w if error_type.is_none() => error_type = Some(w.to_string()),
                _ => {}
            }
        }
        let body = expand(&body);
        let body = if built { structured(&body) } else { body };
        self.echoed.push_str(&body);
        self.echoed.push_str(error_type.as_deref().unwrap_or(""));
        let resp = HttpResponse {
            status: status.parse().unwrap_or(200),
            request_id: Some("8c3a7f2e-1b4d-4e5f-9a6b-7c8d9e0f1a2b".into()),
            error_type,
            body,
        };
        let r = wire::reply(&resp);
        trace!(
            "  <- {} {:?}: {}",
            resp.status,
            resp.error_type,
            match &r {
                Ok(v) => format!(
                    "{:?}",
                    v.members().iter().map(|(k, _)| k).collect::<Vec<_>>()
                ),
                Err(e) => format!("{}: {}", e.name, e.message),
            }
        );
        match &r {
            Ok(v) => self.last_body = v.clone(),
            Err(e) => self.check(e),
        }
        r
    }

    fn check(&self, e: &AuthError) {
        check_error(e);
        let secrets: Vec<&str> = self.secrets.iter().map(String::as_str).collect();
        check_no_secret(e, &secrets, &self.echoed);
        let _ = (e.ends_session(), e.is_retryable(), e.lacks_operation());
    }

    /// No secret in a `Debug` unless the server sent it (a challenge's parameters,
    /// Cognito's name for the user).
    fn check_debug(&self, what: &str, debug: &str, may_echo: bool) {
        for s in self.secrets.iter().filter(|s| s.len() >= 8) {
            assert!(
                !debug.contains(s.as_str()) || (may_echo && self.echoed.contains(s.as_str())),
                "a secret in the Debug of {what}: {debug}"
            );
        }
    }

    fn send(&mut self, req: &Request) {
        trace!("  -> {}", req.operation());
        assert!(
            req.target.starts_with("AWSCognitoIdentityProviderService."),
            "{}",
            req.target
        );
        let body: Value = serde_json::from_str(&req.body)
            .unwrap_or_else(|e| panic!("a request body is not JSON ({e}): {}", req.body));
        let body = body.as_object().expect("a request body is an object");
        match req.operation() {
            "InitiateAuth" | "RespondToAuthChallenge" | "GetTokensFromRefreshToken" => {
                assert_eq!(body["ClientId"], CLIENT_ID, "{}", req.body)
            }
            "AssociateSoftwareToken" | "VerifySoftwareToken" | "ConfirmDevice" => {}
            op => panic!("an operation no sign-in sends: {op}"),
        }
        for k in ["AuthParameters", "ChallengeResponses", "ClientMetadata"] {
            if let Some(m) = body.get(k) {
                let m = m
                    .as_object()
                    .unwrap_or_else(|| panic!("{k} is not an object"));
                assert!(m.values().all(Value::is_string), "{k}: {m:?}");
            }
        }
        let http = req.to_http(ENDPOINT);
        assert!(http
            .headers
            .contains(&("X-Amz-Target", req.target.to_string())));
        assert_eq!(http.body, req.body);
        self.check_debug("a request", &format!("{req:?}"), false);
        self.sent.push(req.clone());
    }
}

fn password_sign_in(
    flow: PasswordFlow,
    password: &str,
    script: &Script,
    prefer: Option<String>,
    session: Option<String>,
) -> PasswordSignIn {
    let uses_srp = match flow {
        PasswordFlow::Password | PasswordFlow::Custom => false,
        PasswordFlow::UserAuth => prefer.as_deref() == Some("PASSWORD_SRP"),
        _ => true,
    };
    let srp = uses_srp.then(|| SrpClient::new(&RANDOM[..32]).expect("fixed a"));
    PasswordSignIn::new(
        flow,
        POOL_ID,
        CLIENT_ID,
        USERNAME,
        password,
        script.meta.clone(),
        srp,
    )
    .prefer(prefer, session)
}

/// What the driver does when a sign-in stops at challenge `c` (other than a
/// device's SRP, which goes on in the same machine): the next machine (an answer),
/// or `None` when it waits for the user (no answer left) or the challenge is not the
/// typed core's.
fn on_challenge(
    mut c: Challenge,
    username: &str,
    run: &mut Run,
    script: &mut Script,
) -> Option<Result<PasswordSignIn, AuthError>> {
    let body = run.last_body.clone();
    let next = challenge::next_step(&c, &body);
    trace!("  challenge {} -> nextStep {next:?}", c.name);
    if let Some(step) = &next {
        // A passkey's step is answered inside the sign-in (the browser's prompt), never
        // waiting for the app: the only step of a challenge `runs` does not list.
        assert!(
            challenge::runs(&c.name) || c.name == "WEB_AUTHN",
            "a nextStep for {}, which the typed core does not run",
            c.name
        );
        let v: Value = serde_json::from_str(step)
            .unwrap_or_else(|e| panic!("nextStep is not JSON ({e}): {step}"));
        assert!(v["signInStep"].is_string(), "{step}");
        if c.name == "CUSTOM_CHALLENGE" {
            for (k, _) in &c.parameters {
                assert_eq!(v["additionalInfo"][k].as_str(), c.param(k), "{step}");
            }
        }
    }
    if !challenge::runs(&c.name) {
        return None;
    }
    loop {
        let answer = script.answers.pop_front()?;
        let mut session = c.session.clone();
        match c.name.as_str() {
            "MFA_SETUP" => {
                let _ = (challenge::setup_types(&c), challenge::setup_offered(&c));
                match challenge::setup_answer(&answer) {
                    Err(e) => return Some(Err(e)),
                    Ok(SetupAnswer::AskEmail) => continue,
                    Ok(SetupAnswer::Associate) => {
                        run.send(&challenge::associate_request(session.as_deref()));
                        match run.reply().and_then(|b| challenge::associate_reply(&b)) {
                            Ok((_secret, s)) => c.session = s.or(session),
                            Err(e) => return Some(Err(e)),
                        }
                        continue;
                    }
                    Ok(SetupAnswer::Verify) => {
                        run.send(&challenge::verify_request(
                            &answer,
                            session.as_deref(),
                            None,
                        ));
                        match run.reply() {
                            Ok(b) => session = b.str("Session").map(str::to_string).or(session),
                            Err(e) => return Some(Err(e)),
                        }
                    }
                    Ok(SetupAnswer::Email) => {}
                }
            }
            // The password chosen as the first factor: the next answer is the password
            // (the package's steps.ts waits for it).
            "SELECT_CHALLENGE" if matches!(answer.as_str(), "PASSWORD" | "PASSWORD_SRP") => {
                c.name = answer;
                continue;
            }
            "PASSWORD_SRP" => {
                return Some(Ok(password_sign_in(
                    PasswordFlow::UserAuth,
                    &answer,
                    script,
                    Some("PASSWORD_SRP".into()),
                    session,
                )))
            }
            _ => {}
        }
        return Some(
            challenge::responses(&c.name, username, &answer, script.attrs.as_ref()).map(
                |(params, with_device)| {
                    PasswordSignIn::answer(
                        CLIENT_ID,
                        username,
                        challenge::sent_as(&c.name),
                        session,
                        params,
                        with_device,
                        script.meta.clone(),
                    )
                },
            ),
        );
    }
}

/// Runs the sign-in to tokens, a challenge it waits at, or an error.
fn sign_in(run: &mut Run, script: &mut Script) -> Option<SignedIn> {
    let flow = script.flow.unwrap_or(PasswordFlow::Password);
    let mut m = password_sign_in(
        flow,
        PASSWORD,
        script,
        script.prefer.clone(),
        script.session.clone(),
    );
    let mut device = script.device.clone();
    let mut step = m.start();
    for _ in 0..MAX_STEPS {
        run.check_debug("the sign-in", &format!("{m:?}"), true);
        let s = match step {
            Ok(s) => s,
            Err(e) => {
                trace!("  error {}: {}", e.name, e.message);
                run.check(&e);
                return None;
            }
        };
        let echo = matches!(
            s,
            Step::Challenge(_) | Step::LoadDevice(_) | Step::ForgetDevice(_)
        );
        run.check_debug("a step", &format!("{s:?}"), echo);
        step = match (s, &mut m) {
            (Step::Send(req), m) => {
                run.send(&req);
                let r = run.reply();
                m.on_reply(r)
            }
            (Step::LoadDevice(u), f) => {
                trace!("  load device of {u:?}");
                f.with_device(device.as_ref().map(|d| d.0.clone()), run.now)
            }
            (Step::ForgetDevice(u), f) => {
                trace!("  forget device of {u:?}");
                assert!(
                    device.is_some(),
                    "told to forget a device that was never sent"
                );
                device = None;
                f.resume()
            }
            (Step::Done(done), _) => {
                trace!("  signed in as {:?}", done.username);
                return Some(done);
            }
            // The driver: a remembered device proves itself on the same sign-in.
            (Step::Challenge(c), f) if c.name == "DEVICE_SRP_AUTH" => {
                let (key, group, password) = device.clone()?;
                let secret = DeviceSecret::new(key, group, password);
                f.device(&secret, &RANDOM[..32]).and_then(|()| f.start())
            }
            (Step::Challenge(c), m) => {
                let username = m.username().to_string();
                match on_challenge(c, &username, run, script) {
                    None => return None,
                    Some(Ok(next)) => {
                        *m = next;
                        m.start()
                    }
                    Some(Err(e)) => Err(e),
                }
            }
        };
    }
    panic!("more than {MAX_STEPS} sign-in steps: a loop");
}

/// What storing `s` writes reads back as `s`.
fn round_trip(s: &Session) {
    let mut storage = BTreeMap::new();
    for (k, v) in s.writes(CLIENT_ID) {
        if let Some(v) = v {
            storage.insert(k, v);
        }
    }
    let user = storage
        .get(&last_user_key(CLIENT_ID))
        .cloned()
        .expect("LastAuthUser written");
    let get = |n: &str| storage.get(&user_key(CLIENT_ID, &user, n)).cloned();
    let back = Session::from_stored(&user, Session::KEYS_READ.map(get), get("signInDetails"));
    assert_eq!(
        back.as_ref(),
        Some(s),
        "the stored session reads back differently"
    );
}

/// The tokens kept as the driver keeps them: a session, or a named error.
fn keep(run: &Run, username: &str, result: &AuthResult, previous: Option<&str>) {
    match Session::from_result(username, result, previous, Some(DETAILS.into()), run.now) {
        Ok(s) => {
            assert_eq!(
                s.refresh_token.as_deref(),
                result.refresh_token.as_deref().or(previous)
            );
            round_trip(&s);
        }
        Err(e) => {
            run.check(&e);
            assert_eq!(e.name, "UnexpectedServerResponseException");
        }
    }
}

fn refresh(run: &mut Run, refresh_token: &str, username: &str, device: Option<&str>) {
    let mut r = Refresh::new(CLIENT_ID, refresh_token, device);
    let mut step = Ok(r.start());
    for sends in 1.. {
        run.check_debug("the refresh", &format!("{r:?}"), false);
        match step {
            Ok(RefreshStep::Send(req)) => {
                assert!(sends <= 2, "a refresh sent more than twice");
                run.send(&req);
                let body: Value = serde_json::from_str(&req.body).expect("checked in send");
                if sends == 1 {
                    assert_eq!(req.operation(), "GetTokensFromRefreshToken");
                    assert_eq!(body["RefreshToken"], refresh_token);
                } else {
                    assert_eq!(req.operation(), "InitiateAuth");
                    assert_eq!(body["AuthFlow"], "REFRESH_TOKEN_AUTH");
                }
                let reply = run.reply();
                let older = matches!(&reply, Err(e) if e.lacks_operation());
                step = r.on_reply(reply);
                if older && sends == 1 {
                    assert!(
                        matches!(step, Ok(RefreshStep::Send(_))),
                        "no fallback: {step:?}"
                    );
                }
            }
            Ok(RefreshStep::Done(result)) => {
                trace!("  refreshed");
                keep(run, username, &result, Some(refresh_token));
                return;
            }
            Err(e) => {
                trace!("  refresh error {}: {}", e.name, e.message);
                run.check(&e);
                return;
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut script = parse(&text);
    let [at, it, xt] = tokens();
    let mut secrets = vec![PASSWORD.to_string(), REFRESH_TOKEN.to_string(), at, it, xt];
    if let Some((_, _, pw)) = &script.device {
        secrets.push(pw.clone());
    }
    let mut run = Run {
        replies: std::mem::take(&mut script.replies),
        echoed: String::new(),
        last_body: Json::Null,
        secrets,
        sent: Vec::new(),
        now: script.now.unwrap_or(NOW_MS),
    };

    let done = sign_in(&mut run, &mut script);
    if let Some(done) = &done {
        let r = &done.result;
        let debug = format!("{r:?}");
        let tokens = [
            Some(&r.access_token),
            r.id_token.as_ref(),
            r.refresh_token.as_ref(),
        ];
        check_no_token(&debug, tokens, &debug);
        keep(&run, &done.username, r, None);
        // A new device is confirmed with the access token just received.
        if let Some(d) = &r.new_device {
            let random = &RANDOM[..device::RANDOM_BYTES];
            match device::confirm(
                &r.access_token,
                &d.device_key,
                &d.device_group_key,
                random,
                "fuzz",
            ) {
                Ok((req, password)) => {
                    run.send(&req);
                    let body: Value = serde_json::from_str(&req.body).expect("checked in send");
                    assert_eq!(body["DeviceKey"], d.device_key.as_str());
                    assert_eq!(body["AccessToken"], r.access_token.as_str());
                    assert_eq!(
                        password.len(),
                        56,
                        "the device password is 40 bytes in base64"
                    );
                }
                Err(e) => panic!("a device confirmation refused fixed random bytes: {e:?}"),
            }
        }
    }
    if script.refresh {
        let rt = done
            .as_ref()
            .and_then(|d| d.result.refresh_token.clone())
            .unwrap_or_else(|| REFRESH_TOKEN.to_string());
        let user = done.as_ref().map_or(USERNAME, |d| d.username.as_str());
        let device = script.device.as_ref().map(|d| d.0.as_str());
        refresh(&mut run, &rt, user, device);
    }

    // The SRP flows never send the password (unless the input itself put it
    // elsewhere: an answer, a reply, metadata).
    let by_design = match script.flow.unwrap_or(PasswordFlow::Password) {
        PasswordFlow::Password => true,
        PasswordFlow::UserAuth => script.prefer.as_deref() == Some("PASSWORD"),
        _ => false,
    };
    if !by_design && !expand(&text).contains(PASSWORD) {
        for req in &run.sent {
            assert!(
                !req.body.contains(PASSWORD),
                "{} sent the password in flow {:?}",
                req.operation(),
                script.flow
            );
        }
    }
});
