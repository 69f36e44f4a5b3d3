// Every call's input rules, in full: loaded only when a call's input is not in the exact
// shape the typed modules take (a key they do not read, a null, a malformed value), so
// the page never downloads it for well-formed calls. It answers as Amplify's validation
// does (the same error names and messages, in the same order, checked against the
// known answers in tests/vectors/validation.json), or returns the input reduced to what
// the modules read: unknown keys and nulls dropped, values that are ignored left out.
// A refusal is thrown as its JSON text, as the wasm modules' errors are (the caller makes
// the AuthError): importing errors.js here would split it off the entry as a chunk.

const fail = (name, message, recoverySuggestion) => {
  throw JSON.stringify({ name, message, recoverySuggestion });
};
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (message, hint) => fail('InvalidParameterException', message, hint);

/** The input object; absent (undefined or null) reads as empty. */
function object(input) {
  if (input == null) return {};
  if (!isObject(input)) invalid('The input must be an object.', 'Pass an object such as { username, password }.');
  return input;
}
const get = (o, k) => o[k] ?? undefined;
/** A required, non-empty string: `name`/`message` are Amplify's validation error. */
function required(o, k, name, message) {
  const v = get(o, k);
  if (v === undefined || v === '') fail(name, message, `Pass a non-empty ${k}.`);
  if (typeof v !== 'string') invalid(`${k} must be a string.`, `Pass ${k} as a string.`);
  return v;
}
function optStr(o, k) {
  const v = get(o, k);
  if (v !== undefined && typeof v !== 'string') invalid(`${k} must be a string.`, `Pass ${k} as a string.`);
  return v;
}
function options(o) {
  const v = get(o, 'options');
  if (v === undefined) return {};
  if (!isObject(v)) invalid('options must be an object.', 'Pass options as an object.');
  return v;
}
/** A `{ name: "value" }` map (userAttributes, clientMetadata, …). */
function strings(o, k) {
  const v = get(o, k);
  if (v === undefined) return undefined;
  if (!isObject(v) || !Object.values(v).every((x) => typeof x === 'string')) {
    invalid(`${k} must be an object whose values are strings.`, `Pass ${k} as { name: "value" }.`);
  }
  return v;
}
/** `{ k: v }` for the values that are defined. */
const defined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const withMetadata = (o, rest = {}) => defined({ ...rest, clientMetadata: strings(o, 'clientMetadata') });

const notSignedIn = () => fail('UserUnAuthenticatedException', 'User needs to be authenticated to call this API.', 'Sign in before calling this API again.');
const MFA = { ENABLED: 1, DISABLED: 1, PREFERRED: 1, NOT_PREFERRED: 1 };
const PROVIDER_HINT = 'Pass a provider name, or omit it for the hosted UI.';

