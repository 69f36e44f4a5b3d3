//! The password sign-in as a state machine: `USER_SRP_AUTH` (the default),
//! `CUSTOM_WITH_SRP` and `USER_PASSWORD_AUTH`, up to tokens or the first challenge
//! that asks the user for something. It never sends, reads storage or waits: each
//! call returns the next [`Step`], and the driver does the I/O and feeds the result
//! back.
//!
//! ```text
//! start ─▶ Send(InitiateAuth) ─▶ on_reply ─┬▶ Done(tokens)                (USER_PASSWORD_AUTH)
//!                                          ├▶ Challenge(…)                (MFA, new password, …)
//!                                          └▶ LoadDevice(user) ─▶ with_device ─▶ Send(PASSWORD_VERIFIER proof)
//!                                                                   ─▶ on_reply ─▶ Done | Challenge
//! a reply "device does not exist" ─▶ ForgetDevice(user) ─▶ resume ─▶ Send(the same, without DEVICE_KEY)
//! ```
//!
//! A remembered device that Cognito asks to prove itself (`DEVICE_SRP_AUTH`) ends this
//! flow as a [`Step::Challenge`]; [`PasswordSignIn::device`] goes on from it with the
//! same machine: the device's own SRP is this one with the device group key in the
//! pool's place, the device key in the user's and the device password
//! (`DEVICE_SRP_AUTH` ─▶ `DEVICE_PASSWORD_VERIFIER`, as `USER_SRP_AUTH` ─▶
//! `PASSWORD_VERIFIER`).

use crate::codec::json::Json;
use crate::core::error::{AuthError, Kind};
use crate::crypto::device_srp::DeviceSecret;
use crate::crypto::srp::{pool_name, SrpClient};
#[allow(unused_imports)]
use crate::prelude::*;
use crate::wire::user_pool::{self as up, AuthReply, AuthResult, Challenge, Pairs};
use crate::wire::Request;
use zeroize::Zeroizing;

/// Which password flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordFlow {
    /// `USER_SRP_AUTH`: the password never leaves the page.
    Srp,
    /// `CUSTOM_WITH_SRP`: `CUSTOM_AUTH` starting with SRP.
    CustomWithSrp,
    /// `USER_PASSWORD_AUTH`: the password goes to Cognito over TLS.
    Password,
    /// `CUSTOM_WITHOUT_SRP`: `CUSTOM_AUTH` with the username alone.
    Custom,
    /// `USER_AUTH` (choice-based): the first factor named by `preferredChallenge`
    /// (see [`PasswordSignIn::prefer`]), or the choice Cognito offers.
    UserAuth,
    /// A remembered device's own SRP (`DEVICE_SRP_AUTH`), after the user's sign-in
    /// stopped there ([`PasswordSignIn::device`]).
    Device,
}

impl PasswordFlow {
    /// The `authFlowType` name, as `signInDetails` records it (a device's SRP: the
    /// challenge it answers, as it is no flow an app picks).
    pub fn name(self) -> &'static str {
        match self {
            PasswordFlow::Srp => "USER_SRP_AUTH",
            PasswordFlow::CustomWithSrp => "CUSTOM_WITH_SRP",
            PasswordFlow::Password => "USER_PASSWORD_AUTH",
            PasswordFlow::Custom => "CUSTOM_WITHOUT_SRP",
            PasswordFlow::UserAuth => "USER_AUTH",
            PasswordFlow::Device => "DEVICE_SRP_AUTH",
        }
    }

    /// `AuthFlow` of the InitiateAuth that starts it.
    fn auth_flow(self) -> &'static str {
        match self {
            PasswordFlow::Srp => "USER_SRP_AUTH",
            PasswordFlow::CustomWithSrp | PasswordFlow::Custom => "CUSTOM_AUTH",
            PasswordFlow::Password => "USER_PASSWORD_AUTH",
            PasswordFlow::UserAuth => "USER_AUTH",
            // Starts with a challenge answer, never an InitiateAuth.
            PasswordFlow::Device => "",
        }
    }

    /// The challenge the first request must be answered with: the proof is for it.
    fn verifier(self) -> &'static str {
        if self == PasswordFlow::Device {
            "DEVICE_PASSWORD_VERIFIER"
        } else {
            "PASSWORD_VERIFIER"
        }
    }
}

