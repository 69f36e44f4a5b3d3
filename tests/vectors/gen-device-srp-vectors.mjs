#!/usr/bin/env node
// Generates device-SRP known-answer test vectors (tests/vectors/device-srp.json)
// by *driving* `amazon-cognito-identity-js` (pinned in the root package.json)
// with deterministic randomness, a fixed clock, a fixed navigator.userAgent and
// a fake Cognito client. None of the library's code is copied here: every
// recorded value comes out of the library (AuthenticationHelper methods and full
// CognitoUser.authenticateUser runs). Native BigInt + node:crypto re-computation
// is used only as an independent cross-check, to play the server (a real
// B = k·v + g^b from the verifier the library registered) and to search for
// edge-case inputs.
//
// Each case drives two sign-ins against one in-memory storage:
//   1. confirmDevice: USER_SRP_AUTH -> PASSWORD_VERIFIER -> AuthenticationResult
//      with NewDeviceMetadata -> the library generates the device verifier and
//      calls ConfirmDevice, then caches deviceKey/deviceGroupKey/randomPasswordKey.
//   2. deviceSignIn: a fresh CognitoUser on the same storage: USER_SRP_AUTH ->
//      PASSWORD_VERIFIER (now with DEVICE_KEY) -> DEVICE_SRP_AUTH ->
//      DEVICE_PASSWORD_VERIFIER -> AuthenticationResult.
// plus sameObjectReSignIn: the CognitoUser object of step 1 signs in again
// (shows when InitiateAuth carries DEVICE_KEY).
//
// Usage:
//   node tests/vectors/gen-device-srp-vectors.mjs           # (re)write device-srp.json
//   node tests/vectors/gen-device-srp-vectors.mjs --check   # exit 1 if device-srp.json is stale

import { createRequire } from 'node:module';
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';
import { sha256, Stream, RealDate, clock, refPadHex, modPow, cbSync, memStorage } from './common.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, 'device-srp.json');
const CHECK = process.argv.includes('--check');

// ---------------------------------------------------------------------------
// Stub crypto.getRandomValues. The library asks for one Uint32 word at a time
// (`getRandomValues(new Uint32Array(1))[0]`) and writes each word out as
// BIG-endian hex. We arm a queue of the *logical* bytes the library should see
// (its randomBytes(n) result) and hand them out as big-endian words, so the
// bytes recorded in the vectors are exactly the bytes the library uses. The raw
// buffer bytes (little-endian on x86/ARM) are recorded too.
// ---------------------------------------------------------------------------
let rng = null; // { logical: Buffer, pos, raw: Buffer[], words: number[] }
const sideStream = new Stream('cognito-wasm device-srp vector side stream');
const webcrypto = globalThis.crypto;
Object.defineProperty(webcrypto, 'getRandomValues', {
  configurable: true,
  writable: true,
  value(arr) {
    if (!(arr instanceof Uint32Array) || arr.length !== 1) {
      // Not an SRP draw (e.g. a request id): serve it from a side stream.
      new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength).set(sideStream.take(arr.byteLength));
      return arr;
    }
    if (!rng) throw new Error('unexpected getRandomValues call (no queue armed)');
    if (rng.pos + 4 > rng.logical.length) throw new Error('random queue exhausted');
    arr[0] = rng.logical.readUInt32BE(rng.pos);
    rng.pos += 4;
    rng.raw.push(Buffer.from(new Uint8Array(arr.buffer, arr.byteOffset, 4)));
    rng.words.push(arr[0]);
    return arr;
  },
});
function armRng(logical) {
  assert.equal(logical.length % 4, 0);
  rng = { logical, pos: 0, raw: [], words: [] };
  return rng;
}
function disarmRng() {
  const r = rng;
  rng = null;
  assert.equal(r.pos, r.logical.length, `library drew ${r.pos} of ${r.logical.length} armed random bytes`);
  return r;
}

// The library reads navigator.userAgent once at load time and sends it as the
// ConfirmDevice DeviceName ('nodejs' when there is no navigator). Pin it so the
// vectors do not depend on the Node version (Node >= 21 defines navigator).
const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
Object.defineProperty(globalThis, 'navigator', {
  configurable: true,
  writable: true,
  value: { userAgent: USER_AGENT, product: 'Gecko' },
});

// Load the library only after the stubs are installed.
const lib = require('amazon-cognito-identity-js');
const libVersion = require('amazon-cognito-identity-js/package.json').version;
const { AuthenticationHelper, AuthenticationDetails, CognitoUser, CognitoUserPool, DateHelper } = lib;
// Amplify v6 (aws-amplify, also pinned) is driven the same way, through a fake
// fetch, to record how its device flow differs on the wire.
const amplifyVersion = require('aws-amplify/package.json').version;
const amplifyAuthVersion = require('@aws-amplify/auth/package.json').version;
const { Amplify } = require('aws-amplify');
const v6auth = require('aws-amplify/auth');
const { cognitoUserPoolsTokenProvider } = require('aws-amplify/auth/cognito');

