// The Authenticator's passwordless sign-in (Amplify UI 6's `passwordless` option and the
// pool's passwordless settings): the first-factor choice after the username, an email code
// as the first factor, a passkey preferred, and the passkey prompt after sign-in; under a
// strict CSP with Trusted Types, axe-clean. In headless Chromium with its virtual
// authenticator, against the local fake of Cognito's passkey and email-code operations
// (tests/support/webauthn-cognito.mjs: @simplewebauthn/server checks every passkey; the
// email code is 123456 as ministack's) — ministack's API runs neither.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH, freePort } from '../support/stack.mjs';
import { cspHeaders, watchCsp, axeCheck } from '../support/ui.mjs';
import { startWebAuthnCognito } from '../support/webauthn-cognito.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PASSWORD = 'Passwordless-Passw0rd1';
let server, cognito, browser, context, page, origin, csp;

before(async () => {
  // The fake needs the page's origin, the page's CSP the fake's address: the port first.
  const port = await freePort();
  origin = `http://localhost:${port}`;
  cognito = await startWebAuthnCognito({ origin, rpID: 'localhost', users: { pia: PASSWORD } });
  server = await startServer({ root, port, headers: cspHeaders(cognito.endpoint.replace(/\/$/, '')) });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  context = await browser.newContext();
  page = await context.newPage();
  page.on('pageerror', (e) => console.log(`# page error: ${e.message}`));
  csp = await watchCsp(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
});

after(async () => {
  await browser?.close();
  cognito?.stop();
  server?.close();
});

/** A fresh page with <cognito-authenticator>, the pool's passwordless settings in the config, and `options` on the element. */
async function open(options = {}, { poolPasswordless = true, userAuth = false, sms = false } = {}) {
  await page.goto(`${origin}/tests/browser/authenticator.html`);
  await page.evaluate(async ([endpoint, opts, poolPasswordless, userAuth, sms]) => {
    localStorage.clear();
    const m = await import('/pkg/index.js');
    await import('/pkg/ui/index.js');
    const passwordless = poolPasswordless ? { emailOtpEnabled: true, smsOtpEnabled: sms, webAuthn: { relyingPartyId: 'localhost' } } : undefined;
    m.configure({ Auth: { Cognito: { userPoolId: 'us-east-1_Passless', userPoolClientId: 'pl-client', userPoolEndpoint: endpoint, passwordless } } });
    const el = document.createElement('cognito-authenticator');
    Object.assign(el, opts);
    // The password as USER_PASSWORD_AUTH (the fake runs no SRP), or every sign-in as
    // USER_AUTH with no first factor named, through the documented services override.
    el.services = {
      handleSignIn: (input) =>
        userAuth ? m.signIn({ username: input.username, options: { authFlowType: 'USER_AUTH' } }) : m.signIn(input.password ? { ...input, options: { ...input.options, authFlowType: 'USER_PASSWORD_AUTH' } } : input),
    };
    document.querySelector('main').append(el);
  }, [cognito.endpoint, options, poolPasswordless, userAuth, sms]);
}
const field = (name) => page.getByLabel(name, { exact: true });
const button = (name) => page.getByRole('button', { name, exact: true });

// Signs out, then in again: a password typed before the choice, which follows the username,
// is replaced there and signs in.
async function signInAgainWithPassword() {
  await button('Sign Out').click();
  await field('Username').fill('pia');
  await field('Password').fill('not used yet');
  await button('Sign in').click();
  await page.getByText('Signing in as pia').waitFor();
  await field('Password').fill(PASSWORD);
  await button('Sign In with Password').click();
  await page.getByText('Signed in as pia').waitFor();
}

test('several first factors and none preferred: the choice comes after the username; an email code signs in', async () => {
  await open();
  await field('Username').fill('pia');
  await button('Sign in').click();
  // The choice: the password (typed already, kept), or an email code, or a passkey.
  await page.getByText('Signing in as pia').waitFor();
  assert.equal(await field('Password').count(), 1);
  for (const name of ['Sign In with Password', 'Sign In with Email', 'Sign In with Passkey', 'Back to Sign In']) assert.equal(await button(name).count(), 1, name);
  await axeCheck(page, 'first-factor choice');
  await button('Sign In with Email').click();
  await page.getByRole('heading', { name: 'Confirm Email Code' }).waitFor();
  await field('Code *').fill('111111');
  await button('Confirm').click();
  await page.getByRole('alert').filter({ hasText: 'The verification code you entered is incorrect. Please try again.' }).waitFor();
  // A new code: a new sign-in with the same first factor.
  const initiated = cognito.requests.filter((r) => r.op === 'InitiateAuth').length;
  await button('Resend Code').click();
  await page.getByRole('status').filter({ hasText: 'A new code is on its way.' }).waitFor();
  assert.equal(cognito.requests.filter((r) => r.op === 'InitiateAuth').length, initiated + 1);
  await field('Code *').fill('123456');
  await button('Confirm').click();
  await page.getByText('Signed in as pia').waitFor();
  const sent = cognito.requests.filter((r) => r.op === 'InitiateAuth').at(-1).body;
  assert.deepEqual(sent.AuthParameters, { USERNAME: 'pia', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
  assert.deepEqual(await csp(), []);
});

test('the password from the choice signs in, and the passkey prompt (passkeyRegistrationPrompts) registers one', async () => {
  await open({ passwordless: { passkeyRegistrationPrompts: true } });
  await field('Username').fill('pia');
  await field('Password').fill(PASSWORD);
  await button('Sign in').click();
  await button('Sign In with Password').click();
  await page.getByRole('heading', { name: 'Sign in faster with Passkey' }).waitFor();
  await axeCheck(page, 'passkey prompt');
  await button('Create a Passkey').click();
  await page.getByRole('heading', { name: 'Passkey created successfully!' }).waitFor();
  assert.equal(cognito.users.get('pia').credentials.length, 1, 'the fake verified the registration');
  await button('Continue').click();
  await page.getByText('Signed in as pia').waitFor();
  // With a passkey now, the next sign-in does not ask again.
  await signInAgainWithPassword();
  assert.deepEqual(await csp(), []);
});

test('a passkey preferred: no password field, one button signs in with the passkey; other options stay reachable', async () => {
  await open({ passwordless: { preferredAuthMethod: 'WEB_AUTHN' } });
  assert.equal(await field('Password').count(), 0);
  // "Other sign-in options" needs the username first.
  await page.getByRole('button', { name: 'Other sign-in options' }).click();
  await page.getByRole('alert').filter({ hasText: 'Please enter your username first' }).waitFor();
  await field('Username').fill('pia');
  await button('Sign In with Passkey').click();
  await page.getByText('Signed in as pia').waitFor();
  const last = cognito.requests.filter((r) => r.op === 'RespondToAuthChallenge').at(-1).body;
  assert.equal(last.ChallengeName, 'WEB_AUTHN');
  assert.deepEqual(await csp(), []);
});

test('hiddenAuthMethods leaves only what the app allows', async () => {
  await open({ passwordless: { hiddenAuthMethods: ['PASSWORD', 'WEB_AUTHN', 'SMS_OTP'] } });
  // One method left (an email code): no password field, no choice, the code at once.
  assert.equal(await field('Password').count(), 0);
  await field('Username').fill('pia');
  await button('Sign in').click();
  await page.getByRole('heading', { name: 'Confirm Email Code' }).waitFor();
  await field('Code *').fill('123456');
  await button('Confirm').click();
  await page.getByText('Signed in as pia').waitFor();
});

test('when Cognito itself asks for the first factor (USER_AUTH, none named), the same choice answers it', async () => {
  // No passwordless settings in the app: the choice comes from Cognito's SELECT_CHALLENGE.
  await open({}, { poolPasswordless: false, userAuth: true });
  await field('Username').fill('pia');
  await field('Password').fill('not used yet');
  await button('Sign in').click();
  await page.getByText('Signing in as pia').waitFor();
  await button('Sign In with Passkey').click();
  await page.getByText('Signed in as pia').waitFor();
  const answered = cognito.requests.filter((r) => r.op === 'RespondToAuthChallenge').slice(-2).map((r) => [r.body.ChallengeName, r.body.ChallengeResponses.ANSWER ?? 'credential']);
  assert.deepEqual(answered, [['SELECT_CHALLENGE', 'WEB_AUTHN'], ['WEB_AUTHN', 'credential']]);
  // And the password, chosen there, goes with the choice.
  await signInAgainWithPassword();
  const last = cognito.requests.filter((r) => r.op === 'RespondToAuthChallenge').at(-1).body;
  assert.deepEqual([last.ChallengeName, last.ChallengeResponses.ANSWER, last.ChallengeResponses.PASSWORD === PASSWORD], ['SELECT_CHALLENGE', 'PASSWORD', true]);
});

test('passwordless sign-up: an account with an email code and no password, confirmed, signed in from the confirmation, then the passkey prompt (afterSignup)', async () => {
  await open({ signUpAttributes: ['email'], passwordless: { passkeyRegistrationPrompts: { afterSignin: 'NEVER', afterSignup: 'ALWAYS' } } });
  await page.getByRole('tab', { name: 'Create Account' }).click();
  for (const name of ['Create account with Password', 'Create account with Email OTP']) assert.equal(await button(name).count(), 1, name);
  assert.equal(await button('Create account with Passkey').count(), 0, 'a passkey is not a way to create an account');
  await axeCheck(page, 'passwordless sign-up');
  await field('Username').fill('newbie');
  await button('Create account with Email OTP').click();
  // The email the code goes to is needed for this way.
  await page.getByRole('alert').filter({ hasText: 'This field is required' }).waitFor();
  await field('Email').fill('newbie@example.com');
  await button('Create account with Email OTP').click();
  await field('Confirmation Code').fill('123456');
  await button('Confirm').click();
  await page.getByRole('heading', { name: 'Sign in faster with Passkey' }).waitFor();
  await button('Continue without a Passkey').click();
  // As Amplify UI: an account made for an email code is named by its email.
  await page.getByText('Signed in as newbie@example.com').waitFor();
  const signUp = cognito.requests.find((r) => r.op === 'SignUp').body;
  assert.equal(signUp.Username, 'newbie@example.com');
  assert.equal(signUp.Password, undefined, 'no password sent');
  const auto = cognito.requests.filter((r) => r.op === 'InitiateAuth').at(-1).body;
  assert.equal(auto.AuthFlow, 'USER_AUTH');
  assert.ok(auto.Session, 'signed in from the confirmation session');
  assert.deepEqual(await csp(), []);
});

test('an SMS code as the first factor: sent to the phone, confirmed, signed in', async () => {
  await open({ passwordless: { preferredAuthMethod: 'SMS_OTP' } }, { sms: true });
  assert.equal(await field('Password').count(), 0);
  await field('Username').fill('pia');
  await button('Sign In with SMS').click();
  await page.getByRole('heading', { name: 'Confirm SMS Code' }).waitFor();
  await page.getByText('+*******0100').waitFor();
  await field('Code *').fill('123456');
  await button('Confirm').click();
  await page.getByText('Signed in as pia').waitFor();
  const sent = cognito.requests.filter((r) => r.op === 'RespondToAuthChallenge').at(-1).body;
  assert.deepEqual([sent.ChallengeName, sent.ChallengeResponses.SMS_OTP_CODE], ['SMS_OTP', '123456']);
});
