// cognito-wasm: the Amplify v6 Auth API over a Rust core compiled to WebAssembly.
// configure() parses and checks the config in JavaScript (config.js), synchronously,
// as Amplify.configure does, and there is no top-level await. The driver and its wasm
// modules (driver.js; each module ships inside its JS chunk, so any bundler works with
// no configuration) are loaded with import() while the page is idle after configure(),
// or by the first call that needs them, and each other module on its first use.
import { parseConfig } from './config.js';
import { AuthError, decoded, dropNulls, toAuthError } from './errors.js';
// The public declarations (index.d.ts, shipped next to index.js), by the package's name.
import type * as Api from 'cognito-wasm';

export { AuthError };

// ---- storage (Amplify's KeyValueStorageInterface: getItem/setItem/removeItem/clear, sync or async) ----

const memory = new Map();

/** One in-memory store shared by the whole page (Amplify's `sharedInMemoryStorage`). */
export const sharedInMemoryStorage = {
  getItem: (key) => (memory.has(key) ? memory.get(key) : null),
  setItem: (key, value) => void memory.set(key, String(value)),
  removeItem: (key) => void memory.delete(key),
  clear: () => memory.clear(),
};

// Web Storage that falls back to memory when it cannot be used (blocked site data,
// private mode, a full quota), with one warning naming the cause. The switch is for
// the whole page and every key at once, so reads come from where writes went and a
// session is never split between the two.
function webStorage(name: 'localStorage' | 'sessionStorage') {
  let memory: Map<string, string | null> | null = null;
  const area = () => globalThis[name] ?? null; // the access itself throws when site data is blocked
  const fallback = (err?: { name?: string }) => {
    if (memory) return memory;
    memory = new Map();
    try {
      // Keep what this library already stored (a session, a remembered device) readable.
      const s = area();
      for (let i = 0; s && i < s.length; i++) {
        const k = s.key(i);
        if (k?.startsWith('CognitoIdentityServiceProvider.')) memory.set(k, s.getItem(k));
      }
    } catch {
      /* nothing to carry over */
    }
    const cause = err ? `${err.name ?? 'Error'}${err.name === 'QuotaExceededError' ? ': it is full' : ''}` : 'not present';
    console.warn(`cognito-wasm: ${name} is unavailable (${cause}); keeping the session in memory for this page, so it will not survive a reload.`);
    return memory;
  };
  const stored = () => {
    if (memory) return null;
    try {
      const s = area();
      if (s) return s;
      fallback();
    } catch (e) {
      fallback(e);
    }
    return null;
  };
  return {
    getItem(key) {
      const s = stored();
      if (s) {
        try {
          return s.getItem(key);
        } catch (e) {
          fallback(e);
        }
      }
      // Not there (stored() gave null) or failed (fallback made it): the memory is in use.
      return memory!.has(key) ? (memory!.get(key) as string | null) : null;
    },
    setItem(key, value) {
      const s = stored();
      if (s) {
        try {
          return s.setItem(key, value);
        } catch (e) {
          fallback(e);
        }
      }
      memory!.set(key, String(value));
    },
    removeItem(key) {
      memory?.delete(key);
      // Also from the area, so nothing written before the switch outlives a sign-out.
      try {
        area()?.removeItem(key);
      } catch {
        /* unusable: nothing there to remove */
      }
    },
    clear() {
      memory?.clear();
      try {
        area()?.clear();
      } catch {
        /* as above */
      }
    },
  };
}

/** localStorage (the default token store). */
export const defaultStorage = webStorage('localStorage');
/** sessionStorage: tokens last as long as the tab. */
export const sessionStorage = webStorage('sessionStorage');

/** CookieStorage's options, as Amplify's (its public constructor's argument, index.d.ts). */
type CookieStorageOptions = NonNullable<ConstructorParameters<typeof Api.CookieStorage>[0]>;

