// The hosted UI module's wasm (wasm/src/oauth.rs) and the driver's calls over it:
// signInWithRedirect (authorization code with PKCE, or implicit), the completion when
// the page comes back at redirectSignIn, and the hosted UI's logout on signOut.
// driver.js loads it only for an app configured with loginWith.oauth.
import { wasmBase64, wasmSize } from './cognito_wasm_oauth_inline.js';
import type { abi as Abi } from './abi.js';
import type { Kit } from './driver.js';
import type { OauthExports } from './wasm-exports.js';

// `kit` (from driver.js, see there): the ABI helpers, the instantiation and the
// input-shape checks, passed in rather than imported.
// Random bytes for the state (32) and the PKCE verifier (128), as Amplify draws them.
const RANDOM_BYTES = 160;
// Amplify's keys for a sign-in in flight.
const INFLIGHT = ['inflightOAuth', 'oauthState', 'oauthPKCE'];

/** Whether this module takes the call's input as it is (else check.js names what is wrong, or reduces it); `kit`: shapes.js's checks. */
export const takesWith = ({ isObject, only, text, options }) => ({
  signInWithRedirect: (i) =>
    isObject(i) &&
    only(i, ['provider', 'customState', 'options']) &&
    (i.provider == null || typeof i.provider === 'string' || (isObject(i.provider) && only(i.provider, ['custom']) && text(i.provider.custom))) &&
    (i.customState == null || typeof i.customState === 'string') &&
    options(i.options, (o) => only(o, ['loginHint', 'lang', 'nonce', 'prompt', 'preferPrivateSession']) && ['loginHint', 'lang', 'nonce', 'prompt'].every((k) => o[k] == null || typeof o[k] === 'string')),
});

/** Instantiates the module; resolves to its calls. */
export async function start(kit: Kit) {
  return bindOAuth(await kit.instance<OauthExports>(wasmBase64, wasmSize), kit.abi);
}

/** The module's calls over an instantiated module's exports (`cfg`: `loginWith.oauth` as JSON text; `abi`: abi.js's). */
export function bindOAuth(x: OauthExports, abi: typeof Abi) {
  const { args, text, call } = abi(x);
  return {
    /** `{ url, state, verifier }`. */
    authorize: (cfg, clientId, current, provider, custom, customState, loginHint, lang, nonce, prompt, random) =>
      call(x.oauth_authorize, [cfg, clientId, current, provider, custom, customState, loginHint, lang, nonce, prompt, random]),
    /** `{ exchange: { url, body } }` or `{ tokens, username }`, with `redirectUri` and `customState`. */
    callback: (cfg, clientId, current, state, verifier) => call(x.oauth_callback, [cfg, clientId, current, state, verifier]),
    /** `{ tokens, username }`. */
    tokenReply: (status, body) => text(x.oauth_token_reply(status, ...args([body]))),
    cleaned: (cfg, clientId, current) => call(x.oauth_cleaned, [cfg, clientId, current]),
    logout: (cfg, clientId, current) => call(x.oauth_logout, [cfg, clientId, current]),
  };
}

