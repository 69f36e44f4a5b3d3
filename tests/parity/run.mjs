// Runs Amplify UI's Authenticator scenarios (scenarios.mjs) against one framework's example
// app (tests/fixtures/parity-<framework>): installs the packed package into it, builds it,
// serves it under a strict CSP, creates the example pools on ministack, and plays each
// scenario in a fresh browser context (so that no session carries over between scenarios).
import { test, before, after, afterEach } from 'node:test';
import { copyFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { startStack, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';
import { root, cspHeaders, watchCsp, installFixture } from '../support/ui.mjs';
import { createPools, steps, play } from '../support/parity.mjs';
import { scenariosFor } from './scenarios.mjs';

/**
 * `framework`: 'R' | 'V' | 'A'; `fixture`: the app under tests/fixtures; `build(work, env)`:
 * builds it; `out`: the built site's folder under the work directory; `policies`: Trusted
 * Types policies the framework creates.
 */
export function runParity({ framework, fixture, build, out, policies = [], env }) {
  let stack, server, browser, context, page, url, cspViolations;

  before(async () => {
    stack = await startStack();
    const pools = createPools(stack);
    const work = installFixture(fixture, null, { label: fixture, env });
    copyFileSync(join(root, 'tests', 'fixtures', 'parity-shared', 'examples.js'), join(work, 'src', 'examples.js'));
    writeFileSync(join(work, 'src', 'pools.json'), JSON.stringify(pools, null, 2));
    build(work, env);
    server = await startServer({ root: join(work, out), headers: cspHeaders(stack.endpoint, policies) });
    // As localhost: a passkey's relying party is a domain, never an IP address.
    url = `http://localhost:${server.address().port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    server?.close();
    stack?.stop();
  });

  afterEach(async (t) => {
    const dir = join(root, 'test-results', 'parity');
    mkdirSync(dir, { recursive: true });
    await page?.screenshot({ path: join(dir, `${fixture}-${t.name.replace(/\W+/g, '-').slice(0, 60)}.png`), fullPage: true }).catch(() => {});
    const violations = (await cspViolations?.().catch(() => [])) ?? [];
    await context?.close();
    if (violations.length) throw new Error(`CSP violations: ${violations.join('; ')}`);
  });

  for (const s of scenariosFor(framework)) {
    test(s.title, async () => {
      context = await browser.newContext({ locale: 'en-US' });
      page = await context.newPage();
      page.setDefaultTimeout(15000);
      page.on('pageerror', (e) => console.log(`# page error: ${e.message}`));
      cspViolations = await watchCsp(page);
      const st = await steps(page, { url, endpoint: stack.endpoint });
      // Replies answered before the page loads (the scenario's Background) are in place first.
      const early = [];
      let i = 0;
      for (; i < s.steps.length && ['intercept', 'interceptError', 'spy', 'passkeyAuthenticator'].includes(s.steps[i][0]); i++) early.push(s.steps[i]);
      await play(st, early);
      await st.open(s.example);
      await play(st, s.steps.slice(i));
    });
  }
}
