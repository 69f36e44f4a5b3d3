//! The shared test harness: a scripted [`Env`] (`FakeEnv`), executors, token and
//! reply builders, and the server side of Cognito's SRP.
//!
//! `FakeEnv` logs every request (operation, parsed body, headers); replies come
//! from per-operation queues or a closure; storage and per-tab (transient)
//! storage are in-memory maps that [`FakeEnv::reloaded`] shares with a fresh
//! env, as a page reload would; the clock is settable, randomness is
//! deterministic, and emitted Hub events are logged.

#![allow(dead_code)]

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use cognito_wasm::core::auth::Auth;
use cognito_wasm::core::env::{Env, HttpRequest, HttpResponse};
use cognito_wasm::core::error::AuthError;
use cognito_wasm::core::srp;
use crypto_bigint::modular::{MontyForm, MontyParams};
use crypto_bigint::{Odd, U256, U3072};
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

// ---------------------------------------------------------------------------
// Fixture values
// ---------------------------------------------------------------------------

pub const POOL_ID: &str = "us-east-1_TstPool01";
pub const CLIENT_ID: &str = "3n4b5urk1ft4fl3mg5e62d9ado";
pub const REGIONAL_URL: &str = "https://cognito-idp.us-east-1.amazonaws.com/";
pub const REQUEST_ID: &str = "8c3a7f2e-1b4d-4e5f-9a6b-7c8d9e0f1a2b";
/// 2026-01-05T03:04:05.123Z, a Monday.
pub const NOW_MS: f64 = 1_767_582_245_123.0;
pub const NOW_S: i64 = 1_767_582_245;
pub const TIMESTAMP_AT_NOW: &str = "Mon Jan 5 03:04:05 UTC 2026";
pub const PASSWORD: &str = "Corr3ct-Horse-Battery!";
pub const SUB: &str = "7d8ca528-4931-4254-9273-ea5ee853f271";
pub const SALT: &str = "a3f1c2d4e5b60718293a4b5c6d7e8f90";
pub const PREFIX: &str = "CognitoIdentityServiceProvider";
pub const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";
/// What `FakeEnv::device_name` answers (a browser's user agent in real life).
pub const DEVICE_NAME: &str =
    "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

pub fn config() -> Value {
    json!({ "Auth": { "Cognito": { "userPoolId": POOL_ID, "userPoolClientId": CLIENT_ID } } })
}

/// The same pool and client behind another endpoint: a real re-configure.
pub fn other_config() -> Value {
    json!({ "Auth": { "Cognito": {
        "userPoolId": POOL_ID, "userPoolClientId": CLIENT_ID,
        "userPoolEndpoint": "https://cognito-proxy.example.com",
    } } })
}

pub fn last_user_key() -> String {
    format!("{PREFIX}.{CLIENT_ID}.LastAuthUser")
}

pub fn key(user: &str, name: &str) -> String {
    format!("{PREFIX}.{CLIENT_ID}.{user}.{name}")
}

// ---------------------------------------------------------------------------
// The scripted Env
// ---------------------------------------------------------------------------

pub type Reply = Result<HttpResponse, AuthError>;
pub type Responder = Box<dyn FnMut(&Req) -> Reply>;

/// One logged request.
#[derive(Clone, Debug)]
pub struct Req {
    pub url: String,
    /// The operation from `X-Amz-Target` (`InitiateAuth`, …).
    pub op: String,
    pub body: Value,
    pub headers: Vec<(&'static str, String)>,
}

impl Req {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub struct FakeEnv {
    pub script: RefCell<HashMap<String, VecDeque<Reply>>>,
    pub responder: RefCell<Option<Responder>>,
    pub log: RefCell<Vec<Req>>,
    /// localStorage: shared with [`FakeEnv::reloaded`] envs.
    pub storage: Rc<RefCell<HashMap<String, String>>>,
    /// sessionStorage (per tab): shared with [`FakeEnv::reloaded`] envs.
    pub transient: Rc<RefCell<HashMap<String, String>>>,
    /// When false, the env has no per-tab storage (the `Env` defaults: nothing
    /// survives a reload).
    pub tab_storage: Cell<bool>,
    /// Every Hub event emitted, in order.
    pub events: RefCell<Vec<(String, Option<Value>)>>,
    pub now: Cell<f64>,
    /// When set, `send` yields once before taking its reply, so two calls can
    /// interleave (see [`join2`]); replies go out in the order calls resume.
    pub yield_on_send: Cell<bool>,
    /// When set, the n-th `set_item` from now (1-based) fails, as a full or
    /// blocked storage would.
    pub fail_set_item_in: Cell<Option<usize>>,
    /// The last failure scripted per operation: a failing server keeps failing,
    /// so retries see the same reply until the queue has something else.
    pub last_failure: RefCell<HashMap<String, Reply>>,
    /// Every back-off delay the client asked for, in ms.
    pub sleeps: RefCell<Vec<u32>>,
}

/// A future that is pending once, then ready.
pub struct YieldOnce(pub bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            Poll::Pending
        }
    }
}

