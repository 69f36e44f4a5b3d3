// The package's inflate (pkg/inflate.js: the inflate/ crate's wasm, inlined) against
// Node's zlib: stored, fixed-Huffman and dynamic-Huffman blocks, and the real modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync, inflateRawSync, constants } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inflate } from '../../pkg/inflate.js';

const roundTrip = (data, opts) => {
  const packed = deflateRawSync(data, opts);
  assert.deepEqual(Buffer.from(inflate(packed, data.length)), Buffer.from(data));
};

test('stored, fixed and dynamic blocks round-trip', () => {
  const text = Buffer.from('cognito-wasm '.repeat(5000) + 'the end');
  roundTrip(text, { level: 9 });
  roundTrip(text, { level: 0 }); // stored blocks
  roundTrip(Buffer.from('abc'), { level: 9 }); // a tiny input gets a fixed-Huffman block
  roundTrip(Buffer.from('abc'), { level: 9, strategy: constants.Z_FIXED });
  roundTrip(text, { level: 9, strategy: constants.Z_HUFFMAN_ONLY });
  roundTrip(text, { level: 1, strategy: constants.Z_RLE });
  roundTrip(randomBytes(70_000), { level: 9 }); // incompressible: stored
  roundTrip(Buffer.alloc(0), { level: 9 });
  const mixed = Buffer.concat([randomBytes(1000), Buffer.alloc(40_000, 7), randomBytes(3000), text]);
  roundTrip(mixed, { level: 6 });
});

test('every built wasm module round-trips', () => {
  for (const m of ['v2', 'steps', 'oauth', 'identity', 'account']) roundTrip(readFileSync(`target/bindgen/cognito_wasm_${m}_opt.wasm`), { level: 9 });
});

test('every module as shipped (Zopfli-packed, in pkg/) unpacks to what zlib unpacks it to', () => {
  for (const m of ['v2', 'steps', 'oauth', 'identity', 'account']) {
    const src = readFileSync(new URL(`../../pkg/cognito_wasm_${m}_inline.js`, import.meta.url), 'utf8');
    const size = Number(/wasmSize = (\d+)/.exec(src)[1]);
    const packed = Buffer.from(/wasmBase64 = "([^"]+)"/.exec(src)[1], 'base64');
    const want = inflateRawSync(packed);
    assert.equal(want.length, size, m);
    assert.deepEqual(Buffer.from(inflate(packed, size)), want, m);
  }
});

test('corrupt data is an error, not garbage', () => {
  const packed = deflateRawSync(Buffer.from('hello hello hello hello'), { level: 9 });
  assert.throws(() => inflate(packed, 5), /corrupt/);
  assert.throws(() => inflate(Buffer.from([0xff, 0xff, 0xff]), 10));
});
