// The driver of the wasm modules: it runs every call of the API. The wasm decides
// (requests, replies, SRP, session and token rules); this does the I/O: fetch with
// retries and a timeout, storage, the cross-tab lock, events.
// Modules: the core (engine-v2.js, wasm/src/core.rs: password sign-in, session, refresh,
// sign-out) is loaded with the driver; steps.js (challenges, MFA set-up, sign-up),
// device.js (a new device's confirmation), oauth.js (the hosted UI), identity.js (identity pool
// credentials), account.js (account calls) and check.js (the full input rules, for input
// in a shape the modules do not take) on first use, so an app downloads only what its
// users meet. Results and errors are shaped as Amplify's.
import { start } from './engine-v2.js';
import { STEPS_CALLS, SIGN_IN_STATE } from './calls.js';
import { isObject, only, text, strings, options, metadataOnly } from './shapes.js';
import { abi } from './abi.js';
import { instances } from './unpack.js';
import { withHint } from './hints.js';

// What the lazily loaded modules use of these (see their start()): passed, not imported,
// so they stay in this chunk rather than in small chunks of their own every page would
// fetch. `instance(wasmBase64, wasmSize, precompiled)`: a new instance's exports of that
// module, compiled once per page (unpack.js's `instances`, one per module).
const compiled = new Map<string, ReturnType<typeof instances>>();
const instance = <X>(b64: string, size: number, precompiled?: WebAssembly.Module) => {
  if (!compiled.has(b64)) compiled.set(b64, instances(b64, size));
  return compiled.get(b64)!(precompiled) as Promise<X>;
};
const kit = { abi, instance, isObject, only, text, strings, options, metadataOnly };
/** What the lazily loaded modules receive from the driver (see their start()). */
export type Kit = typeof kit;

const DEVICE_KEYS = ['deviceKey', 'deviceGroupKey', 'randomPasswordKey'];
const MAX_ATTEMPTS = 3;

