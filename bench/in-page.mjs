// Functions that run inside the benchmark pages (passed to page.evaluate / addInitScript).
// They must be self-contained: no closures over Node variables.

/**
 * One sign-in against a stub transport with fixed randomness and a fixed clock, so the
 * only work done is the SRP math (plus each library's glue). The stub answers InitiateAuth
 * with the PASSWORD_VERIFIER challenge from the vector and RespondToAuthChallenge with
 * NotAuthorizedException, so nothing is stored. Works for all three libraries: they all
 * call the global fetch (cognito-wasm with a Request, the others with url + init).
 *
 * Randomness: the vector's `a` is the big-endian 128-byte string smallARandomHex. Each
 * library draws exactly 128 bytes: Amplify and identity-js as 32 x Uint32Array(1) (each
 * word read as a number and written out big-endian), cognito-wasm as one Uint8Array(128)
 * (taken as big-endian bytes). So the stub serves one logical big-endian byte stream and
 * stores every element of a wider array big-endian-as-a-number (byte-swapped in memory on
 * this little-endian host); see /tmp/notes/srp-notes.md "Randomness".
 */
export async function srpStubRun(v) {
  const hexBytes = (h) => Uint8Array.from(h.match(/../g), (b) => parseInt(b, 16));
  const stream = hexBytes(v.smallARandomHex);
  let pos = 0;
  const draws = [];
  const crypto = window.crypto;
  const realGetRandomValues = Object.getOwnPropertyDescriptor(crypto, 'getRandomValues');
  const protoGetRandomValues = Crypto.prototype.getRandomValues;
  const realFetch = window.fetch;
  const RealDate = window.Date;
  const marks = {};
  const captured = {};

  Object.defineProperty(crypto, 'getRandomValues', {
    configurable: true,
    writable: true,
    value(arr) {
      const size = arr.BYTES_PER_ELEMENT;
      draws.push(arr.byteLength);
      if (pos + arr.byteLength > stream.length) {
        // Not part of the SRP draw: real randomness, and it is reported.
        return protoGetRandomValues.call(crypto, arr);
      }
      const view = new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
      for (let i = 0; i < arr.length; i++) {
        for (let j = 0; j < size; j++) view[i * size + j] = stream[pos + i * size + (size - 1 - j)];
      }
      pos += arr.byteLength;
      return arr;
    },
  });

  class FixedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(v.clockEpochMs);
      else super(...args);
    }
    static now() {
      return v.clockEpochMs;
    }
  }
  const json = (status, body, extra = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'bench-stub', ...extra },
    });
  window.fetch = async (input, init) => {
    const t = performance.now();
    const req = input instanceof Request ? input : new Request(input, init);
    const op = (req.headers.get('x-amz-target') || '').split('.').pop();
    marks[op] = t;
    const body = JSON.parse(await req.text());
    if (op === 'InitiateAuth') {
      captured.initiate = body;
      const res = json(200, {
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: {
          SALT: v.salt,
          SECRET_BLOCK: v.secretBlock,
          SRP_B: v.srpB,
          USERNAME: v.userIdForSrp,
          USER_ID_FOR_SRP: v.userIdForSrp,
        },
        Session: 'bench-session',
      });
      marks.initiateAnswered = performance.now();
      return res;
    }
    if (op === 'RespondToAuthChallenge') captured.respond = body;
    else captured.other = (captured.other ?? []).concat(op);
    return json(
      400,
      { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' },
      { 'x-amzn-errortype': 'NotAuthorizedException:' },
    );
  };
  window.Date = FixedDate;

  let err = null;
  const t0 = performance.now();
  try {
    await window.benchApp.signIn(v.username, v.password);
  } catch (e) {
    err = e?.name || e?.code || String(e);
  }
  const t1 = performance.now();

  window.Date = RealDate;
  window.fetch = realFetch;
  if (realGetRandomValues) Object.defineProperty(crypto, 'getRandomValues', realGetRandomValues);
  else delete crypto.getRandomValues;

  const cr = captured.respond?.ChallengeResponses ?? {};
  return {
    totalMs: t1 - t0,
    // g^a before the first request; the proof (x, u, S, HKDF, HMAC) between the two.
    beforeFirstMs: marks.InitiateAuth - t0,
    betweenMs: marks.RespondToAuthChallenge - marks.initiateAnswered,
    error: err,
    srpA: captured.initiate?.AuthParameters?.SRP_A ?? null,
    signature: cr.PASSWORD_CLAIM_SIGNATURE ?? null,
    timestamp: cr.TIMESTAMP ?? null,
    secretBlockEcho: cr.PASSWORD_CLAIM_SECRET_BLOCK === v.secretBlock,
    randomBytesUsed: pos,
    randomDraws: draws.length,
    extraRandomBytes: draws.reduce((a, b) => a + b, 0) - pos,
    otherOps: captured.other ?? [],
  };
}

/** A timed real sign-in (ministack), measured in the page. */
export async function timedSignIn([username, password]) {
  const t0 = performance.now();
  try {
    const res = await window.benchApp.signIn(username, password);
    return { ms: performance.now() - t0, res };
  } catch (e) {
    return { ms: performance.now() - t0, error: { name: e?.name || e?.code, message: e?.message } };
  }
}

/** sign-in → getCurrentUser → fetchAuthSession → signOut, checked; for the memory run and the smoke test. */
export async function fullFlow([username, password]) {
  const app = window.benchApp;
  const r = await app.signIn(username, password);
  const user = await app.getCurrentUser();
  const session = await app.fetchAuthSession();
  await app.signOut();
  let after = 'still signed in';
  try {
    await app.getCurrentUser();
  } catch {
    after = 'signed out';
  }
  return { isSignedIn: r.isSignedIn, username: user.username, userId: user.userId, sub: session.sub, hasAccess: !!session.accessToken, after };
}

/** signUp → confirmSignUp (ministack's code is always 123456) → the full flow. */
export async function signUpFlow([username, password, email]) {
  const app = window.benchApp;
  const up = await app.signUp(username, password, email);
  await app.confirmSignUp(username, '123456');
  return { signUpStep: up.nextStep?.signUpStep, userId: up.userId };
}

/** Installed before any page script in the memory run: records every wasm Memory created. */
export function captureWasmMemories() {
  const mems = (window.__benchWasmMemories = []);
  const grab = (instance) => {
    for (const v of Object.values(instance?.exports ?? {})) if (v instanceof WebAssembly.Memory && !mems.includes(v)) mems.push(v);
  };
  const RealInstance = WebAssembly.Instance;
  WebAssembly.Instance = new Proxy(RealInstance, {
    construct(target, args, newTarget) {
      const i = Reflect.construct(target, args, newTarget === WebAssembly.Instance ? target : newTarget);
      grab(i);
      return i;
    },
  });
  const wrap = (name) => {
    const real = WebAssembly[name];
    if (!real) return;
    WebAssembly[name] = function (...args) {
      return real.apply(this, args).then((r) => {
        grab(r instanceof RealInstance ? r : r.instance);
        return r;
      });
    };
  };
  wrap('instantiate');
  wrap('instantiateStreaming');
  const RealMemory = WebAssembly.Memory;
  WebAssembly.Memory = new Proxy(RealMemory, {
    construct(target, args, newTarget) {
      const m = Reflect.construct(target, args, newTarget === WebAssembly.Memory ? target : newTarget);
      mems.push(m);
      return m;
    },
  });
}

export function wasmMemoryBytes() {
  return (window.__benchWasmMemories ?? []).reduce((n, m) => n + m.buffer.byteLength, 0);
}