// ---------------------------------------------------------------------------
// Independent reference math (cross-check, fake server, searches)
// ---------------------------------------------------------------------------
const ref = {};
{
  armRng(Buffer.alloc(128, 1));
  const h = new AuthenticationHelper('probe');
  disarmRng();
  ref.N = BigInt('0x' + h.N.toString(16));
  ref.BigInteger = h.N.constructor; // the library's own BigInteger class
}
const bhex = (x) => x.toString(16);
const hexSha = (hex) => sha256(Buffer.from(hex, 'hex')).toString('hex');
const utf8Sha = (s) => sha256(Buffer.from(s, 'utf8')).toString('hex');
ref.k = BigInt('0x' + hexSha(refPadHex(ref.N) + refPadHex(2n)));
const big = (hex) => BigInt('0x' + hex);

/** Verifier the library would register, recomputed independently. */
function refVerifier(deviceGroupKey, deviceKey, randomPasswordBytes, saltBytes) {
  const randomPassword = randomPasswordBytes.toString('base64');
  const saltPadHex = refPadHex(big(saltBytes.toString('hex')));
  const xHash = hexSha(saltPadHex + utf8Sha(`${deviceGroupKey}${deviceKey}:${randomPassword}`));
  const v = modPow(2n, big(xHash), ref.N);
  return { randomPassword, saltPadHex, xHash, v, verifierPadHex: refPadHex(v) };
}

// ---------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------
const CLIENT_ID = '2example34567890abcdefghij';
const iso = (s) => RealDate.parse(s);
const hx = (s) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

const base = {
  userPoolId: 'us-east-1_AbCdEf123',
  clientId: CLIENT_ID,
  username: 'testuser',
  userIdForSrp: 'testuser',
  password: 'Passw0rd!',
  deviceKey: 'us-east-1_0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  deviceGroupKey: '-abcdEFG1h',
  confirmClock: '2026-03-14T15:09:26Z',
  deviceClock: '2026-03-15T08:07:06Z',
  deviceChallengeUsername: 'same', // 'same' | 'omit' | a literal
  deviceSaltSentAs: 'padHex', // 'padHex' | 'stripped' (leading 00 bytes removed)
  userConfirmationNecessary: false,
};

const caseSpecs = [
  {
    name: 'plain',
    description: 'ordinary device: salt first byte < 0x80, verifier and everything else unremarkable',
    saltBytes: 'search:low',
    randomPasswordBytes: 'stream',
  },
  {
    name: 'salt_high_bit',
    description:
      'device salt bytes start >= 0x80: padHex adds 00, so DeviceSecretVerifierConfig.Salt is 17 bytes; ' +
      'the server echoes SALT as that 34-digit hex; random password bytes chosen so its base64 contains + and /',
    saltBytes: hx('c3a1f00d5eed0123456789abcdef0042'),
    randomPasswordBytes: hx(
      'fbff fefb effb ff3e 3f00 8090 a0b0 c0d0 e0f0 0102 0304 0506 0708 090a 0b0c 0d0e 0f10 fbef bfff ffff'
    ),
    confirmClock: '2026-01-05T03:04:05Z',
    deviceClock: '2026-01-06T23:59:59.999Z',
    userConfirmationNecessary: true,
  },
  {
    name: 'salt_leading_zero_byte',
    description:
      'device salt bytes start with 00: the library parses them as an integer, so the 00 is dropped and ' +
      'Salt is 15 bytes (the verifier hashes the 15-byte form)',
    saltBytes: hx('003f5e7d9cbbdafa19385776a5b4c3d2'),
    randomPasswordBytes: 'stream',
    confirmClock: '2024-02-29T00:00:00Z',
    deviceClock: '2024-03-01T12:34:56Z',
  },
  {
    name: 'salt_zero_then_high_bit_sent_stripped',
    description:
      'salt bytes 00 f0 ...: 00 dropped then re-added (padHex); the server sends SALT without the leading 00 byte ' +
      'and the claim is unchanged',
    saltBytes: hx('00f0e1d2c3b4a5968778695a4b3c2d1e'),
    randomPasswordBytes: 'stream',
    deviceSaltSentAs: 'stripped',
    confirmClock: '2026-07-04T09:08:07Z',
    deviceClock: '2026-07-04T09:10:00Z',
  },
  {
    name: 'group_key_with_underscore',
    description:
      'deviceGroupKey containing "_" is hashed whole (no pool-id split); other region; verifier with top bit set',
    userPoolId: 'eu-west-2_Zz9Yy8Xx7',
    deviceKey: 'eu-west-2_f81d4fae-7dec-41d0-a765-00a0c91e6bf6',
    deviceGroupKey: '-Xy_9Kq_PL',
    saltBytes: 'search:low',
    randomPasswordBytes: 'search:verifierHighBit',
    confirmClock: '2030-09-09T09:09:09Z',
    deviceClock: '2030-09-10T10:10:10Z',
  },
  {
    name: 'verifier_low_bit',
    description: 'random password chosen so the verifier padHex has no 00 prefix (<= 384 bytes)',
    deviceGroupKey: '-ZZZZzzzz9',
    deviceKey: 'us-east-1_ffffffff-0000-4000-8000-000000000001',
    saltBytes: 'search:low',
    randomPasswordBytes: 'search:verifierLowBit',
    confirmClock: '2026-10-31T12:00:00Z',
    deviceClock: '2026-11-01T00:00:00Z',
  },
  {
    name: 'alias_username',
    description:
      'typed username is an email alias; USER_ID_FOR_SRP is a UUID: device keys are stored under the UUID, ' +
      'DEVICE_SRP_AUTH USERNAME is the UUID, and the DEVICE_PASSWORD_VERIFIER challenge carries no USERNAME',
    username: 'alice@example.com',
    userIdForSrp: '7d1e4a52-9c3b-4f60-8e21-5b9a0c6d3f18',
    password: 'correct horse battery staple',
    deviceKey: 'us-east-1_7b3c5d1e-2f4a-4b6c-9d8e-0f1a2b3c4d5e',
    deviceGroupKey: '-qRsTuVw0',
    deviceChallengeUsername: 'omit',
    saltBytes: 'search:low',
    randomPasswordBytes: 'stream',
    confirmClock: '2026-04-01T00:00:01Z',
    deviceClock: '2026-04-02T00:00:01Z',
  },
  {
    name: 'challenge_username_differs',
    description:
      'synthetic: the DEVICE_PASSWORD_VERIFIER challenge carries a USERNAME different from USER_ID_FOR_SRP; ' +
      'amazon-cognito-identity-js answers with its own USER_ID_FOR_SRP, Amplify v6 echoes the challenge USERNAME ' +
      '(the signature does not involve USERNAME)',
    deviceChallengeUsername: 'Canonical-Testuser',
    deviceKey: 'ap-southeast-2_5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
    userPoolId: 'ap-southeast-2_Qw3Er5Ty7',
    deviceGroupKey: '-Mn0pQ1rS',
    saltBytes: 'search:low',
    randomPasswordBytes: 'stream',
    confirmClock: '2027-12-31T23:59:59Z',
    deviceClock: '2028-01-01T00:00:00Z',
  },
  {
    name: 'device_u_leading_zero_byte',
    description:
      'server b searched so that the device u hash starts with 00 followed by a byte < 0x80 ' +
      '(padHex(u) is 31 bytes, used as the HKDF salt)',
    saltBytes: 'search:low',
    randomPasswordBytes: 'stream',
    serverB: 'search:u',
    confirmClock: '2026-02-03T04:05:06Z',
    deviceClock: '2026-02-03T04:05:07Z',
  },
];