/** Tokens in cookies, e.g. to share a session with a server on the same domain. */
export class CookieStorage {
  declare domain?: string;
  declare path: string;
  declare expires: number;
  declare secure: boolean;
  declare sameSite?: CookieStorageOptions['sameSite'];
  constructor({ domain, path = '/', expires = 365, secure = true, sameSite }: CookieStorageOptions = {}) {
    if (sameSite === 'none' && !secure) {
      throw new AuthError({
        name: 'InvalidParameterException',
        message: 'sameSite = "none" requires secure = true.',
        recoverySuggestion: 'Set secure: true or choose another sameSite value.',
      });
    }
    this.domain = domain;
    this.path = path;
    this.expires = expires;
    this.secure = secure;
    this.sameSite = sameSite;
  }
  #attributes(maxAgeDays: number) {
    let a = `; path=${this.path}`;
    if (this.domain) a += `; domain=${this.domain}`;
    a += `; expires=${new Date(Date.now() + maxAgeDays * 864e5).toUTCString()}`;
    if (this.secure) a += '; secure';
    if (this.sameSite) a += `; samesite=${this.sameSite}`;
    return a;
  }
  getItem(key: string) {
    // Names compared decoded: other writers (Amplify's js-cookie) leave some characters
    // such as '+' unencoded where encodeURIComponent would encode them.
    for (const part of document.cookie.split('; ')) {
      const i = part.indexOf('=');
      if (i > 0 && decoded(part.slice(0, i)) === key) return decoded(part.slice(i + 1).replace(/^"(.*)"$/, '$1'));
    }
    return null;
  }
  setItem(key: string, value: string) {
    document.cookie = `${encodeURIComponent(key)}=${encodeURIComponent(value)}${this.#attributes(this.expires)}`;
  }
  removeItem(key: string) {
    document.cookie = `${encodeURIComponent(key)}=${this.#attributes(-1)}`;
  }
  clear() {
    for (const part of document.cookie.split('; ')) {
      const name = decoded(part.slice(0, part.indexOf('=')));
      if (name.startsWith('CognitoIdentityServiceProvider.')) this.removeItem(name);
    }
  }
}

// ---- Hub: auth events with Amplify's names and capsule shape ----

const listeners = new Map();

export const Hub = {
  /** Calls `callback({ channel, payload: { event, data }, source, patternInfo })`; returns an unsubscribe function. */
  listen(channel, callback) {
    if (typeof callback !== 'function') {
      throw new AuthError({ name: 'NoHubcallbackProvidedException', message: 'No callback supplied to Hub' });
    }
    if (!listeners.has(channel)) listeners.set(channel, []);
    listeners.get(channel).push(callback);
    // As Amplify: unsubscribing removes every registration of this callback.
    return () => listeners.set(channel, (listeners.get(channel) ?? []).filter((cb) => cb !== callback));
  },
  dispatch(channel, payload, source = '') {
    for (const cb of [...(listeners.get(channel) ?? [])]) {
      try {
        cb({ channel, payload, source, patternInfo: [] });
      } catch (e) {
        console.error('cognito-wasm: a Hub listener threw', e);
      }
    }
  },
};

// Other tabs of this origin: a sign-out there is announced here too. Opened by
// configure(), not at import, and unref'd where the runtime allows (Node), so that
// importing the package never keeps a process alive.
let channel: BroadcastChannel | null = null;
function openChannel() {
  if (channel || typeof BroadcastChannel !== 'function') return;
  channel = new BroadcastChannel('cognito-wasm.auth');
  channel.onmessage = (m) => {
    if (m.data?.event === 'signedOut') Hub.dispatch('auth', { event: 'signedOut' }, 'Auth');
  };
  (channel as { unref?: () => void }).unref?.();
}

// Resolves once no storage event from another tab has arrived for 25 ms (at most 250 ms).
function storageSettled() {
  if (typeof addEventListener !== 'function') return Promise.resolve();
  return new Promise((done) => {
    let quiet;
    const finish = () => {
      clearTimeout(quiet);
      clearTimeout(limit);
      removeEventListener('storage', onStorage);
      done(undefined);
    };
    const onStorage = () => {
      clearTimeout(quiet);
      quiet = setTimeout(finish, 25);
    };
    const limit = setTimeout(finish, 250);
    addEventListener('storage', onStorage);
    onStorage();
  });
}