/// What the driver does next.
#[derive(Debug, PartialEq)]
pub enum Step {
    /// Send this request and pass its outcome to [`PasswordSignIn::on_reply`].
    Send(Request),
    /// Look up the device remembered for this user (its key, if all of Amplify's
    /// three device keys are stored) and pass it to [`PasswordSignIn::with_device`]
    /// with the clock. (A device's own SRP asks too, for the clock of its proof; it
    /// uses its own key, not the one looked up.)
    LoadDevice(String),
    /// Cognito no longer knows the remembered device: remove its keys for this user,
    /// then call [`PasswordSignIn::resume`].
    ForgetDevice(String),
    /// Signed in: keep these tokens for `username` (Cognito's name for the user).
    Done(SignedIn),
    /// Cognito asks for something else (MFA, a new password, a device's own SRP):
    /// the challenge, for the user or the next flow (`flows::challenge`,
    /// [`PasswordSignIn::device`]).
    Challenge(Challenge),
}

/// The outcome of a finished sign-in.
#[derive(Debug, PartialEq)]
pub struct SignedIn {
    /// `USERNAME` as Cognito reported it (the key the session is stored under).
    pub username: String,
    pub result: AuthResult,
}

#[derive(Debug)]
enum State {
    New,
    /// InitiateAuth sent.
    Initiated,
    /// The PASSWORD_VERIFIER challenge, waiting for the device lookup.
    Verifier(Challenge),
    /// The proof sent (with `device` when one was remembered).
    Proved,
    /// A stale device is being forgotten; `resend` goes out again without it.
    Forgetting,
    /// A challenge answer (`PasswordSignIn::answer`), waiting for the device lookup.
    Answering,
    /// Stopped at `DEVICE_SRP_AUTH` (its session in `select_session`), for `device`.
    DeviceAsked,
    Finished,
}

/// What a request of this flow carried: the operation (`InitiateAuth`) or challenge
/// answered, its parameters and session.
struct Sent {
    what: String,
    params: Vec<(String, String)>,
    session: Option<String>,
}

impl Drop for Sent {
    // The parameters may hold the password (USER_PASSWORD_AUTH).
    fn drop(&mut self) {
        for (_, v) in &mut self.params {
            zeroize::Zeroize::zeroize(v);
        }
    }
}

/// One password sign-in.
pub struct PasswordSignIn {
    flow: PasswordFlow,
    client_id: String,
    user_pool_id: String,
    /// The name typed to `signIn`, until Cognito names the user.
    username: String,
    password: Zeroizing<String>,
    metadata: Option<Pairs>,
    srp: Option<SrpClient>,
    /// The remembered device's key, sent with the proof (or the password).
    device: Option<String>,
    /// The last request sent, for a resend without the stale device.
    last: Option<Sent>,
    /// USER_AUTH: the preferred first factor, and the SELECT_CHALLENGE session when
    /// the password (SRP) answers Cognito's first-factor choice instead (or a confirmed
    /// sign-up's session; for a device's SRP, the DEVICE_SRP_AUTH challenge's session).
    preferred: Option<String>,
    select_session: Option<String>,
    state: State,
}