function resolveCase(spec) {
  const c = { ...base, ...spec };
  const seed = (what) => new Stream(`cognito-wasm device-srp vector ${what} ${c.name}`);
  c.searchNotes = [];
  c.poolName = c.userPoolId.split('_')[1];
  if (c.saltBytes === 'search:low') {
    const s = seed('salt');
    for (;;) {
      const b = s.take(16);
      if (b[0] >= 0x10 && b[0] < 0x80) {
        c.saltBytes = b;
        break;
      }
    }
  }
  if (typeof c.randomPasswordBytes === 'string') {
    const mode = c.randomPasswordBytes;
    const s = seed('password');
    for (let i = 0; ; i++) {
      assert.ok(i < 1000, 'password search failed');
      const b = s.take(40);
      if (mode === 'stream') {
        c.randomPasswordBytes = b;
        break;
      }
      const { verifierPadHex } = refVerifier(c.deviceGroupKey, c.deviceKey, b, c.saltBytes);
      const high = verifierPadHex.startsWith('00');
      if ((mode === 'search:verifierHighBit' && high) || (mode === 'search:verifierLowBit' && !high)) {
        c.randomPasswordBytes = b;
        c.searchNotes.push(`random password bytes found after ${i + 1} candidates`);
        break;
      }
    }
  }
  assert.equal(c.saltBytes.length, 16);
  assert.equal(c.randomPasswordBytes.length, 40);

  // Random bytes for the three SRP 'a' values the library draws.
  c.confirmUserA = seed('confirm user a').take(128);
  c.deviceUserA = seed('device-sign-in user a').take(128);
  c.deviceA = seed('device a').take(128);
  c.reSignInUserA = seed('re-sign-in user a').take(128);
  c.v6UnusedHelperA = seed('amplify v6 unused helper a').take(128);

  // User-SRP server values (the library does not verify them; B = g^b mod N).
  const userServer = (what) => {
    const s = seed(`user server ${what}`);
    let salt;
    do salt = s.take(16).toString('hex');
    while (!/^[1-7]/.test(salt));
    return {
      salt,
      srpB: bhex(modPow(2n, big(s.take(32).toString('hex')), ref.N)),
      secretBlock: s.take(96).toString('base64'),
    };
  };
  c.confirmUserServer = userServer('confirm');
  c.deviceUserServer = userServer('device-sign-in');

  // Device-SRP server: a real server B = k·v + g^b mod N for the registered verifier.
  const { v, saltPadHex } = refVerifier(c.deviceGroupKey, c.deviceKey, c.randomPasswordBytes, c.saltBytes);
  c.refV = v;
  const ds = seed('device server');
  c.deviceSecretBlock = ds.take(128).toString('base64');
  const bStream = seed('device server b');
  const makeB = (b) => (ref.k * v + modPow(2n, b, ref.N)) % ref.N;
  if (c.serverB === 'search:u') {
    const A = modPow(2n, big(c.deviceA.toString('hex')), ref.N);
    let found = null;
    for (let i = 0; i < 5000 && !found; i++) {
      const b = big(bStream.take(32).toString('hex'));
      const B = makeB(b);
      if (/^00[0-7]/.test(hexSha(refPadHex(A) + refPadHex(B)))) found = { b, B, tries: i + 1 };
    }
    assert.ok(found, 'no b with u leading zero byte found');
    c.serverb = found.b;
    c.searchNotes.push(`server b found after ${found.tries} candidates`);
  } else {
    c.serverb = big(bStream.take(32).toString('hex'));
  }
  c.deviceSrpB = bhex(makeB(c.serverb));
  c.deviceSaltSent = c.deviceSaltSentAs === 'stripped' ? saltPadHex.replace(/^(00)+/, '') : saltPadHex;
  return c;
}