// What the wasm side calls back into.
const host = {
  storage: defaultStorage,
  emit(event, json) {
    const data = json === undefined ? undefined : JSON.parse(json, dropNulls);
    if (data?.error) data.error = toAuthError(JSON.stringify(data.error));
    Hub.dispatch('auth', data === undefined ? { event } : { event, data }, 'Auth');
    if (event === 'signedOut') channel?.postMessage({ event });
  },
  // Aborts a request that takes longer than this (TimeoutError, retried like a network error).
  requestTimeoutMs: 20_000,
  signal() {
    return typeof AbortSignal?.timeout === 'function' ? AbortSignal.timeout(this.requestTimeoutMs) : undefined;
  },
  // A lock shared by every tab (Web Locks), so one tab refreshes the tokens at a
  // time; resolves to its release function. Without Web Locks, or if a tab holds
  // it for over 10 s (a frozen tab), go on unlocked rather than hang.
  lock(name) {
    const locks = globalThis.navigator?.locks;
    if (!locks) return Promise.resolve(() => {});
    return new Promise((acquired) => {
      const hold = () => new Promise((release) => acquired(release));
      const unlocked = () => acquired(() => {});
      locks
        .request(name, { ifAvailable: true }, (free) => {
          if (free) return hold();
          // Another tab holds it: wait, then let its storage writes reach this tab
          // (Chromium syncs localStorage between tabs asynchronously) before reading.
          const signal = typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(10_000) : undefined;
          locks
            .request(name, { signal }, () => storageSettled().then(hold))
            .catch(unlocked);
        })
        .catch(unlocked);
    });
  },
};

/** Where tokens are kept, as `cognitoUserPoolsTokenProvider` in `aws-amplify/auth/cognito`. */
export const cognitoUserPoolsTokenProvider = {
  setKeyValueStorage(storage) {
    for (const m of ['getItem', 'setItem', 'removeItem']) {
      if (typeof storage?.[m] !== 'function') throw new TypeError(`the storage needs a ${m} method`);
    }
    host.storage = storage;
  },
};

// A hosted UI sign-in being completed after the redirect back: other calls wait
// for it, so the first getCurrentUser() on that page already sees the user.
let redirectDone = Promise.resolve();

// Calls that keep nothing in the token store, and so work anywhere.
const STORELESS = new Set(['signUp', 'confirmSignUp', 'resendSignUpCode', 'resetPassword', 'confirmResetPassword']);

// A server (or a script) has no browser storage: the default store would be one
// in-memory session shared by every request of the process. Refuse instead.
function serverWithoutStore(op) {
  const browser = typeof window !== 'undefined' || typeof WorkerGlobalScope !== 'undefined';
  if (browser || STORELESS.has(op) || host.storage !== defaultStorage) return undefined;
  return new AuthError({
    name: 'StorageUnavailableException',
    message: 'There is no browser storage here (a server or a script): the session would be shared by every request of this process.',
    recoverySuggestion:
      'Call this in a browser; in a script that serves one user, choose a store first: cognitoUserPoolsTokenProvider.setKeyValueStorage(sharedInMemoryStorage).',
  });
}

async function run(op: string, input?: unknown) {
  const refused = serverWithoutStore(op);
  if (refused) throw refused;
  await redirectDone;
  try {
    if (appliedObject === undefined) return await unconfigured(op, input);
    const driver = await typedCore();
    // An input the modules do not take as it is (or a confirmSignIn with no challenge
    // of theirs waiting) is checked in full: named, or reduced to what they take.
    if (!(await driver.takes(op, input)) || (op === 'confirmSignIn' && !(await driver.answers()))) {
      input = await driver.normalise(op, input);
      if (!(await driver.takes(op, input))) throw new AuthError({ name: 'UnknownException', message: `cognito-wasm cannot run ${op} with this input.`, recoverySuggestion: 'Report this, with the input\'s shape (not its values), as a bug.' });
    }
    return await (driver[op] ? driver[op](input) : driver.account(op, input));
  } catch (e) {
    throw toAuthError(e);
  }
}

// Before configure(): Amplify's error, but for the two calls that read their input
// first (and fetchAuthSession, which answers signed out).
async function unconfigured(op, input) {
  if (op === 'fetchAuthSession' || op === 'resendSignUpCode') await (await import('./check.js')).normalise(op, input, {});
  if (op === 'fetchAuthSession') return {};
  throw new AuthError({
    name: 'AuthUserPoolException',
    message: 'Auth UserPool not configured.',
    recoverySuggestion: 'Call configure() in your app with userPoolId and userPoolClientId before using Auth.',
  });
}