/// The bytes `FakeEnv::fill_random` produces (the same on every call).
pub fn deterministic_bytes(buf: &mut [u8]) {
    for (i, b) in buf.iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(37).wrapping_add(0x5b);
    }
}

impl FakeEnv {
    pub fn new() -> Self {
        Self {
            script: RefCell::new(HashMap::new()),
            responder: RefCell::new(None),
            log: RefCell::new(Vec::new()),
            storage: Rc::new(RefCell::new(HashMap::new())),
            transient: Rc::new(RefCell::new(HashMap::new())),
            tab_storage: Cell::new(true),
            events: RefCell::new(Vec::new()),
            now: Cell::new(NOW_MS),
            yield_on_send: Cell::new(false),
            last_failure: RefCell::new(HashMap::new()),
            fail_set_item_in: Cell::new(None),
            sleeps: RefCell::new(Vec::new()),
        }
    }

    /// Queues a reply for the next request to `op`.
    pub fn push(&self, op: &str, reply: Reply) {
        self.script
            .borrow_mut()
            .entry(op.to_string())
            .or_default()
            .push_back(reply);
    }

    /// Answers every request that has no queued reply.
    pub fn respond_with(&self, f: impl FnMut(&Req) -> Reply + 'static) {
        *self.responder.borrow_mut() = Some(Box::new(f));
    }

    pub fn requests(&self) -> Vec<Req> {
        self.log.borrow().clone()
    }

    pub fn ops(&self) -> Vec<String> {
        self.log.borrow().iter().map(|r| r.op.clone()).collect()
    }

    pub fn assert_script_used(&self) {
        let left: Vec<String> = self
            .script
            .borrow()
            .iter()
            .filter(|(_, q)| !q.is_empty())
            .map(|(op, q)| format!("{op} x{}", q.len()))
            .collect();
        assert!(
            left.is_empty(),
            "scripted replies never requested: {left:?}"
        );
    }

    pub fn set(&self, k: &str, v: &str) {
        self.storage
            .borrow_mut()
            .insert(k.to_string(), v.to_string());
    }

    pub fn get(&self, k: &str) -> Option<String> {
        self.storage.borrow().get(k).cloned()
    }

    pub fn snapshot(&self) -> HashMap<String, String> {
        self.storage.borrow().clone()
    }

    pub fn set_now(&self, ms: f64) {
        self.now.set(ms);
    }

    pub fn advance(&self, ms: f64) {
        self.now.set(self.now.get() + ms);
    }

    /// The same tab after a reload: localStorage and sessionStorage are kept
    /// (shared), the clock reads the same; the request log, scripts and events
    /// start empty (memory is lost).
    pub fn reloaded(&self) -> FakeEnv {
        let env = FakeEnv::new();
        let env = FakeEnv {
            storage: Rc::clone(&self.storage),
            transient: Rc::clone(&self.transient),
            ..env
        };
        env.now.set(self.now.get());
        env
    }

    pub fn transient_get(&self, k: &str) -> Option<String> {
        self.transient.borrow().get(k).cloned()
    }

    pub fn transient_snapshot(&self) -> HashMap<String, String> {
        self.transient.borrow().clone()
    }

    /// The names of the events emitted so far.
    pub fn event_names(&self) -> Vec<String> {
        self.events
            .borrow()
            .iter()
            .map(|(e, _)| e.clone())
            .collect()
    }

