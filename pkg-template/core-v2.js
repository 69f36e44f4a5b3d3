// The typed core's calls (src/wasm_v2.rs) over the ABI of abi.js: functions, and the
// three stateful things (a prepared SRP, a sign-in, a refresh) as handles with free().
import { abi } from './abi.js';

/** The typed core's calls over an instantiated module's exports. */
export function bind(x) {
  const { put, args, text, handle, call } = abi(x);
  const opt = (s) => (s === undefined ? -1 : s);

  /** Owns one handle; free() releases it (idempotent). */
  class Handle {
    constructor(h, free) {
      this.h = h;
      this.release = free;
    }
    free() {
      if (this.h) this.release(this.h);
      this.h = 0;
    }
  }

  class Srp extends Handle {
    /** From 32 random bytes. */
    constructor(random) {
      super(handle(x.srp_new(...put(random))), x.srp_free);
    }
  }

  /** A sign-in, or a challenge's answer, going on step by step. */
  class SignIn extends Handle {
    constructor(h) {
      super(h, x.signin_free);
    }
    start() {
      return text(x.signin_start(this.h));
    }
    /** The remembered device (`device`: its key, group key and password, or null) and 32 random bytes for its own SRP. */
    withDevice(device, random, nowMs) {
      return text(x.signin_with_device(this.h, ...args([device?.[0], device?.[1], device?.[2], random]), nowMs));
    }
    onReply(status, requestId, errorType, body) {
      return text(x.signin_on_reply(this.h, status, ...args([requestId, errorType, body]), Date.now()));
    }
    resume() {
      return text(x.signin_resume(this.h));
    }
    get username() {
      return text(x.signin_username(this.h));
    }
  }

  class Refresh extends Handle {
    constructor(clientId, refreshToken, deviceKey) {
      super(handle(x.refresh_new(...args([clientId, refreshToken, deviceKey]))), x.refresh_free);
    }
    start() {
      return text(x.refresh_start(this.h));
    }
    onReply(status, requestId, errorType, body) {
      return text(x.refresh_on_reply(this.h, status, ...args([requestId, errorType, body])));
    }
  }

  return {
    Srp,
    /**
     * A sign-in; a prepared Srp moves into it. `preferred`: USER_AUTH's preferredChallenge;
     * `selectSession`: with PASSWORD_SRP, the SELECT_CHALLENGE it answers.
     */
    signIn(flow, userPoolId, clientId, username, password, clientMetadata, srp, random, preferred, selectSession) {
      const s = srp?.h ?? 0;
      if (srp) srp.h = 0;
      return new SignIn(handle(x.signin_new(...args([flow, userPoolId, clientId, username, password, clientMetadata]), s, ...args([random, preferred, selectSession]))));
    },
    /** The answer to a pending challenge (confirmSignIn), going on as a sign-in. */
    answer: (clientId, username, challenge, session, answer, userAttributes, clientMetadata) =>
      new SignIn(handle(x.signin_answer(...args([clientId, username, challenge, session, answer, userAttributes, clientMetadata])))),
    /** `{ nextStep, challenge, session, username }` for a challenge the typed core runs, else undefined. */
    challengeStep: (body) => call(x.challenge_step, [body]),
    /** ConfirmDevice for a new device: `{ send, password }` (`random`: 56 fresh bytes). */
    deviceConfirm: (access, deviceKey, deviceGroupKey, random, deviceName) => call(x.device_confirm, [access, deviceKey, deviceGroupKey, random, deviceName]),
    /** MFA_SETUP's answer: 0 ask for the email, 1 associate TOTP, 2 verify a code, 3 an address (throws otherwise). */
    setupAnswer: (answer) => handle(x.setup_answer(...put(answer))),
    associateRequest: (session) => call(x.associate_request, [session]),
    /** `{ sharedSecret, session }`. */
    associateReply: (body) => call(x.associate_reply, [body]),
    verifyRequest: (code, session, deviceName) => call(x.verify_request, [code, session, deviceName]),
    sessionOf: (body) => call(x.session_of, [body]),
    /** Whether the typed core answers a pending challenge of this name. */
    challengeRuns: (name) => x.challenge_runs(...put(name)) === 1,
    Refresh,
    replyError: (status, requestId, errorType, body) => text(x.reply_error(status, ...args([requestId, errorType, body]))),
    isRetryable: (name, status) => x.is_retryable(...put(name), opt(status)) === 1,
    endsSession: (name, status) => x.ends_session(...put(name), opt(status)) === 1,
    sessionView: (username, access, id, refresh, drift, details, nowMs) => call(x.session_view, [username, access, id, refresh, drift, details], nowMs),
    sessionWrites: (clientId, username, access, id, refresh, previousRefresh, details, nowMs) =>
      call(x.session_writes, [clientId, username, access, id, refresh, previousRefresh, details], nowMs),
    clearKeys: (clientId, username) => call(x.clear_keys, [clientId, username]),
    signOutRequest: (clientId, global, access, refresh) => text(x.sign_out_request(...put(clientId), global ? 1 : 0, ...args([access, refresh]))),
    userAgent: () => text(x.user_agent()),
    signUpRequest: (clientId, username, password, attributes, validation, metadata) =>
      call(x.sign_up_request, [clientId, username, password, attributes, validation, metadata]),
    confirmSignUpRequest: (clientId, username, code, metadata, forceAlias, session) =>
      text(x.confirm_sign_up_request(...args([clientId, username, code, metadata]), forceAlias === undefined ? -1 : forceAlias ? 1 : 0, ...put(session))),
    resendCodeRequest: (clientId, username, metadata) => call(x.resend_code_request, [clientId, username, metadata]),
    signUpReply: (body) => call(x.sign_up_reply, [body]),
  };
}