impl core::fmt::Debug for PasswordSignIn {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PasswordSignIn")
            .field("flow", &self.flow)
            .field("username", &self.username)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

pub(crate) fn missing(what: &str) -> AuthError {
    AuthError::bad_reply(&crate::codec::cat(&[
        "ChallengeParameters.",
        what,
        " is missing",
    ]))
}

/// Cognito no longer knows the remembered device.
pub fn is_stale_device(e: &AuthError) -> bool {
    // A plain scan: str::contains brings a two-way searcher (~2 KB of wasm) for this one use.
    const NEEDLE: &[u8] = b"Device does not exist";
    e.kind() == Kind::ResourceNotFound
        && e.message
            .as_bytes()
            .windows(NEEDLE.len())
            .any(|w| w == NEEDLE)
}

impl PasswordSignIn {
    /// A sign-in for `username` with `password`. `srp` is the client state for the
    /// SRP flows (its `A` may have been computed ahead of time); unused for
    /// `USER_PASSWORD_AUTH`.
    pub fn new(
        flow: PasswordFlow,
        user_pool_id: &str,
        client_id: &str,
        username: &str,
        password: &str,
        metadata: Option<Pairs>,
        srp: Option<SrpClient>,
    ) -> Self {
        PasswordSignIn {
            flow,
            client_id: client_id.into(),
            user_pool_id: user_pool_id.into(),
            username: username.into(),
            password: Zeroizing::new(password.into()),
            metadata,
            srp,
            device: None,
            last: None,
            preferred: None,
            select_session: None,
            state: State::New,
        }
    }

    /// The answer to a challenge (`confirmSignIn`): `responses` are its
    /// ChallengeResponses (see `flows::challenge::responses`); when `with_device`, the
    /// remembered device's key goes with them, and a device Cognito no longer knows
    /// is forgotten and the answer resent, as for the proof. Then as a sign-in: tokens,
    /// or the next challenge.
    pub fn answer(
        client_id: &str,
        username: &str,
        challenge: &str,
        session: Option<String>,
        responses: Vec<(String, String)>,
        with_device: bool,
        metadata: Option<Pairs>,
    ) -> Self {
        let mut flow = PasswordSignIn::new(
            PasswordFlow::Srp,
            "",
            client_id,
            username,
            "",
            metadata,
            None,
        );
        flow.last = Some(Sent {
            what: challenge.into(),
            params: responses,
            session,
        });
        flow.state = if with_device {
            State::Answering
        } else {
            State::Proved
        };
        flow
    }

    /// After [`Step::Challenge`] `DEVICE_SRP_AUTH`: the sign-in goes on as the
    /// remembered device proving itself, from [`PasswordSignIn::start`] again —
    /// `DEVICE_SRP_AUTH` with the device's `A` (a fresh SRP client from `random`), then, at
    /// [`Step::LoadDevice`], the proof for `DEVICE_PASSWORD_VERIFIER` with the device's
    /// three values; then tokens or the next challenge. The device key goes with both.
    /// Without all three device values it is Amplify's DeviceMetadataNotFoundException
    /// (checked before `A` is computed).
    pub fn device(&mut self, secret: &DeviceSecret, random: &[u8]) -> Result<(), AuthError> {
        if !matches!(self.state, State::DeviceAsked) {
            return Err(out_of_order());
        }
        secret.validate()?;
        let srp = SrpClient::new(random)?;
        // The group key is hashed where the pool's name is, the device password where
        // the user's is; the user's password is wiped (Zeroizing) as it is replaced.
        self.flow = PasswordFlow::Device;
        self.user_pool_id = secret.device_group_key.clone();
        self.password = Zeroizing::new(secret.random_password.clone());
        self.device = Some(secret.device_key.clone());
        self.srp = Some(srp);
        // The last request may hold the user's password (USER_PASSWORD_AUTH): wiped now.
        self.last = None;
        self.state = State::New;
        Ok(())
    }

    /// USER_AUTH's `preferredChallenge` and a session: with `PASSWORD_SRP`, the
    /// SELECT_CHALLENGE the SRP answers (the first-factor choice) instead of starting
    /// the sign-in; otherwise a confirmed sign-up's session the InitiateAuth carries
    /// (autoSignIn, no password needed).
    pub fn prefer(mut self, preferred: Option<String>, select_session: Option<String>) -> Self {
        self.preferred = preferred;
        self.select_session = select_session;
        self
    }

