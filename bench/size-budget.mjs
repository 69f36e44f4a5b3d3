#!/usr/bin/env node
// Checks the size of the built package (pkg/) against bench/size-budget.json and exits 1 if
// anything is over budget. For CI; needs Node, esbuild (a dev dependency) and a built pkg/
// (bash scripts/build.sh).
//
//   node bench/size-budget.mjs            # check
//   node bench/size-budget.mjs --write    # set every budget to the current size + 5%
//
// Measured, gzip -9 unless said: each wasm module (decoded from its pkg/cognito_wasm_*_inline.js,
// where it ships deflated as base64); what the benchmark's small app downloads (a
// code-split esbuild build of bench/apps/cognito-wasm.js: every chunk, and the ones loaded
// before configure()); and an app that imports every export.
import { inflateRawSync } from 'node:zlib';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleApps } from './bundle.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(benchDir, '..', 'pkg');
const budgetFile = join(benchDir, 'size-budget.json');
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

if (!existsSync(join(pkgDir, 'cognito_wasm_v2_inline.js'))) {
  console.error('size-budget: pkg/cognito_wasm_v2_inline.js is missing: build the package first (bash scripts/build.sh).');
  process.exit(2);
}
const app = (await bundleApps(['cognito-wasm']))['cognito-wasm'];
const typed = inflateRawSync(Buffer.from(/wasmBase64\s*=\s*"([A-Za-z0-9+/=]+)"/.exec(readFileSync(join(pkgDir, 'cognito_wasm_v2_inline.js'), 'utf8'))[1], 'base64'));
const unpacked = (f) => inflateRawSync(Buffer.from(/wasmBase64\s*=\s*"([A-Za-z0-9+/=]+)"/.exec(readFileSync(join(pkgDir, f), 'utf8'))[1], 'base64'));
const account = unpacked('cognito_wasm_account_inline.js');
const steps = unpacked('cognito_wasm_steps_inline.js');
const oauthWasm = unpacked('cognito_wasm_oauth_inline.js');
const identityWasm = unpacked('cognito_wasm_identity_inline.js');
const current = {
  typedWasmRaw: typed.length,
  typedWasmGzip: gz(typed),
  accountWasmGzip: gz(account),
  stepsWasmGzip: gz(steps),
  oauthWasmGzip: gz(oauthWasm),
  identityWasmGzip: gz(identityWasm),
  smallAppFlowGzip: app.flow.gzip,
  smallAppGzip: app.gzip,
  smallAppInitialGzip: app.initial.gzip,
  wholeApiGzip: app.wholeApi.gzip,
};
const labels = {
  typedWasmRaw: 'typed core wasm, raw',
  typedWasmGzip: 'typed core wasm',
  accountWasmGzip: 'account module wasm',
  stepsWasmGzip: 'steps module wasm',
  oauthWasmGzip: 'oauth module wasm',
  identityWasmGzip: 'identity module wasm',
  smallAppFlowGzip: 'small app: sign-in flow downloads',
  smallAppGzip: `small app, all ${app.chunks.length} chunks`,
  smallAppInitialGzip: 'small app, loaded before configure()',
  wholeApiGzip: 'every export, all chunks',
};

if (process.argv.includes('--write')) {
  const budget = {
    note: 'Byte budgets for pkg/, checked by bench/size-budget.mjs. Set to the size at the time + 5%; the real targets come later.',
    setOn: new Date().toISOString().slice(0, 10),
    measuredThen: current,
    budget: Object.fromEntries(Object.entries(current).map(([k, v]) => [k, Math.ceil(v * 1.05)])),
  };
  writeFileSync(budgetFile, JSON.stringify(budget, null, 2) + '\n');
  console.log(`wrote ${budgetFile}`);
}

const { budget } = JSON.parse(readFileSync(budgetFile, 'utf8'));
let over = 0;
const pad = (s, n) => String(s).padStart(n);
console.log(`${'size (gzip -9 unless raw)'.padEnd(40)} ${pad('bytes', 9)} ${pad('budget', 9)}  use`);
for (const [k, v] of Object.entries(current)) {
  const b = budget[k];
  const bad = b == null || v > b;
  if (bad) over++;
  console.log(`${labels[k].padEnd(40)} ${pad(v, 9)} ${pad(b ?? '-', 9)}  ${b ? ((100 * v) / b).toFixed(1) + '%' : 'no budget'}${bad ? '  OVER' : ''}`);
}
if (over) {
  console.error(`size-budget: ${over} size(s) over budget (${budgetFile})`);
  process.exit(1);
}
console.log('size-budget: ok');