// ---------------------------------------------------------------------------
// Driving helpers
// ---------------------------------------------------------------------------
const b64url = (o) => Buffer.from(JSON.stringify(o), 'utf8').toString('base64url');
function fakeJwt(payload) {
  return `${b64url({ kid: 'vector', alg: 'RS256' })}.${b64url(payload)}.c2lnbmF0dXJl`;
}
function fakeTokens(c, label, nowMs) {
  const iat = Math.floor(nowMs / 1000);
  const common = { sub: c.userIdForSrp, iss: `https://cognito-idp.example/${c.userPoolId}`, iat, exp: iat + 3600 };
  return {
    AccessToken: fakeJwt({ ...common, token_use: 'access', client_id: c.clientId, username: c.userIdForSrp, jti: label }),
    IdToken: fakeJwt({ ...common, token_use: 'id', aud: c.clientId, 'cognito:username': c.userIdForSrp }),
    RefreshToken: `refresh-${label}`,
    ExpiresIn: 3600,
    TokenType: 'Bearer',
  };
}
/** JSON copy of a request (what Client.request would put on the wire) + keys whose value was undefined. */
function wire(params) {
  const undefinedKeys = [];
  const walk = (o, p) => {
    for (const [k, v] of Object.entries(o)) {
      if (v === undefined) undefinedKeys.push(p + k);
      else if (v && typeof v === 'object') walk(v, p + k + '.');
    }
  };
  walk(params, '');
  return { body: JSON.parse(JSON.stringify(params)), undefinedKeys };
}
const CAPTURED = { code: 'VectorCaptured', name: 'VectorCaptured', message: 'captured by vector generator' };

/** The fake Cognito of sign-in 1 (ends in ConfirmDevice): (op, request) -> response. */
function confirmServer(c, nowMs) {
  return (op, params) => {
    if (op === 'InitiateAuth') {
      return {
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: {
          SALT: c.confirmUserServer.salt,
          SECRET_BLOCK: c.confirmUserServer.secretBlock,
          SRP_B: c.confirmUserServer.srpB,
          USERNAME: c.userIdForSrp,
          USER_ID_FOR_SRP: c.userIdForSrp,
        },
        Session: `session-${c.name}-1`,
      };
    }
    if (op === 'RespondToAuthChallenge' && params.ChallengeName === 'PASSWORD_VERIFIER') {
      return {
        AuthenticationResult: {
          ...fakeTokens(c, `${c.name}-confirm`, nowMs),
          NewDeviceMetadata: { DeviceKey: c.deviceKey, DeviceGroupKey: c.deviceGroupKey },
        },
        ChallengeParameters: {},
      };
    }
    if (op === 'ConfirmDevice') return { UserConfirmationNecessary: c.userConfirmationNecessary };
    throw new Error('unexpected op ' + op + ' ' + JSON.stringify(params));
  };
}

/** The fake Cognito of sign-in 2 (remembered device): (op, request) -> response. */
function deviceServer(c, nowMs) {
  return (op, params) => {
    if (op === 'InitiateAuth') {
      return {
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: {
          SALT: c.deviceUserServer.salt,
          SECRET_BLOCK: c.deviceUserServer.secretBlock,
          SRP_B: c.deviceUserServer.srpB,
          USERNAME: c.userIdForSrp,
          USER_ID_FOR_SRP: c.userIdForSrp,
        },
        Session: `session-${c.name}-2`,
      };
    }
    if (op !== 'RespondToAuthChallenge') throw new Error('unexpected op ' + op);
    switch (params.ChallengeName) {
      case 'PASSWORD_VERIFIER':
        return { ChallengeName: 'DEVICE_SRP_AUTH', ChallengeParameters: {}, Session: `session-${c.name}-3` };
      case 'DEVICE_SRP_AUTH': {
        const cp = { SALT: c.deviceSaltSent, SRP_B: c.deviceSrpB, SECRET_BLOCK: c.deviceSecretBlock };
        if (c.deviceChallengeUsername === 'same') cp.USERNAME = c.userIdForSrp;
        else if (c.deviceChallengeUsername !== 'omit') cp.USERNAME = c.deviceChallengeUsername;
        cp.DEVICE_KEY = c.deviceKey;
        return { ChallengeName: 'DEVICE_PASSWORD_VERIFIER', ChallengeParameters: cp, Session: `session-${c.name}-4` };
      }
      case 'DEVICE_PASSWORD_VERIFIER':
        return { AuthenticationResult: fakeTokens(c, `${c.name}-device`, nowMs), ChallengeParameters: {} };
      default:
        throw new Error('unexpected challenge ' + params.ChallengeName);
    }
  };
}