    pub fn take_events(&self) -> Vec<(String, Option<Value>)> {
        std::mem::take(&mut *self.events.borrow_mut())
    }

    /// How many requests went to `op`.
    pub fn count(&self, op: &str) -> usize {
        self.log.borrow().iter().filter(|r| r.op == op).count()
    }

    /// The requests to `op`, in order.
    pub fn requests_to(&self, op: &str) -> Vec<Req> {
        self.log
            .borrow()
            .iter()
            .filter(|r| r.op == op)
            .cloned()
            .collect()
    }
}

impl Default for FakeEnv {
    fn default() -> Self {
        Self::new()
    }
}

impl Env for FakeEnv {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse, AuthError> {
        let target = req
            .headers
            .iter()
            .find(|(k, _)| *k == "X-Amz-Target")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let op = target
            .strip_prefix(TARGET_PREFIX)
            .unwrap_or(&target)
            .to_string();
        let body: Value = serde_json::from_str(&req.body).expect("request bodies are JSON");
        let logged = Req {
            url: req.url,
            op: op.clone(),
            body,
            headers: req.headers,
        };
        self.log.borrow_mut().push(logged.clone());
        if self.yield_on_send.get() {
            YieldOnce(false).await;
        }
        let queued = self
            .script
            .borrow_mut()
            .get_mut(&op)
            .and_then(VecDeque::pop_front);
        if let Some(reply) = queued {
            let failed = match &reply {
                Err(_) => true,
                Ok(r) => r.status >= 400,
            };
            if failed {
                self.last_failure
                    .borrow_mut()
                    .insert(op.clone(), reply.clone());
            } else {
                self.last_failure.borrow_mut().remove(&op);
            }
            return reply;
        }
        if let Some(reply) = self.last_failure.borrow().get(&op) {
            return reply.clone();
        }
        if let Some(f) = self.responder.borrow_mut().as_mut() {
            return f(&logged);
        }
        panic!("FakeEnv: no reply scripted for {op}");
    }

    async fn get_item(&self, key: &str) -> Result<Option<String>, AuthError> {
        Ok(self.get(key))
    }

    async fn set_item(&self, key: &str, value: &str) -> Result<(), AuthError> {
        if let Some(n) = self.fail_set_item_in.get() {
            self.fail_set_item_in
                .set(n.checked_sub(1).filter(|n| *n > 0));
            if n == 1 {
                return Err(AuthError::new("StorageException", "storage is full"));
            }
        }
        self.set(key, value);
        Ok(())
    }

    async fn remove_item(&self, key: &str) -> Result<(), AuthError> {
        self.storage.borrow_mut().remove(key);
        Ok(())
    }

    fn now_ms(&self) -> f64 {
        self.now.get()
    }

    fn fill_random(&self, buf: &mut [u8]) -> Result<(), AuthError> {
        deterministic_bytes(buf);
        Ok(())
    }

    async fn sleep(&self, ms: u32) {
        self.sleeps.borrow_mut().push(ms);
    }

    async fn get_transient(&self, key: &str) -> Option<String> {
        if !self.tab_storage.get() {
            return None;
        }
        self.transient_get(key)
    }

    async fn set_transient(&self, key: &str, value: &str) {
        if self.tab_storage.get() {
            self.transient
                .borrow_mut()
                .insert(key.to_string(), value.to_string());
        }
    }

    async fn remove_transient(&self, key: &str) {
        if self.tab_storage.get() {
            self.transient.borrow_mut().remove(key);
        }
    }

    fn device_name(&self) -> String {
        DEVICE_NAME.into()
    }

    fn emit(&self, event: &str, data: Option<Value>) {
        self.events.borrow_mut().push((event.to_string(), data));
    }
}

/// Runs a future that never waits (FakeEnv answers at once).
pub fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    // FakeEnv only ever yields (never waits for an event), so polling again is enough.
    for _ in 0..1000 {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
    panic!("the future never completed");
}

/// Runs two calls concurrently on one thread, as two event-loop tasks would:
/// each round polls `a` then `b`, so with `yield_on_send` both reach their
/// request before either gets its reply, and `a` is answered first.
pub fn join2<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let (mut a, mut b) = (std::pin::pin!(a), std::pin::pin!(b));
    let (mut ra, mut rb) = (None, None);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1000 {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(&mut cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(&mut cx) {
                rb = Some(v);
            }
        }
        if let (Some(_), Some(_)) = (&ra, &rb) {
            return (ra.unwrap(), rb.unwrap());
        }
    }
    panic!("the futures never completed");
}

