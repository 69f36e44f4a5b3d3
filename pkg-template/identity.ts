// The identity pool module's wasm (wasm/src/identity.rs) and the driver's calls over it:
// AWS credentials for the signed-in user or a guest (GetId, GetCredentialsForIdentity),
// cached per principal, and forgotten on sign-out. driver.js loads it only for an app
// configured with an identityPoolId.
import { wasmBase64, wasmSize } from './cognito_wasm_identity_inline.js';
import type { abi as Abi } from './abi.js';
import type { Kit } from './driver.js';
import type { IdentityExports } from './wasm-exports.js';

// `kit` (from driver.js, see there): the ABI helpers, the instantiation and the
// input-shape checks, passed in rather than imported.
// Credentials are renewed this long before they expire.
const EXPIRY_MARGIN_MS = 5 * 60_000;

/** Instantiates the module (`precompiled`: see unpack.js); resolves to its calls. */
export async function start(kit: Kit, precompiled?: WebAssembly.Module) {
  return bindIdentity(await kit.instance<IdentityExports>(wasmBase64, wasmSize, precompiled), kit.abi);
}

/** The module's calls over an instantiated module's exports (`abi`: abi.js's). */
export function bindIdentity(x: IdentityExports, abi: typeof Abi) {
  const { call } = abi(x);
  return {
    /** The Logins map (JSON text) for the user's ID token; undefined for a guest. */
    logins: (userPoolId, idToken, guest) => call(x.identity_logins, [userPoolId, idToken], guest ? 1 : 0),
    getId: (identityPoolId, logins) => call(x.identity_get_id, [identityPoolId, logins]),
    getIdReply: (body) => call(x.identity_get_id_reply, [body]),
    credentials: (identityId, logins) => call(x.identity_credentials, [identityId, logins]),
    /** `{ identityId, credentials: { accessKeyId, secretAccessKey, sessionToken, expiration (ms) } }`. */
    credentialsReply: (body, identityId, nowMs) => call(x.identity_credentials_reply, [body, identityId], nowMs),
  };
}

/** The driver's identity pool calls over the module's bindings `m` and the driver's I/O `d` (see driver.js). */
export function identityCalls(m, d) {
  const { call, store, step, state, coreError, regional, guestKey: keyOf, allowsGuests } = d;
  const endpoint = (c) => c.identityPoolEndpoint || regional('cognito-identity', c.identityPoolId.slice(0, c.identityPoolId.indexOf(':')));

  async function getId(c, logins, guestKey) {
    const body = await call(c, m.getId(c.identityPoolId, logins), endpoint(c));
    let id;
    try {
      id = m.getIdReply(body);
    } catch (e) {
      throw coreError(e);
    }
    if (guestKey) await store('setItem', guestKey, id);
    return id;
  }

  /**
   * `{ identityId, credentials }` for session `s` (a guest when null), cached until five
   * minutes before they expire; null for a guest when the pool allows none.
   */
  async function credentials(c, s, force) {
    if (!s && !allowsGuests(c)) return null;
    const principal = s?.sub ?? 'guest';
    const cached = state.credentials;
    if (!force && cached?.principal === principal && cached.out.credentials.expiration - EXPIRY_MARGIN_MS > Date.now()) return cached.out;
    let logins;
    try {
      logins = m.logins(c.userPoolId, s?.idToken, !s);
    } catch (e) {
      throw coreError(e);
    }
    const guestKey = s ? null : keyOf(c);
    // A known identity for the same principal is reused; a guest's is kept in storage.
    let id = s ? (cached?.principal === principal ? cached.out.identityId : null) : await store('getItem', guestKey);
    let retry = id != null;
    id ??= await getId(c, logins, guestKey);
    let body;
    for (;;) {
      try {
        body = await call(c, m.credentials(id, logins), endpoint(c));
        break;
      } catch (e) {
        // A stored identity the pool no longer knows: a new one, once.
        if (!retry || e.name !== 'ResourceNotFoundException') throw e;
        retry = false;
        if (guestKey) await store('removeItem', guestKey);
        id = await getId(c, logins, guestKey);
      }
    }
    const out = step(() => m.credentialsReply(body, id, Date.now()));
    state.credentials = { principal, out };
    return out;
  }

  return { credentials };
}
