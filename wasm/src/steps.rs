//! The steps module's wasm facade (feature `module-steps`): the sign-in steps after the
//! password — what a challenge asks of the user (MFA codes, a new password, an MFA
//! choice, a custom challenge, a first-factor choice), the answer's ChallengeResponses,
//! MFA set-up during sign-in — and the sign-up calls. No cryptography: the answer is
//! sent by the typed core's sign-in (`signin_answer`). `pkg-template/steps.ts` loads it
//! on the first challenge or sign-up, so an app that meets neither never downloads it.
//! The boundary's contract is in `crate::abi`.
#![allow(unsafe_code)] // raw pointers are what the ABI is
#![allow(clippy::missing_safety_doc)] // every export has the contract of `crate::abi`

use crate::abi::*;
#[allow(unused_imports)]
use crate::prelude::*;
use cognito_wasm::codec::json::{self, Json, Obj};
use cognito_wasm::core::error::AuthError;
use cognito_wasm::flows::challenge;
use cognito_wasm::wire::user_pool as up;
use zeroize::Zeroize;

/// The ChallengeResponses answering the pending `challenge` for `user` with confirmSignIn's
/// `answer` (`user_attributes`: `{ "k": "v" }` text): `{ what, responses, withDevice }`,
/// what `signin_answer` of the typed core takes.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn answer_responses(
    challenge: *mut u8,
    challenge_len: usize,
    user: *mut u8,
    user_len: usize,
    answer: *mut u8,
    answer_len: usize,
    user_attributes: *mut u8,
    user_attributes_len: usize,
) -> i32 {
    let (name, user) = unsafe { (text(challenge, challenge_len), text(user, user_len)) };
    // A new password may be the answer: zeroed once the responses hold it.
    let mut answer = unsafe { text(answer, answer_len) };
    let attrs = pairs(unsafe { take(user_attributes, user_attributes_len) });
    let r = challenge::responses(&name, &user, &answer, attrs.as_ref()).map(
        |(mut responses, with_device)| {
            let mut o = Obj::new();
            for (k, v) in &responses {
                o = o.str(k, v);
            }
            let out = Obj::new()
                .str("what", challenge::sent_as(&name))
                .raw("responses", &o.end())
                .bool("withDevice", with_device)
                .end();
            for (_, v) in &mut responses {
                v.zeroize();
            }
            out
        },
    );
    answer.zeroize();
    result(r)
}

/// What a reply that stopped at a challenge asks next, when the typed core runs that
/// challenge: `{ nextStep, challenge, session, username }` (`username`: Cognito's
/// name for the user, if the challenge says); no value for the others.
#[no_mangle]
pub unsafe extern "C" fn challenge_step(body: *mut u8, body_len: usize) -> i32 {
    let body = unsafe { text(body, body_len) };
    let reply = json::parse(&body).unwrap_or(Json::Null);
    let Ok(up::AuthReply::Challenge(c)) = up::auth_reply(&reply) else {
        return maybe(None);
    };
    let out = Obj::new()
        .str("challenge", &c.name)
        .opt_str("session", c.session.as_deref())
        .opt_str("username", c.param("USERNAME"));
    if c.name == "MFA_SETUP" {
        let types = challenge::setup_types(&c);
        if types.is_empty() {
            return fail(&AuthError::new(
                "SignInException",
                cognito_wasm::codec::cat(&[
                    "Cannot initiate MFA setup from available types: ",
                    &challenge::setup_offered(&c),
                ]),
            ));
        }
        if types.len() == 1 && types[0] == "TOTP" {
            // TOTP alone: the driver associates first, then shows the secret.
            return give(out.bool("associate", true).end());
        }
    }
    maybe(challenge::next_step(&c, &reply).map(|step| out.raw("nextStep", &step).end()))
}

/// An answer to MFA_SETUP: 0 ask for the email, 1 associate TOTP, 2 verify a code,
/// 3 an email address; or the error for anything else.
#[no_mangle]
pub unsafe extern "C" fn setup_answer(answer: *mut u8, len: usize) -> i32 {
    match challenge::setup_answer(&unsafe { text(answer, len) }) {
        Ok(a) => a as i32,
        Err(e) => fail(&e),
    }
}

/// AssociateSoftwareToken within a sign-in.
#[no_mangle]
pub unsafe extern "C" fn associate_request(session: *mut u8, len: usize) -> i32 {
    let session = unsafe { take(session, len) };
    give(request_json(&challenge::associate_request(
        session.as_deref(),
    )))
}

