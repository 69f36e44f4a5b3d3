// Amplify UI's published Authenticator scenarios (aws-amplify/amplify-ui,
// packages/e2e/features/ui/components/authenticator/*.feature), re-expressed in our own
// Playwright steps. Each step does what the scenario's sentence says, as Amplify UI's suite
// reads it: "I see X" is a case-insensitive substring anywhere on the page (shown or not),
// a button is found by its whole name (any case, exactly one), a field by its label (an
// optional "Enter your " in front), and "I intercept … with fixture" answers that Cognito
// operation with a reply shaped as the suite's fixtures (the request never reaches ministack).
//
// Used by tests/browser/parity-{react,vue,angular}.test.mjs; the scenarios are in
// tests/parity/scenarios.mjs, the example apps in tests/fixtures/parity-*.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { root, readQr } from './ui.mjs';

// The suite's test accounts: USERNAME+STATUS, USERNAME+STATUS@DOMAIN, and one phone number
// whose country code says the status (+1 confirmed, +7 unconfirmed, +30 new password needed).
export const USERNAME = 'e2e';
export const DOMAIN = 'example.com';
export const PHONE = '9995554444';
export const PASSWORD = 'Valid-Passw0rd!';

const venv = process.env.MINISTACK_VENV ?? '/opt/ministack-venv';
const user = (username, status, attributes = {}) => ({ username, password: PASSWORD, status, attributes });
const mail = (s) => `${USERNAME}+${s}@${DOMAIN}`;

/**
 * The pools behind Amplify UI's example environments (environments/auth/* in its repository),
 * with the test accounts each scenario signs in with. `config`: what the app's Amplify config
 * says about the pool beyond its ids.
 */
