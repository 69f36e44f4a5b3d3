// Many tabs, broken storage and leaks, in headless Chromium against ministack:
// one refresh for two tabs, sign-out reaching every tab, storage that throws or
// holds garbage, and no secret in any log line, event or error message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { startStack, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PASSWORD = 'Tabs-Passw0rd!';
let stack, server, browser, origin;

before(async () => {
  stack = await startStack({ users: [`tabuser:${PASSWORD}:tab@example.com`, `leakuser:${PASSWORD}:leak@example.com`] });
  server = await startServer({ root, config: stack.config });
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
  stack?.stop();
});

// Loads the package in a page, configures it, records Hub events, console lines
// and the Cognito operations the page sends.
async function openTab(context) {
  const page = await context.newPage();
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  await page.goto(`${origin}/tests/browser/harness.html`);
  await page.evaluate(async (cfg) => {
    const m = await import('/pkg/index.js');
    window.m = m;
    window.events = [];
    window.ops = [];
    const realFetch = window.fetch;
    window.fetch = (req, init) => {
      const target = req instanceof Request ? req.headers.get('x-amz-target') : undefined;
      if (target) window.ops.push(target.split('.').pop());
      return realFetch(req, init);
    };
    m.Hub.listen('auth', ({ payload }) => window.events.push(payload));
    m.configure(cfg);
  }, stack.config);
  return { page, consoleLines };
}

test('two tabs needing a refresh at once make one refresh call and share the new tokens', async () => {
  const context = await browser.newContext();
  const { page: a } = await openTab(context);
  const { page: b } = await openTab(context);
  await a.evaluate((p) => window.m.signIn({ username: 'tabuser', password: p }), PASSWORD);
  const before = await b.evaluate(async () => (await window.m.fetchAuthSession()).tokens.accessToken.toString());
  // Make the shared tokens look expired to both tabs.
  await a.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.endsWith('.clockDrift')) localStorage.setItem(k, String(2 * 3600 * 1000));
  });
  await Promise.all([a, b].map((p) => p.evaluate(() => (window.ops.length = 0))));
  const [ta, tb] = await Promise.all(
    [a, b].map((p) => p.evaluate(async () => (await window.m.fetchAuthSession()).tokens.accessToken.toString())),
  );
  const refreshes = (await Promise.all([a, b].map((p) => p.evaluate(() => window.ops)))).flat()
    .filter((op) => op === 'GetTokensFromRefreshToken' || op === 'InitiateAuth');
  assert.equal(refreshes.length, 1, `one refresh for both tabs, saw ${refreshes}`);
  assert.equal(ta, tb, 'both tabs end with the same new access token');
  assert.notEqual(ta, before);
  await context.close();
});

test('signing out in one tab signs the other out, with the signedOut event', async () => {
  const context = await browser.newContext();
  const { page: a } = await openTab(context);
  const { page: b } = await openTab(context);
  await a.evaluate((p) => window.m.signIn({ username: 'tabuser', password: p }), PASSWORD);
  assert.equal(await b.evaluate(async () => (await window.m.getCurrentUser()).username), 'tabuser');
  await b.evaluate(() => (window.events.length = 0));
  await a.evaluate(() => window.m.signOut());
  await b.waitForFunction(() => window.events.some((e) => e.event === 'signedOut'), null, { timeout: 5000 });
  const after = await b.evaluate(async () => ({
    tokens: (await window.m.fetchAuthSession()).tokens === undefined,
    user: await window.m.getCurrentUser().then(() => 'signed in', (e) => e.name),
  }));
  assert.deepEqual(after, { tokens: true, user: 'UserUnAuthenticatedException' });
  await context.close();
});

