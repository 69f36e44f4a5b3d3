#!/usr/bin/env node
// Benchmark: cognito-wasm vs aws-amplify v6 vs amazon-cognito-identity-js, in headless
// Chromium, in one run. Not part of the test suite's pass/fail.
//
//   npm run bench              # full run (about 1.5 min on 2 cores), writes bench/results/
//   npm run bench -- --quick   # few rounds, writes bench/out/quick/ (a smoke test of the bench)
//
// Measures (see bench/README.md for the method):
//   1. bundle bytes of the same small app per library (esbuild, minified, ESM, browser)
//   2. SRP math on fixed inputs (stub transport, fixed randomness and clock), interleaved
//   3. SRP sign-in wall time and main-thread CPU against ministack, interleaved rounds
//   4. cold start: navigation to ready, and the first sign-in on a fresh page
//   5. HTTP requests per sign-in (POSTs and CORS preflights, seen by the browser)
//   6. peak JS heap and wasm memory
// and writes latest.json, latest.md (table with ratios to Amplify) and ratios.svg.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { LIBS, benchDir, outDir, root, bundleApps, sizes, pkgWasmBytes, versions } from './bundle.mjs';
import { summary } from './stats.mjs';
import { srpStubRun, timedSignIn, fullFlow, signUpFlow, captureWasmMemories, wasmMemoryBytes } from './in-page.mjs';
import { writeReports } from './report.mjs';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const CFG = QUICK
  ? { srpWarmup: 1, srpRuns: 5, rounds: 3, coldRuns: 2, memFlows: 1 }
  : { srpWarmup: 5, srpRuns: 30, rounds: 15, coldRuns: 12, memFlows: 3 };
const resultsDir = QUICK ? join(outDir, 'quick') : join(benchDir, 'results');
const PASSWORD = 'Bench-Passw0rd1';
const userOf = (id) => `bench-${id}`;
const HARD_LIMIT_MS = 10 * 60 * 1000;