/** The driver's hosted UI calls over the module's bindings `m` and the driver's I/O `d` (see driver.js). */
export function oauthCalls(m, d) {
  const { cfg, error, coreError, random, step, store, post, write, clear, emit, errorData, publicUser, core, currentSession, state } = d;
  const oauthOf = (c) => JSON.stringify(c.loginWith.oauth);
  const k = (c, name) => `CognitoIdentityServiceProvider.${c.userPoolClientId}.${name}`;
  const here = () => globalThis.location?.href ?? '';
  // A browser that refuses a navigation or a history change (another
  // origin, a sandboxed frame) does not undo a sign-in or sign-out already stored.
  const replaceUrl = (url) => {
    try {
      globalThis.history?.replaceState(null, '', url);
    } catch {
      /* the address bar keeps its URL */
    }
  };
  const navigate = (url) => {
    try {
      globalThis.location?.assign(url);
    } catch {
      /* the page stays */
    }
  };

  async function signInWithRedirect(input) {
    const c = cfg();
    const o = input?.options ?? {};
    // Amplify: no second sign-in over a session, unless the app asks the hosted UI to prompt.
    if (o.prompt == null && (await currentSession(c, false).catch(() => null))) {
      throw error('UserAlreadyAuthenticatedException', 'There is already a signed in user.', 'Call signOut before calling signInWithRedirect again.');
    }
    const p = input?.provider;
    const seed = random(RANDOM_BYTES);
    let a;
    try {
      a = step(() => m.authorize(oauthOf(c), c.userPoolClientId, here(), typeof p === 'string' ? p : undefined, p?.custom, input?.customState, o.loginHint, o.lang, o.nonce, o.prompt, seed));
    } finally {
      seed.fill(0);
    }
    await store('setItem', k(c, 'inflightOAuth'), 'true');
    await store('setItem', k(c, 'oauthState'), a.state);
    await store('setItem', k(c, 'oauthPKCE'), a.verifier);
    navigate(a.url);
  }

  /** The error the redirect URL gives on this page (none of redirectSignIn fits it), or null. */
  function redirectRefused() {
    const c = cfg();
    try {
      step(() => m.authorize(oauthOf(c), c.userPoolClientId, here(), undefined, undefined, undefined, undefined, undefined, undefined, undefined, new Uint8Array(RANDOM_BYTES)));
      return null;
    } catch (e) {
      return e;
    }
  }

  /** On page load: finishes a hosted UI sign-in this app started; `{}` when there was none. */
  async function completeRedirect() {
    const c = cfg();
    // A code, token or error left in the address bar must go whatever happens next:
    // bookmarked, shared or reloaded, it would be replayed or leak.
    const clean = () => {
      const url = m.cleaned(oauthOf(c), c.userPoolClientId, here());
      if (url !== undefined) replaceUrl(url);
    };
    if ((await store('getItem', k(c, 'inflightOAuth'))) !== 'true') {
      clean();
      return {};
    }
    try {
      return await finish(c);
    } catch (e) {
      clean();
      for (const n of INFLIGHT) await store('removeItem', k(c, n)).catch(() => {});
      emit('signInWithRedirect_failure', errorData(e));
      throw e;
    }
  }

  async function finish(c) {
    const saved = await store('getItem', k(c, 'oauthState'));
    const verifier = await store('getItem', k(c, 'oauthPKCE'));
    let r = step(() => m.callback(oauthOf(c), c.userPoolClientId, here(), saved ?? undefined, verifier ?? undefined));
    if (r.exchange) {
      // The code for tokens at the token endpoint, once (a code works one time).
      const reply = await post(c, { body: r.exchange.body, form: true }, r.exchange.url);
      r = { ...r, ...step(() => m.tokenReply(reply.status, reply.body)) };
    }
    const t = r.tokens;
    const w = step(() => core.sessionWrites(c.userPoolClientId, r.username, t.accessToken, t.idToken, t.refreshToken, undefined, undefined, Date.now()));
    d.signedOut(); // a refresh under way belongs to the session before this one
    try {
      await write(w.writes);
    } catch (e) {
      await clear(c, r.username).catch(() => {});
      throw e;
    }
    await store('setItem', `CognitoIdentityServiceProvider.${c.userPoolClientId}.${r.username}.oauthMetadata`, '{"oauthSignIn":true}');
    for (const n of INFLIGHT) await store('removeItem', k(c, n));
    await store('setItem', k(c, 'oauthSignIn'), 'true,false');
    state.credentials = null;
    replaceUrl(r.redirectUri);
    if (r.customState !== undefined) emit('customOAuthState', r.customState);
    emit('signInWithRedirect');
    emit('signedIn', publicUser(w.view));
    return r.customState === undefined ? {} : { customState: r.customState };
  }

  /** After a local sign-out: the OAuth keys go, and a hosted UI session leaves for its logout. */
  async function hostedSignOut(c, wasOAuth) {
    const flag = await store('getItem', k(c, 'oauthSignIn'));
    for (const n of ['oauthSignIn', ...INFLIGHT]) await store('removeItem', k(c, n));
    if (!(wasOAuth || flag?.startsWith('true'))) return;
    let url;
    try {
      url = m.logout(oauthOf(c), c.userPoolClientId, here());
    } catch (e) {
      throw coreError(e);
    }
    navigate(url);
  }

  return { signInWithRedirect, completeRedirect, hostedSignOut, redirectRefused };
}