// A flow the typed core runs, with the password it needs (none for CUSTOM_WITHOUT_SRP,
// nor for USER_AUTH with a first factor other than a password).
function signInFlow(flow, preferred, password) {
  const none = password == null || password === '';
  if (['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'CUSTOM_WITH_SRP'].includes(flow)) return preferred === undefined && text(password);
  if (flow === 'CUSTOM_WITHOUT_SRP') return preferred === undefined && none;
  if (flow !== 'USER_AUTH' || !(none || typeof password === 'string')) return false;
  if (preferred === 'PASSWORD' || preferred === 'PASSWORD_SRP') return text(password);
  // Any other first factor (a code, a passkey): the password is not sent.
  return preferred === undefined || typeof preferred === 'string';
}
// Which calls the typed modules take as they are: the core's are checked here; the steps,
// account and oauth modules check theirs when loaded, so their shapes stay out of the page
// until used. Inputs none takes (an unusual option, a malformed value) go to check.js,
// which names what is wrong or reduces them to a shape taken here.
const CORE_CALLS = {
  signIn: (i) =>
    isObject(i) &&
    only(i, ['username', 'password', 'options']) &&
    text(i.username) &&
    options(i.options, (o) => only(o, ['authFlowType', 'clientMetadata', 'preferredChallenge']) && strings(o.clientMetadata)) &&
    signInFlow(i.options?.authFlowType ?? 'USER_SRP_AUTH', i.options?.preferredChallenge ?? undefined, i.password),
  fetchAuthSession: (i) => isObject(i) && only(i, ['forceRefresh']) && [undefined, null, true, false].includes(i.forceRefresh),
  getCurrentUser: (i) => i === undefined,
  signOut: (i) => isObject(i) && only(i, ['global']) && [undefined, null, true, false].includes(i.global),
};

/** What the driver is made with (index.js and server.js pass it). */
export interface DriverDeps {
  /** Storage, emit, lock, signal and the request timeout. */
  host: any;
  AuthError: typeof import('./errors.js').AuthError;
  toAuthError: typeof import('./errors.js').toAuthError;
  /** The normalised `Auth.Cognito`. */
  config: () => any;
  /** Configurations applied so far. */
  configCount?: () => number;
  /** Modules the host compiled, where WebAssembly cannot be compiled from bytes. */
  wasm?: { core?: WebAssembly.Module; account?: WebAssembly.Module; identity?: WebAssembly.Module };
}

/** The API's calls over the typed core and its lazily loaded modules. */
export async function createDriver({ host, AuthError, toAuthError, config, configCount = () => 1, wasm }: DriverDeps) {
  const core = await start(wasm?.core);
  let prepared: InstanceType<typeof core.Srp> | null = null; // the next sign-in's SRP state, made while the page is idle
  let refreshing: Promise<any> | null = null; // one refresh at a time: later callers wait for it
  let generation = 0; // bumped by sign-in and sign-out: a refresh across one is stale
  // A sign-up that asked for autoSignIn ({ username, password, options, session, armed,
  // expiry }), and identity pool credentials ({ principal, out }, see identity.js).
  // And the challenge waiting for confirmSignIn ({ username, challenge, session, loginId,
  // authFlowType, expiry }, see steps.js) with the configurations applied when it was met
  // (a later one drops a stored one).
  const state: { auto: any; credentials: any; pending: any; seenConfigs: number } = { auto: null, credentials: null, pending: null, seenConfigs: configCount() };

  const error = (name, message, recoverySuggestion) => new AuthError({ name, message, recoverySuggestion });
  const fromJson = (text) => withHint(toAuthError(text));
  // What a core or module call threw: its error JSON as an AuthError, anything else as it is.
  const coreError = (e) => (typeof e === 'string' ? fromJson(e) : e);
  // An AWS service's regional endpoint (China's regions have a domain of their own).
  const regional = (service: string, region: string) => `https://${service}.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}/`;
  const cfg = () => {
    const c = config();
    const region = c.userPoolId.slice(0, c.userPoolId.indexOf('_'));
    return { ...c, endpoint: c.userPoolEndpoint ?? regional('cognito-idp', region) };
  };
  const random = (n) => crypto.getRandomValues(new Uint8Array(n));
  // A module loaded with import() on first use; a chunk that could not be fetched may come next time.
  const lazy = (load) => {
    let p;
    return () =>
      (p ??= load().catch((e) => {
        p = undefined;
        throw e;
      }));
  };
  // Each module's chunk brings its bindings and the driver's calls that run on it.
  const stepsModule = lazy(() => import('./steps.js').then(async (x) => ((m) => ({ ...m, ...x.stepCalls(m, d), takes: x.takesWith(kit) }))(await x.start(kit))));
  const deviceModule = lazy(() => import('./device.js').then((x) => x.deviceCalls(d)));
  const oauthModule = lazy(() => import('./oauth.js').then(async (x) => ({ ...x.oauthCalls(await x.start(kit), d), takes: x.takesWith(kit) })));
  const identityModule = lazy(() => import('./identity.js').then(async (x) => x.identityCalls(await x.start(kit, wasm?.identity), d)));
  const accountModule = lazy(() => import('./account.js').then(async (x) => ({ ...x.accountCalls(await x.start(kit, wasm?.account), d), takes: x.takesWith(kit) })));

  // ---- storage (Amplify's KeyValueStorageInterface, sync or async) ----

  const storageError = (method) =>
    error(
      'StorageException',
      `The token storage failed in ${method}.`,
      'Free some storage space, allow site data for this page, or check the storage passed to setKeyValueStorage.',
    );
  async function store(method, ...args) {
    try {
      const r = await host.storage[method](...args);
      return r ?? null;
    } catch {
      throw storageError(method);
    }
  }
  const key = (c, user, name) => `CognitoIdentityServiceProvider.${c.userPoolClientId}.${user}.${name}`;
  const lastUserKey = (c) => `CognitoIdentityServiceProvider.${c.userPoolClientId}.LastAuthUser`;
  // Where Amplify keeps a guest's identity id (the only identity pool value it stores).
  const guestKey = (c) => `com.amplify.Cognito.${c.identityPoolId}.identityId`;
  // allowGuestAccess as Amplify's configs write it: true, "true" or "enable".
  const allowsGuests = (c) => c.allowGuestAccess === true || c.allowGuestAccess === 'true' || c.allowGuestAccess === 'enable';

  /** The stored session as the core judges it now, or null (signed out). */
  async function load(c) {
    const username = await store('getItem', lastUserKey(c));
    if (username == null) return null;
    const get = (n) => store('getItem', key(c, username, n));
    const access = await get('accessToken');
    if (access == null) return null;
    const [id, refresh, drift, details] = [await get('idToken'), await get('refreshToken'), await get('clockDrift'), await get('signInDetails')];
    const view = core.sessionView(username, access ?? undefined, id ?? undefined, refresh ?? undefined, drift ?? undefined, details ?? undefined, Date.now());
    return view === undefined ? null : JSON.parse(view);
  }

  async function write(writes) {
    for (const [k, v] of writes) await (v === null ? store('removeItem', k) : store('setItem', k, v));
  }

  async function clear(c, username) {
    for (const k of JSON.parse(core.clearKeys(c.userPoolClientId, username))) await store('removeItem', k);
  }

  /** The device remembered for `username`: [key, group key, password] if all three are kept, else null. */
  async function deviceSecret(c, username) {
    const values: (string | null)[] = [];
    for (const n of DEVICE_KEYS) values.push(await store('getItem', key(c, username, n)).catch(() => null));
    return values.every((v) => v) ? values : null;
  }
  const deviceKey = async (c, username) => (await deviceSecret(c, username))?.[0] ?? null;

  function clearSignInState() {
    state.pending = null;
    state.seenConfigs = configCount();
    try {
      for (const k of SIGN_IN_STATE) globalThis.sessionStorage?.removeItem(k);
    } catch {
      /* no per-tab storage: nothing kept there */
    }
  }

  // ---- transport: one POST with a timeout, no redirects, retried as Amplify ----

  // `url`: the user pool's endpoint unless said (an identity pool's, the OAuth token
  // endpoint's); `form`: a form-encoded body (the token endpoint) instead of Cognito's JSON.
  async function post(c, { target, body, form }, url = c.endpoint) {
    // The setting that names this address, for the recovery hints.
    const setting = url === c.endpoint ? 'userPoolEndpoint' : form ? 'loginWith.oauth.domain' : 'identityPoolEndpoint';
    const where = `the ${setting}`;
    const networkError = (message) => error('NetworkError', message, `Check the network connection and ${where}, then try again; the stored session was kept.`);
    const timeout = () => error('TimeoutError', 'The server did not answer in time.', `Check the network and ${where}, then try again; the stored session was kept.`);
    let request;
    try {
      // A Request object, as Amplify sends, so fetch wrappers see the same shape.
      request = new Request(url, {
        method: 'POST',
        mode: 'cors',
        redirect: 'manual',
        headers: form
          ? { 'Content-Type': 'application/x-www-form-urlencoded' }
          : {
              'Content-Type': 'application/x-amz-json-1.1',
              'X-Amz-Target': target,
              'Cache-Control': 'no-store',
              'X-Amz-User-Agent': core.userAgent(),
            },
        body,
        signal: host.signal(),
      });
    } catch {
      throw networkError(`The request could not be created; check ${setting}.`);
    }
    if (typeof globalThis.fetch !== 'function') throw networkError('fetch is not available in this environment.');
    let resp;
    try {
      resp = await fetch(request);
    } catch (e) {
      throw e?.name === 'TimeoutError' ? timeout() : networkError('A network error has occurred.');
    }
    // Cognito never redirects: following would re-send a password or a refresh token.
    if (resp.type === 'opaqueredirect') {
      throw error(
        'UnexpectedRedirectException',
        "The server answered with an HTTP redirect, which Cognito never sends; it was not followed.",
        `Check ${setting === 'userPoolEndpoint' ? 'userPoolEndpoint (and the OAuth domain)' : setting}: it must be the service's own address, not one that redirects.`,
      );
    }
    let text;
    try {
      text = await resp.text();
    } catch (e) {
      throw e?.name === 'TimeoutError' ? timeout() : networkError('The connection failed while reading the response.');
    }
    const h = (n) => resp.headers.get(n) ?? undefined;
    return { status: resp.status, requestId: h('x-amzn-requestid') ?? h('x-amzn-request-id') ?? h('x-amz-request-id'), errorType: h('x-amzn-errortype'), body: text };
  }

  /** Sends `req`; retries transient failures (3 attempts, back-off with jitter); resolves to the last reply. */
  async function send(c, req, url?: string) {
    for (let attempt = 1; ; attempt++) {
      let failure;
      try {
        const r = await post(c, req, url);
        const verdict = core.replyError(r.status, r.requestId, r.errorType, r.body);
        if (verdict === undefined) return r;
        failure = fromJson(verdict);
        if (attempt >= MAX_ATTEMPTS || !core.isRetryable(failure.name, failure.metadata?.httpStatusCode)) return r;
      } catch (e) {
        failure = e;
        if (attempt >= MAX_ATTEMPTS || !core.isRetryable(e.name, undefined)) {
          if (attempt > 1 && e.name === 'NetworkError') e.message = `${e.message} (${attempt} attempts)`;
          throw e;
        }
      }
      // 200–300 ms, then 400–500 ms, as the engine waits.
      const jitter = random(1)[0];
      await new Promise((ok) => setTimeout(ok, (100 << attempt) + Math.floor((jitter * 100) / 255)));
    }
  }

  /** Sends a one-shot request; resolves to the reply body, or throws the error it carries. */
  async function call(c, request, url?: string) {
    const r = await send(c, JSON.parse(request), url);
    const verdict = core.replyError(r.status, r.requestId, r.errorType, r.body);
    if (verdict !== undefined) throw fromJson(verdict);
    return r.body;
  }

  /** Runs one step-returning core call; its errors become AuthErrors. */
  const step = (fn) => {
    try {
      return JSON.parse(fn());
    } catch (e) {
      throw coreError(e);
    }
  };

  // ---- session ----

  const emit = (event: string, data?: unknown) => host.emit(event, data === undefined ? undefined : JSON.stringify(data));
  const errorData = (e) => ({ error: { name: e.name, message: e.message, recoverySuggestion: e.recoverySuggestion, metadata: e.metadata } });

  /** The stored session, refreshed when expired or when `force`; a dead one is cleared. */
  async function currentSession(c, force) {
    // Another caller is refreshing: use its result rather than racing it (a second
    // refresh with a rotated token would be refused, and end the session).
    // Its failure, if the session is still expired, is this caller's too (offline stays
    // a NetworkError, which getCurrentUser answers from the stored session).
    const theirs = async () => {
      let failure;
      try {
        await refreshing;
      } catch (e) {
        failure = e;
      }
      const s = await load(c);
      if (s?.expired) throw failure ?? error('TokenRefreshException', 'The session could not be refreshed.', 'Retry; if it keeps failing, sign in again.');
      return s;
    };
    if (refreshing) return theirs();
    const s = await load(c);
    if (!s) return null;
    if (!force && !s.expired) return s;
    // Looked again after the read: one may have started meanwhile (no await from here
    // to `refreshing = run`, so the check holds even without a cross-tab lock).
    if (refreshing) return theirs();
    const run = refreshLocked(c, s, force);
    refreshing = run;
    try {
      return await run;
    } finally {
      if (refreshing === run) refreshing = null;
    }
  }

  async function refreshLocked(c, seen, force) {
    // Other tabs share the storage: take the cross-tab lock, then look again.
    const release = await host.lock(`cognito-wasm.refresh.${c.userPoolClientId}`);
    try {
      const s = await load(c);
      if (!s) return null;
      if (!s.expired && (!force || s.accessToken !== seen.accessToken)) return s;
      if (!s.refreshToken) {
        // Expired with nothing to renew it: it can never come back, so it is signed out.
        const e = error('TokenRefreshException', 'The session has expired and there is no refresh token.', 'Sign in again.');
        emit('tokenRefresh_failure', errorData(e));
        await clear(c, s.lastAuthUser);
        return null;
      }
      const gen = generation;
      const device = await deviceKey(c, s.lastAuthUser);
      let tokens;
      let failure;
      try {
        tokens = await refreshTokens(c, s.refreshToken, device);
      } catch (e) {
        failure = e;
      }
      // A sign-in or sign-out happened meanwhile: what we got is stale.
      const now = await load(c);
      const stillOurs = generation === gen && now && now.lastAuthUser === s.lastAuthUser && now.refreshToken === s.refreshToken;
      if (!stillOurs) return now;
      if (!failure) {
        const details = s.signInDetails === undefined ? undefined : JSON.stringify(s.signInDetails);
        const r = step(() => core.sessionWrites(c.userPoolClientId, s.lastAuthUser, tokens.accessToken, tokens.idToken, tokens.refreshToken, s.refreshToken, details, Date.now()));
        await write(r.writes);
        emit('tokenRefresh');
        return r.view;
      }
      emit('tokenRefresh_failure', errorData(failure));
      if (core.endsSession(failure.name, failure.metadata?.httpStatusCode)) {
        await clear(c, s.lastAuthUser);
        if (failure.name.startsWith('NotAuthorizedException')) return null;
      }
      throw failure;
    } finally {
      release?.();
    }
  }

  async function refreshTokens(c, refreshToken, device) {
    const flow = new core.Refresh(c.userPoolClientId, refreshToken, device ?? undefined);
    try {
      let s = step(() => flow.start());
      while (s.send) {
        const r = await send(c, s.send);
        s = step(() => flow.onReply(r.status, r.requestId, r.errorType, r.body));
      }
      return s.done;
    } finally {
      flow.free();
    }
  }

  const notSignedIn = () => error('UserUnAuthenticatedException', 'User needs to be authenticated to call this API.', 'Sign in before calling this API again.');

  /** Without the keys that have no value (the engine's nulls are dropped, not kept as undefined). */
  const defined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

  function publicUser(s) {
    const u = defined({ username: s.username, userId: s.userId });
    if (s.signInDetails !== undefined) u.signInDetails = s.signInDetails;
    return u;
  }

  // ---- sign-in ----

  /** The next sign-in's SRP state, computed now (the slowest step before the first request). */
  function prepareSignIn() {
    if (!prepared) prepared = new core.Srp(random(32));
  }

  /** `session`: a confirmed sign-up's, for USER_AUTH's autoSignIn (no password needed). */
  async function signIn(input, session) {
    const c = cfg();
    const { username, password } = input;
    const flowType = input.options?.authFlowType ?? 'USER_SRP_AUTH';
    const preferred = input.options?.preferredChallenge ?? undefined;
    const metadata = input.options?.clientMetadata ?? undefined;
    // Amplify swallows errors here: a dead stored session must not block a new sign-in.
    const current = await currentSession(c, false).catch(() => null);
    if (current?.userId !== undefined) throw error('UserAlreadyAuthenticatedException', 'There is already a signed in user.', 'Call signOut before calling signIn again.');
    clearSignInState();
    if (!flowType.startsWith('CUSTOM')) state.auto = null;
    const usesSrp = flowType === 'USER_SRP_AUTH' || flowType === 'CUSTOM_WITH_SRP' || (flowType === 'USER_AUTH' && preferred === 'PASSWORD_SRP');
    const srp = usesSrp ? (prepared ?? undefined) : undefined;
    if (srp) prepared = null;
    const seed = random(32);
    let flow;
    try {
      flow = core.signIn(flowType, c.userPoolId, c.userPoolClientId, username, password ?? '', mapText(metadata), srp, seed, preferred, session);
    } catch (e) {
      throw coreError(e);
    } finally {
      seed.fill(0);
    }
    try {
      return await runFlow(c, flow, { loginId: username, authFlowType: flowType, metadata });
    } catch (e) {
      return signInError(e);
    } finally {
      flow.free();
    }
  }

  // As Amplify: these two errors are next steps, not failures.
  function signInError(e) {
    if (e.name === 'UserNotConfirmedException') return { isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_UP' } };
    if (e.name === 'PasswordResetRequiredException') return { isSignedIn: false, nextStep: { signInStep: 'RESET_PASSWORD' } };
    throw e;
  }

  /**
   * Runs a sign-in (or a challenge's answer) to where it stops: signed in, a challenge
   * for the user, or an error. `ctx`: the sign-in's loginId,
   * authFlowType and clientMetadata.
   */
  async function runFlow(c, signIn, ctx) {
    let s = step(() => signIn.start());
    let reply;
    let device: (string | null)[] | null = null; // the device remembered for the user, once looked up
    for (;;) {
      if (s.send) {
        reply = await send(c, s.send);
        s = step(() => signIn.onReply(reply.status, reply.requestId, reply.errorType, reply.body));
      } else if (s.loadDevice !== undefined) {
        // The remembered device's key goes with the proof (or the password, or the code).
        device = await deviceSecret(c, s.loadDevice);
        s = step(() => signIn.withDevice(device?.[0], Date.now()));
      } else if (s.forgetDevice !== undefined) {
        // Cognito no longer knows that device: forget it and send again without it.
        for (const n of DEVICE_KEYS) await store('removeItem', key(c, s.forgetDevice, n));
        device = null;
        s = step(() => signIn.resume());
      } else if (s.done) {
        // Amplify ignores a failed confirmation (a chunk that could not load included).
        if (s.done.newDevice) await deviceModule().then((m) => m.confirm(c, s.done)).catch(() => {});
        return await finishSignIn(c, s.done, ctx.loginId, ctx.authFlowType);
      } else if (s.challenge === 'DEVICE_SRP_AUTH') {
        // The remembered device proves itself with its own SRP: the same sign-in goes on.
        // With no device kept here the core refuses (DeviceMetadataNotFoundException), and
        // the challenge answered before is used up: not kept in the tab either.
        const seed = random(32);
        try {
          step(() => signIn.device(device ?? [], seed) ?? 'null');
        } catch (e) {
          clearSignInState();
          throw e;
        } finally {
          seed.fill(0);
        }
        s = step(() => signIn.start());
      } else {
        // A challenge the steps module runs (MFA codes, a new password, an MFA choice,
        // a custom challenge, a first-factor choice) waits here for confirmSignIn.
        let next: any = null;
        let steps: Awaited<ReturnType<typeof stepsModule>> | null = null;
        if (s.challenge) {
          steps = await stepsModule();
          next = step(() => steps!.challengeStep(reply.body) ?? 'null');
        }
        if (next) {
          const p = { username: next.username ?? signIn.username, challenge: next.challenge, session: next.session, loginId: ctx.loginId, authFlowType: ctx.authFlowType };
          return steps!.meet(c, p, next);
        }
        // Others: a challenge no module runs. The challenge answered before is used up:
        // not kept in the tab either.
        clearSignInState();
        throw error(
          'SignInException',
          `An error occurred during the sign in process. ${s.challenge} challengeName returned by the underlying service was not addressed.`,
          'This challenge is not supported by cognito-wasm.',
        );
      }
    }
  }

  /** Whether confirmSignIn is this driver's: a challenge waits that the core runs (see steps.js). */
  // A passkey challenge is the browser prompt's to answer, never the app's.
  const pendingForApp = async () => (await stepsModule()).pendingChallenge();
  const answers = async () => (await pendingForApp()) !== undefined;

  async function finishSignIn(c, done, loginId, authFlowType) {
    const details = JSON.stringify({ loginId, authFlowType });
    const { tokens } = done;
    const r = step(() => core.sessionWrites(c.userPoolClientId, done.username, tokens.accessToken, tokens.idToken, tokens.refreshToken, undefined, details, Date.now()));
    generation++;
    try {
      await write(r.writes);
    } catch (e) {
      // Never leave a half-written session, nor a live refresh token nobody holds.
      await clear(c, done.username).catch(() => {});
      if (r.view.revocable) {
        await call(c, core.signOutRequest(c.userPoolClientId, false, tokens.accessToken, tokens.refreshToken)).catch(() => {});
      }
      throw e;
    }
    clearSignInState();
    state.credentials = null;
    emit('signedIn', publicUser(r.view));
    return { isSignedIn: true, nextStep: { signInStep: 'DONE' } };
  }

  // ---- the calls ----

  async function fetchAuthSession(input) {
    const c = cfg();
    const force = input?.forceRefresh === true;
    const s = await currentSession(c, force);
    // AWS credentials from the identity pool, for the user or (if the pool allows) a guest.
    const ids = c.identityPoolId ? await (await identityModule()).credentials(c, s, force) : null;
    const out = ids ? { identityId: ids.identityId, credentials: ids.credentials } : {};
    if (!s) return out;
    const tokens: { accessToken: unknown; idToken?: unknown; signInDetails?: unknown } = { accessToken: s.accessToken };
    if (s.idToken !== undefined) tokens.idToken = s.idToken;
    if (s.signInDetails !== undefined) tokens.signInDetails = s.signInDetails;
    return { userSub: s.sub, ...out, tokens };
  }

  async function getCurrentUser() {
    const c = cfg();
    let s;
    try {
      s = await currentSession(c, false);
    } catch (e) {
      // Offline with an expired access token: the user is still signed in.
      if (!core.isRetryable(e.name, e.metadata?.httpStatusCode)) throw e;
      s = await load(c);
    }
    if (!s) throw notSignedIn();
    return publicUser(s);
  }

  async function signOut(input) {
    const c = cfg();
    const global = input?.global === true;
    clearSignInState();
    generation++;
    const s = await load(c).catch(() => null);
    let failure;
    if (s && (global || s.revocable)) {
      try {
        await call(c, core.signOutRequest(c.userPoolClientId, global, s.accessToken, s.refreshToken ?? ''));
      } catch (e) {
        failure = e;
      }
    }
    // A hosted UI session also ends at the hosted UI (after the local sign-out).
    const wasOAuth = s ? ((await store('getItem', key(c, s.lastAuthUser, 'oauthMetadata')).catch(() => null)) ?? '').includes('"oauthSignIn":true') : false;
    const user = (await store('getItem', lastUserKey(c))) ?? 'username';
    await clear(c, user);
    // The identity pool's cached credentials and the guest's identity go too (without
    // loading the identity module: a sign-out must not depend on fetching a chunk).
    state.credentials = null;
    if (c.identityPoolId) await store('removeItem', guestKey(c)).catch(() => {});
    emit('signedOut');
    // Storage is already clear; only now leave for the hosted UI's logout.
    if (c.loginWith?.oauth) await (await oauthModule()).hostedSignOut(c, wasOAuth);
    return failure ? { revokeError: errorData(failure).error } : {};
  }

  // ---- sign-up ----

  const mapText = (m) => (m == null ? undefined : JSON.stringify(m));

  // ---- account calls: request and result from account.js, loaded on the first ----

  // What the lazily loaded modules' calls (steps.js, account.js) use of the driver.
  const d = {
    AuthError,
    SIGN_IN_STATE,
    // An input as the modules take it, or the error its rules give (see normalise).
    checked: async (op, input) => ((await takes(op, input)) ? input : normalise(op, input)),
    core,
    cfg,
    regional,
    error,
    coreError,
    random,
    call,
    step,
    mapText,
    defined,
    runFlow,
    signInError,
    clearSignInState,
    configCount,
    signIn,
    state,
    currentSession,
    notSignedIn,
    deviceKey,
    clear,
    store,
    key,
    emit,
    DEVICE_KEYS,
    userAgent: () => globalThis.navigator?.userAgent ?? 'cognito-wasm',
    signedOut: () => generation++,
    guestKey,
    allowsGuests,
    post,
    write,
    errorData,
    publicUser,
  };
  const later = (load, name) => async (input) => (await load())[name](input);
  /** Whether the typed modules take `op` with this input as it is (else see `normalise`). */
  async function takes(op, input) {
    if (CORE_CALLS[op]) return CORE_CALLS[op](input) === true;
    if (op === 'signInWithRedirect' && !config().loginWith?.oauth) return false;
    // The account module knows its own calls (so their names stay out of this chunk).
    const m = STEPS_CALLS.includes(op) ? stepsModule : op === 'signInWithRedirect' ? oauthModule : accountModule;
    return (await m()).takes[op]?.(input) === true;
  }
  /**
   * An input the modules do not take as it is, checked in full (check.js, loaded only for
   * such input): the error Amplify's validation gives, or the input as the modules take it.
   */
  async function normalise(op, input) {
    if (op === 'signInWithRedirect' && !config().loginWith?.oauth) {
      throw error('OAuthNotConfigureException', 'oauth param not configured.', 'Configure Auth.Cognito.loginWith.oauth (domain, scopes, redirectSignIn, redirectSignOut, responseType).');
    }
    const { normalise: rules } = await import('./check.js');
    return rules(op, input, {
      signedIn: async () => (await currentSession(cfg(), false)) !== null,
      pendingChallenge: pendingForApp,
      redirectRefused: async () => (await oauthModule()).redirectRefused(),
    });
  }
  // Filled in by name below: the calls of the lazily loaded modules.
  const api: Record<string, any> = { signIn, answers, takes, normalise, checked: d.checked, fetchAuthSession, getCurrentUser, signOut, prepareSignIn };
  for (const op of STEPS_CALLS) api[op] = later(stepsModule, op);
  for (const op of ['signInWithRedirect', 'completeRedirect']) api[op] = later(oauthModule, op);
  /** A call of the account module, by name. */
  api.account = async (op, input) => (await accountModule())[op](input);
  return api;
}