test('storage that throws falls back to memory with one warning', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const { page, consoleLines } = await openTab(context);
  const r = await page.evaluate(async (p) => {
    const res = await window.m.signIn({ username: 'tabuser', password: p });
    const user = await window.m.getCurrentUser();
    await window.m.signOut();
    return { res, user: user.username };
  }, PASSWORD);
  assert.deepEqual(r.res, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  assert.equal(r.user, 'tabuser');
  const warnings = consoleLines.filter((l) => l.includes('localStorage is unavailable'));
  assert.equal(warnings.length, 1, consoleLines.join('\n'));
  assert.match(warnings[0], /\(SecurityError\)/, 'the warning names the real cause');
  await context.close();
});

// Fills the page's localStorage to its quota, leaving `free` characters (about) unused.
const fillStorage = (page, free) =>
  page.evaluate((free) => {
    if (free) localStorage.setItem('reserve', 'r'.repeat(free));
    let i = 0;
    for (let size = 1 << 20; size >= 1; size >>= 1) {
      try {
        for (;;) localStorage.setItem(`filler${i++}`, 'x'.repeat(size));
      } catch {
        /* this size no longer fits: try half */
      }
    }
    localStorage.removeItem('reserve');
  }, free);

test('a full localStorage: the whole session is kept in memory for the page, with one warning, never half of it', async () => {
  const context = await browser.newContext();
  const { page, consoleLines } = await openTab(context);
  await fillStorage(page, 0);
  const r = await page.evaluate(async (p) => {
    const res = await window.m.signIn({ username: 'tabuser', password: p });
    const s = await window.m.fetchAuthSession();
    const user = await window.m.getCurrentUser();
    return { res, access: !!s.tokens?.accessToken, id: !!s.tokens?.idToken, user: user.username };
  }, PASSWORD);
  assert.deepEqual(r, { res: { isSignedIn: true, nextStep: { signInStep: 'DONE' } }, access: true, id: true, user: 'tabuser' });
  const warnings = consoleLines.filter((l) => l.includes('localStorage is unavailable'));
  assert.equal(warnings.length, 1, consoleLines.join('\n'));
  assert.match(warnings[0], /QuotaExceededError/);
  // Signing out ends it here too (revoked, and nothing left in either place).
  const out = await page.evaluate(async () => {
    await window.m.signOut();
    return { tokens: (await window.m.fetchAuthSession()).tokens, ops: window.ops.slice(-1) };
  });
  assert.deepEqual(out, { tokens: undefined, ops: ['RevokeToken'] });
  await context.close();
});

test('localStorage with room for only part of a session: after a reload the user is signed out, not half signed in', async () => {
  const context = await browser.newContext();
  const { page } = await openTab(context);
  const cid = stack.pool.userPoolClientId;
  await fillStorage(page, 2000);
  const r = await page.evaluate(async (p) => {
    await window.m.signIn({ username: 'tabuser', password: p });
    return !!(await window.m.fetchAuthSession()).tokens?.idToken;
  }, PASSWORD);
  assert.equal(r, true, 'signed in, whole, for this page');
  await page.reload();
  const after = await page.evaluate(async (cfg) => {
    const m = await import('/pkg/index.js');
    m.configure(cfg);
    const s = await m.fetchAuthSession();
    const user = await m.getCurrentUser().then((u) => u.username, (e) => e.name);
    return { tokens: s.tokens, user };
  }, stack.config);
  assert.deepEqual(after, { tokens: undefined, user: 'UserUnAuthenticatedException' });
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), `CognitoIdentityServiceProvider.${cid}.LastAuthUser`), null);
  await context.close();
});