    /// The first step. `USER_PASSWORD_AUTH` and `CUSTOM_WITHOUT_SRP` send the
    /// remembered device's key, so they ask for it first.
    pub fn start(&mut self) -> Result<Step, AuthError> {
        match self.state {
            State::New => {}
            // A challenge answer: with the device (looked up first), or at once.
            State::Answering => return Ok(Step::LoadDevice(self.username.clone())),
            State::Proved if self.srp.is_none() && self.last.is_some() => {
                let Some(mut last) = self.last.take() else {
                    return Err(out_of_order());
                };
                let (what, session) = (core::mem::take(&mut last.what), last.session.take());
                let params = core::mem::take(&mut last.params);
                return Ok(Step::Send(self.send(&what, params, session)));
            }
            _ => return Err(out_of_order()),
        }
        if self.flow == PasswordFlow::UserAuth && self.preferred.as_deref() != Some("PASSWORD_SRP")
        {
            // No device key with USER_AUTH (as Amplify); the password only if preferred.
            let mut params = vec![("USERNAME".to_string(), self.username.clone())];
            if let Some(p) = &self.preferred {
                params.push(("PREFERRED_CHALLENGE".into(), p.clone()));
                if p == "PASSWORD" {
                    params.push(("PASSWORD".into(), self.password.to_string()));
                }
            }
            self.state = State::Proved;
            // A confirmed sign-up's session signs in without the password (autoSignIn).
            let session = self.select_session.clone();
            return Ok(Step::Send(self.send("InitiateAuth", params, session)));
        }
        if matches!(self.flow, PasswordFlow::Password | PasswordFlow::Custom) {
            self.state = State::Verifier(Challenge {
                name: String::new(),
                session: None,
                parameters: Vec::new(),
            });
            return Ok(Step::LoadDevice(self.username.clone()));
        }
        let srp = self.srp.as_ref().ok_or_else(out_of_order)?;
        let a = srp.public_hex();
        let mut params = vec![("USERNAME", self.username.as_str()), ("SRP_A", a.as_str())];
        if self.flow == PasswordFlow::CustomWithSrp {
            params.push(("CHALLENGE_NAME", "SRP_A"));
        }
        // USER_AUTH's SRP with a choice already made, or a device's SRP: an answer.
        let answered = match (self.flow, &self.select_session) {
            (PasswordFlow::Device, session) => {
                params.extend(self.device.as_deref().map(|d| ("DEVICE_KEY", d)));
                Some(("DEVICE_SRP_AUTH", session))
            }
            (PasswordFlow::UserAuth, session @ Some(_)) => {
                // The password (SRP) chosen as the first factor.
                params.push(("ANSWER", "PASSWORD_SRP"));
                Some(("SELECT_CHALLENGE", session))
            }
            _ => None,
        };
        let req = if let Some((what, session)) = answered {
            up::respond_to_auth_challenge(
                &self.client_id,
                what,
                &params,
                session.as_deref(),
                self.metadata.as_ref(),
            )
        } else {
            let flow = if self.flow == PasswordFlow::UserAuth {
                params.push(("PREFERRED_CHALLENGE", "PASSWORD_SRP"));
                "USER_AUTH"
            } else {
                self.flow.auth_flow()
            };
            up::initiate_auth(&self.client_id, flow, &params, self.metadata.as_ref(), None)
        };
        self.state = State::Initiated;
        Ok(Step::Send(req))
    }