const opName = (q) => q.op + (q.body.ChallengeName ? ':' + q.body.ChallengeName : '');
const responseName = (op, params) =>
  op === 'RespondToAuthChallenge'
    ? { PASSWORD_VERIFIER: 'PasswordVerifier', DEVICE_SRP_AUTH: 'DeviceSrpAuth', DEVICE_PASSWORD_VERIFIER: 'DevicePasswordVerifier' }[params.ChallengeName]
    : op;

/** Runs CognitoUser.authenticateUser against `server`; returns requests, responses and the outcome. */
function runLibrarySignIn(c, { clockMs, storage, random, server, user: existing }) {
  clock.now = clockMs;
  const pool = new CognitoUserPool({ UserPoolId: c.userPoolId, ClientId: c.clientId, Storage: storage });
  const requests = [];
  const responses = {};
  pool.client.request = (op, params, cb) => {
    requests.push({ op, ...wire(params) });
    return cb(null, (responses[responseName(op, params)] = server(op, params)));
  };
  const user = existing || new CognitoUser({ Username: c.username, Pool: pool, Storage: storage });
  const r = armRng(random);
  let success = null;
  user.authenticateUser(new AuthenticationDetails({ Username: c.username, Password: c.password }), {
    onSuccess: (session, userConfirmationNecessary) => {
      success = { userConfirmationNecessary: userConfirmationNecessary ?? null };
    },
    onFailure: (e) => {
      throw e;
    },
  });
  disarmRng();
  clock.now = null;
  assert.ok(success, 'library sign-in did not succeed');
  return { rng: r, requests, responses, user, success };
}

/** Step 1: sign-in that ends in ConfirmDevice. */
function runConfirmDevice(c) {
  const storage = memStorage();
  const clockMs = iso(c.confirmClock);
  const f = runLibrarySignIn(c, {
    clockMs,
    storage,
    random: Buffer.concat([c.confirmUserA, c.randomPasswordBytes, c.saltBytes]),
    server: confirmServer(c, clockMs),
  });
  assert.equal(f.rng.words.length, 32 + 10 + 4);
  assert.deepEqual(f.requests.map(opName), ['InitiateAuth', 'RespondToAuthChallenge:PASSWORD_VERIFIER', 'ConfirmDevice']);
  return { ...f, storage };
}

/** Step 2: fresh CognitoUser on the same storage, full device sign-in. */
function runDeviceSignIn(c, storage) {
  const clockMs = iso(c.deviceClock);
  const f = runLibrarySignIn(c, {
    clockMs,
    storage,
    random: Buffer.concat([c.deviceUserA, c.deviceA]),
    server: deviceServer(c, clockMs),
  });
  assert.deepEqual(f.requests.map(opName), [
    'InitiateAuth',
    'RespondToAuthChallenge:PASSWORD_VERIFIER',
    'RespondToAuthChallenge:DEVICE_SRP_AUTH',
    'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
  ]);
  return f;
}

/** Amplify v6: the same two sign-ins through signIn()/signOut() with a fake fetch. */
async function runAmplifyV6(c) {
  const store = new Map();
  const storage = {
    setItem: async (k, v) => void store.set(k, String(v)),
    getItem: async (k) => (store.has(k) ? store.get(k) : null),
    removeItem: async (k) => void store.delete(k),
    clear: async () => store.clear(),
  };
  Amplify.configure({ Auth: { Cognito: { userPoolId: c.userPoolId, userPoolClientId: c.clientId } } });
  cognitoUserPoolsTokenProvider.setKeyValueStorage(storage);
  let server = null;
  let requests = [];
  globalThis.fetch = async (url, init) => {
    const op = String(init.headers['x-amz-target']).replace('AWSCognitoIdentityProviderService.', '');
    const body = JSON.parse(init.body);
    let out;
    if (op === 'RevokeToken' || op === 'GlobalSignOut') out = {};
    else {
      requests.push({ op, body });
      out = server(op, body);
    }
    return new Response(JSON.stringify(out), {
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'vector' },
    });
  };
  const signInOnce = async (clockMs, random, srv) => {
    clock.now = clockMs;
    server = srv;
    requests = [];
    const r = armRng(random);
    const out = await v6auth.signIn({ username: c.username, password: c.password });
    disarmRng();
    assert.deepEqual(out, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    const reqs = requests;
    await v6auth.signOut();
    clock.now = null;
    return { rng: r, requests: reqs };
  };
  const confirmMs = iso(c.confirmClock);
  const s1 = await signInOnce(
    confirmMs,
    Buffer.concat([c.confirmUserA, c.v6UnusedHelperA, c.randomPasswordBytes, c.saltBytes]),
    confirmServer(c, confirmMs)
  );
  const stored = Object.fromEntries([...store.entries()].filter(([k]) => /\.(deviceKey|deviceGroupKey|randomPasswordKey)$/.test(k)));
  const deviceMs = iso(c.deviceClock);
  const s2 = await signInOnce(deviceMs, Buffer.concat([c.deviceUserA, c.deviceA]), deviceServer(c, deviceMs));
  await Promise.resolve();
  return { s1, s2, stored };
}

/** The step-1 CognitoUser signs in again: its InitiateAuth now carries DEVICE_KEY. */
function runReSignIn(c, user) {
  clock.now = iso(c.deviceClock);
  let captured = null;
  user.client.request = (op, params, cb) => {
    captured = wire(params);
    return cb(CAPTURED, null);
  };
  armRng(c.reSignInUserA);
  let failure = null;
  user.authenticateUser(new AuthenticationDetails({ Username: c.username, Password: c.password }), {
    onSuccess: () => {
      throw new Error('unexpected success');
    },
    onFailure: (e) => {
      failure = e;
    },
  });
  disarmRng();
  clock.now = null;
  assert.equal(failure && failure.code, 'VectorCaptured');
  return captured;
}

