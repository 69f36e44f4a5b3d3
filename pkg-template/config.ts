// Configuration: Amplify v6 ({ Auth: { Cognito } }), Gen1 aws-exports /
// amplifyconfiguration.json and Gen2 amplify_outputs.json, all normalised to the v6
// `Auth.Cognito` shape and checked, synchronously and without the wasm engine (so
// configure() costs next to nothing on page load). Every error names the field at fault.
// The engine receives the normalised object and reads only the v6 form.

import type * as Api from 'cognito-wasm';

/**
 * Auth.Cognito as this parser writes it: the public CognitoConfig (index.d.ts), but for
 * the fields it writes before check() has vouched for their values, and `passwordless`
 * (Gen2's first factors, for the Authenticator; not part of Amplify's public config).
 */
interface Cognito extends Omit<Api.CognitoConfig, 'signUpVerificationMethod' | 'loginWith' | 'mfa'> {
  signUpVerificationMethod?: string;
  loginWith?: { email: boolean; phone: boolean; username: boolean; oauth?: Record<string, unknown> };
  mfa?: unknown;
  passwordless?: Record<string, unknown>;
}
type PasswordFormat = NonNullable<Api.CognitoConfig['passwordFormat']>;

/** An InvalidConfigException naming `field`. `AuthError` is index.js's class. */
function fieldError(AuthError, field, why) {
  return new AuthError({
    name: 'InvalidConfigException',
    message: `Invalid configuration: ${field} ${why}.`,
    recoverySuggestion: `Fix ${field} in the object passed to configure(); see the Amplify configuration formats.`,
  });
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
// Whitespace as Rust's str::trim counts it (the rules the config had when Rust read it;
// String.prototype.trim differs at U+0085 and U+FEFF), and ASCII-only case mapping.
const trim = (s) => s.replace(/^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, '');
const lower = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const upper = (s) => s.replace(/[a-z]/g, (c) => c.toUpperCase());
// Integers Rust read as u64 (minLength).
const U64 = 2 ** 64;
const uint = (v) =>
  Number.isInteger(v) && v >= 0 && v < U64 ? v : typeof v === 'string' && /^\+?\d+$/.test(v) && BigInt(v) < 2n ** 64n ? Number(v) : undefined;
const own = (o, k) => (Object.hasOwn(o, k) ? o[k] : undefined);

/** The region of a pool id such as `us-east-1_AbC123`, or undefined. */
function regionOf(poolId) {
  const i = poolId.indexOf('_');
  if (i < 0) return undefined;
  const region = poolId.slice(0, i);
  const id = poolId.slice(i + 1);
  const okRegion = region !== '' && region.split('-').length >= 3 && /^[a-z0-9-]+$/.test(region);
  return okRegion && /^[A-Za-z0-9]+$/.test(id) ? region : undefined;
}

const isHttpUrl = (s) => s.startsWith('https://') || s.startsWith('http://');
const truthy = (v) => v === true || v === 'true' || v === 'enable';

/**
 * Parses any supported format; returns `{ Auth: { Cognito } }` (plain JSON data, no
 * nulls). Throws an InvalidConfigException naming the bad field.
 */
export function parseConfig(raw, AuthError) {
  const fail = (field, why) => {
    throw fieldError(AuthError, field, why);
  };
  // Readers with the engine's rules: null or absent is absent; strings are trimmed and
  // an empty one is absent; a value of the wrong type names its field.
  const str = (o, key, path) => {
    const v = own(o, key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') fail(`${path}${key}`, 'must be a string');
    return trim(v) === '' ? undefined : trim(v);
  };
  const obj = (o, key, path) => {
    const v = own(o, key);
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) fail(`${path}${key}`, 'must be an object');
    return v;
  };
  const list = (o, key, path) => {
    const v = own(o, key);
    if (v === undefined || v === null) return [];
    if (typeof v === 'string') return [v];
    if (!Array.isArray(v)) fail(`${path}${key}`, 'must be a list of strings');
    if (!v.every((x) => typeof x === 'string')) fail(`${path}${key}`, 'must hold only strings');
    return [...v];
  };
  const urls = (v) => {
    if (typeof v === 'string') return v.split(',').map(trim).filter(Boolean);
    return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
  };
  const requiredAttrs = (names) => Object.fromEntries(names.map((n) => [lower(n), { required: true }]));
  const mfa = (status, types) => {
    const has = (t) => types.some((x) => upper(x) === t);
    return { status: status === undefined ? undefined : lower(status), totpEnabled: has('TOTP'), smsEnabled: has('SMS'), emailEnabled: has('EMAIL') };
  };

  // Plain JSON data from here on, as the app would serialise it. What JSON cannot
  // carry (a BigInt, a cycle, a function as the whole config) is the unknown error the
  // engine's JSON boundary gave.
  let top;
  try {
    const text = JSON.stringify(raw ?? null);
    if (text === undefined) throw new TypeError('not JSON');
    top = JSON.parse(text);
  } catch (underlyingError) {
    throw new AuthError({ name: 'Unknown', message: 'An unknown error has occurred.', underlyingError });
  }
  if (!isObject(top)) fail('config', 'must be an object');

  let c;
  const auth = obj(top, 'Auth', '');
  if (auth) {
    const cognito = obj(auth, 'Cognito', 'Auth.');
    if (!cognito) fail('Auth.Cognito', 'is missing');
    c = { ...cognito };
    // Trim ids so a stray space in a pasted id does not become a server error.
    for (const key of ['userPoolId', 'userPoolClientId', 'identityPoolId', 'userPoolEndpoint']) {
      const s = str(cognito, key, 'Auth.Cognito.');
      if (s !== undefined) c[key] = s;
    }
  } else if (Object.hasOwn(top, 'version') || obj(top, 'auth', '')) {
    c = gen2(top);
  } else if (Object.keys(top).some((k) => k.startsWith('aws_'))) {
    c = gen1(top);
  } else {
    fail('Auth.Cognito', 'is missing (expected Amplify v6 { Auth: { Cognito } }, aws-exports or amplify_outputs.json)');
  }
  check(c);
  // As JSON, without nulls (Amplify leaves such fields undefined).
  return JSON.parse(JSON.stringify({ Auth: { Cognito: c } }), (_k, v) => (v === null ? undefined : v));

  /** Gen1: aws-exports.js / amplifyconfiguration.json. */
  function gen1(t) {
    const c = {} as Cognito;
    c.userPoolId = str(t, 'aws_user_pools_id', '') ?? fail('aws_user_pools_id', 'is missing');
    c.userPoolClientId = str(t, 'aws_user_pools_web_client_id', '') ?? fail('aws_user_pools_web_client_id', 'is missing');
    const identityPoolId = str(t, 'aws_cognito_identity_pool_id', '');
    if (identityPoolId !== undefined) c.identityPoolId = identityPoolId;
    const endpoint = str(t, 'aws_user_pools_endpoint', '');
    if (endpoint !== undefined) c.userPoolEndpoint = endpoint;
    if (identityPoolId !== undefined) c.allowGuestAccess = !truthy(own(t, 'aws_mandatory_sign_in'));
    c.signUpVerificationMethod = 'code';
    const usernameAttrs = list(t, 'aws_cognito_username_attributes', '');
    const has = (a) => usernameAttrs.some((x) => upper(x) === a);
    const loginWith: Cognito['loginWith'] = { email: has('EMAIL'), phone: has('PHONE_NUMBER'), username: usernameAttrs.length === 0 };
    const o = obj(t, 'oauth', '');
    const domain = o && str(o, 'domain', 'oauth.');
    if (domain !== undefined) {
      // GOOGLE → Google, as Amplify names providers (read first, as the engine did).
      const providers = list(t, 'aws_cognito_social_providers', '').map((p) => {
        const s = lower(p);
        return upper(s.charAt(0)) + s.slice(1);
      });
      loginWith.oauth = {
        domain,
        scopes: list(o, 'scope', 'oauth.'),
        redirectSignIn: urls(own(o, 'redirectSignIn')),
        redirectSignOut: urls(own(o, 'redirectSignOut')),
        responseType: str(o, 'responseType', 'oauth.') ?? 'code',
        providers,
      };
    }
    c.loginWith = loginWith;
    const signUp = list(t, 'aws_cognito_signup_attributes', '');
    if (signUp.length) c.userAttributes = requiredAttrs(signUp);
    const pw = obj(t, 'aws_cognito_password_protection_settings', '');
    if (pw) {
      const chars = Array.isArray(pw.passwordPolicyCharacters) ? pw.passwordPolicyCharacters.filter((x) => typeof x === 'string') : [];
      const format: PasswordFormat = {};
      const min = uint(pw.passwordPolicyMinLength);
      if (min !== undefined) format.minLength = min;
      format.requireLowercase = chars.includes('REQUIRES_LOWERCASE');
      format.requireUppercase = chars.includes('REQUIRES_UPPERCASE');
      format.requireNumbers = chars.includes('REQUIRES_NUMBERS');
      format.requireSpecialCharacters = chars.includes('REQUIRES_SYMBOLS');
      c.passwordFormat = format;
    }
    const mfaStatus = str(t, 'aws_cognito_mfa_configuration', '');
    if (mfaStatus !== undefined) c.mfa = mfa(mfaStatus, list(t, 'aws_cognito_mfa_types', ''));
    return c;
  }

  /** Gen2: amplify_outputs.json. */
  function gen2(t) {
    const a = obj(t, 'auth', '') ?? fail('auth', 'is missing');
    const p = 'auth.';
    const c = {} as Cognito;
    c.userPoolId = str(a, 'user_pool_id', p) ?? fail('auth.user_pool_id', 'is missing');
    c.userPoolClientId = str(a, 'user_pool_client_id', p) ?? fail('auth.user_pool_client_id', 'is missing');
    const identityPoolId = str(a, 'identity_pool_id', p);
    if (identityPoolId !== undefined) c.identityPoolId = identityPoolId;
    const endpoint = str(a, 'user_pool_endpoint', p);
    if (endpoint !== undefined) c.userPoolEndpoint = endpoint;
    if (identityPoolId !== undefined) c.allowGuestAccess = truthy(own(a, 'unauthenticated_identities_enabled'));
    const usernameAttrs = list(a, 'username_attributes', p);
    const has = (x) => usernameAttrs.includes(x);
    const loginWith: Cognito['loginWith'] = { email: has('email'), phone: has('phone_number'), username: usernameAttrs.length === 0 || has('username') };
    const o = obj(a, 'oauth', p);
    if (o) {
      const q = 'auth.oauth.';
      const names = { GOOGLE: 'Google', FACEBOOK: 'Facebook', LOGIN_WITH_AMAZON: 'Amazon', SIGN_IN_WITH_APPLE: 'Apple' };
      loginWith.oauth = {
        domain: str(o, 'domain', q),
        scopes: list(o, 'scopes', q),
        redirectSignIn: list(o, 'redirect_sign_in_uri', q),
        redirectSignOut: list(o, 'redirect_sign_out_uri', q),
        responseType: str(o, 'response_type', q) ?? 'code',
        providers: list(o, 'identity_providers', q).map((n) => own(names, n) ?? n),
      };
    }
    c.loginWith = loginWith;
    if (list(a, 'user_verification_types', p).length) c.signUpVerificationMethod = 'code';
    const required = list(a, 'standard_required_attributes', p);
    if (required.length) c.userAttributes = requiredAttrs(required);
    const pp = obj(a, 'password_policy', p);
    if (pp) {
      const format: PasswordFormat = {};
      if (Number.isInteger(pp.min_length) && pp.min_length >= 0 && pp.min_length < U64) format.minLength = pp.min_length;
      format.requireLowercase = truthy(own(pp, 'require_lowercase'));
      format.requireUppercase = truthy(own(pp, 'require_uppercase'));
      format.requireNumbers = truthy(own(pp, 'require_numbers'));
      format.requireSpecialCharacters = truthy(own(pp, 'require_symbols'));
      c.passwordFormat = format;
    }
    const mfaStatus = str(a, 'mfa_configuration', p);
    if (mfaStatus !== undefined) c.mfa = mfa(mfaStatus, list(a, 'mfa_methods', p));
    // The first factors the pool offers besides the password (the Authenticator's choice).
    const pl = obj(a, 'passwordless', p);
    if (pl) {
      const q = 'auth.passwordless.';
      const w = obj(pl, 'web_authn', q);
      c.passwordless = {
        emailOtpEnabled: own(pl, 'email_otp_enabled') === true,
        smsOtpEnabled: own(pl, 'sms_otp_enabled') === true,
        ...(w ? { webAuthn: { relyingPartyId: str(w, 'relying_party_id', `${q}web_authn.`), userVerification: str(w, 'user_verification', `${q}web_authn.`) } } : {}),
        ...(str(pl, 'preferred_challenge', q) ? { preferredChallenge: str(pl, 'preferred_challenge', q) } : {}),
      };
    }
    return c;
  }

  /** Checks the normalised `Auth.Cognito` object (the engine relies on these checks). */
  function check(c) {
    const p = 'Auth.Cognito.';
    const pool = str(c, 'userPoolId', p) ?? fail('Auth.Cognito.userPoolId', 'is missing');
    regionOf(pool) ?? fail('Auth.Cognito.userPoolId', 'is not a user pool id like us-east-1_AbC123');
    const client = str(c, 'userPoolClientId', p) ?? fail('Auth.Cognito.userPoolClientId', 'is missing');
    if (!/^[A-Za-z0-9_-]*$/.test(client)) fail('Auth.Cognito.userPoolClientId', 'has characters an app client id cannot have');
    const endpoint = str(c, 'userPoolEndpoint', p);
    if (endpoint !== undefined && !isHttpUrl(endpoint)) fail('Auth.Cognito.userPoolEndpoint', 'must be an http(s) URL');
    const method = str(c, 'signUpVerificationMethod', p);
    if (method !== undefined && method !== 'code' && method !== 'link') {
      fail('Auth.Cognito.signUpVerificationMethod', 'must be "code" or "link"');
    }
    for (const key of ['loginWith', 'userAttributes', 'passwordFormat', 'mfa']) obj(c, key, p);
    const oauth = obj(c, 'loginWith', p) && obj(c.loginWith, 'oauth', 'Auth.Cognito.loginWith.');
    if (oauth) {
      const q = 'Auth.Cognito.loginWith.oauth.';
      str(oauth, 'domain', q) ?? fail('Auth.Cognito.loginWith.oauth.domain', 'is missing');
      if (list(oauth, 'redirectSignIn', q).length === 0) fail('Auth.Cognito.loginWith.oauth.redirectSignIn', 'is missing');
      const type = str(oauth, 'responseType', q) ?? 'code';
      if (type !== 'code' && type !== 'token') fail('Auth.Cognito.loginWith.oauth.responseType', 'must be "code" or "token"');
      list(oauth, 'scopes', q);
      list(oauth, 'redirectSignOut', q);
    }
    const identityPoolId = str(c, 'identityPoolId', p);
    if (identityPoolId !== undefined) {
      const i = identityPoolId.indexOf(':');
      if (i < 0 || identityPoolId.slice(0, i).split('-').length < 3) {
        fail('Auth.Cognito.identityPoolId', 'is not an identity pool id like us-east-1:1234-…');
      }
      const ipEndpoint = str(c, 'identityPoolEndpoint', p);
      if (ipEndpoint !== undefined && !isHttpUrl(ipEndpoint)) fail('Auth.Cognito.identityPoolEndpoint', 'must be an http(s) URL');
    }
  }
}
