// cognito-wasm: the Amplify v6 Auth API over a Rust core compiled to WebAssembly.
// The wasm bytes ship inside the package (cognito_wasm_inline.js) so any bundler
// (Vite, the Angular CLI, webpack, esbuild) works with no configuration, and the
// module is instantiated synchronously on first use: configure() then takes effect
// at once, as Amplify.configure does, and there is no top-level await.
import {
  initSync,
  configure as wasmConfigure,
  getConfig as wasmGetConfig,
  decodeJwtPayload,
  call as wasmCall,
} from './cognito_wasm.js';
import { wasmBase64 } from './cognito_wasm_inline.js';

let ready = false;

function base64ToBytes(b64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function ensureReady() {
  if (!ready) {
    initSync({ module: base64ToBytes(wasmBase64) });
    ready = true;
  }
}

/** An error from an auth call: `name` is stable (Cognito's exception name or ours). */
export class AuthError extends Error {
  constructor({ name, message, recoverySuggestion, underlyingError, metadata }) {
    super(message);
    this.name = name;
    this.recoverySuggestion = recoverySuggestion;
    this.underlyingError = underlyingError;
    if (metadata) this.metadata = metadata;
  }
}

// JSON nulls become absent fields, as Amplify leaves them undefined.
const dropNulls = (_key, value) => (value === null ? undefined : value);

function toAuthError(e) {
  if (e instanceof AuthError) return e;
  if (typeof e === 'string') {
    try {
      return new AuthError(JSON.parse(e, dropNulls));
    } catch {
      /* not one of ours */
    }
  }
  return new AuthError({
    name: 'Unknown',
    message: 'An unknown error has occurred.',
    underlyingError: e,
  });
}

async function run(op, input) {
  let out;
  try {
    ensureReady();
    out = await wasmCall(op, input === undefined ? '' : JSON.stringify(input));
  } catch (e) {
    throw toAuthError(e);
  }
  return JSON.parse(out, dropNulls);
}

/** Applies the configuration at once. Accepts the Amplify v6, Gen1 (aws-exports) and Gen2 (amplify_outputs.json) formats. */
export function configure(config) {
  try {
    ensureReady();
    wasmConfigure(JSON.stringify(config ?? null));
  } catch (e) {
    throw toAuthError(e);
  }
}

/** The configuration in use, normalised to `{ Auth: { Cognito } }`. */
export function getConfig() {
  ensureReady();
  return JSON.parse(wasmGetConfig(), dropNulls);
}

/** Decodes a JWT's payload without verifying it: `{ payload, toString() }`. */
export function decodeJWT(token) {
  let payload;
  try {
    ensureReady();
    payload = JSON.parse(decodeJwtPayload(String(token)));
  } catch (e) {
    throw toAuthError(e);
  }
  return { payload, toString: () => token };
}

export const signUp = (input) => run('signUp', input);
export const confirmSignUp = (input) => run('confirmSignUp', input);
export const resendSignUpCode = (input) => run('resendSignUpCode', input);
export const signIn = (input) => run('signIn', input);
export const confirmSignIn = (input) => run('confirmSignIn', input);
export const getCurrentUser = () => run('getCurrentUser');

/** Signs out. Local storage is always cleared; a failed revocation is reported as a console warning. */
export async function signOut(input) {
  const r = await run('signOut', input ?? {});
  if (r.revokeError) {
    const e = toAuthError(JSON.stringify(r.revokeError));
    console.warn(`cognito-wasm: signed out locally, but the server did not revoke the session (${e.name}: ${e.message})`);
  }
}

/** The current tokens (refreshed when expired), or `tokens: undefined` when signed out. */
export async function fetchAuthSession(options) {
  const r = await run('fetchAuthSession', options ?? {});
  if (!r.tokens) {
    return { tokens: undefined, credentials: undefined, identityId: undefined, userSub: undefined };
  }
  const { accessToken, idToken, signInDetails } = r.tokens;
  return {
    tokens: {
      accessToken: decodeJWT(accessToken),
      idToken: idToken ? decodeJWT(idToken) : undefined,
      signInDetails,
    },
    credentials: undefined,
    identityId: undefined,
    userSub: r.userSub,
  };
}
