// The cases of validation.json (see gen-validation.mjs) and what its generator and its
// test share: the configurations, a stored session, the stub's reply, how a sent request is recorded.
const S = 'str';
const M = 'map';
const B = 'bool';
// Each call's input, field by field: a string, a string map, a boolean, a list, an MFA preference.
const OPS = {
  signIn: { username: S, password: S, options: { authFlowType: S, clientMetadata: M } },
  signUp: { username: S, password: S, options: { userAttributes: M, validationData: M, clientMetadata: M, autoSignIn: B } },
  confirmSignUp: { username: S, confirmationCode: S, options: { clientMetadata: M, forceAliasCreation: B } },
  resendSignUpCode: { username: S, options: { clientMetadata: M } },
  confirmSignIn: { challengeResponse: S, options: { userAttributes: M, clientMetadata: M, friendlyDeviceName: S } },
  resetPassword: { username: S, options: { clientMetadata: M } },
  confirmResetPassword: { username: S, newPassword: S, confirmationCode: S, options: { clientMetadata: M } },
  updatePassword: { oldPassword: S, newPassword: S },
  updateUserAttributes: { userAttributes: M, options: { clientMetadata: M } },
  updateUserAttribute: { userAttribute: { attributeKey: S, value: S }, options: { clientMetadata: M } },
  confirmUserAttribute: { userAttributeKey: S, confirmationCode: S },
  sendUserAttributeVerificationCode: { userAttributeKey: S, options: { clientMetadata: M } },
  deleteUserAttributes: { userAttributeKeys: 'list' },
  verifyTOTPSetup: { code: S, options: { friendlyDeviceName: S } },
  updateMFAPreference: { sms: 'mfa', totp: 'mfa', email: 'mfa' },
  forgetDevice: { device: { id: S } },
  fetchAuthSession: { forceRefresh: B },
  signOut: { global: B },
  signInWithRedirect: { provider: S, customState: S, options: { loginHint: S, lang: S, nonce: S, prompt: S } },
};
const GOOD = { str: 'v', map: { k: 'v' }, bool: true, list: ['email'], mfa: 'ENABLED' };
const BAD = { str: [undefined, null, '', 5, {}], map: [5, 'x', [], { k: 5 }], bool: [5, 'x'], list: [[], 'x', [5]], mfa: ['X', 5] };
const BASES = {
  signIn: { username: 'ann', password: 'pw', options: { authFlowType: 'USER_SRP_AUTH', clientMetadata: { k: 'v' } } },
  signInWithRedirect: { provider: 'Google', customState: 'c', options: { loginHint: 'a', lang: 'en', nonce: 'n', prompt: 'LOGIN' } },
};
function valid(spec, op) {
  if (op && BASES[op]) return structuredClone(BASES[op]);
  const o = {};
  for (const [k, t] of Object.entries(spec)) o[k] = typeof t === 'string' ? GOOD[t] : valid(t);
  return o;
}
const inputs = [];
for (const [op, spec] of Object.entries(OPS)) {
  const v = valid(spec, op);
  inputs.push([op, v]);
  for (const bad of [undefined, 5, 'x', [], true]) inputs.push([op, bad]);
  inputs.push([op, { ...v, extra: 1 }]);
  for (const [k, t] of Object.entries(spec)) {
    if (typeof t === 'string') for (const b of BAD[t]) inputs.push([op, { ...v, [k]: b }]);
    else {
      for (const b of [undefined, null, 5, 'x', []]) inputs.push([op, { ...v, [k]: b }]);
      inputs.push([op, { ...v, [k]: { ...v[k], extra: 1 } }]);
      for (const [k2, t2] of Object.entries(t)) for (const b of BAD[t2]) inputs.push([op, { ...v, [k]: { ...v[k], [k2]: b } }]);
    }
  }
}
// signIn's flows and first factors.
for (const f of ['USER_PASSWORD_AUTH', 'CUSTOM_WITH_SRP', 'CUSTOM_WITHOUT_SRP', 'USER_AUTH', 'NOPE', '']) inputs.push(['signIn', { username: 'ann', password: 'pw', options: { authFlowType: f } }]);
for (const p of ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN', 'NOPE', 5, '']) {
  inputs.push(['signIn', { username: 'ann', password: 'pw', options: { authFlowType: 'USER_AUTH', preferredChallenge: p } }]);
  inputs.push(['signIn', { username: 'ann', options: { authFlowType: 'USER_AUTH', preferredChallenge: p } }]);
  inputs.push(['signIn', { username: 'ann', password: 'pw', options: { preferredChallenge: p } }]);
}
inputs.push(['signIn', { username: 'ann' }], ['signIn', { username: 'ann', password: '' }], ['signIn', { username: 'ann', options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } }]);
inputs.push(['signIn', { username: 'ann', password: 'pw', options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } }]);
for (const a of [{ authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' }, { authFlowType: 'NOPE' }, { foo: 1 }, { clientMetadata: { k: 5 } }, 'yes', 5]) {
  inputs.push(['signUp', { username: 'ann', password: 'pw', options: { autoSignIn: a } }]);
}
inputs.push(['signInWithRedirect', undefined], ['signInWithRedirect', {}], ['signInWithRedirect', { provider: { custom: 'Corp' } }], ['signInWithRedirect', { provider: { custom: 5 } }]);
inputs.push(['forgetDevice', undefined]);
inputs.push(['updateMFAPreference', {}], ['updateMFAPreference', { sms: 'DISABLED', totp: 'PREFERRED' }]);
for (const op of ['getCurrentUser', 'fetchUserAttributes', 'deleteUser', 'setUpTOTP', 'fetchMFAPreference', 'fetchDevices', 'rememberDevice', 'autoSignIn']) {
  for (const i of [undefined, {}, 5]) inputs.push([op, i]);
}

/** `{ op, input, signedIn, configs }`: configured with a hosted UI ('oauth') and without ('plain'); the valid input also before configure() ('none'). */
export const CASES = [];
const seen = new Set();
for (const [op, input] of inputs) {
  const id = `${op} ${JSON.stringify(input)}`;
  if (seen.has(id)) continue;
  seen.add(id);
  const first = !CASES.some((c) => c.op === op);
  const configs = ['oauth', ...(op === 'signInWithRedirect' ? ['plain'] : []), ...(first ? ['none'] : [])];
  for (const signedIn of [false, true]) CASES.push({ op, input, signedIn, configs });
}

const oauth = { domain: 'auth.example.com', scopes: ['openid'], redirectSignIn: ['https://app.example/'], redirectSignOut: ['https://app.example/'], responseType: 'code' };
export const OAUTH_CONFIG = { Auth: { Cognito: { userPoolId: 'us-east-1_Abc', userPoolClientId: 'client', loginWith: { oauth } } } };
export const PLAIN_CONFIG = { Auth: { Cognito: { userPoolId: 'us-east-1_Abc', userPoolClientId: 'client' } } };

/** What the stub Cognito answers to every request (HTTP 400). */
export const STUB_REPLY = { __type: 'StubRefusedException', message: 'The stub answers every request with this.' };

/** A signed-in user `ann` in the token store (tokens valid for an hour; signatures are not checked here). */
export function storeSession(mem) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const jwt = (c) => `e30.${b64(c)}.c2ln`;
  const p = 'CognitoIdentityServiceProvider.client';
  mem.set(`${p}.LastAuthUser`, 'ann');
  mem.set(`${p}.ann.accessToken`, jwt({ sub: 's', username: 'ann', exp: now + 3600, iat: now, origin_jti: 'o' }));
  mem.set(`${p}.ann.idToken`, jwt({ sub: 's', 'cognito:username': 'ann', exp: now + 3600, iat: now }));
  mem.set(`${p}.ann.refreshToken`, 'rt');
  mem.set(`${p}.ann.clockDrift`, '0');
}

/** A request as recorded: its operation (or URL) and body, long values (SRP_A, tokens) shortened. */
export async function sentRequest(req, init) {
  const r = new Request(req, init);
  const target = r.headers.get('x-amz-target');
  const text = await r.text();
  let body = text;
  try {
    body = JSON.parse(text, (k, v) => (typeof v === 'string' && v.length > 64 ? `<${k}>` : v));
  } catch {
    /* a form (the token endpoint) stays text */
  }
  return target ? { target: target.replace('AWSCognitoIdentityProviderService.', ''), body } : { url: r.url, body };
}
