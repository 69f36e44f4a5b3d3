// Passkeys, in headless Chromium with its virtual authenticator (DevTools WebAuthn domain),
// so the page's real navigator.credentials runs: against a local fake of Cognito's passkey
// operations that verifies every registration and assertion with @simplewebauthn/server
// (tests/support/webauthn-cognito.mjs; ministack does not run WebAuthn). Register, the
// same authenticator again, list (paged), sign in with the passkey (preferred, and chosen
// as the first factor), a signature that does not verify, a prompt with no passkey,
// deletion, and a page without WebAuthn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';
import { startWebAuthnCognito } from '../support/webauthn-cognito.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PASSWORD = 'Passkey-Passw0rd1';
let server, cognito, browser, context, page, cdp, authenticatorId, origin, config;

before(async () => {
  server = await startServer({ root });
  // A passkey's relying party is a domain, never an IP address: the page is served as localhost.
  origin = `http://localhost:${server.address().port}`;
  cognito = await startWebAuthnCognito({ origin, rpID: 'localhost', users: { pat: PASSWORD } });
  config = { Auth: { Cognito: { userPoolId: 'us-east-1_Passkeys', userPoolClientId: 'passkey-client', userPoolEndpoint: cognito.endpoint } } };
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  context = await browser.newContext();
  page = await context.newPage();
  page.on('pageerror', (e) => console.log(`# page error: ${e.message}`));
  cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  }));
  await page.goto(`${origin}/tests/browser/harness.html`);
  await page.evaluate(async (cfg) => {
    window.m = await import('/pkg/index.js');
    window.m.configure(cfg);
    window.events = [];
    window.m.Hub.listen('auth', ({ payload }) => window.events.push(payload.event));
  }, config);
});

after(async () => {
  await browser?.close();
  cognito?.stop();
  server?.close();
});

/** Runs `body(m, arg)` in the page; resolves to `{ value }` or `{ error: { name, message } }`. */
const inPage = (body, arg) =>
  page.evaluate(
    async ([src, a]) => {
      try {
        return { value: await (0, eval)(`(${src})`)(window.m, a) };
      } catch (e) {
        return { error: { name: e.name, message: e.message, recoverySuggestion: e.recoverySuggestion } };
      }
    },
    [body.toString(), arg],
  );
const ops = () => cognito.requests.map((r) => r.op);

test('a signed-in user registers a passkey: Cognito verifies the attestation the browser made', async () => {
  assert.deepEqual(await inPage((m, p) => m.signIn({ username: 'pat', password: p, options: { authFlowType: 'USER_PASSWORD_AUTH' } }), PASSWORD), {
    value: { isSignedIn: true, nextStep: { signInStep: 'DONE' } },
  });
  const before = ops().length;
  assert.deepEqual(await inPage((m) => m.associateWebAuthnCredential()), { value: undefined });
  assert.deepEqual(ops().slice(before), ['StartWebAuthnRegistration', 'CompleteWebAuthnRegistration']);
  assert.equal(cognito.users.get('pat').credentials.length, 1, 'the fake verified and kept it');
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  assert.equal(credentials.length, 1, 'the authenticator holds it');
  assert.equal(Buffer.from(credentials[0].credentialId, 'base64').toString('base64url'), cognito.users.get('pat').credentials[0].id);
});

test('the same authenticator again is PasskeyAlreadyExists (Cognito excludes the passkey it has)', async () => {
  const r = await inPage((m) => m.associateWebAuthnCredential());
  assert.equal(r.error?.name, 'PasskeyAlreadyExists', JSON.stringify(r));
  assert.equal(r.error.message, 'Passkey already exists in authenticator.');
  assert.equal(cognito.users.get('pat').credentials.length, 1);
});

test('listWebAuthnCredentials pages with pageSize and nextToken; createdAt is a Date', async () => {
  // A second credential record (made elsewhere), so there are two pages of one.
  cognito.users.get('pat').credentials.push({ id: 'c2Vjb25k', publicKey: new Uint8Array(1), counter: 0, transports: ['usb'], createdAt: 1_733_000_000, name: 'security key' });
  const first = await inPage(async (m) => {
    const r = await m.listWebAuthnCredentials({ pageSize: 1 });
    return { ...r, createdAtIsDate: r.credentials[0].createdAt instanceof Date };
  });
  assert.equal(first.value.credentials.length, 1);
  assert.equal(first.value.credentials[0].credentialId, cognito.users.get('pat').credentials[0].id);
  assert.equal(first.value.credentials[0].relyingPartyId, 'localhost');
  assert.equal(first.value.createdAtIsDate, true);
  assert.equal(first.value.nextToken, '1');
  const second = await inPage((m, t) => m.listWebAuthnCredentials({ pageSize: 1, nextToken: t }).then((r) => ({ ...r, createdAt: r.credentials[0].createdAt.toISOString() })), first.value.nextToken);
  assert.deepEqual(second.value.credentials.map((c) => [c.credentialId, c.friendlyCredentialName, c.authenticatorTransports]), [['c2Vjb25k', 'security key', ['usb']]]);
  assert.equal(second.value.createdAt, new Date(1_733_000_000_000).toISOString());
  assert.equal(second.value.nextToken, undefined);
});