    /// The remembered device's key for the user (`None` if there is none).
    pub fn with_device(
        &mut self,
        device_key: Option<String>,
        now_ms: f64,
    ) -> Result<Step, AuthError> {
        if matches!(self.state, State::Answering) {
            let Some(mut last) = self.last.take() else {
                return Err(out_of_order());
            };
            let (what, session) = (core::mem::take(&mut last.what), last.session.take());
            let mut params = core::mem::take(&mut last.params);
            self.device = device_key;
            if let Some(d) = &self.device {
                params.push(("DEVICE_KEY".into(), d.clone()));
            }
            self.state = State::Proved;
            return Ok(Step::Send(self.send(&what, params, session)));
        }
        if !matches!(self.state, State::Verifier(_)) {
            return Err(out_of_order());
        }
        let State::Verifier(challenge) = core::mem::replace(&mut self.state, State::Proved) else {
            return Err(out_of_order());
        };
        let p = |k: &'static str| challenge.param(k).ok_or_else(|| missing(k));
        let device_flow = self.flow == PasswordFlow::Device;
        if !device_flow {
            self.device = device_key;
        }
        if matches!(self.flow, PasswordFlow::Password | PasswordFlow::Custom) {
            let mut params = vec![("USERNAME".to_string(), self.username.clone())];
            if self.flow == PasswordFlow::Password {
                params.push(("PASSWORD".to_string(), self.password.to_string()));
            }
            if let Some(d) = &self.device {
                params.push(("DEVICE_KEY".into(), d.clone()));
            }
            return Ok(Step::Send(self.send("InitiateAuth", params, None)));
        }
        // The user's proof: the pool's name, USER_ID_FOR_SRP, the password. A device's:
        // its group key, its key (a device always has one), its password.
        let (pool, user_id, named) = if device_flow {
            let key = self.device.as_deref().unwrap_or_default();
            let named = challenge.param("USERNAME").unwrap_or(&self.username);
            (self.user_pool_id.as_str(), key, named)
        } else {
            let id = p("USER_ID_FOR_SRP")?;
            (pool_name(&self.user_pool_id), id, id)
        };
        let srp = self.srp.as_ref().ok_or_else(out_of_order)?;
        let claim = srp.password_claim_for(
            pool,
            user_id,
            &self.password,
            p("SALT")?,
            p("SRP_B")?,
            p("SECRET_BLOCK")?,
            now_ms,
        )?;
        // USERNAME: a device's as the challenge names the user, as Amplify v6 (the
        // signature does not involve it).
        let mut responses = vec![
            ("USERNAME".to_string(), named.to_string()),
            (
                "PASSWORD_CLAIM_SECRET_BLOCK".to_string(),
                claim.secret_block,
            ),
            ("TIMESTAMP".to_string(), claim.timestamp),
            ("PASSWORD_CLAIM_SIGNATURE".to_string(), claim.signature),
        ];
        if let Some(d) = &self.device {
            responses.push(("DEVICE_KEY".into(), d.clone()));
        }
        let session = challenge.session.clone();
        Ok(Step::Send(self.send(
            self.flow.verifier(),
            responses,
            session,
        )))
    }

    /// Builds (and remembers, for a resend) a request of this flow.
    fn send(
        &mut self,
        what: &str,
        params: Vec<(String, String)>,
        session: Option<String>,
    ) -> Request {
        let pairs: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let req = if what == "InitiateAuth" {
            up::initiate_auth(
                &self.client_id,
                self.flow.auth_flow(),
                &pairs,
                self.metadata.as_ref(),
                session.as_deref(),
            )
        } else {
            up::respond_to_auth_challenge(
                &self.client_id,
                what,
                &pairs,
                session.as_deref(),
                self.metadata.as_ref(),
            )
        };
        drop(pairs);
        self.last = Some(Sent {
            what: what.into(),
            params,
            session,
        });
        req
    }