/// Its reply: `{ sharedSecret, session }`.
#[no_mangle]
pub unsafe extern "C" fn associate_reply(body: *mut u8, len: usize) -> i32 {
    let body = json::parse(&unsafe { text(body, len) }).unwrap_or(Json::Null);
    result(challenge::associate_reply(&body).map(|(secret, session)| {
        Obj::new()
            .str("sharedSecret", &secret)
            .opt_str("session", session.as_deref())
            .end()
    }))
}

/// VerifySoftwareToken within a sign-in (its reply's session: `session_of`).
#[no_mangle]
pub unsafe extern "C" fn verify_request(
    code: *mut u8,
    code_len: usize,
    session: *mut u8,
    session_len: usize,
    name: *mut u8,
    name_len: usize,
) -> i32 {
    let (code, session, name) = unsafe {
        (
            text(code, code_len),
            take(session, session_len),
            take(name, name_len),
        )
    };
    give(request_json(&challenge::verify_request(
        &code,
        session.as_deref(),
        name.as_deref(),
    )))
}

/// A reply's `Session`, if any.
#[no_mangle]
pub unsafe extern "C" fn session_of(body: *mut u8, len: usize) -> i32 {
    let body = json::parse(&unsafe { text(body, len) }).unwrap_or(Json::Null);
    maybe(body.str("Session").map(str::to_string))
}

/// `SignUp` (maps as `{ "name": "value" }` JSON text).
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn sign_up_request(
    client: *mut u8,
    client_len: usize,
    username: *mut u8,
    username_len: usize,
    password: *mut u8,
    password_len: usize,
    attributes: *mut u8,
    attributes_len: usize,
    validation: *mut u8,
    validation_len: usize,
    metadata: *mut u8,
    metadata_len: usize,
) -> i32 {
    let (client, username) = unsafe { (text(client, client_len), text(username, username_len)) };
    let mut password = unsafe { take(password, password_len) };
    let (attrs, validation, metadata) = unsafe {
        (
            pairs(take(attributes, attributes_len)),
            pairs(take(validation, validation_len)),
            pairs(take(metadata, metadata_len)),
        )
    };
    let out = request_json(&up::sign_up(&up::SignUp {
        client_id: &client,
        username: &username,
        password: password.as_deref(),
        user_attributes: attrs.as_ref(),
        validation_data: validation.as_ref(),
        metadata: metadata.as_ref(),
    }));
    password.zeroize();
    give(out)
}

/// `ConfirmSignUp`. `force_alias`: -1 absent, 0 false, 1 true.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn confirm_sign_up_request(
    client: *mut u8,
    client_len: usize,
    username: *mut u8,
    username_len: usize,
    code: *mut u8,
    code_len: usize,
    metadata: *mut u8,
    metadata_len: usize,
    force_alias: i32,
    session: *mut u8,
    session_len: usize,
) -> i32 {
    let (client, username, code) = unsafe {
        (
            text(client, client_len),
            text(username, username_len),
            text(code, code_len),
        )
    };
    let (metadata, session) = unsafe {
        (
            pairs(take(metadata, metadata_len)),
            take(session, session_len),
        )
    };
    give(request_json(&up::confirm_sign_up(
        &client,
        &username,
        &code,
        metadata.as_ref(),
        (force_alias >= 0).then_some(force_alias != 0),
        session.as_deref(),
    )))
}

/// `ResendConfirmationCode`.
#[no_mangle]
pub unsafe extern "C" fn resend_code_request(
    client: *mut u8,
    client_len: usize,
    username: *mut u8,
    username_len: usize,
    metadata: *mut u8,
    metadata_len: usize,
) -> i32 {
    let (client, username) = unsafe { (text(client, client_len), text(username, username_len)) };
    let metadata = pairs(unsafe { take(metadata, metadata_len) });
    give(request_json(&up::resend_confirmation_code(
        &client,
        &username,
        metadata.as_ref(),
    )))
}

/// A successful reply of the sign-up calls: `{ userSub, confirmed, session, codeDeliveryDetails }`.
#[no_mangle]
pub unsafe extern "C" fn sign_up_reply(body: *mut u8, body_len: usize) -> i32 {
    let body = unsafe { text(body, body_len) };
    let v = json::parse(&body).unwrap_or(Json::Obj(Vec::new()));
    let r = up::sign_up_reply(&v);
    give(
        Obj::new()
            .opt_str("userSub", r.user_sub.as_deref())
            .bool("confirmed", r.confirmed)
            .opt_str("session", r.session.as_deref())
            .raw("codeDeliveryDetails", &r.delivery.to_json())
            .end(),
    )
}

/// Whether the typed modules answer a pending `challenge` (its name).
#[no_mangle]
pub unsafe extern "C" fn challenge_runs(name: *mut u8, len: usize) -> i32 {
    challenge::runs(&unsafe { text(name, len) }) as i32
}