const log = (...a) => console.log('[bench]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rotate = (arr, k) => arr.map((_, i) => arr[(i + k) % arr.length]);
function withTimeout(p, ms, what) {
  let t;
  return Promise.race([
    p,
    new Promise((_, fail) => {
      t = setTimeout(() => fail(new Error(`${what}: no answer after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(t));
}

// ---------------------------------------------------------------------------------------
// Prerequisites, with a clear message for each missing piece.
// ---------------------------------------------------------------------------------------
async function checkPrerequisites() {
  const problems = [];
  for (const f of ['pkg/index.js', 'pkg/driver.js', 'pkg/cognito_wasm_v2_inline.js']) {
    if (!existsSync(join(root, f))) problems.push(`${f} is missing: build the package first (bash scripts/build.sh).`);
  }
  for (const m of ['esbuild', 'playwright-core', 'aws-amplify', 'amazon-cognito-identity-js']) {
    if (!existsSync(join(root, 'node_modules', m, 'package.json'))) problems.push(`node_modules/${m} is missing: run npm install (or bash scripts/setup.sh).`);
  }
  const { CHROMIUM_PATH } = await import('../tests/support/stack.mjs');
  if (!existsSync(CHROMIUM_PATH)) problems.push(`Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH, or run bash scripts/setup.sh).`);
  const venv = process.env.MINISTACK_VENV ?? '/opt/ministack-venv';
  if (!existsSync(join(venv, 'bin', 'python'))) problems.push(`ministack venv not found at ${venv} (set MINISTACK_VENV, or run bash scripts/setup.sh).`);
  if (problems.length) {
    console.error('bench: cannot run:\n  - ' + problems.join('\n  - '));
    process.exit(2);
  }
}

// ---------------------------------------------------------------------------------------
// Clean-up: ministack, the static server and the browser are always stopped.
// ---------------------------------------------------------------------------------------
const cleanups = [];
let cleaning = null;
function cleanup() {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (e) {
        console.error('[bench] clean-up:', e.message);
      }
    }
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    console.error(`[bench] ${sig}: stopping`);
    cleanup().finally(() => process.exit(130));
  });
}
setTimeout(() => {
  console.error(`[bench] still running after ${HARD_LIMIT_MS / 60000} minutes: giving up`);
  cleanup().finally(() => process.exit(3));
}, HARD_LIMIT_MS).unref();

// ---------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------
let browser, base, stack;

async function metrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}
/** Main-thread CPU (ThreadTime) and busy time (TaskDuration) between two snapshots, in ms. */
const cpuDelta = (m0, m1) => ({
  cpuMs: (m1.ThreadTime - m0.ThreadTime) * 1000,
  busyMs: (m1.TaskDuration - m0.TaskDuration) * 1000,
});

/** A fresh browser context with one page showing the library's app, configured with `config`. */
async function openLib(id, config, { init } = {}) {
  const context = await browser.newContext();
  cleanups.push(() => context.close().catch(() => {}));
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Network.enable');
  // Preflights are reported by Chromium as their own requestWillBeSent (method OPTIONS);
  // Playwright's page.on('request') does not show them.
  const net = { posts: 0, preflights: 0, other: 0, reset() { this.posts = this.preflights = this.other = 0; } };
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!stack || !e.request.url.startsWith(stack.endpoint)) return;
    if (e.request.method === 'OPTIONS') net.preflights++;
    else if (e.request.method === 'POST') net.posts++;
    else net.other++;
  });
  const t0 = performance.now();
  await page.goto(`${base}/bench/out/${id}.html#${encodeURIComponent(JSON.stringify(config))}`);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 30000 }).catch((e) => {
    throw new Error(`${id}: the app did not get ready (${errors.join('; ') || e.message})`);
  });
  const wallReadyMs = performance.now() - t0;
  const readyMs = await page.evaluate(() => performance.getEntriesByName('bench-ready')[0].startTime);
  return { id, context, page, cdp, net, errors, readyMs, wallReadyMs };
}

/** One measured sign-in on an open page: wall (in page), CPU (CDP), requests (CDP Network). */
async function measuredSignIn(L, username) {
  L.net.reset();
  const m0 = await metrics(L.cdp);
  const r = await withTimeout(L.page.evaluate(timedSignIn, [username, PASSWORD]), 30000, `${L.id} signIn`);
  const m1 = await metrics(L.cdp);
  if (r.error || !r.res?.isSignedIn) throw new Error(`${L.id}: sign-in failed: ${JSON.stringify(r.error ?? r.res)}`);
  await sleep(30); // let the last Network events arrive
  return { wallMs: r.ms, ...cpuDelta(m0, m1), posts: L.net.posts, preflights: L.net.preflights, otherRequests: L.net.other };
}
const signOut = (L) => withTimeout(L.page.evaluate(() => window.benchApp.signOut()), 30000, `${L.id} signOut`);

/** CDP overhead of an empty evaluate + the two getMetrics calls, for reference. */
async function evaluateOverhead(L) {
  const xs = [];
  for (let i = 0; i < 5; i++) {
    const m0 = await metrics(L.cdp);
    await L.page.evaluate(async () => {
      const t = performance.now();
      await null;
      return performance.now() - t;
    });
    xs.push(cpuDelta(m0, await metrics(L.cdp)).cpuMs);
  }
  return summary(xs).median;
}

// ---------------------------------------------------------------------------------------
// 2. SRP math on fixed inputs
// ---------------------------------------------------------------------------------------
// Two modes. "shipped": each library draws what it draws in use (cognito-wasm a 256-bit
// a, the SDKs 1024 bits) from the vectors plain_ascii / short_a_256_bits, which differ in
// nothing else; each must send identity-js's signature for its a. "sameA": all three
// compute with the same 256-bit a (the SDKs get it zero-padded to their 128 bytes), so
// all three must send one and the same signature.
async function benchSrp(mode = 'shipped') {
  const vectors = JSON.parse(readFileSync(join(root, 'tests', 'vectors', 'srp.json'), 'utf8'));
  const long = vectors.find((c) => c.name === 'plain_ascii');
  const short = vectors.find((c) => c.name === 'short_a_256_bits');
  const vectorFor = (id) => (id === 'cognito-wasm' || mode === 'sameA' ? short : long);
  const vFor = (id) => {
    const vector = vectorFor(id);
    const inp = vector.inputs;
    // cognito-wasm draws only the low 32 bytes of the SDK's zero-padded 128.
    const stream = id === 'cognito-wasm' ? inp.smallARandomHex.slice(-2 * inp.aRandomBytes) : inp.smallARandomHex;
    return {
      username: inp.username,
      password: inp.password,
      userIdForSrp: inp.userIdForSrp,
      clockEpochMs: inp.clockEpochMs,
      smallARandomHex: stream,
      salt: inp.salt,
      srpB: inp.srpB,
      secretBlock: inp.secretBlock,
    };
  };
  const expectedFor = (id) => {
    const vector = vectorFor(id);
    return {
      signature: vector.outputs.passwordClaimSignature,
      timestamp: vector.outputs.timestamp,
      srpA: vector.intermediates.A,
      randomBytes: id === 'cognito-wasm' ? vector.inputs.aRandomBytes : 128,
    };
  };
  const inp = long.inputs;
  // The stub endpoint is never reached: window.fetch is replaced during each run.
  const config = { benchNoPrepare: true, Auth: { Cognito: { userPoolId: inp.userPoolId, userPoolClientId: inp.clientId, userPoolEndpoint: `${base}/stub-cognito/` } } };
  const pages = [];
  for (const { id } of LIBS) pages.push(await openLib(id, config));
  const per = Object.fromEntries(LIBS.map(({ id }) => [id, { warmup: [], runs: [] }]));
  const problems = [];
  const once = async (L) => {
    const m0 = await metrics(L.cdp);
    const r = await withTimeout(L.page.evaluate(srpStubRun, vFor(L.id)), 30000, `${L.id} stubbed signIn`);
    const c = cpuDelta(m0, await metrics(L.cdp));
    const expected = expectedFor(L.id);
    const bad = [];
    if (r.error !== 'NotAuthorizedException') bad.push(`error ${r.error}`);
    if (r.signature !== expected.signature) bad.push(`signature ${r.signature}`);
    if (r.srpA !== expected.srpA) bad.push(`SRP_A differs`);
    if (r.timestamp !== expected.timestamp) bad.push(`timestamp ${r.timestamp}`);
    if (r.randomBytesUsed !== expected.randomBytes || r.extraRandomBytes) bad.push(`random bytes used ${r.randomBytesUsed}, extra ${r.extraRandomBytes}`);
    if (!r.secretBlockEcho || r.otherOps.length) bad.push(`unexpected request contents/ops ${r.otherOps}`);
    if (bad.length) problems.push(`${L.id}: ${bad.join(', ')}`);
    return { ...r, ...c };
  };
  log(`SRP math (${mode}): ${CFG.srpWarmup} warm-up + ${CFG.srpRuns} measured runs per library, interleaved`);
  for (let i = 0; i < CFG.srpWarmup; i++) for (const L of pages) per[L.id].warmup.push(await once(L));
  for (let i = 0; i < CFG.srpRuns; i++) for (const L of rotate(pages, i)) per[L.id].runs.push(await once(L));
  const overhead = {};
  for (const L of pages) overhead[L.id] = await evaluateOverhead(L);
  for (const L of pages) {
    if (L.errors.length) problems.push(`${L.id} page errors: ${L.errors.join('; ')}`);
    await L.context.close();
  }
  const signatures = Object.fromEntries(LIBS.map(({ id }) => [id, per[id].runs[0]?.signature ?? null]));
  const asExpected = LIBS.every(({ id }) => signatures[id] === expectedFor(id).signature);
  if (problems.length || !asExpected) {
    throw new Error(`SRP runs (${mode}) did not all produce identity-js's signature for their a:\n  ${[...new Set(problems)].join('\n  ')}`);
  }
  const pick = (xs, k) => summary(xs.map((x) => x[k]));
  return {
    mode,
    vectors: Object.fromEntries(LIBS.map(({ id }) => [id, vectorFor(id).name])),
    expected: Object.fromEntries(LIBS.map(({ id }) => [id, expectedFor(id)])),
    signatures,
    signaturesAsExpected: asExpected,
    cdpOverheadCpuMs: overhead,
    perLib: Object.fromEntries(
      LIBS.map(({ id }) => {
        const runs = per[id].runs;
        return [
          id,
          {
            totalMs: pick(runs, 'totalMs'),
            beforeFirstMs: pick(runs, 'beforeFirstMs'),
            betweenMs: pick(runs, 'betweenMs'),
            cpuMs: pick(runs, 'cpuMs'),
            firstRunMs: per[id].warmup[0]?.totalMs ?? null,
            samples: runs.map((r) => ({ totalMs: r.totalMs, beforeFirstMs: r.beforeFirstMs, betweenMs: r.betweenMs, cpuMs: r.cpuMs })),
          },
        ];
      }),
    ),
  };
}

// ---------------------------------------------------------------------------------------
// Smoke test of each app (signUp → confirmSignUp → sign-in → user → session → signOut)
// and 3 + 5. interleaved sign-in rounds against ministack.
// ---------------------------------------------------------------------------------------
async function benchSignIn() {
  const pages = [];
  for (const { id } of LIBS) pages.push(await openLib(id, stack.config));
  const smoke = {};
  const stamp = Date.now().toString(36);
  for (const L of pages) {
    const u = `new-${L.id}-${stamp}`;
    const up = await withTimeout(L.page.evaluate(signUpFlow, [u, PASSWORD, `${u}@example.com`]), 30000, `${L.id} signUp`);
    const flow = await withTimeout(L.page.evaluate(fullFlow, [u, PASSWORD]), 30000, `${L.id} flow`);
    const ok = up.signUpStep === 'CONFIRM_SIGN_UP' && flow.isSignedIn && flow.username === u && flow.userId === up.userId && flow.sub === up.userId && flow.hasAccess && flow.after === 'signed out';
    if (!ok) throw new Error(`${L.id}: smoke test failed: ${JSON.stringify({ up, flow })}`);
    smoke[L.id] = 'signUp, confirmSignUp, signIn, getCurrentUser, fetchAuthSession, signOut: ok';
  }
  // The first sign-in on a page that has already talked to Cognito (sign-up above).
  const firstOnWarmPage = {};
  for (const L of pages) {
    firstOnWarmPage[L.id] = await measuredSignIn(L, userOf(L.id));
    await signOut(L);
  }
  log(`sign-in: ${CFG.rounds} interleaved rounds against ministack`);
  const per = Object.fromEntries(LIBS.map(({ id }) => [id, []]));
  for (let i = 0; i < CFG.rounds; i++) {
    for (const L of rotate(pages, i)) {
      per[L.id].push(await measuredSignIn(L, userOf(L.id)));
      await signOut(L);
    }
  }
  const overhead = {};
  for (const L of pages) overhead[L.id] = await evaluateOverhead(L);
  for (const L of pages) {
    if (L.errors.length) throw new Error(`${L.id} page errors: ${L.errors.join('; ')}`);
    await L.context.close();
  }
  const pick = (xs, k) => summary(xs.map((x) => x[k]));
  return {
    smoke,
    rounds: CFG.rounds,
    cdpOverheadCpuMs: overhead,
    perLib: Object.fromEntries(
      LIBS.map(({ id }) => [
        id,
        {
          wallMs: pick(per[id], 'wallMs'),
          cpuMs: pick(per[id], 'cpuMs'),
          busyMs: pick(per[id], 'busyMs'),
          posts: pick(per[id], 'posts'),
          preflights: pick(per[id], 'preflights'),
          firstOnWarmPage: firstOnWarmPage[id],
          samples: per[id],
        },
      ]),
    ),
  };
}

// ---------------------------------------------------------------------------------------
// 4. Cold start: fresh context → navigation → ready; then the first sign-in there.
// ---------------------------------------------------------------------------------------
async function benchCold() {
  log(`cold start: ${CFG.coldRuns} fresh contexts per library, interleaved`);
  const per = Object.fromEntries(LIBS.map(({ id }) => [id, []]));
  for (let i = 0; i < CFG.coldRuns; i++) {
    for (const { id } of rotate(LIBS, i)) {
      const L = await openLib(id, stack.config);
      const first = await measuredSignIn(L, userOf(id));
      await signOut(L);
      if (L.errors.length) throw new Error(`${id} page errors: ${L.errors.join('; ')}`);
      per[id].push({ readyMs: L.readyMs, wallReadyMs: L.wallReadyMs, ...prefix('firstSignIn', first) });
      await L.context.close();
    }
  }
  const pick = (xs, k) => summary(xs.map((x) => x[k]));
  return {
    runs: CFG.coldRuns,
    perLib: Object.fromEntries(
      LIBS.map(({ id }) => [
        id,
        {
          readyMs: pick(per[id], 'readyMs'),
          wallReadyMs: pick(per[id], 'wallReadyMs'),
          firstSignInWallMs: pick(per[id], 'firstSignInWallMs'),
          firstSignInCpuMs: pick(per[id], 'firstSignInCpuMs'),
          firstSignInPosts: pick(per[id], 'firstSignInPosts'),
          firstSignInPreflights: pick(per[id], 'firstSignInPreflights'),
          samples: per[id],
        },
      ]),
    ),
  };
}
function prefix(p, o) {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [p + k[0].toUpperCase() + k.slice(1), v]));
}

// ---------------------------------------------------------------------------------------
// 6. Memory: peak JS heap from V8's GC trace events during sign-in flows; wasm Memory sizes.
// ---------------------------------------------------------------------------------------
// The heap only grows between collections, so its peak is the largest "used before GC" of
// any collection in the window, or the size at the end. (Polling Runtime.getHeapUsage over
// CDP is not enough: the inspector does not answer during a long task such as the SRP math.)
async function benchMemory() {
  log(`memory: ${CFG.memFlows} sign-in/out flows per library on a fresh page, GC traced`);
  const heap = async (cdp) => (await cdp.send('Runtime.getHeapUsage')).usedSize;
  const gc = (cdp) => cdp.send('HeapProfiler.collectGarbage');
  const out = {};
  // A page with no library at all: the floor every page starts from.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(`${base}/bench/out/blank.html`);
    await gc(cdp);
    out.blankPageHeap = await heap(cdp);
    await context.close();
  }
  const perLib = {};
  for (const { id } of LIBS) {
    const L = await openLib(id, stack.config, { init: captureWasmMemories });
    await L.cdp.send('HeapProfiler.enable');
    await gc(L.cdp);
    const readyHeap = await heap(L.cdp);
    await browser.startTracing(L.page, { categories: ['devtools.timeline', 'v8'] });
    let endHeap;
    let trace;
    try {
      for (let i = 0; i < CFG.memFlows; i++) {
        const r = await withTimeout(L.page.evaluate(fullFlow, [userOf(id), PASSWORD]), 30000, `${id} flow`);
        if (!r.isSignedIn || r.after !== 'signed out') throw new Error(`${id}: memory flow failed ${JSON.stringify(r)}`);
      }
      endHeap = await heap(L.cdp);
    } finally {
      trace = JSON.parse((await browser.stopTracing()).toString());
    }
    const events = trace.traceEvents ?? trace;
    const pids = new Set(
      events
        .filter((e) => e.name === 'TracingStartedInBrowser')
        .flatMap((e) => e.args?.data?.frames ?? [])
        .filter((f) => f.url?.includes('/bench/out/'))
        .map((f) => f.processId),
    );
    const gcs = events.filter((e) => (e.name === 'MinorGC' || e.name === 'MajorGC') && e.args?.usedHeapSizeBefore != null && (!pids.size || pids.has(e.pid)));
    const peakHeap = Math.max(readyHeap, endHeap, ...gcs.map((e) => e.args.usedHeapSizeBefore));
    await gc(L.cdp);
    const retainedHeap = await heap(L.cdp);
    const wasmMemory = await L.page.evaluate(wasmMemoryBytes);
    perLib[id] = {
      readyHeap,
      peakHeap,
      retainedHeap,
      wasmMemory,
      peakTotal: peakHeap + wasmMemory,
      gcs: { minor: gcs.filter((e) => e.name === 'MinorGC').length, major: gcs.filter((e) => e.name === 'MajorGC').length },
    };
    await L.context.close();
  }
  out.perLib = perLib;
  return out;
}

// ---------------------------------------------------------------------------------------
function gitInfo() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'pkg-template', 'Cargo.toml', 'Cargo.lock'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

async function main() {
  await checkPrerequisites();
  const started = performance.now();
  const loadAtStart = loadavg()[0];
  if (loadAtStart > cpus().length / 2) {
    log(`warning: the machine is busy (load average ${loadAtStart.toFixed(2)} on ${cpus().length} CPUs); times will be noisy`);
  }
  const { chromium } = await import('playwright-core');
  const { startServer } = await import('../tests/support/server.mjs');
  const { startStack, CHROMIUM_ARGS, CHROMIUM_PATH } = await import('../tests/support/stack.mjs');

  log('1/6 bundling the three apps with esbuild');
  const apps = await bundleApps();
  writeFileSync(join(outDir, 'blank.html'), '<!doctype html>\n<meta charset="utf-8">\n<title>bench: blank</title>\n<p>No library.</p>\n');
  const bundle = { apps, wasm: sizes(pkgWasmBytes()) };

  log('starting ministack');
  stack = await startStack({ users: LIBS.map(({ id }) => `${userOf(id)}:${PASSWORD}:${id}@example.com`) });
  cleanups.push(() => stack.stop());
  const server = await startServer({ root, config: stack.config });
  cleanups.push(() => new Promise((r) => server.close(r)));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  cleanups.push(() => browser.close());

  log('2/6 SRP math (stub transport)');
  const srp = await benchSrp('shipped');
  const srpSameA = await benchSrp('sameA');
  log('3/6 + 5/6 sign-in against ministack, requests per sign-in');
  const signIn = await benchSignIn();
  log('4/6 cold start');
  const cold = await benchCold();
  log('6/6 memory');
  const memory = await benchMemory();

  const results = {
    meta: {
      date: new Date().toISOString(),
      quick: QUICK,
      config: CFG,
      chromium: browser.version(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      loadAverage: { start: loadAtStart, end: loadavg()[0] },
      platform: `${process.platform} ${process.arch}`,
      versions: versions(),
      git: gitInfo(),
      durationS: null,
    },
    bundle,
    srp,
    srpSameA,
    signIn,
    cold,
    memory,
  };
  results.meta.durationS = Math.round((performance.now() - started) / 1000);
  mkdirSync(resultsDir, { recursive: true });
  const files = writeReports(results, resultsDir, { updateReadmes: !QUICK });
  log(`done in ${results.meta.durationS} s; wrote ${files.join(', ')}`);
  console.log('\n' + readFileSync(join(resultsDir, 'latest.md'), 'utf8'));
}

main()
  .then(() => cleanup())
  .catch(async (e) => {
    console.error('[bench] failed:', e?.stack ?? e);
    await cleanup();
    process.exit(1);
  });
