#!/usr/bin/env node
// The package's modules one by one (pkg/, built by scripts/build.sh): each wasm module
// as it is once unpacked, and each JavaScript file as esbuild minifies it on its own;
// raw, gzip -9 and brotli bytes. What an app downloads depends on what it calls (see
// run.mjs for the small app); this is the cost of each piece.
//
//   node bench/modules.mjs [--json]
import { readFileSync, readdirSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { root, sizes } from './bundle.mjs';

const pkg = join(root, 'pkg');
const unpacked = (file) => {
  const m = /wasmBase64\s*=\s*"([A-Za-z0-9+/=]+)"/.exec(readFileSync(join(pkg, file), 'utf8'));
  return inflateRawSync(Buffer.from(m[1], 'base64'));
};
const inflateWasm = () => Buffer.from(/INFLATE_WASM = '([A-Za-z0-9+/=]+)'/.exec(readFileSync(join(pkg, 'inflate.js'), 'utf8'))[1], 'base64');
const rows = [
  ['wasm: typed core (password sign-in, devices, session, refresh)', unpacked('cognito_wasm_v2_inline.js')],
  ['wasm: steps (challenges, MFA set-up, sign-up)', unpacked('cognito_wasm_steps_inline.js')],
  ['wasm: oauth (hosted UI)', unpacked('cognito_wasm_oauth_inline.js')],
  ['wasm: identity (identity pool credentials)', unpacked('cognito_wasm_identity_inline.js')],
  ['wasm: account calls (attributes, passwords, TOTP)', unpacked('cognito_wasm_account_inline.js')],
  ['wasm: inflate (only without DecompressionStream)', inflateWasm()],
];
for (const f of readdirSync(pkg).filter((f) => f.endsWith('.js') && !f.endsWith('_inline.js')).sort()) {
  const code = transformSync(readFileSync(join(pkg, f), 'utf8'), { minify: true, format: 'esm', legalComments: 'none' }).code;
  rows.push([`js: ${f} (minified${f === 'inflate.js' ? ', with its wasm' : ''})`, Buffer.from(code)]);
}
const out = rows.map(([label, buf]) => ({ label, ...sizes(buf) }));
if (process.argv.includes('--json')) console.log(JSON.stringify(out, null, 2));
else {
  const pad = (v, n) => String(v).padStart(n);
  console.log(`${'module'.padEnd(52)} ${pad('raw', 8)} ${pad('gzip', 7)} ${pad('brotli', 7)}`);
  for (const r of out) console.log(`${r.label.padEnd(52)} ${pad(r.raw, 8)} ${pad(r.gzip, 7)} ${pad(r.brotli, 7)}`);
}