pub fn unconfigured() -> Auth<FakeEnv> {
    Auth::new(FakeEnv::new())
}

pub fn configured() -> Auth<FakeEnv> {
    let auth = unconfigured();
    auth.configure(&config()).expect("the test config is valid");
    auth
}

pub fn err(r: Result<Value, AuthError>) -> AuthError {
    r.expect_err("expected an error")
}

// ---------------------------------------------------------------------------
// Replies
// ---------------------------------------------------------------------------

pub fn ok(body: Value) -> Reply {
    raw(200, &body.to_string())
}

pub fn raw(status: u16, body: &str) -> Reply {
    Ok(HttpResponse {
        status,
        request_id: Some(REQUEST_ID.into()),
        error_type: None,
        body: body.into(),
    })
}

/// A documented Cognito error: HTTP 400, `{"__type","message"}`, `x-amzn-requestid`.
pub fn aws_error(code: &str, message: &str) -> Reply {
    aws_error_status(400, code, message)
}

pub fn aws_error_status(status: u16, code: &str, message: &str) -> Reply {
    raw(
        status,
        &json!({ "__type": code, "message": message }).to_string(),
    )
}

/// What a transport failure looks like from the Env.
pub fn network_down() -> Reply {
    Err(AuthError::network("A network error has occurred."))
}

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

pub fn jwt(claims: Value) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"kid":"test-kid-1","alg":"RS256"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    format!("{header}.{payload}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk")
}

pub fn access_jwt(
    username: &str,
    iat: i64,
    exp: i64,
    origin_jti: Option<&str>,
    tag: &str,
) -> String {
    let mut c = json!({
        "sub": SUB,
        "iss": format!("https://cognito-idp.us-east-1.amazonaws.com/{POOL_ID}"),
        "client_id": CLIENT_ID,
        "token_use": "access",
        "scope": "aws.cognito.signin.user.admin",
        "auth_time": iat,
        "iat": iat,
        "exp": exp,
        "jti": format!("access-jti-{tag}"),
        "username": username,
    });
    if let Some(o) = origin_jti {
        c["origin_jti"] = o.into();
    }
    jwt(c)
}

pub fn id_jwt(username: &str, iat: i64, exp: i64, tag: &str) -> String {
    jwt(json!({
        "sub": SUB,
        "iss": format!("https://cognito-idp.us-east-1.amazonaws.com/{POOL_ID}"),
        "aud": CLIENT_ID,
        "token_use": "id",
        "auth_time": iat,
        "iat": iat,
        "exp": exp,
        "jti": format!("id-jti-{tag}"),
        "origin_jti": format!("origin-{tag}"),
        "cognito:username": username,
        "email": "alice@example.com",
        "email_verified": true,
    }))
}

#[derive(Clone, Debug)]
pub struct Tokens {
    pub access: String,
    pub id: String,
    pub refresh: String,
}

pub fn tokens_for(username: &str, iat: i64, exp: i64, tag: &str) -> Tokens {
    let origin = format!("origin-{tag}");
    Tokens {
        access: access_jwt(username, iat, exp, Some(&origin), tag),
        id: id_jwt(username, iat, exp, tag),
        // Real refresh tokens are opaque JWEs (five parts).
        refresh: format!(
            "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.refresh-{tag}.iv.cipher.tag"
        ),
    }
}

/// Valid for an hour from the fake clock.
pub fn fresh(tag: &str) -> Tokens {
    tokens_for("alice", NOW_S, NOW_S + 3600, tag)
}

/// Expired an hour ago.
pub fn expired(tag: &str) -> Tokens {
    tokens_for("alice", NOW_S - 7200, NOW_S - 3600, tag)
}

/// `AuthenticationResult` as documented (AuthenticationResultType).
pub fn auth_result(t: &Tokens) -> Value {
    json!({
        "AccessToken": t.access,
        "ExpiresIn": 3600,
        "IdToken": t.id,
        "RefreshToken": t.refresh,
        "TokenType": "Bearer",
    })
}

