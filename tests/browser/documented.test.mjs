// The Cognito operations our local Cognito (ministack) lacks, exercised IN THE BROWSER
// from the built pkg/: remembered devices (ConfirmDevice, DEVICE_SRP_AUTH /
// DEVICE_PASSWORD_VERIFIER, ListDevices, UpdateDeviceStatus, ForgetDevice), USER_AUTH
// (SELECT_CHALLENGE, EMAIL_OTP, PASSWORD, PASSWORD_SRP), SELECT_MFA_TYPE, CUSTOM_CHALLENGE
// (CUSTOM_WITHOUT_SRP / CUSTOM_WITH_SRP), MFA_SETUP (TOTP and EMAIL), VerifyUserAttribute,
// GetUserAttributeVerificationCode, DeleteUserAttributes.
//
// The page is configured with userPoolEndpoint https://cognito-idp.documented.test/ and
// page.route() plays Cognito there: it answers each X-Amz-Target with reply bodies shaped
// as the Amazon Cognito API reference documents them (200, or 400 with {"__type","message"}
// and an x-amzn-requestid header; CORS preflights answered, CORS headers on every reply),
// and records every request body so the tests can assert them. The same flows are tested
// natively in tests/api_flows.rs.
//
// CORS: the page (http://127.0.0.1:…) calls another origin, so Chromium applies CORS to the
// fake's replies: Access-Control-Expose-Headers is what lets the client read x-amzn-requestid
// (the error metadata assertions fail without it). Playwright answers intercepted CORS
// preflights itself (and adds Access-Control-Allow-Origin when a fulfilled reply lacks it),
// so the OPTIONS branch below is a fallback that Chromium under Playwright does not reach.
//
// The fake also runs the server side of SRP for real (B = k·v + g^b, S = (A·v^u)^b, HKDF,
// HMAC): the user's verifier is derived from the password, the device's is the one the
// client registered with ConfirmDevice, so a wrong proof from the browser fails the test.
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';
import { runInPage } from '../support/page.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const ENDPOINT = 'https://cognito-idp.documented.test/';
const POOL_ID = 'us-east-1_TstPool01';
const CLIENT_ID = '3n4b5urk1ft4fl3mg5e62d9ado';
const CONFIG = { Auth: { Cognito: { userPoolId: POOL_ID, userPoolClientId: CLIENT_ID, userPoolEndpoint: ENDPOINT } } };
const REQUEST_ID = '8c3a7f2e-1b4d-4e5f-9a6b-7c8d9e0f1a2b';
const PASSWORD = 'Corr3ct-Horse-Battery!';
const SUB = '7d8ca528-4931-4254-9273-ea5ee853f271';
const PREFIX = `CognitoIdentityServiceProvider.${CLIENT_ID}`;
const DEVICE_KEY = 'us-east-1_2b5e6f7a-8c9d-4e0f-a1b2-c3d4e5f60718';
const DEVICE_GROUP_KEY = '-Xk2mPq9rS';
const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const DONE = { isSignedIn: true, nextStep: { signInStep: 'DONE' } };
const key = (user, name) => `${PREFIX}.${user}.${name}`;
const DEVICE_KEY_NAMES = ['deviceKey', 'deviceGroupKey', 'randomPasswordKey'];

let server, browser, context, page, origin, cognito;

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

const b64url = (s) => Buffer.from(s).toString('base64url');
function jwt(claims) {
  return `${b64url(JSON.stringify({ kid: 'test-kid-1', alg: 'RS256' }))}.${b64url(JSON.stringify(claims))}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;
}

/** Access, id and refresh tokens for `username`, valid for an hour. */
function tokens(tag, username = 'alice') {
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + 3600;
  const iss = `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`;
  const origin_jti = `origin-${tag}`;
  return {
    access: jwt({
      sub: SUB, iss, client_id: CLIENT_ID, token_use: 'access', scope: 'aws.cognito.signin.user.admin',
      auth_time: iat, iat, exp, jti: `access-jti-${tag}`, origin_jti, username,
    }),
    id: jwt({
      sub: SUB, iss, aud: CLIENT_ID, token_use: 'id', auth_time: iat, iat, exp, jti: `id-jti-${tag}`, origin_jti,
      'cognito:username': username, email: 'alice@example.com', email_verified: true,
    }),
    // Real refresh tokens are opaque JWEs (five parts).
    refresh: `eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.refresh-${tag}.iv.cipher.tag`,
  };
}

/** AuthenticationResultType, as documented. */
const authResult = (t) => ({ AccessToken: t.access, ExpiresIn: 3600, IdToken: t.id, RefreshToken: t.refresh, TokenType: 'Bearer' });
/** RespondToAuthChallenge / InitiateAuth answering with tokens. */
const tokensReply = (t, extra = {}) => ok({ AuthenticationResult: { ...authResult(t), ...extra }, ChallengeParameters: {} });

// ---------------------------------------------------------------------------
// The server side of Cognito's SRP (3072-bit group of RFC 5054, g = 2)
// ---------------------------------------------------------------------------

const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
const g = 2n;
const sha256 = (buf) => createHash('sha256').update(buf).digest();
const hexHash = (hex) => sha256(Buffer.from(hex, 'hex')).toString('hex');
const strHash = (s) => sha256(Buffer.from(s, 'utf8')).toString('hex');
const big = (hex) => BigInt(`0x${hex}`);
/** Cognito's padHex: even length, and a 00 byte in front when the top bit is set. */
function padHex(x) {
  let s = x.toString(16);
  if (s.length % 2) s = `0${s}`;
  return /^[89a-f]/.test(s) ? `00${s}` : s;
}
function modPow(b, e, m) {
  b %= m;
  let r = 1n;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}
const k = big(hexHash(padHex(N) + padHex(g)));
/** x = H(salt | H(pool | user | ":" | password)), as Cognito's clients compute it. */
const srpX = (saltHex, pool, userId, password) => big(hexHash(padHex(big(saltHex)) + strHash(`${pool}${userId}:${password}`)));

class SrpServer {
  /** pool: the part of the pool id after "_", or a device group key; v: the verifier. */
  constructor({ pool, userId, v, saltHex }) {
    Object.assign(this, { pool, userId, v, saltHex });
    this.b = big(randomBytes(32).toString('hex'));
    this.B = (k * v + modPow(g, this.b, N)) % N;
  }
  static forUser(userId, password, saltHex = 'a3f1c2d4e5b60718293a4b5c6d7e8f90') {
    const pool = POOL_ID.split('_')[1];
    return new SrpServer({ pool, userId, saltHex, v: modPow(g, srpX(saltHex, pool, userId, password), N) });
  }
  get bHex() {
    return this.B.toString(16);
  }
  /** The PASSWORD_CLAIM_SIGNATURE a client that knows the password sends for this A. */
  expectedSignature(aHex, secretBlockB64, timestamp) {
    const A = big(aHex);
    const u = big(hexHash(padHex(A) + padHex(this.B)));
    const S = modPow((A * modPow(this.v, u, N)) % N, this.b, N);
    const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
    const hkdf = createHmac('sha256', prk).update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])])).digest().subarray(0, 16);
    return createHmac('sha256', hkdf)
      .update(Buffer.concat([Buffer.from(this.pool, 'utf8'), Buffer.from(this.userId, 'utf8'), Buffer.from(secretBlockB64, 'base64'), Buffer.from(timestamp, 'utf8')]))
      .digest('base64');
  }
}

const secretBlock = (n = 96, seed = 3) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff)).toString('base64');

// ---------------------------------------------------------------------------
// Well-formed SRP values
// ---------------------------------------------------------------------------

const DAYS = 'Sun|Mon|Tue|Wed|Thu|Fri|Sat';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIMESTAMP_RE = new RegExp(`^(${DAYS}) (${MONTHS.join('|')}) ([1-9]|[12][0-9]|3[01]) (\\d\\d):(\\d\\d):(\\d\\d) UTC (\\d{4})$`);

/** SRP_A: lower-case hex, 0 < A < N (and A mod N ≠ 0). */
function assertSrpA(a, what = 'SRP_A') {
  assert.equal(typeof a, 'string', what);
  assert.match(a, /^[0-9a-f]+$/, `${what} is hex`);
  const A = big(a);
  assert.ok(A > 0n && A < N, `${what} is in (0, N)`);
  assert.ok(a.length > 700, `${what} is a 3072-bit number (${a.length} hex digits)`);
}

/** TIMESTAMP like `Tue Nov 3 04:05:06 UTC 2026` (day not padded), and near now. */
function assertTimestamp(ts) {
  const m = TIMESTAMP_RE.exec(ts);
  assert.ok(m, `TIMESTAMP ${JSON.stringify(ts)} has Cognito's format`);
  const [, day, mon, d, hh, mm, ss, yyyy] = m;
  const when = Date.UTC(Number(yyyy), MONTHS.indexOf(mon), Number(d), Number(hh), Number(mm), Number(ss));
  assert.equal(day, DAYS.split('|')[new Date(when).getUTCDay()], 'the weekday matches the date');
  assert.ok(Math.abs(when - Date.now()) < 5 * 60_000, `TIMESTAMP ${ts} is now`);
}

