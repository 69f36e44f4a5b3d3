#!/usr/bin/env node
// What the typed core (src/codec, src/wire, src/flows) costs a page: builds its wasm
// (feature `engine-v2`, src/wasm_v2.rs: sign-in, sign-up, session, refresh, sign-out)
// as scripts/build.sh builds it for the package, and prints raw, gzip -9 and brotli
// bytes of the module and its JavaScript glue.
//
//   node bench/v2-size.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sizes } from './bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'target', 'v2');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib', '--no-default-features', '--features', 'engine-v2', '--target-dir', out]);
mkdirSync(join(out, 'bindgen'), { recursive: true });
run('wasm-bindgen', ['--target', 'web', '--omit-default-module-path', '--out-dir', join(out, 'bindgen'), '--out-name', 'cognito_wasm_v2', join(out, 'wasm32-unknown-unknown', 'release', 'cognito_wasm.wasm')]);
run(join(root, 'node_modules', '.bin', 'wasm-opt'), ['-Oz', '--strip-debug', '--strip-producers', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', join(out, 'bindgen', 'cognito_wasm_v2_bg.wasm'), '-o', join(out, 'bindgen', 'opt.wasm')]);
for (const [label, file] of [['wasm (typed core)', 'opt.wasm'], ['glue JS', 'cognito_wasm_v2.js']]) {
  const s = sizes(readFileSync(join(out, 'bindgen', file)));
  console.log(`${label.padEnd(28)} raw ${String(s.raw).padStart(7)}  gzip ${String(s.gzip).padStart(6)}  brotli ${String(s.brotli).padStart(6)}`);
}