let ssrCookies; // the cookie store `ssr: true` installs (one per page, as Amplify's)
// Configurations applied so far: a later one does not resume a stored challenge.
let configCount = 0;

// The typed driver (driver.js) and its lazily loaded modules run every call.
let typedLoad;
function typedCore() {
  typedLoad ??= import('./driver.js')
    .then((m) => m.createDriver({ host, AuthError, toAuthError, config: () => appliedObject.Auth.Cognito, configCount: () => configCount }))
    .catch((e) => {
      // Not remembered: a chunk that could not be fetched may come next time.
      typedLoad = undefined;
      throw e;
    });
  return typedLoad;
}

/** Applies the configuration at once. Accepts the Amplify v6, Gen1 (aws-exports) and Gen2 (amplify_outputs.json) formats. */
export function configure(config: Parameters<typeof Api.configure>[0], libraryOptions?: Parameters<typeof Api.configure>[1]): void {
  // Our extension to Amplify's libraryOptions: how long one request may take.
  const timeout = libraryOptions?.Auth?.requestTimeoutMs;
  if (typeof timeout === 'number' && timeout > 0) host.requestTimeoutMs = timeout;
  // And whether to compute the next sign-in's A while idle (default: yes).
  if (libraryOptions?.Auth?.prepareSignIn === false) prepareEnabled = false;
  // `ssr: true`, as Amplify: tokens in cookies a server on the same site can read, under
  // the same names and attributes (path /, a year, Secure, SameSite=Lax). Only where
  // there are cookies to write: a server keeps refusing the default store.
  if (libraryOptions?.ssr === true && typeof document !== 'undefined') host.storage = ssrCookies ??= new CookieStorage({ sameSite: 'lax' });
  const normalised = parseConfig(config, AuthError);
  const json = JSON.stringify(normalised);
  // The same config again (StrictMode, HMR) changes nothing and starts nothing.
  if (json === appliedConfig) return;
  appliedConfig = json;
  appliedObject = normalised;
  configCount++;
  openChannel();
  prepareSignInWhenIdle();
  if (normalised.Auth.Cognito.loginWith?.oauth && typeof window !== 'undefined') {
    // One completion per callback URL in this page, even across copies of this
    // package (a code can be exchanged once). Failures are reported as the
    // signInWithRedirect_failure event, as in Amplify.
    const started = (globalThis[REDIRECTS] ??= new Map());
    const href = globalThis.location?.href;
    if (!started.has(href)) started.set(href, completeRedirect().catch(() => {}));
    redirectDone = started.get(href);
  }
  // As Amplify: who waits for the configuration (an Authenticator on the page before it)
  // hears it, last, once a hosted-UI completion is in place for their first calls to wait on.
  Hub.dispatch('core', { event: 'configure', data: getConfig() }, 'Configure');
}
// The hosted UI sign-in this page may be the end of (oauth.js), on the typed driver.
async function completeRedirect() {
  const driver = await typedCore();
  return driver.completeRedirect();
}
let appliedConfig; // the normalised config as JSON (to tell a new one from the same again)
let appliedObject;
const REDIRECTS = Symbol.for('cognito-wasm.redirects');

// Computes the next SRP sign-in's A = g^a while the page is idle (the person is
// still typing), taking it (~1.5 ms, more before V8 optimises the code) off the
// sign-in itself. Prepared again after a failed sign-in and after sign-out (a
// no-op while one waits).
let prepareScheduled = false;
let prepareEnabled = true;
function prepareSignInWhenIdle() {
  if (!prepareEnabled || prepareScheduled || typeof setTimeout !== 'function') return;
  prepareScheduled = true;
  const idle = globalThis.requestIdleCallback ?? ((cb) => setTimeout(cb, 50));
  idle(() => {
    prepareScheduled = false;
    if (appliedObject !== undefined) typedCore().then((d) => d.prepareSignIn()).catch(() => {});
  });
}