/** A PASSWORD_VERIFIER / DEVICE_PASSWORD_VERIFIER answer: well-formed, and accepted by `srp`. */
function assertProof(cr, { srp, aHex, secret, username, deviceKey }) {
  const want = ['PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE', 'TIMESTAMP', 'USERNAME'];
  if (deviceKey) want.push('DEVICE_KEY');
  assert.deepEqual(Object.keys(cr).sort(), want.sort());
  assert.equal(cr.USERNAME, username);
  if (deviceKey) assert.equal(cr.DEVICE_KEY, deviceKey);
  assert.equal(cr.PASSWORD_CLAIM_SECRET_BLOCK, secret, 'the SECRET_BLOCK is sent back as given');
  assertTimestamp(cr.TIMESTAMP);
  assert.match(cr.PASSWORD_CLAIM_SIGNATURE, /^[A-Za-z0-9+/]+={0,2}$/, 'the signature is standard base64');
  assert.equal(Buffer.from(cr.PASSWORD_CLAIM_SIGNATURE, 'base64').length, 32, 'the signature is an HMAC-SHA256');
  assert.equal(cr.PASSWORD_CLAIM_SIGNATURE, srp.expectedSignature(aHex, cr.PASSWORD_CLAIM_SECRET_BLOCK, cr.TIMESTAMP), 'the server accepts the proof');
}

// ---------------------------------------------------------------------------
// The fake Cognito behind page.route()
// ---------------------------------------------------------------------------

const ok = (body) => ({ status: 200, body });
/** A documented error: HTTP 400 (or `status`), {"__type","message"}. */
const awsError = (type, message, status = 400) => ({ status, body: { __type: type, message } });
/** HTTP 200 with an empty body (VerifyUserAttribute, DeleteUserAttributes, ForgetDevice). */
const empty = () => ({ status: 200, body: '' });

class FakeCognito {
  constructor() {
    /** Every request: { op, body, headers }. */
    this.requests = [];
    this.queues = new Map();
    this.preflights = 0;
    /** Requests nobody scripted an answer for (each is a test failure). */
    this.unexpected = [];
  }
  /** Queues replies (objects, or functions of the request body returning one) for `op`. */
  on(op, ...replies) {
    if (!this.queues.has(op)) this.queues.set(op, []);
    this.queues.get(op).push(...replies);
    return this;
  }
  ops() {
    return this.requests.map((r) => (r.op === 'RespondToAuthChallenge' ? `${r.op}:${r.body.ChallengeName}` : r.op));
  }
  bodies(op) {
    return this.requests.filter((r) => r.op === op).map((r) => r.body);
  }
  /** All scripted replies were asked for, and nothing unscripted was. */
  assertDone() {
    assert.deepEqual(this.unexpected, [], 'requests the fake Cognito had no answer for');
    const left = [...this.queues].filter(([, q]) => q.length).map(([op, q]) => `${op} x${q.length}`);
    assert.deepEqual(left, [], 'scripted replies never requested');
  }
  cors() {
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-headers': 'content-type, x-amz-target, x-amz-user-agent, cache-control, authorization',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype',
      'access-control-max-age': '0',
    };
  }
  async handle(route) {
    const req = route.request();
    if (req.method() === 'OPTIONS') {
      this.preflights++;
      return route.fulfill({ status: 204, headers: this.cors(), body: '' });
    }
    const headers = req.headers();
    const target = headers['x-amz-target'] ?? '';
    const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    let body;
    try {
      body = JSON.parse(req.postData() ?? '');
    } catch {
      body = { unparsable: req.postData() };
    }
    this.requests.push({ op, body, headers, method: req.method(), url: req.url() });
    let reply = this.queues.get(op)?.shift();
    if (typeof reply === 'function') {
      try {
        reply = reply(body);
      } catch (e) {
        // A failed assertion inside a reply: recorded, the page gets a server error.
        this.unexpected.push(`${op}: ${e.message}`);
        reply = awsError('InternalErrorException', `fake Cognito: ${e.message}`, 500);
      }
    }
    if (!reply) {
      this.unexpected.push(`${op} ${JSON.stringify(body)}`);
      reply = awsError('InternalErrorException', `fake Cognito: no reply scripted for ${op}`, 500);
    }
    return route.fulfill({
      status: reply.status,
      headers: { ...this.cors(), 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': REQUEST_ID },
      body: typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body),
    });
  }
}

// ---------------------------------------------------------------------------
// Browser plumbing
// ---------------------------------------------------------------------------

before(async () => {
  server = await startServer({ root, config: CONFIG });
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  cognito = new FakeCognito();
  await page.route('https://cognito-idp.documented.test/**', (route) => cognito.handle(route));
  await page.goto(`${origin}/tests/browser/harness.html`);
  assert.equal((await inPage(async (m, c) => m.configure(c), CONFIG)).error, undefined);
  await listenHub();
});

afterEach(async () => {
  await context?.close();
  context = page = undefined;
});

/** The package modules the page has fetched (file names). */
const fetchedModules = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop()));

/** The full input rules (check.js) were never fetched: every call so far was well-formed. */
async function assertNoInputRules() {
  const fetched = await fetchedModules();
  assert.ok(!fetched.includes('check.js'), fetched.join());
}

/** Runs `body` in the page (see tests/support/page.mjs). */
const inPage = (body, arg) => runInPage(page, body, arg);

const value = (r) => {
  assert.ok(!r.error, `unexpected error: ${JSON.stringify(r.error)}`);
  return r.ok;
};
const failure = (r) => {
  assert.ok(r.error, `expected an error, got ${JSON.stringify(r.ok)}`);
  assert.equal(r.error.isAuthError, true, `not an AuthError: ${JSON.stringify(r.error)}`);
  return r.error;
};

const signIn = (input) => inPage(async (m, i) => m.signIn(i), input);
const confirmSignIn = (input) => inPage(async (m, i) => m.confirmSignIn(typeof i === 'string' ? { challengeResponse: i } : i), input);
const signOut = () => inPage(async (m) => m.signOut());
const currentUser = async () => value(await inPage(async (m) => m.getCurrentUser()));
const storedAccessToken = () => page.evaluate((k) => localStorage.getItem(k), key('alice', 'accessToken'));
const deviceKeys = (user = 'alice') =>
  page.evaluate((ks) => ks.map((k) => localStorage.getItem(k)), DEVICE_KEY_NAMES.map((n) => key(user, n)));

/** Records the page's Hub 'auth' events in window.__hub as { event, data }. */
const listenHub = () =>
  inPage(async (m) => {
    window.__hub = [];
    m.Hub.listen('auth', (c) => {
      const d = c.payload.data;
      const e = { event: c.payload.event };
      if (d !== undefined) e.data = d?.error ? { error: d.error.name } : d;
      window.__hub.push(e);
    });
  });
/** The Hub events since the last call. */
const takeHub = () => page.evaluate(() => window.__hub.splice(0));
const signedInEvent = (loginId, authFlowType, username = 'alice') => ({
  event: 'signedIn',
  data: { username, userId: SUB, signInDetails: { loginId, authFlowType } },
});