/** Helper path: generateHashDevice on an AuthenticationHelper, as CognitoUser does. */
function runVerifierHelper(c) {
  const r = armRng(Buffer.concat([c.confirmUserA, c.randomPasswordBytes, c.saltBytes]));
  const h = new AuthenticationHelper(c.poolName);
  cbSync((cb) => h.generateHashDevice(c.deviceGroupKey, c.deviceKey, cb));
  disarmRng();
  const randomPassword = h.getRandomPassword();
  const saltPadHex = h.getSaltDevices();
  const verifierPadHex = h.getVerifierDevices();
  const userPassHash = h.hash(`${c.deviceGroupKey}${c.deviceKey}:${randomPassword}`);
  const xHash = h.hexHash(saltPadHex + userPassHash);
  return { rng: r, randomPassword, saltPadHex, verifierPadHex, userPassHash, xHash };
}

/** Helper path: device password claim through AuthenticationHelper(deviceGroupKey). */
function runDeviceClaimHelper(c, randomPassword) {
  const BigInteger = ref.BigInteger;
  clock.now = iso(c.deviceClock);
  armRng(c.deviceA);
  const h = new AuthenticationHelper(c.deviceGroupKey);
  disarmRng();
  const A = cbSync((cb) => h.getLargeAValue(cb));
  const B = new BigInteger(c.deviceSrpB, 16);
  const salt = new BigInteger(c.deviceSaltSent, 16);
  const hkdf = cbSync((cb) => h.getPasswordAuthenticationKey(c.deviceKey, randomPassword, B, salt, cb));
  const u = h.UValue;
  const userPassHash = h.hash(`${c.deviceGroupKey}${c.deviceKey}:${randomPassword}`);
  const xHash = h.hexHash(h.padHex(salt) + userPassHash);
  const x = new BigInteger(xHash, 16);
  const S = cbSync((cb) => h.calculateS(x, B, cb));
  const hkdf2 = h.computehkdf(Buffer.from(h.padHex(S), 'hex'), Buffer.from(h.padHex(u), 'hex'));
  assert.equal(Buffer.from(hkdf2).toString('hex'), Buffer.from(hkdf).toString('hex'));
  const timestamp = new DateHelper().getNowString();
  const signature = createHmac('sha256', Buffer.from(hkdf))
    .update(
      Buffer.concat([
        Buffer.from(c.deviceGroupKey, 'utf8'),
        Buffer.from(c.deviceKey, 'utf8'),
        Buffer.from(c.deviceSecretBlock, 'base64'),
        Buffer.from(timestamp, 'utf8'),
      ])
    )
    .digest('base64');
  clock.now = null;
  return {
    a: h.smallAValue.toString(16),
    A: A.toString(16),
    B: B.toString(16),
    salt: salt.toString(16),
    uHash: h.UHexHash,
    u: u.toString(16),
    userPassHash,
    xHash,
    x: x.toString(16),
    S: S.toString(16),
    hkdfKey: Buffer.from(hkdf).toString('hex'),
    timestamp,
    signature,
    padHex: { A: h.padHex(A), B: h.padHex(B), S: h.padHex(S), u: h.padHex(u), salt: h.padHex(salt) },
  };
}

/** Independent recomputation of the verifier and the claim, plus the server's side of SRP. */
function crossCheck(c, ver, claim) {
  const rv = refVerifier(c.deviceGroupKey, c.deviceKey, c.randomPasswordBytes, c.saltBytes);
  assert.equal(rv.randomPassword, ver.randomPassword, 'randomPassword');
  assert.equal(rv.saltPadHex, ver.saltPadHex, 'salt padHex');
  assert.equal(rv.xHash, ver.xHash, 'verifier x');
  assert.equal(rv.verifierPadHex, ver.verifierPadHex, 'verifier');
  const N = ref.N;
  const a = big(claim.a);
  const A = modPow(2n, a, N);
  assert.equal(bhex(A), claim.A, 'A');
  const B = big(c.deviceSrpB);
  const uHash = hexSha(refPadHex(A) + refPadHex(B));
  assert.equal(uHash, claim.uHash, 'uHash');
  const u = big(uHash);
  const xHash = hexSha(refPadHex(big(c.deviceSaltSent)) + utf8Sha(`${c.deviceGroupKey}${c.deviceKey}:${rv.randomPassword}`));
  assert.equal(xHash, claim.xHash, 'claim x');
  assert.equal(xHash, rv.xHash, 'claim x uses the registered verifier x');
  const x = big(xHash);
  const S = modPow(B - ref.k * modPow(2n, x, N), a + u * x, N);
  assert.equal(bhex(S), claim.S, 'S');
  // The server side: S = (A · v^u)^b mod N. Equal only if verifier and claim agree.
  const serverS = modPow(A * modPow(c.refV, u, N), c.serverb, N);
  assert.equal(bhex(serverS), claim.S, 'server S (verifier/claim consistency)');
  const prk = createHmac('sha256', Buffer.from(refPadHex(u), 'hex')).update(Buffer.from(refPadHex(S), 'hex')).digest();
  const okm = createHmac('sha256', prk).update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])])).digest();
  assert.equal(okm.subarray(0, 16).toString('hex'), claim.hkdfKey, 'hkdf');
  return { serverS: bhex(serverS) };
}