/**
 * Signs in through the Cognito hosted UI (authorization code + PKCE): the browser
 * leaves for the hosted UI and comes back to `redirectSignIn`, where `configure()`
 * completes the sign-in and emits `signInWithRedirect` (and `customOAuthState`).
 */
export const signInWithRedirect: typeof Api.signInWithRedirect = (input) => run('signInWithRedirect', input ?? {});

/** The configuration in use, normalised to `{ Auth: { Cognito } }`. */
export function getConfig(): ReturnType<typeof Api.getConfig> {
  return appliedObject === undefined ? {} : structuredClone(appliedObject);
}

/** Decodes a JWT's payload without verifying it: `{ payload, toString() }`. */
export function decodeJWT(token: string): ReturnType<typeof Api.decodeJWT> {
  const invalid = (why) =>
    new AuthError({
      name: 'InvalidTokenException',
      message: `The token is not a valid JWT: ${why}.`,
      recoverySuggestion: 'Pass a JSON Web Token issued by Cognito.',
    });
  const parts = String(token).split('.');
  if (parts.length !== 3) throw invalid('it does not have three dot-separated parts');
  const b64 = parts[1].replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(b64) || b64.length % 4 === 1) throw invalid('the payload is not base64url');
  let payload;
  try {
    const bin = atob(b64.replaceAll('-', '+').replaceAll('_', '/'));
    payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
  } catch {
    /* not JSON: below */
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw invalid('the payload is not a JSON object');
  return { payload, toString: () => token };
}

export const signUp: typeof Api.signUp = (input) => run('signUp', input);
export const confirmSignUp: typeof Api.confirmSignUp = (input) => run('confirmSignUp', input);
export const resendSignUpCode: typeof Api.resendSignUpCode = (input) => run('resendSignUpCode', input);
// A TOTP set-up step carries `totpSetupDetails` with a `getSetupUri` function.
function signInResult(r) {
  if (r?.nextStep?.totpSetupDetails) r.nextStep.totpSetupDetails = withSetupUri(r.nextStep.totpSetupDetails);
  return r;
}

// The next sign-in's A is prepared after a failed attempt, not after a success
// (the next SRP sign-in then comes after signOut, which prepares it).
export const signIn: typeof Api.signIn = (input) =>
  run('signIn', input).then(
    (r) => {
      if (!r?.isSignedIn) prepareSignInWhenIdle();
      return signInResult(r);
    },
    (e) => {
      prepareSignInWhenIdle();
      throw e;
    },
  );
export const confirmSignIn: typeof Api.confirmSignIn = (input) => run('confirmSignIn', input).then(signInResult);
export const getCurrentUser: typeof Api.getCurrentUser = () => run('getCurrentUser');
export const autoSignIn: typeof Api.autoSignIn = () => run('autoSignIn');
export const resetPassword: typeof Api.resetPassword = (input) => run('resetPassword', input);
export const confirmResetPassword: typeof Api.confirmResetPassword = (input) => run('confirmResetPassword', input).then(() => undefined);
export const updatePassword: typeof Api.updatePassword = (input) => run('updatePassword', input).then(() => undefined);
export const fetchUserAttributes: typeof Api.fetchUserAttributes = () => run('fetchUserAttributes');
export const updateUserAttributes: typeof Api.updateUserAttributes = (input) => run('updateUserAttributes', input);
export const updateUserAttribute: typeof Api.updateUserAttribute = (input) => run('updateUserAttribute', input);
export const confirmUserAttribute: typeof Api.confirmUserAttribute = (input) => run('confirmUserAttribute', input).then(() => undefined);
export const sendUserAttributeVerificationCode: typeof Api.sendUserAttributeVerificationCode = (input) => run('sendUserAttributeVerificationCode', input);
export const deleteUserAttributes: typeof Api.deleteUserAttributes = (input) => run('deleteUserAttributes', input).then(() => undefined);
export const deleteUser: typeof Api.deleteUser = () => run('deleteUser').then(() => undefined);
export const verifyTOTPSetup: typeof Api.verifyTOTPSetup = (input) => run('verifyTOTPSetup', input).then(() => undefined);
export const updateMFAPreference: typeof Api.updateMFAPreference = (input) => run('updateMFAPreference', input).then(() => undefined);
export const fetchMFAPreference: typeof Api.fetchMFAPreference = () => run('fetchMFAPreference');
export const rememberDevice: typeof Api.rememberDevice = () => run('rememberDevice').then(() => undefined);