/** A session for alice through USER_PASSWORD_AUTH answered with tokens. */
async function signedInWithPassword(tag = 'session') {
  const t = tokens(tag);
  cognito.on('InitiateAuth', tokensReply(t));
  assert.deepEqual(value(await signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } })), DONE);
  assert.deepEqual(await takeHub(), [signedInEvent('alice', 'USER_PASSWORD_AUTH')]);
  cognito.requests.length = 0;
  return t;
}

// ===========================================================================
// 1. Remembered devices
// ===========================================================================

test('documented response: NewDeviceMetadata → ConfirmDevice → device keys stored; then DEVICE_SRP_AUTH skips MFA; fetchDevices, rememberDevice, forgetDevice', async () => {
  const userAgent = await page.evaluate(() => navigator.userAgent);
  // Signing in with an alias (the email): Cognito names the user 'alice' in USERNAME and
  // USER_ID_FOR_SRP, and the client must use that for the proof and the device keys.
  const LOGIN = 'alice@example.com';
  const user = SrpServer.forUser('alice', PASSWORD);
  const secret = secretBlock();
  let userA;

  // ---- First sign-in (USER_SRP_AUTH): the pool asks for TOTP MFA, then hands out a new device.
  const first = tokens('first');
  cognito
    .on('InitiateAuth', (b) => {
      userA = b.AuthParameters.SRP_A;
      return ok({
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: { SALT: user.saltHex, SECRET_BLOCK: secret, SRP_B: user.bHex, USERNAME: 'alice', USER_ID_FOR_SRP: 'alice' },
      });
    })
    .on(
      'RespondToAuthChallenge',
      ok({ ChallengeName: 'SOFTWARE_TOKEN_MFA', ChallengeParameters: {}, Session: 'mfa-session-1' }),
      tokensReply(first, { NewDeviceMetadata: { DeviceGroupKey: DEVICE_GROUP_KEY, DeviceKey: DEVICE_KEY } }),
    )
    .on('ConfirmDevice', ok({ UserConfirmationNecessary: false }));

  assert.deepEqual(value(await signIn({ username: LOGIN, password: PASSWORD })), {
    isSignedIn: false,
    nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
  });
  const [init] = cognito.bodies('InitiateAuth');
  assertSrpA(init.AuthParameters.SRP_A);
  assert.deepEqual(init, { AuthFlow: 'USER_SRP_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: LOGIN, SRP_A: userA } }, 'no DEVICE_KEY yet');
  const proof = cognito.bodies('RespondToAuthChallenge')[0];
  assert.deepEqual(Object.keys(proof).sort(), ['ChallengeName', 'ChallengeResponses', 'ClientId'], 'no Session: the SRP reply had none');
  assert.equal(proof.ChallengeName, 'PASSWORD_VERIFIER');
  assert.equal(proof.ClientId, CLIENT_ID);
  assertProof(proof.ChallengeResponses, { srp: user, aHex: userA, secret, username: 'alice' });
  assert.deepEqual(await deviceKeys(), [null, null, null]);
  assert.deepEqual(await takeHub(), [], 'not signed in yet');

  assert.deepEqual(value(await confirmSignIn('123456')), DONE);
  assert.deepEqual(cognito.ops(), ['InitiateAuth', 'RespondToAuthChallenge:PASSWORD_VERIFIER', 'RespondToAuthChallenge:SOFTWARE_TOKEN_MFA', 'ConfirmDevice']);
  assert.deepEqual(cognito.bodies('RespondToAuthChallenge')[1], {
    ChallengeName: 'SOFTWARE_TOKEN_MFA',
    ClientId: CLIENT_ID,
    Session: 'mfa-session-1',
    ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: '123456' },
  });

  const [confirm] = cognito.bodies('ConfirmDevice');
  const { PasswordVerifier, Salt } = confirm.DeviceSecretVerifierConfig ?? {};
  assert.deepEqual(confirm, {
    AccessToken: first.access,
    DeviceKey: DEVICE_KEY,
    DeviceSecretVerifierConfig: { PasswordVerifier, Salt },
    DeviceName: userAgent,
  });
  for (const [name, v] of Object.entries({ PasswordVerifier, Salt })) {
    assert.match(v, /^[A-Za-z0-9+/]+={0,2}$/, `${name} is standard base64`);
    assert.equal(Buffer.from(v, 'base64').toString('base64'), v, `${name} round-trips`);
  }
  const verifierBytes = Buffer.from(PasswordVerifier, 'base64');
  assert.ok(verifierBytes.length === 384 || verifierBytes.length === 385, `a 3072-bit verifier (${verifierBytes.length} bytes)`);
  assert.ok(Buffer.from(Salt, 'base64').length >= 16, 'a 16-byte salt (padHex may add a 00)');

  const [storedKey, storedGroup, randomPassword] = await deviceKeys();
  assert.equal(storedKey, DEVICE_KEY);
  assert.equal(storedGroup, DEVICE_GROUP_KEY);
  assert.match(randomPassword, /^[A-Za-z0-9+/]{54}==$|^[A-Za-z0-9+/]{55}=$|^[A-Za-z0-9+/]{56}$/);
  assert.equal(Buffer.from(randomPassword, 'base64').length, 40, 'base64 of 40 random bytes');
  // The registered verifier is g^x for the stored device password: the server can check the device later.
  const saltHex = Buffer.from(Salt, 'base64').toString('hex');
  const v = big(verifierBytes.toString('hex'));
  assert.equal(v, modPow(g, srpX(saltHex, DEVICE_GROUP_KEY, DEVICE_KEY, randomPassword), N), 'verifier = g^H(salt | H(group key | device key : password))');
  assert.equal(await storedAccessToken(), first.access);
  assert.deepEqual(await takeHub(), [signedInEvent(LOGIN, 'USER_SRP_AUTH')]);

  // ---- Sign-out keeps the device.
  cognito.on('RevokeToken', ok({}));
  assert.deepEqual(value(await signOut()), undefined);
  assert.deepEqual(cognito.bodies('RevokeToken'), [{ ClientId: CLIENT_ID, Token: first.refresh }]);
  assert.deepEqual(await deviceKeys(), [DEVICE_KEY, DEVICE_GROUP_KEY, randomPassword]);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), `${PREFIX}.LastAuthUser`), null);
  assert.deepEqual(await takeHub(), [{ event: 'signedOut' }]);

  // ---- Second sign-in: the remembered device proves itself, and MFA is skipped.
  cognito.requests.length = 0;
  const device = new SrpServer({ pool: DEVICE_GROUP_KEY, userId: DEVICE_KEY, v, saltHex });
  const deviceSecret = secretBlock(64, 5);
  const second = tokens('second');
  let deviceA;
  cognito
    .on('InitiateAuth', (b) => {
      userA = b.AuthParameters.SRP_A;
      return ok({
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: { SALT: user.saltHex, SECRET_BLOCK: secret, SRP_B: user.bHex, USERNAME: 'alice', USER_ID_FOR_SRP: 'alice' },
      });
    })
    .on(
      'RespondToAuthChallenge',
      ok({ ChallengeName: 'DEVICE_SRP_AUTH', ChallengeParameters: {}, Session: 'device-session-1' }),
      (b) => {
        deviceA = b.ChallengeResponses.SRP_A;
        return ok({
          ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
          ChallengeParameters: { DEVICE_KEY, SALT: saltHex, SECRET_BLOCK: deviceSecret, SRP_B: device.bHex, USERNAME: 'alice' },
          Session: 'device-session-2',
        });
      },
      tokensReply(second),
    );
  assert.deepEqual(value(await signIn({ username: LOGIN, password: PASSWORD })), DONE, 'no MFA step');
  assert.deepEqual(cognito.ops(), [
    'InitiateAuth',
    'RespondToAuthChallenge:PASSWORD_VERIFIER',
    'RespondToAuthChallenge:DEVICE_SRP_AUTH',
    'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
  ]);
  const [init2] = cognito.bodies('InitiateAuth');
  assert.deepEqual(init2, { AuthFlow: 'USER_SRP_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: LOGIN, SRP_A: userA } }, 'as Amplify: no DEVICE_KEY with USER_SRP_AUTH');
  assertSrpA(userA);
  const [pv, dsa, dpv] = cognito.bodies('RespondToAuthChallenge');
  assert.equal(pv.ChallengeName, 'PASSWORD_VERIFIER');
  assertProof(pv.ChallengeResponses, { srp: user, aHex: userA, secret, username: 'alice', deviceKey: DEVICE_KEY });
  assertSrpA(deviceA, 'device SRP_A');
  assert.deepEqual(dsa, {
    ChallengeName: 'DEVICE_SRP_AUTH',
    ClientId: CLIENT_ID,
    Session: 'device-session-1',
    ChallengeResponses: { USERNAME: 'alice', SRP_A: deviceA, DEVICE_KEY },
  });
  assert.equal(dpv.ChallengeName, 'DEVICE_PASSWORD_VERIFIER');
  assert.equal(dpv.ClientId, CLIENT_ID);
  assert.equal(dpv.Session, 'device-session-2');
  assertProof(dpv.ChallengeResponses, { srp: device, aHex: deviceA, secret: deviceSecret, username: 'alice', deviceKey: DEVICE_KEY });
  assert.equal(await storedAccessToken(), second.access);
  assert.deepEqual(await deviceKeys(), [DEVICE_KEY, DEVICE_GROUP_KEY, randomPassword], 'no new device, keys unchanged');
  assert.deepEqual(await currentUser(), { username: 'alice', userId: SUB, signInDetails: { loginId: LOGIN, authFlowType: 'USER_SRP_AUTH' } });
  assert.deepEqual(await takeHub(), [signedInEvent(LOGIN, 'USER_SRP_AUTH')]);
  // MFA, the new device's confirmation and the device's own SRP all ran on the typed
  // modules: the challenge on the steps module, the device's SRP on the core (the
  // first sign-in fetched device.js for the new device's confirmation).
  await assertNoInputRules();
  const typed = await fetchedModules();
  assert.ok(typed.includes('device.js') && typed.includes('steps.js'), typed.join());

  // A fresh page from here: the device calls run on the typed driver and its account
  // module, with the session and device keys
  // this page stored.
  await page.reload();
  assert.equal((await inPage(async (m, c) => m.configure(c), CONFIG)).error, undefined);

  // ---- fetchDevices: ListDevices mapped, dates as Date objects.
  cognito.requests.length = 0;
  cognito.on(
    'ListDevices',
    ok({
      Devices: [
        {
          DeviceAttributes: [
            { Name: 'device_status', Value: 'valid' },
            { Name: 'device_name', Value: userAgent },
            { Name: 'last_ip_used', Value: '192.0.2.10' },
          ],
          DeviceCreateDate: 1.767582245123e9,
          DeviceKey: DEVICE_KEY,
          DeviceLastAuthenticatedDate: 1767582400.5,
          DeviceLastModifiedDate: 1767582300,
        },
        {
          DeviceAttributes: [{ Name: 'device_status', Value: 'valid' }],
          DeviceCreateDate: 1700000000,
          DeviceKey: 'us-east-1_other',
          DeviceLastAuthenticatedDate: 1700000001,
          DeviceLastModifiedDate: 1700000002,
        },
      ],
      PaginationToken: 'next-page',
    }),
  );
  const devices = value(
    await inPage(async (m) =>
      (await m.fetchDevices()).map((d) => ({
        ...d,
        dates: [d.createDate, d.lastAuthenticatedDate, d.lastModifiedDate].map((x) => (x instanceof Date ? x.getTime() : `not a Date: ${x}`)),
      })),
    ),
  );
  assert.deepEqual(cognito.bodies('ListDevices'), [{ AccessToken: second.access, Limit: 60 }]);
  assert.equal(devices.length, 2, 'no pagination, as Amplify');
  assert.deepEqual(devices[0].dates, [1767582245123, 1767582400500, 1767582300000]);
  assert.deepEqual(devices[0], {
    id: DEVICE_KEY,
    name: userAgent,
    attributes: { device_status: 'valid', device_name: userAgent, last_ip_used: '192.0.2.10' },
    createDate: new Date(1767582245123),
    lastAuthenticatedDate: new Date(1767582400500),
    lastModifiedDate: new Date(1767582300000),
    dates: devices[0].dates,
  });
  assert.equal(devices[1].id, 'us-east-1_other');
  assert.equal(devices[1].name, undefined, 'no device_name attribute');
  assert.deepEqual(devices[1].dates, [1700000000000, 1700000001000, 1700000002000]);

  // ---- rememberDevice: UpdateDeviceStatus.
  cognito.on('UpdateDeviceStatus', ok({}));
  assert.deepEqual(value(await inPage(async (m) => m.rememberDevice())), undefined);
  assert.deepEqual(cognito.bodies('UpdateDeviceStatus'), [{ AccessToken: second.access, DeviceKey: DEVICE_KEY, DeviceRememberedStatus: 'remembered' }]);

  // ---- forgetDevice: another device keeps this browser's keys; this one clears them.
  cognito.on('ForgetDevice', empty(), empty());
  assert.deepEqual(value(await inPage(async (m) => m.forgetDevice({ device: { id: 'us-east-1_other' } }))), undefined);
  assert.deepEqual(await deviceKeys(), [DEVICE_KEY, DEVICE_GROUP_KEY, randomPassword]);
  assert.deepEqual(value(await inPage(async (m) => m.forgetDevice())), undefined);
  assert.deepEqual(cognito.bodies('ForgetDevice'), [
    { AccessToken: second.access, DeviceKey: 'us-east-1_other' },
    { AccessToken: second.access, DeviceKey: DEVICE_KEY },
  ]);
  assert.deepEqual(await deviceKeys(), [null, null, null], 'the device keys are cleared');
  assert.equal(await storedAccessToken(), second.access, 'still signed in');
  assert.equal((await currentUser()).username, 'alice');

  // Nothing left to remember.
  const e = failure(await inPage(async (m) => m.rememberDevice()));
  assert.equal(e.name, 'DeviceMetadataNotFoundException');
  assert.deepEqual(cognito.ops(), ['ListDevices', 'UpdateDeviceStatus', 'ForgetDevice', 'ForgetDevice']);
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop()));
  assert.ok(fetched.includes('account.js') && !fetched.includes('check.js'), fetched.join());
  cognito.assertDone();
});