/** signIn's rules (also for the options autoSignIn signs in with). */
function signIn(input) {
  const i = object(input);
  const username = required(i, 'username', 'EmptySignInUsername', 'username is required to signIn');
  const o = options(i);
  const flow = optStr(o, 'authFlowType') ?? 'USER_SRP_AUTH';
  const password = optStr(i, 'password') ?? '';
  const preferred = optStr(o, 'preferredChallenge');
  let needsPassword;
  if (['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'CUSTOM_WITH_SRP'].includes(flow)) needsPassword = true;
  else if (flow === 'USER_AUTH') needsPassword = preferred === 'PASSWORD' || preferred === 'PASSWORD_SRP';
  else if (flow === 'CUSTOM_WITHOUT_SRP') {
    if (password) fail('CustomAuthSignInPassword', 'A password is not needed when signing in with CUSTOM_WITHOUT_SRP', 'Do not include a password in your signIn call.');
    needsPassword = false;
  } else {
    invalid(`authFlowType ${flow} is not supported.`, 'Use USER_SRP_AUTH, USER_PASSWORD_AUTH, CUSTOM_WITH_SRP, CUSTOM_WITHOUT_SRP or USER_AUTH.');
  }
  if (needsPassword && !password) fail('EmptySignInPassword', 'password is required to signIn', 'Pass a non-empty password.');
  // A first factor is read by USER_AUTH only; a password only where the flow sends one.
  const sendsPassword = flow === 'USER_AUTH' ? needsPassword : flow !== 'CUSTOM_WITHOUT_SRP';
  return defined({
    username,
    password: sendsPassword ? password : undefined,
    options: withMetadata(o, { authFlowType: flow, preferredChallenge: flow === 'USER_AUTH' ? preferred : undefined }),
  });
}

/**
 * The calls' rules, each in the order Amplify's checks run. `ctx`: `signedIn()` (whether
 * a session is kept now; the rules of some calls ask it between their checks),
 * `pendingChallenge()` (the challenge confirmSignIn would answer, or undefined) and
 * `redirectRefused()` (the error signInWithRedirect's redirect URL gives here, or null).
 */
const RULES = {
  signIn,
  signUp(input) {
    const i = object(input);
    const username = required(i, 'username', 'EmptySignUpUsername', 'username is required to signUp');
    const password = optStr(i, 'password');
    const o = options(i);
    const userAttributes = strings(o, 'userAttributes');
    const validationData = strings(o, 'validationData');
    const out = withMetadata(o, { userAttributes, validationData });
    // `true`, or the sign-in options to use later (checked when autoSignIn runs).
    const auto = get(o, 'autoSignIn');
    if (auto === true) out.autoSignIn = true;
    else if (isObject(auto)) {
      out.autoSignIn = defined({ authFlowType: auto.authFlowType ?? undefined, clientMetadata: auto.clientMetadata ?? undefined, preferredChallenge: auto.preferredChallenge ?? undefined });
    }
    return defined({ username, password, options: out });
  },
  confirmSignUp(input) {
    const i = object(input);
    const username = required(i, 'username', 'EmptyConfirmSignUpUsername', 'username is required to confirmSignUp');
    const confirmationCode = required(i, 'confirmationCode', 'EmptyConfirmSignUpCode', 'code is required to confirmSignUp');
    const o = options(i);
    const force = get(o, 'forceAliasCreation');
    return { username, confirmationCode, options: withMetadata(o, { forceAliasCreation: typeof force === 'boolean' ? force : undefined }) };
  },
  resendSignUpCode(input) {
    const i = object(input);
    const username = required(i, 'username', 'EmptySignUpUsername', 'username is required to signUp');
    return { username, options: withMetadata(options(i)) };
  },
  async confirmSignIn(input, ctx) {
    const i = object(input);
    const challengeResponse = required(i, 'challengeResponse', 'EmptyChallengeResponse', 'challengeResponse is required to confirmSignIn');
    const challenge = await ctx.pendingChallenge();
    if (challenge === undefined) {
      fail(
        'SignInException',
        'An error occurred during the sign in process. This most likely occurred due to: 1. signIn was not called before confirmSignIn. 2. signIn threw an exception. 3. page was refreshed during the sign in flow and session has expired.',
        'Make sure a successful call to signIn is made before calling confirmSignIn and that the session has not expired.',
      );
    }
    const o = options(i);
    const out = withMetadata(o);
    // Read only by the challenges that use them.
    if (challenge === 'NEW_PASSWORD_REQUIRED') out.userAttributes = strings(o, 'userAttributes');
    if (challenge === 'MFA_SETUP') out.friendlyDeviceName = optStr(o, 'friendlyDeviceName');
    return { challengeResponse, options: defined(out) };
  },
  resetPassword(input) {
    const i = object(input);
    const username = required(i, 'username', 'EmptyResetPasswordUsername', 'username is required to resetPassword');
    return { username, options: withMetadata(options(i)) };
  },
  confirmResetPassword(input) {
    const i = object(input);
    const username = required(i, 'username', 'EmptyConfirmResetPasswordUsername', 'username is required to confirmResetPassword');
    const newPassword = required(i, 'newPassword', 'EmptyConfirmResetPasswordNewPassword', 'newPassword is required to confirmResetPassword');
    const confirmationCode = required(i, 'confirmationCode', 'EmptyConfirmResetPasswordConfirmationCode', 'confirmationCode is required to confirmResetPassword');
    return { username, newPassword, confirmationCode, options: withMetadata(options(i)) };
  },
  async updatePassword(input, ctx) {
    const i = object(input);
    const msg = 'oldPassword and newPassword are required to changePassword';
    const oldPassword = required(i, 'oldPassword', 'EmptyUpdatePassword', msg);
    const newPassword = required(i, 'newPassword', 'EmptyUpdatePassword', msg);
    if (!(await ctx.signedIn())) notSignedIn();
    return { oldPassword, newPassword };
  },
  async updateUserAttributes(input, ctx) {
    const i = object(input);
    const userAttributes = strings(i, 'userAttributes');
    if (userAttributes === undefined) fail('EmptyUpdateUserAttributes', 'userAttributes is required to updateUserAttributes', 'Pass userAttributes as { name: "value" }.');
    const o = withMetadata(options(i));
    if (!(await ctx.signedIn())) notSignedIn();
    return { userAttributes, options: o };
  },
  async updateUserAttribute(input, ctx) {
    const i = object(input);
    const a = get(i, 'userAttribute');
    if (!isObject(a)) fail('EmptyUpdateUserAttributes', 'userAttribute is required to updateUserAttribute', 'Pass userAttribute as { attributeKey, value }.');
    const attributeKey = required(a, 'attributeKey', 'EmptyUpdateUserAttributes', 'attributeKey is required to updateUserAttribute');
    const value = optStr(a, 'value') ?? '';
    const o = withMetadata(options(i));
    if (!(await ctx.signedIn())) notSignedIn();
    return { userAttribute: { attributeKey, value }, options: o };
  },
  async confirmUserAttribute(input, ctx) {
    const i = object(input);
    const userAttributeKey = required(i, 'userAttributeKey', 'EmptyConfirmUserAttributeKey', 'userAttributeKey is required to confirmUserAttribute');
    const confirmationCode = required(i, 'confirmationCode', 'EmptyConfirmUserAttributeCode', 'confirmation code is required to confirmUserAttribute');
    if (!(await ctx.signedIn())) notSignedIn();
    return { userAttributeKey, confirmationCode };
  },
  async sendUserAttributeVerificationCode(input, ctx) {
    const i = object(input);
    const userAttributeKey = required(i, 'userAttributeKey', 'EmptyUserAttributeKey', 'userAttributeKey is required to sendUserAttributeVerificationCode');
    if (!(await ctx.signedIn())) notSignedIn();
    return { userAttributeKey, options: withMetadata(options(i)) };
  },
  async deleteUserAttributes(input, ctx) {
    const i = object(input);
    const keys = get(i, 'userAttributeKeys');
    if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => typeof k === 'string')) {
      fail('EmptyDeleteUserAttributesKeys', 'userAttributeKeys is required to deleteUserAttributes', 'Pass a non-empty list of attribute names.');
    }
    if (!(await ctx.signedIn())) notSignedIn();
    return { userAttributeKeys: keys };
  },
  async verifyTOTPSetup(input, ctx) {
    const i = object(input);
    const code = required(i, 'code', 'EmptyVerifyTOTPSetupCode', 'code is required to verifyTotpSetup');
    if (!(await ctx.signedIn())) notSignedIn();
    return { code, options: defined({ friendlyDeviceName: optStr(options(i), 'friendlyDeviceName') }) };
  },
  async updateMFAPreference(input, ctx) {
    const i = object(input);
    const out = {};
    for (const k of ['sms', 'totp', 'email']) {
      const v = get(i, k);
      if (typeof v !== 'string') continue; // not a string: ignored, as Amplify's
      if (!MFA[v]) invalid(`${k} must be ENABLED, DISABLED, PREFERRED or NOT_PREFERRED.`, 'Pass one of the four MFA preference values.');
      out[k] = v;
    }
    if (!(await ctx.signedIn())) notSignedIn();
    return out;
  },
  async forgetDevice(input, ctx) {
    const i = object(input);
    const d = get(i, 'device');
    const id = isObject(d) ? optStr(d, 'id') : undefined;
    if (!(await ctx.signedIn())) notSignedIn();
    return id === undefined ? {} : { device: { id } };
  },
  async listWebAuthnCredentials(input, ctx) {
    const i = object(input);
    if (!(await ctx.signedIn())) notSignedIn();
    const pageSize = get(i, 'pageSize');
    if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize > 0)) invalid('pageSize must be a positive whole number.', 'Pass pageSize as 1, 2, 3, …');
    const nextToken = optStr(i, 'nextToken');
    return defined({ pageSize, nextToken });
  },
  async deleteWebAuthnCredential(input, ctx) {
    const i = object(input);
    const credentialId = get(i, 'credentialId');
    if (typeof credentialId !== 'string' || credentialId === '') {
      invalid('credentialId must be a non-empty string.', 'Pass a credentialId that listWebAuthnCredentials returned.');
    }
    if (!(await ctx.signedIn())) notSignedIn();
    return { credentialId };
  },
  fetchAuthSession(input) {
    return { forceRefresh: object(input).forceRefresh === true };
  },
  signOut(input) {
    return { global: object(input).global === true };
  },
  async signInWithRedirect(input, ctx) {
    const i = object(input);
    const o = options(i);
    const prompt = optStr(o, 'prompt');
    // A session that cannot be read or refreshed does not stop a new sign-in.
    if (prompt === undefined && (await ctx.signedIn().catch(() => false))) {
      fail('UserAlreadyAuthenticatedException', 'There is already a signed in user.', 'Call signOut before calling signInWithRedirect again.');
    }
    let provider = get(i, 'provider');
    if (isObject(provider)) {
      const custom = optStr(provider, 'custom');
      provider = custom ? { custom } : undefined; // an empty name: no provider, the hosted UI's page
    } else if (provider !== undefined && typeof provider !== 'string') {
      invalid('provider must be a name such as "Google" or { custom: "MyIdP" }.', PROVIDER_HINT);
    }
    // The redirect URL is picked before the remaining options are read.
    const refused = await ctx.redirectRefused();
    if (refused) throw refused;
    const customState = optStr(i, 'customState');
    const rest = { loginHint: optStr(o, 'loginHint'), lang: optStr(o, 'lang'), nonce: optStr(o, 'nonce'), prompt };
    return defined({ provider, customState, options: defined({ ...rest, preferPrivateSession: o.preferPrivateSession ?? undefined }) });
  },
};

/** Calls that read no input: it is ignored. */
const NO_INPUT = ['getCurrentUser', 'autoSignIn', 'fetchUserAttributes', 'deleteUser', 'setUpTOTP', 'fetchMFAPreference', 'fetchDevices', 'rememberDevice', 'associateWebAuthnCredential'];

/**
 * `op`'s input as the typed modules take it, or the error Amplify's validation gives
 * for it (see RULES for `ctx`).
 */
export async function normalise(op, input, ctx) {
  if (NO_INPUT.includes(op)) return undefined;
  const rule = RULES[op];
  if (!rule) fail('InvalidParameterException', `${op} is not a call of this library.`, 'Call one of the exported functions.');
  return rule(input, ctx);
}