/** Registers a passkey for the signed-in user (the browser asks them to create one). */
export const associateWebAuthnCredential: typeof Api.associateWebAuthnCredential = () => run('associateWebAuthnCredential').then(() => undefined);
/** The signed-in user's passkeys, a page at a time: `{ credentials, nextToken }` (`createdAt` a Date). */
export async function listWebAuthnCredentials(input?: Parameters<typeof Api.listWebAuthnCredentials>[0]): ReturnType<typeof Api.listWebAuthnCredentials> {
  const r = await run('listWebAuthnCredentials', input ?? {});
  const credentials = r.credentials.map((c) => ({ ...c, createdAt: c.createdAt === undefined ? undefined : new Date(c.createdAt) }));
  return { credentials, nextToken: r.nextToken };
}
/** Deletes one of the signed-in user's passkeys. */
export const deleteWebAuthnCredential: typeof Api.deleteWebAuthnCredential = (input) => run('deleteWebAuthnCredential', input).then(() => undefined);
export const forgetDevice: typeof Api.forgetDevice = (input) => run('forgetDevice', input).then(() => undefined);

/** Devices with `Date` fields, as Amplify returns them. */
export async function fetchDevices(): ReturnType<typeof Api.fetchDevices> {
  const list = await run('fetchDevices');
  const date = (ms) => (ms === undefined ? undefined : new Date(ms));
  return list.map((d) => ({
    ...d,
    createDate: date(d.createDate),
    lastAuthenticatedDate: date(d.lastAuthenticatedDate),
    lastModifiedDate: date(d.lastModifiedDate),
  }));
}

// `getSetupUri(appName, accountName?)` → the otpauth:// URI authenticator apps scan.
// Issuer and account name are percent-encoded (Key URI format), so `#`, `?`, `&` or `:`
// in them can neither cut the URI short nor add parameters.
function withSetupUri({ sharedSecret, username }) {
  return {
    sharedSecret,
    getSetupUri: (appName, accountName) => {
      // '@' may stay literal in a path (RFC 3986 pchar), as in the format's own examples.
      const enc = (s) => encodeURIComponent(String(s)).replaceAll('%40', '@');
      const issuer = enc(appName);
      const label = `${issuer}:${enc(accountName ?? username)}`;
      return new URL(`otpauth://totp/${label}?secret=${encodeURIComponent(sharedSecret)}&issuer=${issuer}`);
    },
  };
}

/** Starts TOTP set-up: `{ sharedSecret, getSetupUri(appName, accountName?) }`. */
export const setUpTOTP: typeof Api.setUpTOTP = () => run('setUpTOTP').then(withSetupUri);

/** Signs out. Local storage is always cleared; a failed revocation is reported as a console warning. */
export async function signOut(input?: Parameters<typeof Api.signOut>[0]): Promise<void> {
  const r = await run('signOut', input ?? {});
  prepareSignInWhenIdle();
  if (r.revokeError) {
    const e = toAuthError(JSON.stringify(r.revokeError));
    console.warn(`cognito-wasm: signed out locally, but the server did not revoke the session (${e.name}: ${e.message})`);
  }
}

/** The current tokens (refreshed when expired), or `tokens: undefined` when signed out. */
export async function fetchAuthSession(options?: Parameters<typeof Api.fetchAuthSession>[0]): ReturnType<typeof Api.fetchAuthSession> {
  const r = await run('fetchAuthSession', options ?? {});
  const credentials = r.credentials && { ...r.credentials, expiration: new Date(r.credentials.expiration) };
  if (!r.tokens) {
    return { tokens: undefined, credentials, identityId: r.identityId, userSub: undefined };
  }
  const { accessToken, idToken, signInDetails } = r.tokens;
  return {
    tokens: {
      accessToken: decodeJWT(accessToken),
      idToken: idToken ? decodeJWT(idToken) : undefined,
      signInDetails,
    },
    credentials,
    identityId: r.identityId,
    userSub: r.userSub,
  };
}