    /// The outcome of the request last returned in [`Step::Send`].
    pub fn on_reply(&mut self, reply: Result<Json, AuthError>) -> Result<Step, AuthError> {
        if !matches!(self.state, State::Initiated | State::Proved) {
            return Err(out_of_order());
        }
        let body = match reply {
            Ok(b) => b,
            Err(e)
                if matches!(self.state, State::Proved)
                    && self.device.is_some()
                    && self.flow != PasswordFlow::Device
                    && is_stale_device(&e) =>
            {
                self.device = None;
                self.state = State::Forgetting;
                return Ok(Step::ForgetDevice(self.username.clone()));
            }
            Err(e) => {
                self.state = State::Finished;
                return Err(e);
            }
        };
        let mut state = core::mem::replace(&mut self.state, State::Finished);
        // The SRP flows always continue with the password verifier (as Amplify); USER_AUTH
        // may answer otherwise (another factor, tokens), taken as after a proof.
        if matches!(state, State::Initiated)
            && body.str("ChallengeName") != Some(self.flow.verifier())
        {
            if self.flow != PasswordFlow::UserAuth {
                return Err(not_verifier(self.flow));
            }
            state = State::Proved;
        }
        let reply = up::auth_reply(&body)?;
        match state {
            State::Initiated => {
                let AuthReply::Challenge(c) = reply else {
                    return Err(not_verifier(self.flow));
                };
                // The proof goes with the device remembered for Cognito's name of the user.
                // (A device's proof names the user as its challenge does; the session is
                // still the user's, as Amplify keeps it.)
                if let Some(u) = c
                    .param("USERNAME")
                    .filter(|_| self.flow != PasswordFlow::Device)
                {
                    self.username = u.to_string();
                }
                let user = self.username.clone();
                self.state = State::Verifier(c);
                Ok(Step::LoadDevice(user))
            }
            State::Proved => Ok(match reply {
                AuthReply::Tokens(result) => Step::Done(SignedIn {
                    username: self.username.clone(),
                    result,
                }),
                AuthReply::Challenge(c) => {
                    if c.name == "DEVICE_SRP_AUTH" && self.flow == PasswordFlow::Device {
                        return Err(AuthError::bad_reply("DEVICE_SRP_AUTH was asked for twice"));
                    }
                    // Cognito's name of the user from here on (the session is stored
                    // under it): an alias typed to USER_PASSWORD_AUTH becomes the name.
                    let named = c
                        .param("USERNAME")
                        .or(if self.flow == PasswordFlow::Password {
                            c.param("USER_ID_FOR_SRP")
                        } else {
                            None
                        });
                    if let Some(u) = named {
                        self.username = u.to_string();
                    }
                    if c.name == "DEVICE_SRP_AUTH" {
                        // Kept for `device`, which goes on from here.
                        self.select_session = c.session.clone();
                        self.state = State::DeviceAsked;
                    }
                    Step::Challenge(c)
                }
            }),
            _ => Err(out_of_order()),
        }
    }

    /// After [`Step::ForgetDevice`]: the same request again, without `DEVICE_KEY`.
    pub fn resume(&mut self) -> Result<Step, AuthError> {
        if !matches!(self.state, State::Forgetting) {
            return Err(out_of_order());
        }
        let Some(mut last) = self.last.take() else {
            return Err(out_of_order());
        };
        let (what, session) = (core::mem::take(&mut last.what), last.session.take());
        let params = core::mem::take(&mut last.params)
            .into_iter()
            .filter(|(k, _)| k != "DEVICE_KEY")
            .collect();
        self.state = State::Proved;
        Ok(Step::Send(self.send(&what, params, session)))
    }

    /// The user's name as Cognito knows it so far.
    pub fn username(&self) -> &str {
        &self.username
    }
}

fn not_verifier(flow: PasswordFlow) -> AuthError {
    let initiated = match flow {
        PasswordFlow::CustomWithSrp => "CUSTOM_AUTH",
        PasswordFlow::Device => "DEVICE_SRP_AUTH",
        _ => "USER_SRP_AUTH",
    };
    AuthError::bad_reply(&crate::codec::cat(&[
        initiated,
        " did not answer with ",
        flow.verifier(),
    ]))
}

pub(crate) fn out_of_order() -> AuthError {
    AuthError::new(
        "SignInException",
        "The sign-in steps were called out of order.",
    )
}
