// The typed core's calls (wasm/src/core.rs) over the ABI of abi.js: functions, and the
// three stateful things (a prepared SRP, a sign-in, a refresh) as handles with free().
import { abi, Handle } from './abi.js';
import type { Arg } from './abi.js';
import type { CoreExports } from './wasm-exports.js';

// A sign-in's flow as signin_new takes it: its index here (any other name: USER_SRP_AUTH).
const FLOWS = ['USER_SRP_AUTH', 'CUSTOM_WITH_SRP', 'USER_PASSWORD_AUTH', 'CUSTOM_WITHOUT_SRP', 'USER_AUTH'];

/** The typed core's calls over an instantiated module's exports. */
export function bind(x: CoreExports) {
  const { put, args, text, handle, call } = abi(x);
  const opt = (s: number | undefined) => (s === undefined ? -1 : s);

  class Srp extends Handle {
    /** From 32 random bytes. */
    constructor(random: Uint8Array) {
      super(handle(x.srp_new(...put(random))), x.srp_free);
    }
  }

  /** A sign-in, or a challenge's answer, going on step by step. */
  class SignIn extends Handle {
    constructor(h: number) {
      super(h, x.signin_free);
    }
    start() {
      return text(x.signin_start(this.h));
    }
    /** The key of the device remembered for the user (undefined: none). */
    withDevice(deviceKey: Arg, nowMs: number) {
      return text(x.signin_with_device(this.h, ...put(deviceKey), nowMs));
    }
    onReply(status: number, requestId: Arg, errorType: Arg, body: Arg) {
      return text(x.signin_on_reply(this.h, status, ...args([requestId, errorType, body])));
    }
    resume() {
      return text(x.signin_resume(this.h));
    }
    /**
     * Stopped at DEVICE_SRP_AUTH: goes on as the remembered device proving itself
     * ([key, group key, password]; `random`: 32 fresh bytes); then start() again.
     */
    device(device: readonly Arg[], random: Uint8Array) {
      text(x.signin_device(this.h, ...args([device[0], device[1], device[2], random])));
    }
    get username() {
      return text(x.signin_username(this.h));
    }
  }

  class Refresh extends Handle {
    constructor(clientId: string, refreshToken: string, deviceKey: Arg) {
      super(handle(x.refresh_new(...args([clientId, refreshToken, deviceKey]))), x.refresh_free);
    }
    start() {
      return text(x.refresh_start(this.h));
    }
    onReply(status: number, requestId: Arg, errorType: Arg, body: Arg) {
      return text(x.refresh_on_reply(this.h, status, ...args([requestId, errorType, body])));
    }
  }

  return {
    Srp,
    /**
     * A sign-in; a prepared Srp moves into it. `preferred`: USER_AUTH's preferredChallenge;
     * `selectSession`: with PASSWORD_SRP, the SELECT_CHALLENGE it answers.
     */
    signIn(
      flow: string,
      userPoolId: string,
      clientId: string,
      username: string,
      password: Arg,
      clientMetadata: Arg,
      srp: InstanceType<typeof Srp> | undefined,
      random: Uint8Array,
      preferred: Arg,
      selectSession: Arg,
    ) {
      const s = srp?.h ?? 0;
      if (srp) srp.h = 0;
      return new SignIn(handle(x.signin_new(FLOWS.indexOf(flow), ...args([userPoolId, clientId, username, password, clientMetadata]), s, ...args([random, preferred, selectSession]))));
    },
    /**
     * The answer to a pending challenge (confirmSignIn), going on as a sign-in: `what`,
     * `responses` (`{ k: v }` text) and `withDevice` as the steps module's answerResponses made them.
     */
    answer: (clientId: string, username: string, what: string, session: Arg, responses: string, withDevice: boolean, clientMetadata: Arg) =>
      new SignIn(handle(x.signin_answer(...args([clientId, username, what, session, responses]), withDevice ? 1 : 0, ...put(clientMetadata)))),
    /** ConfirmDevice for a new device: `{ send, password }` (`random`: 56 fresh bytes). */
    deviceConfirm: (access: string, deviceKey: string, deviceGroupKey: string, random: Uint8Array, deviceName: string) => call(x.device_confirm, [access, deviceKey, deviceGroupKey, random, deviceName]),
    Refresh,
    replyError: (status: number, requestId: Arg, errorType: Arg, body: Arg) => text(x.reply_error(status, ...args([requestId, errorType, body]))),
    isRetryable: (name: string, status?: number) => x.is_retryable(...put(name), opt(status)) === 1,
    endsSession: (name: string, status?: number) => x.ends_session(...put(name), opt(status)) === 1,
    sessionView: (username: Arg, access: Arg, id: Arg, refresh: Arg, drift: Arg, details: Arg, nowMs: number) => call(x.session_view, [username, access, id, refresh, drift, details], nowMs),
    sessionWrites: (clientId: string, username: string, access: Arg, id: Arg, refresh: Arg, previousRefresh: Arg, details: Arg, nowMs: number) =>
      call(x.session_writes, [clientId, username, access, id, refresh, previousRefresh, details], nowMs),
    clearKeys: (clientId: string, username: Arg) => call(x.clear_keys, [clientId, username]) as string,
    signOutRequest: (clientId: string, global: boolean, access: Arg, refresh: Arg) => text(x.sign_out_request(...put(clientId), global ? 1 : 0, ...args([access, refresh]))),
    userAgent: () => text(x.user_agent()) as string,
  };
}