/// A refresh without rotation: no RefreshToken.
pub fn auth_result_without_refresh(t: &Tokens) -> Value {
    json!({ "AccessToken": t.access, "ExpiresIn": 3600, "IdToken": t.id, "TokenType": "Bearer" })
}

/// Writes a session the way Amplify v6 stores it.
pub fn seed_session(env: &FakeEnv, user: &str, t: &Tokens) {
    env.set(&last_user_key(), user);
    env.set(&key(user, "accessToken"), &t.access);
    env.set(&key(user, "idToken"), &t.id);
    env.set(&key(user, "refreshToken"), &t.refresh);
    env.set(&key(user, "clockDrift"), "0");
    env.set(
        &key(user, "signInDetails"),
        r#"{"loginId":"alice","authFlowType":"USER_SRP_AUTH"}"#,
    );
}

/// Keys that sign-out and a dead refresh must leave alone.
pub fn seed_device_and_other_keys(env: &FakeEnv, user: &str) {
    env.set(&key(user, "deviceKey"), "us-east-1_device-key");
    env.set(&key(user, "deviceGroupKey"), "-group-key");
    env.set(&key(user, "randomPasswordKey"), "random-pw-key");
    env.set("some-other-app.setting", "kept");
}

pub fn device_and_other_keys(user: &str) -> HashMap<String, String> {
    HashMap::from([
        (key(user, "deviceKey"), "us-east-1_device-key".to_string()),
        (key(user, "deviceGroupKey"), "-group-key".to_string()),
        (key(user, "randomPasswordKey"), "random-pw-key".to_string()),
        ("some-other-app.setting".to_string(), "kept".to_string()),
    ])
}

// ---------------------------------------------------------------------------
// SRP helpers
// ---------------------------------------------------------------------------

pub fn secret_block() -> String {
    let bytes: Vec<u8> = (0u8..96)
        .map(|i| i.wrapping_mul(7).wrapping_add(3))
        .collect();
    STANDARD.encode(bytes)
}

/// A valid SRP_B (g^b mod N) for tests that do not check the proof.
pub fn simple_srp_b() -> String {
    srp::to_hex_unpadded(&srp::public_a(
        &srp::private_a(&[0x42; srp::A_RANDOM_BYTES]),
        srp::A_RANDOM_BYTES * 8,
    ))
}

/// The SRP_A the client must send, given FakeEnv's randomness.
pub fn expected_srp_a() -> String {
    let mut r = [0u8; srp::A_RANDOM_BYTES];
    deterministic_bytes(&mut r);
    srp::to_hex_unpadded(&srp::public_a(&srp::private_a(&r), srp::A_RANDOM_BYTES * 8))
}

/// InitiateAuth's PASSWORD_VERIFIER reply, as documented (no Session for SRP).
pub fn password_verifier(username: &str, user_id: &str, srp_b: &str) -> Value {
    json!({
        "ChallengeName": "PASSWORD_VERIFIER",
        "ChallengeParameters": {
            "SALT": SALT,
            "SECRET_BLOCK": secret_block(),
            "SRP_B": srp_b,
            "USERNAME": username,
            "USER_ID_FOR_SRP": user_id,
        },
    })
}

/// The server side of Cognito's SRP, for one user or one remembered device:
/// B = k·v + g^b, and the proof check S = (A·v^u)^b.
pub struct SrpServer {
    /// What is hashed in the pool name's place: the part of the pool id after
    /// `_`, or a device group key (whole).
    pub pool: String,
    pub user_id: String,
    /// The SALT sent in the challenge (hex).
    pub salt_hex: String,
    pub params: MontyParams<{ U3072::LIMBS }>,
    pub v: MontyForm<{ U3072::LIMBS }>,
    pub b: U256,
    pub big_b: U3072,
}

const SERVER_B: &str = "8f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
const DEVICE_SERVER_B: &str = "1d2c3b4a59687786a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f08f1e";

fn montgomery() -> MontyParams<{ U3072::LIMBS }> {
    MontyParams::new_vartime(Odd::new(cb(&srp::modulus())).unwrap())
}