// ===========================================================================
// 2. USER_AUTH (choice-based sign-in)
// ===========================================================================

const selectChallenge = () =>
  ok({
    AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'WEB_AUTHN'],
    ChallengeName: 'SELECT_CHALLENGE',
    ChallengeParameters: {},
    Session: 'AYABeSelectSession',
  });
const firstFactorSelection = {
  isSignedIn: false,
  nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION', availableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'WEB_AUTHN'] },
};

test('documented response: USER_AUTH SELECT_CHALLENGE → first factor selection → EMAIL_OTP → email code → DONE', async () => {
  cognito.on('InitiateAuth', selectChallenge());
  // A password without a preferred challenge is not sent, as Amplify.
  assert.deepEqual(value(await signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_AUTH' } })), firstFactorSelection);
  assert.deepEqual(cognito.bodies('InitiateAuth'), [{ AuthFlow: 'USER_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'alice' } }]);

  cognito.on(
    'RespondToAuthChallenge',
    ok({
      ChallengeName: 'EMAIL_OTP',
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'a***@e***' },
      Session: 'AYABeEmailOtpSession',
    }),
  );
  assert.deepEqual(value(await confirmSignIn('EMAIL_OTP')), {
    isSignedIn: false,
    nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'a***@e***' } },
  });
  assert.deepEqual(cognito.bodies('RespondToAuthChallenge')[0], {
    ChallengeName: 'SELECT_CHALLENGE',
    ClientId: CLIENT_ID,
    Session: 'AYABeSelectSession',
    ChallengeResponses: { USERNAME: 'alice', ANSWER: 'EMAIL_OTP' },
  });
  assert.deepEqual(await takeHub(), []);

  const t = tokens('otp');
  cognito.on('RespondToAuthChallenge', tokensReply(t));
  assert.deepEqual(value(await confirmSignIn('12345678')), DONE);
  assert.deepEqual(cognito.bodies('RespondToAuthChallenge')[1], {
    ChallengeName: 'EMAIL_OTP',
    ClientId: CLIENT_ID,
    Session: 'AYABeEmailOtpSession',
    ChallengeResponses: { USERNAME: 'alice', EMAIL_OTP_CODE: '12345678' },
  });
  assert.equal(await storedAccessToken(), t.access);
  assert.deepEqual(await currentUser(), { username: 'alice', userId: SUB, signInDetails: { loginId: 'alice', authFlowType: 'USER_AUTH' } });
  assert.deepEqual(await takeHub(), [signedInEvent('alice', 'USER_AUTH')]);
  // Every step ran on the typed core.
  await assertNoInputRules();
  cognito.assertDone();
});

test('documented response: USER_AUTH SELECT_CHALLENGE → PASSWORD and → PASSWORD_SRP (proof checked by the server)', async () => {
  // PASSWORD: choosing it sends nothing; the password comes with the next call.
  cognito.on('InitiateAuth', selectChallenge());
  assert.deepEqual(value(await signIn({ username: 'alice', options: { authFlowType: 'USER_AUTH' } })), firstFactorSelection);
  assert.deepEqual(value(await confirmSignIn('PASSWORD')), { isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD' } });
  assert.deepEqual(cognito.ops(), ['InitiateAuth']);
  const t = tokens('pw');
  cognito.on('RespondToAuthChallenge', tokensReply(t));
  assert.deepEqual(value(await confirmSignIn(PASSWORD)), DONE);
  assert.deepEqual(cognito.bodies('RespondToAuthChallenge'), [
    {
      ChallengeName: 'SELECT_CHALLENGE',
      ClientId: CLIENT_ID,
      Session: 'AYABeSelectSession',
      ChallengeResponses: { USERNAME: 'alice', ANSWER: 'PASSWORD', PASSWORD },
    },
  ]);
  assert.equal(await storedAccessToken(), t.access);
  assert.deepEqual(await takeHub(), [signedInEvent('alice', 'USER_AUTH')]);
  cognito.on('RevokeToken', ok({}));
  value(await signOut());
  await takeHub();

  // PASSWORD_SRP: SRP_A goes with the selection, then PASSWORD_VERIFIER.
  cognito.requests.length = 0;
  const user = SrpServer.forUser('alice', PASSWORD);
  const secret = secretBlock();
  let a;
  cognito.on('InitiateAuth', selectChallenge());
  cognito.on(
    'RespondToAuthChallenge',
    (b) => {
      a = b.ChallengeResponses.SRP_A;
      return ok({
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: { SALT: user.saltHex, SECRET_BLOCK: secret, SRP_B: user.bHex, USERNAME: 'alice', USER_ID_FOR_SRP: 'alice' },
        Session: 'srp-session',
      });
    },
    tokensReply(tokens('srp')),
  );
  assert.deepEqual(value(await signIn({ username: 'alice', options: { authFlowType: 'USER_AUTH' } })), firstFactorSelection);
  assert.deepEqual(value(await confirmSignIn('PASSWORD_SRP')), { isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD' } });
  assert.deepEqual(cognito.ops(), ['InitiateAuth']);
  assert.deepEqual(value(await confirmSignIn(PASSWORD)), DONE);
  const [select, proof] = cognito.bodies('RespondToAuthChallenge');
  assertSrpA(a);
  assert.deepEqual(select, {
    ChallengeName: 'SELECT_CHALLENGE',
    ClientId: CLIENT_ID,
    Session: 'AYABeSelectSession',
    ChallengeResponses: { USERNAME: 'alice', ANSWER: 'PASSWORD_SRP', SRP_A: a },
  });
  assert.equal(proof.ChallengeName, 'PASSWORD_VERIFIER');
  assert.equal(proof.Session, 'srp-session');
  assertProof(proof.ChallengeResponses, { srp: user, aHex: a, secret, username: 'alice' });
  assert.deepEqual(await takeHub(), [signedInEvent('alice', 'USER_AUTH')]);
  // Every step ran on the typed core.
  await assertNoInputRules();
  cognito.assertDone();
});

test('documented response: sign-up with autoSignIn USER_AUTH → confirmation → autoSignIn goes on from its session, no password, no input rules fetched', async () => {
  cognito.on(
    'SignUp',
    ok({ UserSub: SUB, UserConfirmed: false, Session: 'signup-session-1', CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' } }),
  );
  const up = value(await inPage(async (m) => m.signUp({ username: 'alice', options: { userAttributes: { email: 'alice@example.com' }, autoSignIn: { authFlowType: 'USER_AUTH' } } })));
  assert.equal(up.nextStep.signUpStep, 'CONFIRM_SIGN_UP');
  cognito.on('ConfirmSignUp', ok({ Session: 'signup-session-2' }));
  assert.deepEqual(value(await inPage(async (m) => m.confirmSignUp({ username: 'alice', confirmationCode: '123456' }))), {
    isSignUpComplete: true,
    nextStep: { signUpStep: 'COMPLETE_AUTO_SIGN_IN' },
  });
  assert.equal(cognito.bodies('ConfirmSignUp')[0].Session, 'signup-session-1', 'the sign-up session goes with the code');
  const t = tokens('auto-user-auth');
  cognito.on('InitiateAuth', tokensReply(t));
  assert.deepEqual(value(await inPage(async (m) => m.autoSignIn())), DONE);
  assert.deepEqual(cognito.bodies('InitiateAuth'), [
    { AuthFlow: 'USER_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'alice' }, Session: 'signup-session-2' },
  ]);
  assert.equal(await storedAccessToken(), t.access);
  await assertNoInputRules();
  cognito.assertDone();
});

test('documented response: USER_AUTH preferredChallenge PASSWORD / PASSWORD_SRP / EMAIL_OTP request shapes', async () => {
  // PASSWORD: the password goes in InitiateAuth.
  const t = tokens('preferred');
  cognito.on('InitiateAuth', tokensReply(t));
  assert.deepEqual(
    value(await signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD' } })),
    DONE,
  );
  assert.deepEqual(cognito.bodies('InitiateAuth'), [
    { AuthFlow: 'USER_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD } },
  ]);
  assert.equal(await storedAccessToken(), t.access);
  assert.deepEqual(await takeHub(), [signedInEvent('alice', 'USER_AUTH')]);
  cognito.on('RevokeToken', ok({}));
  value(await signOut());
  await takeHub();

  // So far every input was well-formed; the refusals below come from the full input rules (check.js).
  await assertNoInputRules();

  // PASSWORD and PASSWORD_SRP without a password: refused before any request.
  cognito.requests.length = 0;
  for (const preferredChallenge of ['PASSWORD', 'PASSWORD_SRP']) {
    const e = failure(await signIn({ username: 'alice', options: { authFlowType: 'USER_AUTH', preferredChallenge } }));
    assert.equal(e.name, 'EmptySignInPassword', preferredChallenge);
  }
  assert.deepEqual(cognito.ops(), []);

  // PASSWORD_SRP: SRP_A in InitiateAuth, then the proof.
  const user = SrpServer.forUser('alice', PASSWORD);
  const secret = secretBlock();
  let a;
  cognito.on('InitiateAuth', (b) => {
    a = b.AuthParameters.SRP_A;
    return ok({
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: { SALT: user.saltHex, SECRET_BLOCK: secret, SRP_B: user.bHex, USERNAME: 'alice', USER_ID_FOR_SRP: 'alice' },
      Session: 'srp-session',
    });
  });
  cognito.on('RespondToAuthChallenge', tokensReply(tokens('psrp')));
  assert.deepEqual(
    value(await signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' } })),
    DONE,
  );
  assertSrpA(a);
  assert.deepEqual(cognito.bodies('InitiateAuth'), [
    { AuthFlow: 'USER_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: a } },
  ]);
  const [proof] = cognito.bodies('RespondToAuthChallenge');
  assert.equal(proof.ChallengeName, 'PASSWORD_VERIFIER');
  assert.equal(proof.Session, 'srp-session');
  assertProof(proof.ChallengeResponses, { srp: user, aHex: a, secret, username: 'alice' });
  assert.deepEqual(await takeHub(), [signedInEvent('alice', 'USER_AUTH')]);
  cognito.on('RevokeToken', ok({}));
  value(await signOut());
  await takeHub();

  // EMAIL_OTP: only the preference (a password given is not sent).
  cognito.requests.length = 0;
  cognito.on(
    'InitiateAuth',
    ok({
      ChallengeName: 'EMAIL_OTP',
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'a***@e***' },
      Session: 'otp-session',
    }),
  );
  assert.deepEqual(
    value(await signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } })),
    {
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'a***@e***' } },
    },
  );
  assert.deepEqual(cognito.bodies('InitiateAuth'), [
    { AuthFlow: 'USER_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'EMAIL_OTP' } },
  ]);
  cognito.assertDone();
});

// ===========================================================================
// 3. SELECT_MFA_TYPE
// ===========================================================================

test('documented response: SELECT_MFA_TYPE → confirmSignIn("TOTP") → SOFTWARE_TOKEN_MFA → code (a wrong one first) → DONE', async () => {
  cognito.on(
    'InitiateAuth',
    ok({
      ChallengeName: 'SELECT_MFA_TYPE',
      ChallengeParameters: { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA","EMAIL_OTP"]', USER_ID_FOR_SRP: 'alice' },
      Session: 'select-mfa-1',
    }),
  );
  assert.deepEqual(value(await signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } })), {
    isSignedIn: false,
    nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', allowedMFATypes: ['SMS', 'TOTP', 'EMAIL'] },
  });
  assert.deepEqual(cognito.bodies('InitiateAuth'), [
    { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'alice', PASSWORD } },
  ]);

  // Not one of the types: refused in the page, nothing sent, still pending.
  const bad = failure(await confirmSignIn('FOO'));
  assert.equal(bad.name, 'IncorrectMFAMethod');
  assert.equal(bad.message, 'Incorrect MFA method was chosen. It should be either SMS, TOTP, or EMAIL');
  assert.deepEqual(cognito.ops(), ['InitiateAuth']);

  cognito.on('RespondToAuthChallenge', ok({ ChallengeName: 'SOFTWARE_TOKEN_MFA', ChallengeParameters: {}, Session: 'select-mfa-2' }));
  assert.deepEqual(value(await confirmSignIn('TOTP')), { isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' } });
  assert.deepEqual(cognito.bodies('RespondToAuthChallenge')[0], {
    ChallengeName: 'SELECT_MFA_TYPE',
    ClientId: CLIENT_ID,
    Session: 'select-mfa-1',
    ChallengeResponses: { USERNAME: 'alice', ANSWER: 'SOFTWARE_TOKEN_MFA' },
  });

  // A wrong code: the documented 400 reply, named, with its request id; the challenge stays.
  cognito.on('RespondToAuthChallenge', awsError('CodeMismatchException', 'Invalid code received for user'));
  const wrong = failure(await confirmSignIn('000000'));
  assert.equal(wrong.name, 'CodeMismatchException');
  assert.equal(wrong.message, 'Invalid code received for user');
  assert.deepEqual(wrong.metadata, { httpStatusCode: 400, requestId: REQUEST_ID });
  assert.deepEqual(await takeHub(), []);

  const t = tokens('sel');
  cognito.on('RespondToAuthChallenge', tokensReply(t));
  assert.deepEqual(value(await confirmSignIn('123456')), DONE);
  const answers = cognito.bodies('RespondToAuthChallenge');
  for (const [i, code] of [[1, '000000'], [2, '123456']]) {
    assert.deepEqual(answers[i], {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId: CLIENT_ID,
      Session: 'select-mfa-2',
      ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: code },
    });
  }
  assert.equal(await storedAccessToken(), t.access);
  assert.deepEqual(await takeHub(), [signedInEvent('alice', 'USER_PASSWORD_AUTH')]);
  // Every step ran on the typed core.
  await assertNoInputRules();
  cognito.assertDone();
});

// ===========================================================================
// 4. Custom authentication
// ===========================================================================

test('documented response: CUSTOM_WITHOUT_SRP with two custom challenges (additionalInfo) → DONE', async () => {
  cognito.on(
    'InitiateAuth',
    ok({ ChallengeName: 'CUSTOM_CHALLENGE', ChallengeParameters: { USERNAME: 'alice', question: 'What is 6 × 7?' }, Session: 'custom-1' }),
  );
  assert.deepEqual(value(await signIn({ username: 'alice', options: { authFlowType: 'CUSTOM_WITHOUT_SRP', clientMetadata: { app: 'quiz' } } })), {
    isSignedIn: false,
    nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', additionalInfo: { USERNAME: 'alice', question: 'What is 6 × 7?' } },
  });
  assert.deepEqual(cognito.bodies('InitiateAuth'), [
    { AuthFlow: 'CUSTOM_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'alice' }, ClientMetadata: { app: 'quiz' } },
  ]);

  cognito.on(
    'RespondToAuthChallenge',
    ok({ ChallengeName: 'CUSTOM_CHALLENGE', ChallengeParameters: { USERNAME: 'alice', question: 'And 7 × 6?' }, Session: 'custom-2' }),
  );
  assert.deepEqual(value(await confirmSignIn('42')), {
    isSignedIn: false,
    nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', additionalInfo: { USERNAME: 'alice', question: 'And 7 × 6?' } },
  });
  assert.deepEqual(cognito.bodies('RespondToAuthChallenge')[0], {
    ChallengeName: 'CUSTOM_CHALLENGE',
    ClientId: CLIENT_ID,
    Session: 'custom-1',
    ChallengeResponses: { USERNAME: 'alice', ANSWER: '42' },
  });
  assert.deepEqual(await takeHub(), []);

  const t = tokens('custom');
  cognito.on('RespondToAuthChallenge', tokensReply(t));
  assert.deepEqual(value(await confirmSignIn({ challengeResponse: '42', options: { clientMetadata: { round: '2' } } })), DONE);
  assert.deepEqual(cognito.bodies('RespondToAuthChallenge')[1], {
    ChallengeName: 'CUSTOM_CHALLENGE',
    ClientId: CLIENT_ID,
    Session: 'custom-2',
    ChallengeResponses: { USERNAME: 'alice', ANSWER: '42' },
    ClientMetadata: { round: '2' },
  });
  assert.equal(await storedAccessToken(), t.access);
  assert.deepEqual((await currentUser()).signInDetails, { loginId: 'alice', authFlowType: 'CUSTOM_WITHOUT_SRP' });
  assert.deepEqual(await takeHub(), [signedInEvent('alice', 'CUSTOM_WITHOUT_SRP')]);

  // Every step so far ran on the typed core.
  await assertNoInputRules();

  // A password with CUSTOM_WITHOUT_SRP is refused before any request.
  cognito.on('RevokeToken', ok({}));
  value(await signOut());
  cognito.requests.length = 0;
  const e = failure(await signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } }));
  assert.equal(e.name, 'CustomAuthSignInPassword');
  assert.deepEqual(cognito.ops(), []);
  cognito.assertDone();
});

test('documented response: CUSTOM_WITH_SRP sends CHALLENGE_NAME SRP_A, then the proof, then the custom answer → DONE', async () => {
  const user = SrpServer.forUser('alice', PASSWORD);
  const secret = secretBlock();
  let a;
  cognito.on('InitiateAuth', (b) => {
    a = b.AuthParameters.SRP_A;
    return ok({
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: { SALT: user.saltHex, SECRET_BLOCK: secret, SRP_B: user.bHex, USERNAME: 'alice', USER_ID_FOR_SRP: 'alice' },
      Session: 'custom-srp-1',
    });
  });
  cognito.on(
    'RespondToAuthChallenge',
    ok({ ChallengeName: 'CUSTOM_CHALLENGE', ChallengeParameters: { USERNAME: 'alice', question: '6 × 7?' }, Session: 'custom-srp-2' }),
  );
  assert.deepEqual(value(await signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'CUSTOM_WITH_SRP' } })), {
    isSignedIn: false,
    nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', additionalInfo: { USERNAME: 'alice', question: '6 × 7?' } },
  });
  assertSrpA(a);
  assert.deepEqual(cognito.bodies('InitiateAuth'), [
    { AuthFlow: 'CUSTOM_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'alice', SRP_A: a, CHALLENGE_NAME: 'SRP_A' } },
  ]);
  const [proof] = cognito.bodies('RespondToAuthChallenge');
  assert.equal(proof.ChallengeName, 'PASSWORD_VERIFIER');
  assert.equal(proof.ClientId, CLIENT_ID);
  assert.equal(proof.Session, 'custom-srp-1');
  assertProof(proof.ChallengeResponses, { srp: user, aHex: a, secret, username: 'alice' });

  const t = tokens('customsrp');
  cognito.on('RespondToAuthChallenge', tokensReply(t));
  assert.deepEqual(value(await confirmSignIn('42')), DONE);
  assert.deepEqual(cognito.bodies('RespondToAuthChallenge')[1], {
    ChallengeName: 'CUSTOM_CHALLENGE',
    ClientId: CLIENT_ID,
    Session: 'custom-srp-2',
    ChallengeResponses: { USERNAME: 'alice', ANSWER: '42' },
  });
  assert.equal(await storedAccessToken(), t.access);
  assert.deepEqual((await currentUser()).signInDetails, { loginId: 'alice', authFlowType: 'CUSTOM_WITH_SRP' });
  assert.deepEqual(await takeHub(), [signedInEvent('alice', 'CUSTOM_WITH_SRP')]);
  await assertNoInputRules();
  cognito.assertDone();
});

test('documented response: a remembered device Cognito no longer knows is forgotten and the proof sent again, in one sign-in (typed core)', async () => {
  const user = SrpServer.forUser('alice', PASSWORD);
  const secret = secretBlock();
  // A device remembered under Cognito's name for the user (the login is an alias).
  await page.evaluate(
    ({ keys, values }) => keys.forEach((k, i) => localStorage.setItem(k, values[i])),
    { keys: DEVICE_KEY_NAMES.map((n) => key('alice', n)), values: [DEVICE_KEY, DEVICE_GROUP_KEY, 'random-password'] },
  );
  const modules = [];
  page.on('request', (r) => r.url().includes('/pkg/') && modules.push(new URL(r.url()).pathname));
  let a;
  cognito.on('InitiateAuth', (b) => {
    a = b.AuthParameters.SRP_A;
    return ok({
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: { SALT: user.saltHex, SECRET_BLOCK: secret, SRP_B: user.bHex, USERNAME: 'alice', USER_ID_FOR_SRP: 'alice' },
      Session: 'stale-1',
    });
  });
  const t = tokens('stale');
  cognito.on('RespondToAuthChallenge', awsError('ResourceNotFoundException', 'Device does not exist.'), tokensReply(t));
  assert.deepEqual(value(await signIn({ username: 'alice@example.com', password: PASSWORD })), DONE);
  assert.deepEqual(cognito.ops(), ['InitiateAuth', 'RespondToAuthChallenge:PASSWORD_VERIFIER', 'RespondToAuthChallenge:PASSWORD_VERIFIER']);
  const [withDevice, without] = cognito.bodies('RespondToAuthChallenge');
  assertProof(withDevice.ChallengeResponses, { srp: user, aHex: a, secret, username: 'alice', deviceKey: DEVICE_KEY });
  assertProof(without.ChallengeResponses, { srp: user, aHex: a, secret, username: 'alice' });
  assert.equal(without.ChallengeResponses.DEVICE_KEY, undefined);
  assert.deepEqual(await deviceKeys(), [null, null, null], 'the stale device is forgotten');
  assert.equal(await storedAccessToken(), t.access);
  assert.ok(!modules.includes('/pkg/check.js'), `the full input rules (check.js) were fetched: ${modules.join()}`);
  cognito.assertDone();
});

// ===========================================================================
// 5. MFA set-up during sign-in
// ===========================================================================

const mfaSetup = () =>
  ok({
    ChallengeName: 'MFA_SETUP',
    ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]', USER_ID_FOR_SRP: 'alice' },
    Session: 'setup-1',
  });
const setupSelection = { isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION', allowedMFATypes: ['TOTP', 'EMAIL'] } };

test('documented response: MFA_SETUP (TOTP + EMAIL) → selection → TOTP → AssociateSoftwareToken → setup URI → VerifySoftwareToken → MFA_SETUP → DONE', async () => {
  cognito.on('InitiateAuth', mfaSetup());
  assert.deepEqual(value(await signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } })), setupSelection);
  assert.deepEqual(cognito.ops(), ['InitiateAuth']);

  const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  cognito.on('AssociateSoftwareToken', ok({ SecretCode: SECRET, Session: 'setup-2' }));
  const step = value(
    await inPage(async (m) => {
      const r = await m.confirmSignIn({ challengeResponse: 'TOTP' });
      const d = r.nextStep.totpSetupDetails;
      const uri = d?.getSetupUri('App');
      const withAccount = d?.getSetupUri('App', 'alice@example.com');
      return {
        ...r,
        nextStep: { ...r.nextStep, totpSetupDetails: { ...d, getSetupUri: typeof d?.getSetupUri } },
        isUrl: uri instanceof URL,
        href: uri?.href,
        withAccount: withAccount?.href,
      };
    }),
  );
  assert.deepEqual(cognito.bodies('AssociateSoftwareToken'), [{ Session: 'setup-1' }]);
  assert.deepEqual(step.nextStep, {
    signInStep: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP',
    totpSetupDetails: { sharedSecret: SECRET, getSetupUri: 'function' },
  });
  assert.equal(step.isSignedIn, false);
  assert.equal(step.isUrl, true, 'getSetupUri returns a URL object');
  assert.ok(step.href.startsWith('otpauth://totp/App:'), step.href);
  assert.equal(step.href, `otpauth://totp/App:alice?secret=${SECRET}&issuer=App`);
  assert.equal(new URL(step.withAccount).searchParams.get('secret'), SECRET);
  assert.ok(step.withAccount.startsWith('otpauth://totp/App:alice@example.com?'), step.withAccount);

  cognito.on('VerifySoftwareToken', ok({ Session: 'setup-3', Status: 'SUCCESS' }));
  const t = tokens('totp');
  cognito.on('RespondToAuthChallenge', tokensReply(t));
  assert.deepEqual(value(await confirmSignIn({ challengeResponse: '123456', options: { friendlyDeviceName: "Alice's phone" } })), DONE);
  assert.deepEqual(cognito.ops(), ['InitiateAuth', 'AssociateSoftwareToken', 'VerifySoftwareToken', 'RespondToAuthChallenge:MFA_SETUP']);
  assert.deepEqual(cognito.bodies('VerifySoftwareToken'), [{ UserCode: '123456', Session: 'setup-2', FriendlyDeviceName: "Alice's phone" }]);
  assert.deepEqual(cognito.bodies('RespondToAuthChallenge'), [
    { ChallengeName: 'MFA_SETUP', ClientId: CLIENT_ID, Session: 'setup-3', ChallengeResponses: { USERNAME: 'alice' } },
  ]);
  assert.equal(await storedAccessToken(), t.access);
  assert.deepEqual(await takeHub(), [signedInEvent('alice', 'USER_PASSWORD_AUTH')]);
  // Every step ran on the typed core.
  await assertNoInputRules();
  cognito.assertDone();
});