const wordsHex = (r) => r.words.map((w) => w.toString(16).padStart(8, '0')).join('');

async function buildCase(spec) {
  const c = resolveCase(spec);
  const ver = runVerifierHelper(c);
  const claim = runDeviceClaimHelper(c, ver.randomPassword);
  const xc = crossCheck(c, ver, claim);
  const f1 = runConfirmDevice(c);
  const keyPrefix = `CognitoIdentityServiceProvider.${c.clientId}.${c.userIdForSrp}`;
  const stored = {
    [`${keyPrefix}.deviceKey`]: f1.storage.getItem(`${keyPrefix}.deviceKey`),
    [`${keyPrefix}.deviceGroupKey`]: f1.storage.getItem(`${keyPrefix}.deviceGroupKey`),
    [`${keyPrefix}.randomPasswordKey`]: f1.storage.getItem(`${keyPrefix}.randomPasswordKey`),
  };
  const storageKeys = [...f1.storage.map.keys()].sort();
  const f2 = runDeviceSignIn(c, f1.storage);
  const again = runReSignIn(c, f1.user);

  // Helper path and flow must agree.
  const confirm = f1.requests[2].body;
  const cfg = confirm.DeviceSecretVerifierConfig;
  assert.equal(cfg.Salt, Buffer.from(ver.saltPadHex, 'hex').toString('base64'));
  assert.equal(cfg.PasswordVerifier, Buffer.from(ver.verifierPadHex, 'hex').toString('base64'));
  assert.equal(confirm.DeviceName, USER_AGENT);
  assert.equal(confirm.DeviceKey, c.deviceKey);
  assert.equal(stored[`${keyPrefix}.randomPasswordKey`], ver.randomPassword);
  assert.equal(stored[`${keyPrefix}.deviceKey`], c.deviceKey);
  assert.equal(stored[`${keyPrefix}.deviceGroupKey`], c.deviceGroupKey);
  const [init2, pv2, dsa, dpv] = f2.requests.map((q) => q.body);
  assert.equal(dsa.ChallengeResponses.SRP_A, claim.A);
  assert.equal(dpv.ChallengeResponses.PASSWORD_CLAIM_SIGNATURE, claim.signature, 'signature helper vs flow');
  assert.equal(dpv.ChallengeResponses.TIMESTAMP, claim.timestamp);
  assert.equal(dpv.ChallengeResponses.DEVICE_KEY, c.deviceKey);
  assert.equal(pv2.ChallengeResponses.DEVICE_KEY, c.deviceKey);
  assert.ok(!('DEVICE_KEY' in init2.AuthParameters), 'fresh CognitoUser: InitiateAuth has no DEVICE_KEY');
  assert.equal(again.body.AuthParameters.DEVICE_KEY, c.deviceKey, 'same object: InitiateAuth has DEVICE_KEY');
  assert.equal(f2.rng.words.length, 64);

  // Amplify v6 on the same inputs: same verifier, same claim.
  const v6 = await runAmplifyV6(c);
  assert.deepEqual(v6.s1.requests.map(opName), ['InitiateAuth', 'RespondToAuthChallenge:PASSWORD_VERIFIER', 'ConfirmDevice']);
  assert.deepEqual(v6.s2.requests.map(opName), f2.requests.map(opName));
  const v6confirm = v6.s1.requests[2].body;
  assert.deepEqual(v6confirm.DeviceSecretVerifierConfig, cfg, 'v6 verifier config');
  assert.deepEqual(v6.stored, stored, 'v6 stores the same device keys');
  const v6dpv = v6.s2.requests[3].body.ChallengeResponses;
  assert.equal(v6dpv.PASSWORD_CLAIM_SIGNATURE, claim.signature, 'v6 signature');
  assert.equal(v6dpv.TIMESTAMP, claim.timestamp);
  assert.equal(v6.s2.requests[2].body.ChallengeResponses.SRP_A, claim.A);

  const vWords = ver.rng.words;
  return {
    name: c.name,
    description: c.description,
    ...(c.searchNotes.length ? { searchNotes: c.searchNotes } : {}),
    generator: `amazon-cognito-identity-js@${libVersion}`,
    inputs: {
      userPoolId: c.userPoolId,
      poolName: c.poolName,
      clientId: c.clientId,
      username: c.username,
      userIdForSrp: c.userIdForSrp,
      password: c.password,
      deviceKey: c.deviceKey,
      deviceGroupKey: c.deviceGroupKey,
      navigatorUserAgent: USER_AGENT,
    },
    confirmDevice: {
      clockEpochMs: iso(c.confirmClock),
      clockIso: new RealDate(iso(c.confirmClock)).toISOString(),
      random: {
        note:
          'draw order: 128 bytes for the user-SRP a, then 40 for the random password, then 16 for the salt; ' +
          'the *Bytes fields are the bytes the library uses (its randomBytes(n) result)',
        userSrpARandomHex: c.confirmUserA.toString('hex'),
        randomPasswordBytes: c.randomPasswordBytes.toString('hex'),
        saltBytes: c.saltBytes.toString('hex'),
        getRandomValuesBytes: Buffer.concat(ver.rng.raw).toString('hex'),
        randomUint32Words: vWords,
      },
      intermediates: {
        randomPassword: ver.randomPassword,
        userPassHash: ver.userPassHash,
        saltPadHex: ver.saltPadHex,
        xHash: ver.xHash,
        verifierPadHex: ver.verifierPadHex,
      },
      serverResponses: f1.responses,
      requests: f1.requests,
      outputs: {
        deviceSecretVerifierConfig: cfg,
        deviceName: confirm.DeviceName,
        storedDeviceKeys: stored,
        storageKeys,
        onSuccessUserConfirmationNecessary: f1.success.userConfirmationNecessary,
      },
    },
    deviceSignIn: {
      clockEpochMs: iso(c.deviceClock),
      clockIso: new RealDate(iso(c.deviceClock)).toISOString(),
      random: {
        note: 'draw order: 128 bytes for the user-SRP a, then 128 bytes for the device-SRP a',
        userSrpARandomHex: c.deviceUserA.toString('hex'),
        deviceARandomHex: c.deviceA.toString('hex'),
        getRandomValuesBytes: Buffer.concat(f2.rng.raw).toString('hex'),
      },
      server: {
        note: 'B = (k·v + g^b) mod N for the registered verifier v; SALT is the registered salt as hex',
        b: bhex(c.serverb),
        salt: c.deviceSaltSent,
        srpB: c.deviceSrpB,
        secretBlock: c.deviceSecretBlock,
        challengeUsername: c.deviceChallengeUsername === 'same' ? c.userIdForSrp : c.deviceChallengeUsername === 'omit' ? null : c.deviceChallengeUsername,
      },
      intermediates: {
        a: claim.a,
        A: claim.A,
        B: claim.B,
        salt: claim.salt,
        uHash: claim.uHash,
        u: claim.u,
        userPassHash: claim.userPassHash,
        xHash: claim.xHash,
        x: claim.x,
        S: claim.S,
        serverS: xc.serverS,
        hkdfKey: claim.hkdfKey,
      },
      padHex: claim.padHex,
      serverResponses: f2.responses,
      requests: f2.requests,
      outputs: {
        srpA: claim.A,
        timestamp: claim.timestamp,
        passwordClaimSignature: claim.signature,
        devicePasswordVerifierChallengeResponses: dpv.ChallengeResponses,
      },
    },
    sameObjectReSignIn: {
      note: 'the CognitoUser object that confirmed the device signs in again: deviceKey is in memory',
      initiateAuthRequest: again,
    },
    amplifyV6: {
      generator: `aws-amplify@${amplifyVersion} (@aws-amplify/auth@${amplifyAuthVersion})`,
      note:
        'signIn() then signOut() twice against the same fake server, storage and random bytes; v6 draws an ' +
        'extra 128 bytes (a fresh, unused SRP helper) before the device password and salt',
      confirmDevice: {
        unusedHelperARandomHex: c.v6UnusedHelperA.toString('hex'),
        requests: v6.s1.requests,
        storedDeviceKeys: v6.stored,
      },
      deviceSignIn: { requests: v6.s2.requests },
    },
    flags: {
      saltHighBit: ver.saltPadHex.startsWith('00'),
      saltBytesLeadingZero: c.saltBytes[0] === 0,
      saltPadHexBytes: ver.saltPadHex.length / 2,
      verifierPadHexBytes: ver.verifierPadHex.length / 2,
      verifierHighBit: ver.verifierPadHex.startsWith('00'),
      randomPasswordHasPlusOrSlash: /[+/]/.test(ver.randomPassword),
      deviceGroupKeyHasUnderscore: c.deviceGroupKey.includes('_'),
      deviceSaltSentStripped: c.deviceSaltSent !== ver.saltPadHex,
      uHashLeadingZeroByte: claim.uHash.startsWith('00'),
      uPadHexBytes: claim.padHex.u.length / 2,
      SPadHexBytes: claim.padHex.S.length / 2,
      typedUsernameDiffers: c.username !== c.userIdForSrp,
    },
  };
}

const cases = [];
for (const spec of caseSpecs) cases.push(await buildCase(spec));
// Coverage of the edge cases the Rust tests rely on.
for (const flag of ['saltHighBit', 'saltBytesLeadingZero', 'verifierHighBit', 'randomPasswordHasPlusOrSlash', 'deviceGroupKeyHasUnderscore', 'deviceSaltSentStripped', 'uHashLeadingZeroByte']) {
  assert.ok(cases.some((k) => k.flags[flag]), `no case with ${flag}`);
}
assert.ok(cases.some((k) => !k.flags.verifierHighBit), 'no case with verifier top bit clear');
const json = JSON.stringify(cases, null, 2) + '\n';

if (CHECK) {
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {
    console.error(`device-srp.json missing at ${OUT}`);
    process.exit(1);
  }
  if (current !== json) {
    console.error('tests/vectors/device-srp.json is out of date; run `npm run vectors:device`');
    process.exit(1);
  }
  console.log(`device-srp.json up to date (${cases.length} cases)`);
} else {
  writeFileSync(OUT, json);
  console.log(`wrote ${OUT} (${cases.length} cases)`);
}