export const ENVIRONMENTS = {
  // auth-with-username-no-attributes
  username: {
    pool: {
      required: ['email'],
      symbols: true,
      users: [
        user(`${USERNAME}+CONFIRMED`, 'CONFIRMED', { email: mail('CONFIRMED'), email_verified: 'true' }),
        user(`${USERNAME}+UNCONFIRMED`, 'UNCONFIRMED', { email: mail('UNCONFIRMED') }),
        user(`${USERNAME}+FORCE_CHANGE_PASSWORD`, 'FORCE_CHANGE_PASSWORD', { email: mail('FORCE_CHANGE_PASSWORD'), email_verified: 'true' }),
      ],
    },
    config: { loginWith: { username: true }, userAttributes: { email: { required: true } }, passwordFormat: strict(true) },
  },
  // auth-with-email
  email: {
    pool: {
      usernameAttributes: ['email'],
      symbols: true,
      users: [
        user(mail('CONFIRMED'), 'CONFIRMED', { email: mail('CONFIRMED'), email_verified: 'true' }),
        user(mail('UNVERIFIED'), 'CONFIRMED', { email: mail('UNVERIFIED'), email_verified: 'false' }),
      ],
    },
    config: { loginWith: { email: true }, userAttributes: { email: { required: true } }, passwordFormat: strict(true) },
  },
  // auth-with-phone-number (email verification)
  phone: {
    pool: {
      usernameAttributes: ['phone_number'],
      symbols: true,
      users: [
        user(`+1${PHONE}`, 'CONFIRMED', { phone_number: `+1${PHONE}`, phone_number_verified: 'true', email: mail('CONFIRMED'), email_verified: 'true' }),
        user(`+7${PHONE}`, 'UNCONFIRMED', { phone_number: `+7${PHONE}`, email: mail('UNCONFIRMED') }),
        user(`+30${PHONE}`, 'FORCE_CHANGE_PASSWORD', { phone_number: `+30${PHONE}`, email: mail('FORCE_CHANGE_PASSWORD'), email_verified: 'true' }),
      ],
    },
    config: { loginWith: { phone: true }, userAttributes: { email: { required: true } }, passwordFormat: strict(true) },
  },
  // auth-with-totp-mfa (TOTP required)
  totp: {
    pool: {
      usernameAttributes: ['email'],
      symbols: true,
      mfa: 'ON',
      users: [
        user(mail('CONFIRMED'), 'CONFIRMED', { email: mail('CONFIRMED'), email_verified: 'true' }),
        user(mail('UNVERIFIED'), 'CONFIRMED', { email: mail('UNVERIFIED'), email_verified: 'false' }),
        user(mail('FORCE_CHANGE_PASSWORD'), 'FORCE_CHANGE_PASSWORD', { email: mail('FORCE_CHANGE_PASSWORD'), email_verified: 'true' }),
      ],
    },
    config: { loginWith: { email: true }, userAttributes: { email: { required: true } }, passwordFormat: strict(true), mfa: { status: 'on', totpEnabled: true, smsEnabled: false } },
  },
  // auth-with-federated: the social providers come from the config (no redirect is followed here)
  federated: {
    pool: { usernameAttributes: ['email'] },
    config: {
      loginWith: {
        email: true,
        oauth: { domain: 'example.auth.us-east-1.amazoncognito.com', scopes: ['openid', 'email', 'profile'], redirectSignIn: ['http://127.0.0.1/'], redirectSignOut: ['http://127.0.0.1/'], responseType: 'code', providers: ['Facebook', 'Google', 'Amazon'] },
      },
      userAttributes: { email: { required: true } },
      passwordFormat: { minLength: 8 },
    },
  },
  // auth-with-passwordless: email login; email and text-message codes and passkeys offered
  passwordless: {
    pool: { usernameAttributes: ['email'], users: [user(mail('CONFIRMED'), 'CONFIRMED', { email: mail('CONFIRMED'), email_verified: 'true' })] },
    config: {
      loginWith: { email: true },
      userAttributes: { email: { required: true } },
      passwordFormat: { minLength: 8 },
      passwordless: { emailOtpEnabled: true, smsOtpEnabled: true, webAuthn: { relyingPartyId: 'localhost' }, preferredChallenge: 'EMAIL_OTP' },
    },
  },
  // auth-with-email-and-custom-attributes
  customAttributes: {
    pool: { usernameAttributes: ['email'], required: ['email', 'preferred_username'], symbols: true },
    config: { loginWith: { email: true }, userAttributes: { email: { required: true }, preferred_username: { required: true } }, passwordFormat: strict(true) },
  },
  // auth-with-all-attributes (no character classes in the policy)
  allAttributes: {
    pool: {
      required: ['address', 'birthdate', 'email', 'family_name', 'middle_name', 'gender', 'locale', 'given_name', 'name', 'nickname', 'phone_number', 'preferred_username', 'picture', 'profile', 'updated_at', 'website', 'zoneinfo'],
      classes: false,
      users: [user(`${USERNAME}+CONFIRMED`, 'CONFIRMED', { email: mail('CONFIRMED'), email_verified: 'true' })],
    },
    config: {
      loginWith: { username: true },
      userAttributes: Object.fromEntries(['address', 'birthdate', 'email', 'family_name', 'middle_name', 'gender', 'locale', 'given_name', 'name', 'nickname', 'phone_number', 'preferred_username', 'picture', 'profile', 'updated_at', 'website', 'zoneinfo'].map((a) => [a, { required: true }])),
      passwordFormat: { minLength: 8 },
    },
  },
};

function strict(symbols) {
  return { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSpecialCharacters: symbols };
}

/** Creates every environment's pool on the stack; returns `{ env: Amplify v6 config }`. */
export function createPools(stack) {
  const spec = { endpoint: stack.endpoint, pools: Object.fromEntries(Object.entries(ENVIRONMENTS).map(([k, v]) => [k, v.pool])) };
  const ids = JSON.parse(execFileSync(join(venv, 'bin', 'python'), [join(root, 'tests', 'support', 'parity_pools.py')], { input: JSON.stringify(spec), encoding: 'utf8' }));
  return Object.fromEntries(Object.entries(ENVIRONMENTS).map(([k, v]) => [k, {
    Auth: { Cognito: { userPoolId: ids[k].userPoolId, userPoolClientId: ids[k].userPoolClientId, userPoolEndpoint: stack.endpoint, ...structuredClone(v.config) } },
  }]));
}

// ---- replies shaped as Amplify UI's fixtures (packages/e2e/cypress/fixtures) ----

