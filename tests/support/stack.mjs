// Starts ministack with a fresh user pool for a test run, and stops it again.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';

const here = dirname(fileURLToPath(import.meta.url));
const venv = process.env.MINISTACK_VENV ?? '/opt/ministack-venv';

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

export async function startStack({ users = [] } = {}) {
  const port = Number(process.env.MINISTACK_PORT) || (await freePort());
  const stateDir = mkdtempSync(join(tmpdir(), 'cognito-wasm-ministack-'));
  execFileSync('bash', [join(here, 'ministack.sh'), 'start', String(port), stateDir], { stdio: 'inherit' });
  const endpoint = `http://127.0.0.1:${port}`;
  /** Creates a user pool and app client; returns its ids and an Amplify v6 config. */
  // tempUsers: 'USER:TEMPPASS:EMAIL' entries created with a temporary password (NEW_PASSWORD_REQUIRED);
  // mfa: 'OFF' | 'OPTIONAL' | 'ON' with TOTP enabled.
  const addPool = ({ users = [], tempUsers = [], usernameAttributes = [], mfa } = {}) => {
    const args = [join(here, 'setup_pool.py'), '--endpoint', endpoint];
    for (const u of users) args.push('--create-user', u);
    for (const u of tempUsers) args.push('--create-temp-user', u);
    if (mfa) args.push('--mfa', mfa);
    if (usernameAttributes.length) args.push('--username-attributes', usernameAttributes.join(','));
    const pool = JSON.parse(execFileSync(join(venv, 'bin', 'python'), args, { encoding: 'utf8' }));
    const config = { Auth: { Cognito: { userPoolId: pool.userPoolId, userPoolClientId: pool.userPoolClientId, userPoolEndpoint: endpoint } } };
    return { pool, config };
  };
  const stop = () => execFileSync('bash', [join(here, 'ministack.sh'), 'stop', stateDir], { stdio: 'inherit' });
  let first;
  try {
    first = addPool({ users });
  } catch (e) {
    stop(); // never leave ministack running behind a failed set-up
    throw e;
  }
  const { pool, config } = first;
  return {
    endpoint,
    pool,
    config,
    addPool,
    stop,
  };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
