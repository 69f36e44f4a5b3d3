// The steps module's wasm (wasm/src/steps.rs): what a sign-in challenge asks of the
// user and the ChallengeResponses of its answer, MFA set-up during sign-in, and the
// sign-up calls. driver.js loads it with import() on the first challenge or sign-up, so
// an app whose users sign in with a password alone never downloads it.
import { wasmBase64, wasmSize } from './cognito_wasm_steps_inline.js';
import type { abi as Abi } from './abi.js';
import type { Kit } from './driver.js';
import type { StepsExports } from './wasm-exports.js';

const PENDING_TTL_MS = 180_000; // how long a challenge waits for its answer, as Amplify

// `kit` (from driver.js, see there): the ABI helpers, the instantiation and the
// input-shape checks, passed in rather than imported.

/** Instantiates the module; resolves to its calls. */
export async function start(kit: Kit) {
  return bindSteps(await kit.instance<StepsExports>(wasmBase64, wasmSize), kit.abi);
}

/** The steps module's calls over an instantiated module's exports (`abi`: abi.js's). */
export function bindSteps(x: StepsExports, abi: typeof Abi) {
  const { put, args, text, handle, call } = abi(x);
  return {
    /** `{ what, responses, withDevice }` answering `challenge` (what the core's answer() takes). */
    answerResponses: (challenge, username, answer, userAttributes) => call(x.answer_responses, [challenge, username, answer, userAttributes]),
    /** Whether the typed modules answer a pending challenge of this name. */
    challengeRuns: (name) => x.challenge_runs(...put(name)) === 1,
    /** `{ nextStep, challenge, session, username }` for a challenge this module runs, else undefined. */
    challengeStep: (body) => call(x.challenge_step, [body]),
    /** MFA_SETUP's answer: 0 ask for the email, 1 associate TOTP, 2 verify a code, 3 an address (throws otherwise). */
    setupAnswer: (answer) => handle(x.setup_answer(...put(answer))),
    associateRequest: (session) => call(x.associate_request, [session]),
    /** `{ sharedSecret, session }`. */
    associateReply: (body) => call(x.associate_reply, [body]),
    verifyRequest: (code, session, deviceName) => call(x.verify_request, [code, session, deviceName]),
    sessionOf: (body) => call(x.session_of, [body]),
    signUpRequest: (clientId, username, password, attributes, validation, metadata) =>
      call(x.sign_up_request, [clientId, username, password, attributes, validation, metadata]),
    confirmSignUpRequest: (clientId, username, code, metadata, forceAlias, session) =>
      text(x.confirm_sign_up_request(...args([clientId, username, code, metadata]), forceAlias === undefined ? -1 : forceAlias ? 1 : 0, ...put(session))),
    resendCodeRequest: (clientId, username, metadata) => call(x.resend_code_request, [clientId, username, metadata]),
    /** `{ userSub, confirmed, session, codeDeliveryDetails }`. */
    signUpReply: (body) => call(x.sign_up_reply, [body]),
  };
}

/** Whether this module takes each call's input as it is (else check.js names what is wrong, or reduces it); `kit`: shapes.js's checks. */
export function takesWith({ isObject, only, text, strings, options }) {
  // `autoSignIn: true`, or the options of a password sign-in to run after confirmation.
  // (its values are checked as signIn's when autoSignIn runs, as Amplify's).
  const autoSignInOption = (a) => a == null || typeof a === 'boolean' || (isObject(a) && only(a, ['authFlowType', 'clientMetadata', 'preferredChallenge']));
  return {
  signUp: (i) =>
    isObject(i) &&
    only(i, ['username', 'password', 'options']) &&
    text(i.username) &&
    (i.password == null || typeof i.password === 'string') &&
    options(
      i.options,
      (o) =>
        only(o, ['userAttributes', 'validationData', 'clientMetadata', 'autoSignIn']) &&
        strings(o.userAttributes) &&
        strings(o.validationData) &&
        strings(o.clientMetadata) &&
        autoSignInOption(o.autoSignIn),
    ),
  confirmSignUp: (i) =>
    isObject(i) &&
    only(i, ['username', 'confirmationCode', 'options']) &&
    text(i.username) &&
    text(i.confirmationCode) &&
    options(i.options, (o) => only(o, ['clientMetadata', 'forceAliasCreation']) && strings(o.clientMetadata)),
  resendSignUpCode: (i) => isObject(i) && only(i, ['username', 'options']) && text(i.username) && options(i.options, (o) => only(o, ['clientMetadata']) && strings(o.clientMetadata)),
  autoSignIn: (i) => i === undefined,
  // Taken only when the challenge waiting is one the typed core runs (see run()).
  confirmSignIn: (i) =>
    isObject(i) &&
    only(i, ['challengeResponse', 'options']) &&
    text(i.challengeResponse) &&
    options(
      i.options,
      (o) =>
        only(o, ['userAttributes', 'clientMetadata', 'friendlyDeviceName']) &&
        strings(o.userAttributes) &&
        strings(o.clientMetadata) &&
        (o.friendlyDeviceName == null || typeof o.friendlyDeviceName === 'string'),
    ),
  };
}