test('garbage in storage is treated as signed out, never a crash', async () => {
  const context = await browser.newContext();
  const { page } = await openTab(context);
  const cid = stack.pool.userPoolClientId;
  const cases = [
    { [`CognitoIdentityServiceProvider.${cid}.LastAuthUser`]: 'x', [`CognitoIdentityServiceProvider.${cid}.x.accessToken`]: 'not a jwt' },
    { [`CognitoIdentityServiceProvider.${cid}.LastAuthUser`]: 'x', [`CognitoIdentityServiceProvider.${cid}.x.accessToken`]: 'a.%%%.c' },
    { [`CognitoIdentityServiceProvider.${cid}.LastAuthUser`]: '', [`CognitoIdentityServiceProvider.${cid}..accessToken`]: '' },
  ];
  for (const entries of cases) {
    const r = await page.evaluate(async (entries) => {
      localStorage.clear();
      for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
      const s = await window.m.fetchAuthSession();
      const user = await window.m.getCurrentUser().then(() => 'signed in', (e) => e.name);
      return { tokens: s.tokens === undefined, user };
    }, entries);
    assert.deepEqual(r, { tokens: true, user: 'UserUnAuthenticatedException' }, JSON.stringify(entries));
  }
  // Still fully working afterwards (no trapped wasm instance).
  const ok = await page.evaluate(async (p) => {
    localStorage.clear();
    return (await window.m.signIn({ username: 'tabuser', password: p })).isSignedIn;
  }, PASSWORD);
  assert.equal(ok, true);
  await context.close();
});

test('no password or token appears in console output, events or error messages', async () => {
  const context = await browser.newContext();
  const { page, consoleLines } = await openTab(context);
  const seen = await page.evaluate(async (p) => {
    const out = [];
    const record = (e) => out.push(JSON.stringify({ name: e?.name, message: e?.message, hint: e?.recoverySuggestion }));
    await window.m.signIn({ username: 'leakuser', password: 'Wrong-' + p }).catch(record);
    await window.m.signIn({ username: 'leakuser', password: p });
    const s = await window.m.fetchAuthSession();
    await window.m.updatePassword({ oldPassword: 'Nope-' + p, newPassword: 'New-' + p }).catch(record);
    await window.m.signIn({ username: 'leakuser', password: p }).catch(record);
    await window.m.signOut();
    await window.m.fetchAuthSession({ forceRefresh: true }).catch(record);
    return { errors: out, events: JSON.stringify(window.events), access: s.tokens.accessToken.toString(), id: s.tokens.idToken.toString() };
  }, PASSWORD);
  assert.ok(seen.errors.length >= 3, 'errors were produced');
  const haystack = [seen.errors.join('\n'), seen.events, consoleLines.join('\n')].join('\n');
  for (const secret of [PASSWORD, seen.access, seen.id, seen.access.split('.')[2]]) {
    assert.ok(!haystack.includes(secret), 'a secret leaked into errors, events or the console');
  }
  await context.close();
});

test('a server that never answers times out with a named error and the session is kept', async () => {
  // Accepts connections (and CORS preflights) but never answers a POST.
  const { createServer } = await import('node:http');
  let posts = 0;
  const silent = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': '*',
        'access-control-allow-methods': 'POST',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    posts += 1; // and never respond
  });
  await new Promise((ok) => silent.listen(0, '127.0.0.1', ok));
  const context = await browser.newContext();
  const { page } = await openTab(context);
  await page.evaluate((p) => window.m.signIn({ username: 'tabuser', password: p }), PASSWORD);
  const before = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  const cfg = structuredClone(stack.config);
  cfg.Auth.Cognito.userPoolEndpoint = `http://127.0.0.1:${silent.address().port}/`;
  const t0 = Date.now();
  const r = await page.evaluate(async (cfg) => {
    window.m.configure(cfg, { Auth: { requestTimeoutMs: 300 } });
    return window.m.fetchAuthSession({ forceRefresh: true }).then(
      () => 'resolved',
      (e) => ({ name: e.name, message: e.message }),
    );
  }, cfg);
  const elapsed = Date.now() - t0;
  assert.equal(r.name, 'TimeoutError', JSON.stringify(r));
  assert.equal(posts, 3, 'three attempts, each timed out');
  assert.ok(elapsed < 10_000, `the call ended (${elapsed} ms)`);
  assert.equal(await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort())), before, 'session kept');
  silent.closeAllConnections?.();
  silent.close();
  await context.close();
});
