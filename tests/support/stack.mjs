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

/** The scopes the hosted UI app client allows (and the config asks for). */
export const OAUTH_SCOPES = ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'];

// oauth: callback URLs (also the logout URLs) for the hosted UI, which ministack serves at
// its gateway root; identityPool: an identity pool (guests allowed) linked to the app client.
export async function startStack({ users = [], oauth = [], identityPool = false } = {}) {
  const port = Number(process.env.MINISTACK_PORT) || (await freePort());
  const stateDir = mkdtempSync(join(tmpdir(), 'cognito-wasm-ministack-'));
  execFileSync('bash', [join(here, 'ministack.sh'), 'start', String(port), stateDir], { stdio: 'inherit' });
  const endpoint = `http://127.0.0.1:${port}`;
  /** Creates a user pool and app client; returns its ids and an Amplify v6 config. */
  // tempUsers: 'USER:TEMPPASS:EMAIL' entries created with a temporary password (NEW_PASSWORD_REQUIRED);
  // mfa: 'OFF' | 'OPTIONAL' | 'ON' with TOTP enabled;
  // oauth: hosted UI callback (= logout) URLs, matched exactly by the server, so use the
  // page's own URL; identityPool: also create an identity pool (allowGuestAccess in the config).
  const addPool = ({ users = [], tempUsers = [], usernameAttributes = [], mfa, oauth = [], identityPool = false } = {}) => {
    const args = [join(here, 'setup_pool.py'), '--endpoint', endpoint];
    for (const u of users) args.push('--create-user', u);
    for (const u of tempUsers) args.push('--create-temp-user', u);
    if (mfa) args.push('--mfa', mfa);
    if (usernameAttributes.length) args.push('--username-attributes', usernameAttributes.join(','));
    if (oauth.length) args.push('--oauth', oauth.join(','));
    if (identityPool) args.push('--identity-pool');
    const pool = JSON.parse(execFileSync(join(venv, 'bin', 'python'), args, { encoding: 'utf8' }));
    const cognito = { userPoolId: pool.userPoolId, userPoolClientId: pool.userPoolClientId, userPoolEndpoint: endpoint };
    if (oauth.length) {
      // Our extension: the domain may be a full base URL (Amplify would prefix https://).
      cognito.loginWith = {
        oauth: { domain: endpoint, scopes: [...OAUTH_SCOPES], redirectSignIn: [...oauth], redirectSignOut: [...oauth], responseType: 'code' },
      };
    }
    if (pool.identityPoolId) {
      Object.assign(cognito, { identityPoolId: pool.identityPoolId, identityPoolEndpoint: endpoint, allowGuestAccess: true });
    }
    const config = { Auth: { Cognito: cognito } };
    return { pool, config };
  };
  const stop = () => execFileSync('bash', [join(here, 'ministack.sh'), 'stop', stateDir], { stdio: 'inherit' });
  let first;
  try {
    first = addPool({ users, oauth, identityPool });
  } catch (e) {
    stop(); // never leave ministack running behind a failed set-up
    throw e;
  }
  const { pool, config } = first;
  return {
    endpoint,
    stateDir,
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