/// Our integer as crypto-bigint's (the fake server does its math with crypto-bigint,
/// an implementation independent of the client's).
fn cb(x: &srp::U3072) -> U3072 {
    U3072::from_be_slice(&x.to_be_bytes())
}

fn ours(x: &U3072) -> srp::U3072 {
    srp::U3072::from_be_slice(&x.to_be_bytes()).unwrap()
}

impl SrpServer {
    /// A user of the test pool with this password (the salt is [`SALT`]).
    pub fn new(user_id: &str, password: &str) -> Self {
        let params = montgomery();
        let g = MontyForm::new(&U3072::from(2u8), params);
        let salt = srp::parse_uint(SALT, "SALT").unwrap();
        let x = srp::compute_x(&salt, srp::pool_name(POOL_ID), user_id, password);
        let v = g.pow(&U256::from_be_slice(&x[..])).retrieve();
        Self::with_verifier(srp::pool_name(POOL_ID), user_id, &v, SALT, SERVER_B)
    }

    /// A remembered device, from what the client registered with ConfirmDevice
    /// (`DeviceSecretVerifierConfig`, both base64): the server never learns the password.
    pub fn for_device(
        device_group_key: &str,
        device_key: &str,
        password_verifier_b64: &str,
        salt_b64: &str,
    ) -> Self {
        let v = STANDARD.decode(password_verifier_b64).unwrap();
        let salt = STANDARD.decode(salt_b64).unwrap();
        let v = cb(&srp::parse_uint(&hex_of(&v), "PasswordVerifier").unwrap());
        Self::with_verifier(
            device_group_key,
            device_key,
            &v,
            &hex_of(&salt),
            DEVICE_SERVER_B,
        )
    }

    pub fn with_verifier(
        pool: &str,
        user_id: &str,
        v: &U3072,
        salt_hex: &str,
        b_hex: &str,
    ) -> Self {
        let params = montgomery();
        let g = MontyForm::new(&U3072::from(2u8), params);
        let v = MontyForm::new(v, params);
        let b = U256::from_be_hex(b_hex);
        let big_b = MontyForm::new(&cb(&srp::k()), params)
            .mul(&v)
            .add(&g.pow(&b))
            .retrieve();
        Self {
            pool: pool.into(),
            user_id: user_id.into(),
            salt_hex: salt_hex.into(),
            params,
            v,
            b,
            big_b,
        }
    }

    pub fn b_hex(&self) -> String {
        srp::to_hex_unpadded(&ours(&self.big_b))
    }

    /// The signature a client that knows the password sends: S = (A·v^u)^b.
    pub fn expected_signature(&self, a_hex: &str, secret_block: &[u8], timestamp: &str) -> String {
        let big_a = srp::parse_uint(a_hex, "SRP_A").unwrap();
        let u = srp::compute_u(&big_a, &ours(&self.big_b));
        let s = MontyForm::new(&cb(&big_a), self.params)
            .mul(&self.v.pow_bounded_exp(&cb(&u), 256))
            .pow(&self.b)
            .retrieve();
        let key = srp::hkdf_key(&ours(&s), &u);
        srp::signature(&key, &self.pool, &self.user_id, secret_block, timestamp)
    }

    /// Checks a PASSWORD_VERIFIER / DEVICE_PASSWORD_VERIFIER answer as Cognito does.
    pub fn verifies(&self, a_hex: &str, challenge_responses: &Value) -> bool {
        let field = |k: &str| challenge_responses[k].as_str().unwrap_or_default();
        let Ok(block) = STANDARD.decode(field("PASSWORD_CLAIM_SECRET_BLOCK")) else {
            return false;
        };
        field("PASSWORD_CLAIM_SIGNATURE")
            == self.expected_signature(a_hex, &block, field("TIMESTAMP"))
    }
}

/// Lower-case hex of bytes.
pub fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Errors must not carry secrets in any form a caller might print or send.
pub fn assert_no_secrets(e: &AuthError, secrets: &[&str]) {
    let texts = [
        e.message.clone(),
        e.to_string(),
        format!("{e:?}"),
        e.to_json().to_string(),
        e.recovery_suggestion.clone().unwrap_or_default(),
    ];
    for t in &texts {
        for s in secrets {
            assert!(!t.contains(s), "secret {s:?} appears in {t:?}");
        }
    }
}