test('documented response: MFA_SETUP (TOTP + EMAIL) → selection → EMAIL → address → EMAIL_OTP → code → DONE', async () => {
  cognito.on('InitiateAuth', mfaSetup());
  assert.deepEqual(value(await signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } })), setupSelection);
  assert.deepEqual(value(await confirmSignIn('EMAIL')), { isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' } });
  assert.deepEqual(cognito.ops(), ['InitiateAuth'], 'choosing EMAIL sends nothing yet');

  cognito.on(
    'RespondToAuthChallenge',
    ok({
      ChallengeName: 'EMAIL_OTP',
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'a***@b***' },
      Session: 'email-1',
    }),
  );
  assert.deepEqual(value(await confirmSignIn('a@b.c')), {
    isSignedIn: false,
    nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'a***@b***' } },
  });
  assert.deepEqual(cognito.bodies('RespondToAuthChallenge')[0], {
    ChallengeName: 'MFA_SETUP',
    ClientId: CLIENT_ID,
    Session: 'setup-1',
    ChallengeResponses: { USERNAME: 'alice', EMAIL: 'a@b.c' },
  });

  const t = tokens('email');
  cognito.on('RespondToAuthChallenge', tokensReply(t));
  assert.deepEqual(value(await confirmSignIn('87654321')), DONE);
  assert.deepEqual(cognito.bodies('RespondToAuthChallenge')[1], {
    ChallengeName: 'EMAIL_OTP',
    ClientId: CLIENT_ID,
    Session: 'email-1',
    ChallengeResponses: { USERNAME: 'alice', EMAIL_OTP_CODE: '87654321' },
  });
  assert.equal(await storedAccessToken(), t.access);
  assert.deepEqual(await takeHub(), [signedInEvent('alice', 'USER_PASSWORD_AUTH')]);
  // Every step ran on the typed core.
  await assertNoInputRules();
  cognito.assertDone();
});

