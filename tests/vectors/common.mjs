// What both vector generators (gen-srp-vectors.mjs, gen-device-srp-vectors.mjs) need:
// deterministic byte streams, a pinnable clock, and small reference helpers.
// Importing this module installs the clock, before either generator loads the library.
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';

export function sha256(buf) {
  return createHash('sha256').update(buf).digest();
}

/** SHA-256 counter-mode stream: block_i = SHA256(utf8(seed) || u32be(i)). */
export class Stream {
  /** `zeroPrefix` zero bytes come first (a short `a` inside the SDK's 128 bytes). */
  constructor(seed, zeroPrefix = 0) {
    this.seed = seed;
    this.counter = 0;
    this.buf = Buffer.alloc(zeroPrefix);
  }
  take(n) {
    while (this.buf.length < n) {
      const ctr = Buffer.alloc(4);
      ctr.writeUInt32BE(this.counter++);
      this.buf = Buffer.concat([this.buf, sha256(Buffer.concat([Buffer.from(this.seed, 'utf8'), ctr]))]);
    }
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return Buffer.from(out);
  }
}

// Fixed clock: while `clock.now` is set, `new Date()` / Date.now() return it.
export const RealDate = Date;
export const clock = { now: null };
class FixedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0 && clock.now !== null) super(clock.now);
    else super(...args);
  }
  static now() {
    return clock.now !== null ? clock.now : RealDate.now();
  }
}
globalThis.Date = FixedDate;

/** The SDKs' padHex, on a BigInt (reference for cross-checks). */
export function refPadHex(x) {
  assert.ok(x >= 0n);
  let s = x.toString(16);
  if (s.length % 2) s = '0' + s;
  if (/^[89a-f]/.test(s)) s = '00' + s;
  return s;
}

export function modPow(b, e, m) {
  b = ((b % m) + m) % m;
  let r = 1n;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

/** Runs a callback-style library call that must complete synchronously. */
export function cbSync(fn) {
  let out;
  let done = false;
  fn((err, v) => {
    if (err) throw err;
    out = v;
    done = true;
  });
  assert.ok(done, 'library callback was not invoked synchronously');
  return out;
}

/** A Storage-like object over a Map (`map` exposed for inspection). */
export function memStorage() {
  const m = new Map();
  return {
    map: m,
    setItem: (k, v) => m.set(k, String(v)),
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    removeItem: (k) => m.delete(k),
    clear: () => m.clear(),
  };
}