const AUTO_SIGN_IN_TTL_MS = 180_000;

/**
 * The calls of driver.js that run on this module: confirmSignIn (and TOTP set-up within a
 * sign-in), signUp, confirmSignUp, resendSignUpCode, autoSignIn. `m`: this module's
 * bindings; `d`: the driver's I/O and state (see driver.js).
 */
export function stepCalls(m, d) {
  const { core, cfg, error, coreError, random, call, step, mapText, defined, runFlow, signInError, signIn, checked, clearSignInState, configCount, state, SIGN_IN_STATE } = d;

  // ---- the challenge waiting for confirmSignIn: in memory and, as Amplify keeps it,
  // in the tab's sessionStorage for 3 minutes (so a reload can answer it) ----


  function savePending(p, expiry = Date.now() + PENDING_TTL_MS) {
    state.pending = { ...p, expiry };
    state.seenConfigs = configCount(); // a challenge met under this configuration is its own
    try {
      const s = globalThis.sessionStorage;
      if (!s) return;
      const { username, challenge, session, expiry: at } = state.pending;
      const values = [username, challenge, session ?? '', String(Math.floor(at))];
      SIGN_IN_STATE.slice(0, 4).forEach((k, i) => s.setItem(k, values[i]));
      s.setItem(SIGN_IN_STATE[4], JSON.stringify({ loginId: p.loginId, authFlowType: p.authFlowType }));
    } catch {
      /* no per-tab storage: the challenge is kept in memory only */
    }
  }

  /** The pending challenge, from memory or (after a reload) from the tab's storage; null if none or expired. */
  function loadPending() {
    const now = Date.now();
    // A different configuration (another pool or client) does not resume a stored challenge.
    const configs = configCount();
    if (configs !== state.seenConfigs) {
      state.seenConfigs = configs;
      clearSignInState();
      return null;
    }
    if (state.pending) {
      if (state.pending.expiry > now) return state.pending;
      clearSignInState();
      return null;
    }
    let v;
    try {
      v = SIGN_IN_STATE.map((k) => globalThis.sessionStorage?.getItem(k) ?? '');
    } catch {
      return null;
    }
    const expiry = /^\d+$/.test(v[3].trim()) ? Number(v[3].trim()) : 0;
    if (!v[0] || !v[1] || expiry <= now) {
      // Expired or partial: removed, as Amplify does when it loads.
      clearSignInState();
      return null;
    }
    let details = null;
    try {
      details = JSON.parse(v[4]);
    } catch {
      /* no details: defaults below */
    }
    const detail = (k) => (typeof details?.[k] === 'string' ? details[k] : undefined);
    state.pending = { username: v[0], challenge: v[1], session: v[2] || undefined, expiry, loginId: detail('loginId') ?? v[0], authFlowType: detail('authFlowType') ?? 'USER_SRP_AUTH' };
    return state.pending;
  }

  /** Whether confirmSignIn is the driver's: a challenge waits that the typed modules run. */
  function answers() {
    const p = loadPending();
    return p !== null && m.challengeRuns(p.challenge);
  }


  /** TOTP set-up during sign-in: AssociateSoftwareToken, then the secret for the app to show. */
  async function associateTotp(c, p, expiry?: number) {
    const body = await call(c, m.associateRequest(p.session));
    const t = step(() => m.associateReply(body));
    savePending({ ...p, challenge: 'MFA_SETUP', session: t.session ?? p.session }, expiry);
    return {
      isSignedIn: false,
      nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP', totpSetupDetails: { sharedSecret: t.sharedSecret, username: p.username } },
    };
  }

  async function confirmSignIn(input) {
    const c = cfg();
    const p = loadPending();
    if (!p) {
      throw error(
        'SignInException',
        'An error occurred during the sign in process. This most likely occurred due to: 1. signIn was not called before confirmSignIn. 2. signIn threw an exception. 3. page was refreshed during the sign in flow and session has expired.',
        'Make sure a successful call to signIn is made before calling confirmSignIn and that the session has not expired.',
      );
    }
    const o = input.options ?? {};
    const metadata = o.clientMetadata ?? undefined;
    const answer = input.challengeResponse;
    if (p.challenge === 'SELECT_CHALLENGE' && (answer === 'PASSWORD' || answer === 'PASSWORD_SRP')) {
      // The password comes with the next confirmSignIn; nothing to send yet.
      savePending({ ...p, challenge: answer }, p.expiry);
      return { isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD' } };
    }
    let session = p.session;
    if (p.challenge === 'MFA_SETUP') {
      let kind;
      try {
        kind = m.setupAnswer(answer);
      } catch (e) {
        throw coreError(e);
      }
      if (kind === 0) return { isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' } };
      if (kind === 1) return associateTotp(c, p, p.expiry);
      if (kind === 2) {
        // The code from the authenticator app: verified first, then MFA_SETUP answered.
        const body = await call(c, m.verifyRequest(answer, session, o.friendlyDeviceName ?? undefined));
        session = m.sessionOf(body) ?? session;
        savePending({ ...p, session }, p.expiry);
      }
    }
    let flow;
    const seed = p.challenge === 'PASSWORD_SRP' ? random(32) : undefined;
    try {
      flow =
        p.challenge === 'PASSWORD_SRP'
          ? // The password, by SRP, as the first factor chosen.
            core.signIn('USER_AUTH', c.userPoolId, c.userPoolClientId, p.username, answer, mapText(metadata), undefined, seed, 'PASSWORD_SRP', p.session ?? '')
          : answerFlow(c, p, session, answer, o.userAttributes, metadata);
    } catch (e) {
      throw coreError(e);
    } finally {
      seed?.fill(0);
    }
    // Errors keep the challenge waiting, so a mistyped code can be retried.
    try {
      return await runFlow(c, flow, { loginId: p.loginId, authFlowType: p.authFlowType, metadata });
    } catch (e) {
      return signInError(e);
    } finally {
      flow.free();
    }
  }

  /** The core's sign-in sending the answer, with the ChallengeResponses the steps module made. */
  function answerFlow(c, p, session, answer, userAttributes, metadata) {
    const r = JSON.parse(m.answerResponses(p.challenge, p.username, answer, mapText(userAttributes)));
    return core.answer(c.userPoolClientId, p.username, r.what, session, JSON.stringify(r.responses), r.withDevice, mapText(metadata));
  }

  async function signUp(input) {
    const c = cfg();
    const o = input.options ?? {};
    const body = await call(c, m.signUpRequest(c.userPoolClientId, input.username, input.password ?? undefined, mapText(o.userAttributes), mapText(o.validationData), mapText(o.clientMetadata)));
    const r = JSON.parse(m.signUpReply(body));
    const link = c.signUpVerificationMethod === 'link';
    // `autoSignIn: true` or the signIn options to use later.
    const options = o.autoSignIn === true ? {} : typeof o.autoSignIn === 'object' && o.autoSignIn !== null ? o.autoSignIn : undefined;
    state.auto = options && { username: input.username, password: input.password ?? '', options, session: r.session, armed: r.confirmed || link, expiry: Date.now() + AUTO_SIGN_IN_TTL_MS };
    const delivery = r.codeDeliveryDetails;
    if (r.confirmed) return defined({ isSignUpComplete: true, userId: r.userSub, nextStep: { signUpStep: state.auto ? 'COMPLETE_AUTO_SIGN_IN' : 'DONE' } });
    return defined({ isSignUpComplete: false, userId: r.userSub, nextStep: { signUpStep: state.auto && link ? 'COMPLETE_AUTO_SIGN_IN' : 'CONFIRM_SIGN_UP', codeDeliveryDetails: delivery } });
  }

  async function confirmSignUp(input) {
    const c = cfg();
    const o = input.options ?? {};
    const mine = (a) => a && a.username === input.username && a.expiry > Date.now();
    // Cognito links the confirmation to the sign-up it belongs to.
    const session = mine(state.auto) ? state.auto.session : undefined;
    const force = typeof o.forceAliasCreation === 'boolean' ? o.forceAliasCreation : undefined;
    const body = await call(c, m.confirmSignUpRequest(c.userPoolClientId, input.username, input.confirmationCode, mapText(o.clientMetadata), force, session));
    if (mine(state.auto)) {
      Object.assign(state.auto, { armed: true, session: JSON.parse(m.signUpReply(body)).session, expiry: Date.now() + AUTO_SIGN_IN_TTL_MS });
      return { isSignUpComplete: true, nextStep: { signUpStep: 'COMPLETE_AUTO_SIGN_IN' } };
    }
    state.auto = null;
    return { isSignUpComplete: true, nextStep: { signUpStep: 'DONE' } };
  }

  async function resendSignUpCode(input) {
    const c = cfg();
    const body = await call(c, m.resendCodeRequest(c.userPoolClientId, input.username, mapText(input.options?.clientMetadata)));
    return JSON.parse(m.signUpReply(body)).codeDeliveryDetails;
  }

  /** Signs in the user who just signed up with `options.autoSignIn`, with the sign-up's password. */
  async function autoSignIn() {
    if (state.auto && state.auto.expiry <= Date.now()) state.auto = null; // the password goes with it
    // Only a confirmed sign-up is consumed; an early call leaves it waiting.
    if (!state.auto?.armed) {
      throw error('AutoSignInException', 'The autoSignIn flow has not started, or has been cancelled/completed.', 'Please try to use the signIn API or log out before starting a new autoSignIn flow.');
    }
    const a = state.auto;
    state.auto = null;
    const flowType = a.options.authFlowType ?? 'USER_SRP_AUTH';
    const preferred = a.options.preferredChallenge ?? undefined;
    // USER_AUTH goes on from the confirmation's session, with no password (but for SRP).
    const session = flowType === 'USER_AUTH' && preferred !== 'PASSWORD_SRP' ? a.session : undefined;
    const options: Record<string, unknown> = {};
    if (a.options.authFlowType != null) options.authFlowType = a.options.authFlowType;
    if (a.options.clientMetadata != null) options.clientMetadata = a.options.clientMetadata;
    if (preferred !== undefined) options.preferredChallenge = preferred;
    const input = { username: a.username, password: flowType === 'CUSTOM_WITHOUT_SRP' ? undefined : a.password, options };
    // From the session: no password to check. Else as signIn checks its input.
    return signIn(session ? input : await checked('signIn', input), session);
  }


  /** The challenge the app's confirmSignIn would answer now, or undefined (a passkey's is the browser's). */
  const pendingChallenge = () => (answers() && state.pending.challenge !== 'WEB_AUTHN' ? state.pending.challenge : undefined);

  /**
   * A challenge a sign-in met (`next`: from challengeStep): TOTP set-up fetched at once, a
   * passkey answered by the browser's prompt (passkey.js, loaded for it), the others kept
   * for the app's confirmSignIn.
   */
  async function meet(c, p, next) {
    if (next.associate) return associateTotp(c, p);
    savePending(p);
    if (next.challenge === 'WEB_AUTHN') return (await import('./passkey.js')).answer(d, { confirmSignIn }, next.nextStep.credentialRequestOptions);
    return { isSignedIn: false, nextStep: next.nextStep };
  }

  return { pendingChallenge, meet, confirmSignIn, signUp, confirmSignUp, resendSignUpCode, autoSignIn };
}