// ===========================================================================
// 6. User attributes
// ===========================================================================

test('documented response: sendUserAttributeVerificationCode, confirmUserAttribute, deleteUserAttributes', async () => {
  const t = await signedInWithPassword('attrs');

  cognito.on(
    'GetUserAttributeVerificationCode',
    ok({ CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' } }),
  );
  assert.deepEqual(
    value(await inPage(async (m) => m.sendUserAttributeVerificationCode({ userAttributeKey: 'email', options: { clientMetadata: { k: 'v' } } }))),
    { destination: 'a***@e***', deliveryMedium: 'EMAIL', attributeName: 'email' },
    'flat codeDeliveryDetails, as Amplify',
  );
  assert.deepEqual(cognito.bodies('GetUserAttributeVerificationCode'), [
    { AccessToken: t.access, AttributeName: 'email', ClientMetadata: { k: 'v' } },
  ]);

  // VerifyUserAttribute: a wrong code (documented 400), then the right one (HTTP 200, empty body).
  cognito.on('VerifyUserAttribute', awsError('CodeMismatchException', 'Invalid verification code provided, please try again.'), empty());
  const wrong = failure(await inPage(async (m) => m.confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: '000000' })));
  assert.equal(wrong.name, 'CodeMismatchException');
  assert.equal(wrong.message, 'Invalid verification code provided, please try again.');
  assert.deepEqual(wrong.metadata, { httpStatusCode: 400, requestId: REQUEST_ID });
  assert.deepEqual(
    value(await inPage(async (m) => m.confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: '123456' }))),
    undefined,
  );
  assert.deepEqual(cognito.bodies('VerifyUserAttribute'), [
    { AccessToken: t.access, AttributeName: 'email', Code: '000000' },
    { AccessToken: t.access, AttributeName: 'email', Code: '123456' },
  ]);

  cognito.on('DeleteUserAttributes', empty());
  assert.deepEqual(value(await inPage(async (m) => m.deleteUserAttributes({ userAttributeKeys: ['custom:nickname', 'website'] }))), undefined);
  assert.deepEqual(cognito.bodies('DeleteUserAttributes'), [{ AccessToken: t.access, UserAttributeNames: ['custom:nickname', 'website'] }]);
  assert.deepEqual(cognito.ops(), ['GetUserAttributeVerificationCode', 'VerifyUserAttribute', 'VerifyUserAttribute', 'DeleteUserAttributes']);
  assert.equal(await storedAccessToken(), t.access, 'still signed in');
  cognito.assertDone();
});