// A token shaped as the suite's mock ones (HS256, "mock-signature"), valid for an hour from now.
const b64url = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const mockJwt = (claims) => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_mock', iat: now, exp: now + 3600, ...claims })}.mock-signature`;

const emailDelivery = { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***.com' };
export const FIXTURES = {
  'sign-up-with-email': { CodeDeliveryDetails: emailDelivery, UserConfirmed: false, UserSub: '00000000-0000-4000-8000-000000000001' },
  'sign-up-with-phone': { CodeDeliveryDetails: { AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: '+*******4444' }, UserConfirmed: false, UserSub: 'abcdef12-ab12-12ab-abc1-123a45bcd67f' },
  'confirm-sign-up-with-email': {},
  'resend-confirmation-code-email': { CodeDeliveryDetails: emailDelivery },
  'reset-password': { CodeDeliveryDetails: { ...emailDelivery, Destination: 'a***@e***' } },
  'verify-user-email': { CodeDeliveryDetails: emailDelivery },
  'forgot-password-email': { CodeDeliveryDetails: emailDelivery, UserConfirmed: false, UserSub: '00000000-0000-4000-8000-000000000001' },
  'confirm-reset-password': {},
  'force-change-password': {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    ChallengeParameters: { requiredAttributes: '[]', userAttributes: JSON.stringify({ email_verified: 'true', phone_number_verified: 'true', phone_number: '+1••••••4444', email: '••••••+FORCE_CHANGE_PASSWORD@••••••.com' }) },
    Session: '••••••',
  },
  'force-change-password-phone-success': { AuthenticationResult: { AccessToken: '****', ExpiresIn: 3600, IdToken: '****', RefreshToken: '****', TokenType: 'Bearer' }, ChallengeParameters: {} },
  'fetch-user-attributes-unverified-email': { UserAttributes: [{ Name: 'sub', Value: '••••' }, { Name: 'email_verified', Value: 'false' }, { Name: 'email', Value: 'test@example.com' }], Username: '••••' },
  'fetch-user-attributes-none': { UserAttributes: [{ Name: 'sub', Value: '••••' }], Username: '••••' },
  'user-attribute-verification-code': { CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 't***@e***.com' } },
  'confirm-user-attribute': {},
  'force-change-password-with-attributes': {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    ChallengeParameters: {
      requiredAttributes: JSON.stringify(['gender', 'given_name', 'nickname', 'middle_name', 'name', 'zoneinfo', 'profile', 'family_name', 'phone_number', 'website', 'preferred_username', 'locale', 'picture', 'address'].map((a) => `userAttributes.${a}`)),
      userAttributes: JSON.stringify({ email_verified: 'true', email: '••••••+CONFIRMED@••••••.com' }),
    },
    Session: '••••••',
  },
  'mfa-setup-software-token': { ChallengeName: 'MFA_SETUP', ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' }, Session: 'mfa-setup-session' },
  'associate-software-token': { SecretCode: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', Session: 'associate-session' },
  'software-token-mfa': { ChallengeName: 'SOFTWARE_TOKEN_MFA', ChallengeParameters: {}, Session: 'totp-session' },
  'sms-mfa': { ChallengeName: 'SMS_MFA', ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******0839' }, Session: '••••••' },
  'initiate-auth-email-otp': { ChallengeName: 'EMAIL_OTP', ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 't***@e***.com' }, Session: 'AYABeD-mock-session-token' },
  'confirm-sign-in-email-otp': {
    AuthenticationResult: {
      AccessToken: mockJwt({ sub: 'test-user-sub', 'cognito:username': 'test-user', username: 'test-user', token_use: 'access', client_id: 'mock-client', scope: 'aws.cognito.signin.user.admin' }),
      ExpiresIn: 3600,
      IdToken: mockJwt({ sub: 'test-user-sub', 'cognito:username': 'test-user', email: 'test@example.com', email_verified: true, token_use: 'id', aud: 'mock-client' }),
      RefreshToken: 'mock-refresh-token-1234567890',
      TokenType: 'Bearer',
    },
    ChallengeParameters: {},
  },
  'Auth.currentAuthenticatedUser-verified-email': { UserAttributes: [{ Name: 'sub', Value: '••••' }, { Name: 'email_verified', Value: 'true' }, { Name: 'email', Value: 'test@example.com' }], Username: '••••' },
  'list-webauthn-credentials-empty': { Credentials: [] },
  'start-webauthn-registration': {
    CredentialCreationOptions: {
      challenge: 'bW9jay1jaGFsbGVuZ2UtZGF0YQ',
      rp: { name: 'Mock RP', id: 'localhost' },
      user: { id: 'bW9jay11c2VyLWlk', name: 'test@example.com', displayName: 'Test User' },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      timeout: 60000,
      attestation: 'none',
    },
  },
  'complete-webauthn-registration': { CredentialId: 'mock-credential-id-12345' },
  'sign-up-with-email-with-lambda-trigger': { UserConfirmed: true, UserSub: '00000000-0000-4000-8000-000000000002' },
};
// Error replies: HTTP 400, the error's name only in `__type`.
export const ERRORS = {
  'invalid-code': { __type: 'CodeMismatchException', message: 'Invalid verification code provided, please try again.' },
  'user-not-confirmed-exception': { __type: 'UserNotConfirmedException', message: 'User is not confirmed.' },
  'force-reset-password': { __type: 'PasswordResetRequiredException', message: 'Password reset required for the user' },
  'code-mismatch-exception': { __type: 'CodeMismatchException', message: 'Invalid code or auth state for the user.' },
  'enable-software-token-mfa-exception': { __type: 'EnableSoftwareTokenMFAException', message: 'Code mismatch and fail enable Software Token MFA' },
  'limit-exceeded-exception': { __type: 'LimitExceededException', message: 'Exceeded daily email limit for the operation or the account. If a higher limit is required, please configure your user pool to use your own Amazon SES configuration for sending email.' },
  'user-auth-not-enabled': { __type: 'InvalidParameterException', message: 'USER_AUTH flow not enabled for this client' },
  'missing-preferred-username': { __type: 'InvalidParameterException', message: 'Attributes did not conform to the schema: preferred_username: The attribute is required\n' },
};

// Our own Japanese phrases: "ja:Email" in a step is the Japanese for "Email".
const ja = (await import('../../pkg/ui/locales/ja.js')).default;
const words = (t) => {
  if (typeof t !== 'string') return t;
  if (t.startsWith('ja:')) return ja[t.slice(3)] ?? assert.fail(`no Japanese for ${t}`);
  if (t.startsWith('ja-sentence:')) return `${ja[t.slice(12)]}。`; // a Japanese sentence ends in "。"
  return t;
};

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const TARGET = 'AWSCognitoIdentityProviderService.';

/**
 * The steps for one page. `endpoint`: where the app sends Cognito requests (stubs and
 * spies match them by X-Amz-Target).
 */
export async function steps(page, { url, endpoint }) {
  const stubs = []; // { op, status, body } — the last one added wins
  const seen = []; // { op, body } of every Cognito request, in order
  await page.route((u) => u.href.startsWith(endpoint), async (route) => {
    const req = route.request();
    const op = (req.headers()['x-amz-target'] ?? '').replace(TARGET, '');
    if (req.method() === 'POST') seen.push({ op, body: req.postDataJSON?.() ?? {} });
    const stub = stubs.findLast((s) => s.op === op);
    if (!stub) return route.fallback();
    await route.fulfill({ status: stub.status, contentType: 'application/x-amz-json-1.1', headers: { 'access-control-allow-origin': '*' }, body: JSON.stringify(stub.body) });
  });
  const marks = {}; // op → index in `seen` from which "confirm request" looks

  const typed = (mechanism, status) => {
    const alias = status === 'UNKNOWN' ? `${USERNAME}+${Date.now()}` : `${USERNAME}+${status}`;
    if (mechanism === 'phone number') return PHONE;
    if (mechanism === 'email') return `${alias}@${DOMAIN}`;
    return alias; // username, preferred username
  };
  const field = (name) => {
    const f = name.toLowerCase();
    if (f === 'confirmation code' || f === 'code *' || f === 'code') return page.getByRole('textbox', { name: /^(confirmation )?code( \*)?$/i });
    if (['password', 'new password', 'confirm password', 'current password'].includes(f)) return page.getByLabel(new RegExp(`^(enter your )?${esc(f)}$`, 'i'));
    return page.getByRole('textbox', { name: new RegExp(`^(enter your )?${esc(f)}$`, 'i') });
  };
  const text = (t) => page.getByText(new RegExp(esc(t), 'i'));
  const until = async (fn, what, ms = 10000) => {
    const end = Date.now() + ms;
    for (;;) {
      if (await fn()) return;
      if (Date.now() > end) assert.fail(what);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const dial = () => page.getByRole('combobox', { name: /^Country code/i });

  const s = {
    open: (example) => page.goto(`${url}?example=${example}`),
    reload: () => page.reload(),
    see: (t) => text(t).first().waitFor({ state: 'attached' }),
    notSee: (t) => until(async () => (await text(t).count()) === 0, `still shows "${t}"`),
    click: (name) => page.getByRole('button', { name: new RegExp(`^${esc(name)}$`, 'i') }).click(),
    noButton: (name) => until(async () => (await page.getByRole('button', { name: new RegExp(`^${esc(name)}$`, 'i') }).count()) === 0, `a "${name}" button`),
    seeButton: (name) => page.getByRole('button', { name: new RegExp(`^${esc(name)}$`, 'i') }).waitFor(),
    clickTab: (name) => page.getByRole('tab', { name: new RegExp(`^${esc(name)}$`, 'i') }).click(),
    clickText: (t) => page.getByText(t, { exact: true }).click(),
    clickRadio: (label) => page.getByRole('radio', { name: new RegExp(`^${esc(label)}`, 'i') }).check({ force: true }),
    clickCheckbox: (label) => page.getByRole('checkbox', { name: new RegExp(`^${esc(label)}`, 'i') }).check({ force: true }),
    radioChecked: (label) => until(() => page.getByRole('radio', { name: new RegExp(`^${esc(label)}`, 'i') }).isChecked(), `${label} not checked`),
    typeMy: (mechanism, status) => field(mechanism).fill(typed(mechanism, status)),
    typeNew: (f, value) => field(f).fill(value ?? typed(f, 'UNKNOWN')),
    typeUntrimmedUsername: () => field('username').fill(` ${USERNAME}+CONFIRMED `),
    typePassword: (value = PASSWORD) => field('password').fill(value),
    typeNewPassword: (value = PASSWORD) => field('new password').fill(value),
    confirmPassword: async () => {
      await field('confirm password').fill(PASSWORD);
      await field('confirm password').blur();
    },
    typeLabelled: (label, value = PASSWORD) => page.getByLabel(label, { exact: true }).fill(value),
    typeCode: (code) => field('code').fill(code),
    asInput: (name) => page.getByRole('textbox', { name, exact: true }).first().waitFor(),
    notInput: async (name) => {
      await page.locator(':is(cognito-authenticator, amplify-authenticator) form').first().waitFor(); // the screen is drawn
      assert.equal(await page.getByRole('textbox', { name, exact: true }).count(), 0, `a "${name}" input`);
    },
    asType: async (label, type) => assert.equal(await page.getByLabel(new RegExp(`^${esc(label)}$`, 'i')).getAttribute('type'), type),
    placeholder: async (p) => {
      await page.getByPlaceholder(p, { exact: true }).waitFor();
      assert.equal(await page.getByPlaceholder(p, { exact: true }).count(), 1);
    },
    image: (alt) => page.getByAltText(alt, { exact: true }).waitFor({ state: 'attached' }),
    autocompletes: async (f, v) => assert.equal(await field(f).getAttribute('autocomplete'), v),
    lacksAttribute: async (label, attr) => assert.equal(await page.getByLabel(label, { exact: true }).getAttribute(attr), null),
    labelShown: async (label) => assert.ok(await page.getByText(label, { exact: true }).first().isVisible(), `label "${label}" hidden`),
    invalid: async (f) => assert.equal(await field(f).evaluate((e) => e.checkValidity()), false),
    // aria-invalid, and aria-describedby naming the element that holds the message.
    errorAccessible: async (f, message) => {
      const input = field(f);
      await until(async () => (await input.getAttribute('aria-invalid')) === 'true', `${f} not aria-invalid`);
      const id = await input.getAttribute('aria-describedby');
      assert.ok(id, `${f} has no aria-describedby`);
      const described = await input.evaluate((e, i) => e.getRootNode().getElementById(i)?.textContent ?? '', id);
      assert.ok(described.includes(message), `"${message}" not in #${id}: ${described}`);
    },
    onConfirmResetPassword: () => field('new password').waitFor(),
    forceChangePasswordScreen: () => text('Change Password').first().waitFor({ state: 'attached' }),
    greeting: () => page.getByText(/^Hello, .+!$/i).first().waitFor(),
    nthPlaceholder: async (n, p) => assert.equal(await page.locator('input').nth(n).getAttribute('placeholder'), p),
    buttonDisabled: (name) => until(() => page.getByRole('button', { name: new RegExp(`^${esc(name)}$`, 'i') }).isDisabled(), `"${name}" is not disabled`),
    oneInput: async () => until(async () => (await page.locator('input').count()) === 1, 'not exactly one input'),
    changeDial: async (from, to) => {
      await until(async () => (await dial().inputValue()) === from, `country code is not ${from}`);
      await dial().selectOption(to);
    },
    dialIs: (v) => until(async () => (await dial().inputValue()).includes(v), `country code is not ${v}`),
    dialCount: async (n) => assert.equal(await dial().locator('option').count(), n),
    qrHas: async (part) => {
      const svg = page.locator(':is(cognito-authenticator, amplify-authenticator) .qr svg');
      await svg.waitFor();
      const data = (await readQr(svg)) ?? '';
      assert.ok(data.includes(part), `QR code says ${data}`);
    },
    onSetupTotp: () => page.locator(':is(cognito-authenticator, amplify-authenticator) .qr svg').waitFor(),
    intercept: (op, fixture) => {
      stubs.push({ op, status: 200, body: FIXTURES[fixture] ?? fixture });
      marks[op] = seen.length;
    },
    interceptError: (op, fixture) => stubs.push({ op, status: 400, body: ERRORS[fixture] ?? fixture }),
    spy: (op) => (marks[op] = seen.length),
    confirmRequest: async (op) => {
      const from = marks[op] ?? 0;
      await until(() => seen.slice(from).some((r) => r.op === op), `no ${op} request`);
      marks[op] = seen.findIndex((r, i) => i >= from && r.op === op) + 1;
    },
    bodyHas: async (op, value) => {
      const from = marks[op] ?? 0;
      await until(() => seen.slice(from).some((r) => r.op === op), `no ${op} request`);
      const r = seen.slice(from).find((x) => x.op === op);
      marks[op] = seen.indexOf(r) + 1;
      assert.ok(String(r.body.Username ?? '').includes(value), `${op} Username ${r.body.Username} lacks ${value}`);
    },
    // The app's vocabulary for a language applies to a label, a button.
    labelIs: (label) => page.getByLabel(label, { exact: true }).first().waitFor(),
    typeIn: (label, value) => page.getByLabel(label, { exact: true }).fill(value),
    refreshRefused: async () => {
      const refused = { __type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' };
      stubs.push({ op: 'GetTokensFromRefreshToken', status: 400, body: refused }, { op: 'InitiateAuth', status: 400, body: refused });
      await page.evaluate(() => window.cognito.fetchAuthSession({ forceRefresh: true }).catch(() => {}));
    },
    emailVisible: () => field('email').waitFor(),
    noPasswordField: async () => {
      await field('email').waitFor();
      assert.equal(await field('password').count(), 0, 'a password field');
    },
    // Chromium's virtual authenticator (DevTools WebAuthn domain) answers the passkey prompt.
    passkeyAuthenticator: async () => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
      });
    },
    seen,
  };
  return s;
}

/** Runs a scenario's steps: `[name, ...args]` each. */
export async function play(s, list) {
  for (const [name, ...args] of list) {
    if (typeof s[name] !== 'function') throw new Error(`no step "${name}"`);
    await s[name](...args.map(words));
  }
}
