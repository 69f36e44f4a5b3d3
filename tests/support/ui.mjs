// Shared by the Authenticator UI suites (tests/browser/ui-*.test.mjs): install the packed
// package into an example app, axe-core checks, screenshots, TOTP codes, CSP headers.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import jsQR from 'jsqr';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const shots = join(root, 'test-results', 'ui');

/** `npm pack`s pkg/ into target/pack and returns the tarball's path. */
export function packTarball() {
  const dest = join(root, 'target', 'pack');
  mkdirSync(dest, { recursive: true });
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', dest, join(root, 'pkg')], { encoding: 'utf8' }).trim().split('\n').pop();
  return join(dest, name);
}

export function timed(label, fn) {
  const t = Date.now();
  const r = fn();
  console.log(`# ${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return r;
}

/**
 * The policy the example apps are served with: strict CSP (no inline script or style) and
 * Trusted Types. `policies`: the Trusted Types policies the framework itself creates (Vue: vue);
 * the Authenticator creates none.
 */
export function cspHeaders(cognitoEndpoint, policies = []) {
  return {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self' 'wasm-unsafe-eval'",
      "style-src 'self'",
      `connect-src 'self' ${cognitoEndpoint}`,
      "img-src 'self' data:",
      "require-trusted-types-for 'script'",
      `trusted-types ${policies.length ? policies.join(' ') : "'none'"}`,
    ].join('; '),
  };
}

/** Records CSP violations (a listener added before any page script runs). */
export async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return () => page.evaluate(() => window.__cspViolations);
}

const axeSource = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Runs axe-core on the page (shadow DOM included) and fails on any violation. */
export async function axeCheck(page, label) {
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!has) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
  assert.deepEqual(result, [], `axe-core violations on ${label}`);
}

/** Screenshot into test-results/ui/<name>.png, then axe-core. */
export async function screen(page, name, { axe = true } = {}) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  if (axe) await axeCheck(page, name);
}

// ---- RFC 6238 TOTP (as in api.test.mjs) ----

function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of s.replace(/=+$/, '').toUpperCase()) {
    value = ((value << 5) | alphabet.indexOf(c)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function totp(secret, timeMs = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(timeMs / 30000)));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const off = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(off) & 0x7fffffff) % 1e6).padStart(6, '0');
}

/** The current code, waiting for the next 30 s step if fewer than 3 s are left in this one. */
export async function currentTotp(secret) {
  const left = 30000 - (Date.now() % 30000);
  if (left < 3000) await new Promise((r) => setTimeout(r, left + 100));
  return totp(secret);
}

/** The app config the example apps get: the pool plus what the Authenticator reads from it. */
export function appConfig(config) {
  const c = structuredClone(config);
  Object.assign(c.Auth.Cognito, {
    loginWith: { username: true },
    userAttributes: { email: { required: true } },
    passwordFormat: { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSpecialCharacters: false },
  });
  return c;
}

/**
 * A fixture app (tests/fixtures/<name>) copied to target/<name>, with the pool's
 * amplifyconfiguration.json written where the app imports it (if `config` is given), its
 * dependencies and the packed cognito-wasm tarball installed. Returns the work directory.
 */
export function installFixture(name, config, { label, env } = {}) {
  const work = join(root, 'target', name);
  rmSync(work, { recursive: true, force: true });
  cpSync(join(root, 'tests', 'fixtures', name), work, { recursive: true });
  if (config) writeFileSync(join(work, 'src', 'amplifyconfiguration.json'), JSON.stringify(appConfig(config), null, 2));
  const npm = ['install', '--no-audit', '--no-fund', '--loglevel=error'];
  timed(`npm install (${label ?? name})`, () => execFileSync('npm', npm, { cwd: work, env, stdio: 'inherit' }));
  timed('npm install (cognito-wasm tarball)', () => execFileSync('npm', [...npm, packTarball()], { cwd: work, env, stdio: 'inherit' }));
  return work;
}

/** Waits until the fixture's `<output aria-label="auth status">` (useAuthenticator) shows `text`. */
export function authStatusIs(page, text) {
  return page.waitForFunction((t) => document.querySelector('output[aria-label="auth status"]')?.textContent === t, text);
}

/**
 * Starts an app's server (`command args`, in `cwd`) in a process group of its own, so that
 * `stop()` ends it and every child it started; resolves to `{ child, stop }` once `url`
 * answers with any HTTP status (about a minute at most). `stderr`: as spawn's stdio.
 */
export async function serveApp(command, args, { cwd, env, url, stderr = 'inherit' }) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'ignore', stderr] });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  for (let i = 0; ; i++) {
    try {
      await fetch(url, { redirect: 'manual' });
      return { child, stop };
    } catch {
      if (i > 300) {
        stop();
        throw new Error(`${command} ${args.join(' ')} did not answer at ${url}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** The text of the Authenticator's QR code (an SVG of unit squares, `svg` a locator for it), read back with jsQR. */
export async function readQr(svg) {
  const d = await svg.locator('path').getAttribute('d');
  const n = Number((await svg.getAttribute('viewBox')).split(' ')[2]);
  const scale = 4;
  const size = n * scale;
  const px = new Uint8ClampedArray(size * size * 4).fill(255);
  for (const [, x, y] of d.matchAll(/M(\d+) (\d+)/g)) {
    for (let a = 0; a < scale; a++) for (let b = 0; b < scale; b++) {
      const i = ((Number(y) * scale + a) * size + Number(x) * scale + b) * 4;
      px[i] = px[i + 1] = px[i + 2] = 0;
    }
  }
  return jsQR(px, size, size)?.data;
}