test('signIn with USER_AUTH and preferredChallenge WEB_AUTHN: the browser asserts, Cognito verifies, signed in', async () => {
  await inPage((m) => m.signOut());
  await inPage(() => (window.events.length = 0));
  const before = ops().length;
  const r = await inPage((m) => m.signIn({ username: 'pat', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } }));
  assert.deepEqual(r, { value: { isSignedIn: true, nextStep: { signInStep: 'DONE' } } });
  assert.deepEqual(ops().slice(before), ['InitiateAuth', 'RespondToAuthChallenge']);
  const sent = cognito.requests.at(-1).body;
  assert.equal(sent.ChallengeName, 'WEB_AUTHN');
  assert.deepEqual(Object.keys(sent.ChallengeResponses).sort(), ['CREDENTIAL', 'USERNAME'], 'no device key with a passkey');
  const user = await inPage((m) => m.getCurrentUser());
  assert.equal(user.value.username, 'pat');
  assert.deepEqual(user.value.signInDetails, { loginId: 'pat', authFlowType: 'USER_AUTH' });
  assert.deepEqual((await inPage(() => window.events)).value, ['signedIn']);
});

test('the passkey chosen as the first factor (SELECT_CHALLENGE, confirmSignIn WEB_AUTHN) signs in too', async () => {
  await inPage((m) => m.signOut());
  const first = await inPage((m) => m.signIn({ username: 'pat', options: { authFlowType: 'USER_AUTH' } }));
  assert.deepEqual(first.value.nextStep, { signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION', availableChallenges: ['WEB_AUTHN', 'PASSWORD'] });
  assert.deepEqual(await inPage((m) => m.confirmSignIn({ challengeResponse: 'WEB_AUTHN' })), { value: { isSignedIn: true, nextStep: { signInStep: 'DONE' } } });
  assert.equal((await inPage((m) => m.getCurrentUser())).value.username, 'pat');
});

test('an assertion that does not verify (the stored public key is not the passkey\'s) is refused, and nothing is stored', async () => {
  await inPage((m) => m.signOut());
  const stored = cognito.users.get('pat').credentials[0];
  const key = stored.publicKey;
  stored.publicKey = cognito.users.get('pat').credentials[0].publicKey.map((b, i) => (i === key.length - 1 ? b ^ 1 : b));
  try {
    const r = await inPage((m) => m.signIn({ username: 'pat', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } }));
    assert.equal(r.error?.name, 'NotAuthorizedException', JSON.stringify(r));
    assert.equal((await inPage((m) => m.fetchAuthSession())).value.tokens, undefined);
    // Nothing is left for the app to answer in the passkey's place.
    const before = ops().length;
    assert.equal((await inPage((m) => m.confirmSignIn({ challengeResponse: 'hello' }))).error?.name, 'SignInException');
    assert.equal(ops().length, before);
  } finally {
    stored.publicKey = key;
  }
});

test('a prompt with no passkey for the site is PasskeyAuthenticationCanceled, and the sign-in is over', async () => {
  const saved = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
  await cdp.send('WebAuthn.clearCredentials', { authenticatorId });
  try {
    const r = await inPage((m) => m.signIn({ username: 'pat', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } }));
    assert.equal(r.error?.name, 'PasskeyAuthenticationCanceled', JSON.stringify(r));
    const after = await inPage((m) => m.confirmSignIn({ challengeResponse: 'anything' }));
    assert.equal(after.error?.name, 'SignInException', 'no challenge is left waiting');
  } finally {
    for (const credential of saved) await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
  }
  // The passkey is back: it signs in again.
  const r = await inPage((m) => m.signIn({ username: 'pat', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } }));
  assert.deepEqual(r.value, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
});

test('deleteWebAuthnCredential removes it from the list; a bad id is named before any request', async () => {
  const id = cognito.users.get('pat').credentials[0].id;
  assert.deepEqual(await inPage((m, c) => m.deleteWebAuthnCredential({ credentialId: c }), id), { value: undefined });
  const list = await inPage((m) => m.listWebAuthnCredentials());
  assert.deepEqual(list.value.credentials.map((c) => c.credentialId), ['c2Vjb25k']);
  const before = ops().length;
  const bad = await inPage((m) => m.deleteWebAuthnCredential({ credentialId: '' }));
  assert.equal(bad.error?.name, 'InvalidParameterException');
  assert.equal(ops().length, before);
});

test('signed out, the passkey calls are UserUnAuthenticatedException; without WebAuthn, PasskeyNotSupported', async () => {
  await inPage((m) => m.signOut());
  for (const call of [(m) => m.associateWebAuthnCredential(), (m) => m.listWebAuthnCredentials(), (m) => m.deleteWebAuthnCredential({ credentialId: 'x' })]) {
    assert.equal((await inPage(call)).error?.name, 'UserUnAuthenticatedException', call.toString());
  }
  // A page whose browser has no WebAuthn.
  const p = await context.newPage();
  await p.addInitScript(() => delete window.PublicKeyCredential);
  await p.goto(`${origin}/tests/browser/harness.html`);
  const r = await p.evaluate(async ([cfg, password]) => {
    const m = await import('/pkg/index.js');
    m.configure(cfg);
    await m.signIn({ username: 'pat', password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    return m.associateWebAuthnCredential().then(
      () => 'registered',
      (e) => `${e.name}: ${e.message}`,
    );
  }, [config, PASSWORD]);
  assert.equal(r, 'PasskeyNotSupported: Passkeys may not be supported on this device.');
  await p.close();
});