test('documented response: updateUserAttributes with CodeDeliveryDetailsList → CONFIRM_ATTRIBUTE_WITH_CODE for email, DONE for name', async () => {
  const t = await signedInWithPassword('update');
  cognito.on(
    'UpdateUserAttributes',
    ok({ CodeDeliveryDetailsList: [{ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'n***@e***' }] }),
  );
  assert.deepEqual(value(await inPage(async (m) => m.updateUserAttributes({ userAttributes: { email: 'new@example.com', name: 'Alice Liddell' } }))), {
    email: {
      isUpdated: false,
      nextStep: {
        updateAttributeStep: 'CONFIRM_ATTRIBUTE_WITH_CODE',
        codeDeliveryDetails: { attributeName: 'email', deliveryMedium: 'EMAIL', destination: 'n***@e***' },
      },
    },
    name: { isUpdated: true, nextStep: { updateAttributeStep: 'DONE' } },
  });
  const [body] = cognito.bodies('UpdateUserAttributes');
  assert.deepEqual(Object.keys(body).sort(), ['AccessToken', 'UserAttributes']);
  assert.equal(body.AccessToken, t.access);
  assert.deepEqual(
    [...body.UserAttributes].sort((x, y) => x.Name.localeCompare(y.Name)),
    [
      { Name: 'email', Value: 'new@example.com' },
      { Name: 'name', Value: 'Alice Liddell' },
    ],
  );

  // One attribute, with client metadata; and the no-code replies (empty list, no list).
  cognito.on(
    'UpdateUserAttributes',
    ok({ CodeDeliveryDetailsList: [{ AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: '+*******0199' }] }),
    ok({ CodeDeliveryDetailsList: [] }),
    ok({}),
  );
  assert.deepEqual(
    value(
      await inPage(async (m) =>
        m.updateUserAttribute({ userAttribute: { attributeKey: 'phone_number', value: '+15555550199' }, options: { clientMetadata: { source: 'profile' } } }),
      ),
    ),
    {
      isUpdated: false,
      nextStep: {
        updateAttributeStep: 'CONFIRM_ATTRIBUTE_WITH_CODE',
        codeDeliveryDetails: { attributeName: 'phone_number', deliveryMedium: 'SMS', destination: '+*******0199' },
      },
    },
  );
  assert.deepEqual(cognito.bodies('UpdateUserAttributes')[1], {
    AccessToken: t.access,
    UserAttributes: [{ Name: 'phone_number', Value: '+15555550199' }],
    ClientMetadata: { source: 'profile' },
  });
  for (let i = 0; i < 2; i++) {
    assert.deepEqual(value(await inPage(async (m) => m.updateUserAttribute({ userAttribute: { attributeKey: 'name', value: 'Al' } }))), {
      isUpdated: true,
      nextStep: { updateAttributeStep: 'DONE' },
    });
  }
  cognito.assertDone();
});

// ===========================================================================
// The fake itself: CORS and the wire format seen by the browser
// ===========================================================================

test('documented response: every request is a CORS POST of application/x-amz-json-1.1 with X-Amz-Target to the configured endpoint', async () => {
  await signedInWithPassword('wire');
  cognito.on('GetUserAttributeVerificationCode', awsError('InvalidParameterException', 'Auto verification not turned on.'));
  const e = failure(await inPage(async (m) => m.sendUserAttributeVerificationCode({ userAttributeKey: 'email' })));
  assert.equal(e.name, 'InvalidParameterException');
  assert.equal(e.message, 'Auto verification not turned on.');
  assert.deepEqual(e.metadata, { httpStatusCode: 400, requestId: REQUEST_ID }, 'x-amzn-requestid is readable (exposed by CORS)');
  const [r] = cognito.requests;
  assert.equal(r.method, 'POST');
  assert.equal(r.url, ENDPOINT);
  assert.equal(r.headers['content-type'], 'application/x-amz-json-1.1');
  assert.equal(r.headers['x-amz-target'], 'AWSCognitoIdentityProviderService.GetUserAttributeVerificationCode');
  assert.equal(r.headers.origin, origin, 'a cross-origin request');
  cognito.assertDone();
});
