// cognito-wasm/server: the signed-in user of one server request, read from that request's
// cookies — the cookies `configure(config, { ssr: true })` keeps in the browser, under
// Amplify's names. Each context has its own store over its own cookies: nothing is kept
// between requests or shared between users. Expired tokens are refreshed here and the new
// ones written back through the cookie store (when it can write; a read-only one, such
// as a server component's, still gets the refreshed session for this request).
import { decodeJWT } from './index.js';
import { AuthError, decoded, toAuthError } from './errors.js';
import { parseConfig } from './config.js';
import { createDriver } from './driver.js';

const contexts = new WeakMap(); // contextSpec → the driver of its request
let compiledWasm; // see useCompiledWasm

/**
 * For hosts that refuse to compile WebAssembly from bytes (edge runtimes): the modules the
 * server calls need, as `WebAssembly.Module`s the host compiled from the package's files
 * `cognito_wasm_v2.wasm` (core), `cognito_wasm_account.wasm` and `cognito_wasm_identity.wasm`.
 * On Next.js's Edge runtime the package does this itself (edge.js, its `edge-light` export).
 */
export function useCompiledWasm({ core, account, identity }) {
  compiledWasm = { core, account, identity };
}
const YEAR_MS = 365 * 864e5;

// One request's cookies as a key-value store. Names are written percent-encoded, as the
// browser side writes them; read either way.
function cookieStore(cookies) {
  const read = (name) => {
    const v = cookies.get(name);
    if (v == null) return null;
    const value = typeof v === 'object' ? v.value : v;
    return value == null ? null : decoded(String(value));
  };
  return {
    getItem: (key) => read(encodeURIComponent(key)) ?? read(key),
    setItem(key, value) {
      cookies.set?.(encodeURIComponent(key), value, { path: '/', sameSite: 'lax', secure: true, expires: new Date(Date.now() + YEAR_MS) });
    },
    removeItem(key) {
      const name = encodeURIComponent(key);
      if (typeof cookies.delete === 'function') cookies.delete(name);
      else if (typeof cookies.remove === 'function') cookies.remove(name);
      else cookies.set?.(name, '', { path: '/', expires: new Date(0) });
    },
  };
}

/**
 * Runs `operation(contextSpec)` for one request, with the user its cookies hold.
 * `cookies`: the request's cookie store — `get(name)` (a string, or `{ value }` as Next.js
 * gives), and, to keep refreshed tokens, `set(name, value, options)` and `delete(name)`.
 */
export async function runWithServerContext({ config, cookies }, operation) {
  const normalised = parseConfig(config, AuthError);
  const cognito = normalised.Auth?.Cognito;
  if (!cognito) {
    throw new AuthError({ name: 'AuthUserPoolException', message: 'Auth UserPool not configured.', recoverySuggestion: 'Pass a config with Auth.Cognito.userPoolId and userPoolClientId.' });
  }
  if (!cookies || typeof cookies.get !== 'function') throw new TypeError('runWithServerContext needs the request cookies ({ get, set?, delete? })');
  const host = {
    storage: cookieStore(cookies),
    emit() {}, // no Hub on a server: nobody in this request listens
    lock: () => Promise.resolve(() => {}), // one request, one session: nothing to share a lock with
    requestTimeoutMs: 20_000,
    signal() {
      return typeof AbortSignal?.timeout === 'function' ? AbortSignal.timeout(this.requestTimeoutMs) : undefined;
    },
  };
  const driver = await createDriver({ host, AuthError, toAuthError, config: () => cognito, wasm: compiledWasm });
  const contextSpec = Object.freeze({ token: Object.freeze({ value: Symbol('cognito-wasm server context') }) });
  contexts.set(contextSpec, driver);
  try {
    return await operation(contextSpec);
  } finally {
    contexts.delete(contextSpec);
  }
}

function driverOf(contextSpec) {
  const d = contextSpec && contexts.get(contextSpec);
  if (!d) {
    throw new AuthError({
      name: 'AmplifyServerContextError',
      message: 'Attempted to use a server context that does not exist or has ended.',
      recoverySuggestion: 'Call this inside the operation passed to runWithServerContext, with the contextSpec it received.',
    });
  }
  return d;
}

const run = async (fn) => {
  try {
    return await fn();
  } catch (e) {
    throw toAuthError(e);
  }
};

/** The request's session: `{ tokens, credentials, identityId, userSub }` (tokens refreshed if expired; credentials from the identity pool, if configured); `tokens` undefined when signed out. */
export async function fetchAuthSession(contextSpec, options) {
  const d = driverOf(contextSpec);
  // Options in a shape the driver does not take are checked in full, as in the browser.
  const r = await run(async () => d.fetchAuthSession(await d.checked('fetchAuthSession', options ?? {})));
  // Identity pool credentials when the config names a pool (a guest's, if it allows guests).
  const credentials = r.credentials && { ...r.credentials, expiration: new Date(r.credentials.expiration) };
  if (!r.tokens) return { tokens: undefined, credentials, identityId: r.identityId, userSub: undefined };
  const { accessToken, idToken, signInDetails } = r.tokens;
  return {
    tokens: { accessToken: decodeJWT(accessToken), idToken: idToken ? decodeJWT(idToken) : undefined, signInDetails },
    credentials,
    identityId: r.identityId,
    userSub: r.userSub,
  };
}

/** The request's user: `{ username, userId, signInDetails }`, or `UserUnAuthenticatedException`. */
export async function getCurrentUser(contextSpec) {
  const d = driverOf(contextSpec);
  return run(() => d.getCurrentUser());
}

/** The request's user's attributes (GetUser with its access token). */
export async function fetchUserAttributes(contextSpec) {
  const d = driverOf(contextSpec);
  return run(() => d.account('fetchUserAttributes'));
}
