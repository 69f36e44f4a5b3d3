// Every entry of the built package (pkg/) imports in plain Node — no DOM, no custom
// elements — without throwing, and the process then exits by itself: nothing the
// package creates at import (or at configure()) keeps the event loop alive.
// (cognito-wasm/angular needs @angular/core, which only the Angular fixture installs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'pkg');
const url = (p) => pathToFileURL(join(pkg, p)).href;

/** Runs `code` as an ES module in a fresh Node; resolves to { code, stdout, stderr, ms }. */
function node(code, timeoutMs = 20_000) {
  return new Promise((done) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

for (const [entry, check] of [
  ['index.js', `m.configure({ Auth: { Cognito: { userPoolId: 'us-east-1_AbC123', userPoolClientId: 'abc' } } }); if (!m.getConfig().Auth) throw new Error('not configured');`],
  ['ui/index.js', `if (typeof m.CognitoAuthenticator !== 'function' || typeof m.I18n.get !== 'function') throw new Error('exports');`],
  ['react/index.js', `if (typeof m.Authenticator !== 'function') throw new Error('exports');`],
  ['vue/index.js', `if (!m.Authenticator) throw new Error('exports');`],
  ['adapter-nextjs.js', `if (typeof m.createServerRunner !== 'function') throw new Error('exports');`],
  ['server.js', `if (typeof m.runWithServerContext !== 'function' || typeof m.fetchAuthSession !== 'function') throw new Error('exports');`],
  ['ui-components/loader.js', `await m.applyPolyfills(); await m.defineCustomElements(globalThis); if (typeof m.defineCustomElements !== 'function') throw new Error('exports');`],
]) {
  test(`cognito-wasm/${entry} imports in Node and the process exits by itself`, async () => {
    const r = await node(`const m = await import(${JSON.stringify(url(entry))}); ${check} console.log('imported');`);
    assert.equal(r.signal, null, `killed after ${r.ms} ms: something keeps Node alive\n${r.stderr}`);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /imported/);
    assert.equal(r.stderr, '', 'nothing on stderr');
  });
}

test('on a server the default store is refused with a named error, never shared by every request', async () => {
  const code = `
    const m = await import(${JSON.stringify(url('index.js'))});
    // Port 9 (discard) on loopback: nothing answers, so a call that is let through fails on the network.
    m.configure({ Auth: { Cognito: { userPoolId: 'us-east-1_AbC123', userPoolClientId: 'abc', userPoolEndpoint: 'http://127.0.0.1:9' } } });
    const name = (p) => p.then(() => 'resolved', (e) => e.name);
    const out = {
      signIn: await name(m.signIn({ username: 'ann', password: 'Passw0rd!' })),
      fetchAuthSession: await name(m.fetchAuthSession()),
      getCurrentUser: await name(m.getCurrentUser()),
      signOut: await name(m.signOut()),
      signUp: await name(m.signUp({ username: 'ann', password: 'Passw0rd!' })),
    };
    m.cognitoUserPoolsTokenProvider.setKeyValueStorage(m.sharedInMemoryStorage);
    out.chosenStore = await name(m.signIn({ username: 'ann', password: 'Passw0rd!' }));
    console.log(JSON.stringify(out));`;
  const r = await node(code, 60_000);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim().split('\n').pop()), {
    signIn: 'StorageUnavailableException',
    fetchAuthSession: 'StorageUnavailableException',
    getCurrentUser: 'StorageUnavailableException',
    signOut: 'StorageUnavailableException',
    signUp: 'NetworkError',
    chosenStore: 'NetworkError',
  });
});

// The package is ESM only (what @arethetypeswrong/cli reports as CJSResolvesToESM):
// with no top-level await anywhere, a CommonJS caller's require() loads it too, in the
// Node versions that load ES modules that way (20.19+, 22.12+).
test('require() from CommonJS loads the entries (no top-level await anywhere)', async () => {
  const [major, minor] = process.versions.node.split('.').map(Number);
  const requireEsm = major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19);
  const code = `const m = require(${JSON.stringify(join(pkg, 'index.js'))}); const ui = require(${JSON.stringify(join(pkg, 'ui', 'index.js'))});
if (typeof m.configure !== 'function' || typeof ui.I18n.get !== 'function') throw new Error('exports'); console.log('required');`;
  const r = await new Promise((done) => {
    const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (c) => done({ code: c, stdout, stderr }));
  });
  if (!requireEsm) {
    assert.notEqual(r.code, 0, 'an older Node refuses require() of ESM');
    return;
  }
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /required/);
});
