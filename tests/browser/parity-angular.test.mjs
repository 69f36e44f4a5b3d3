// Amplify UI's Authenticator scenarios in Angular (tests/parity): the example apps of Amplify
// UI's suite, imports changed to cognito-wasm/angular, built by the Angular CLI (AOT).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { timed } from '../support/ui.mjs';
import { runParity } from '../parity/run.mjs';

const env = { ...process.env, NG_CLI_ANALYTICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0' };
runParity({
  framework: 'A',
  fixture: 'parity-angular',
  out: 'dist/parity-angular/browser',
  policies: ['angular', 'angular#unsafe-bypass'],
  env,
  build: (work) => {
    const build = timed('ng build', () => spawnSync('npx', ['ng', 'build', '--progress=false'], { cwd: work, env, encoding: 'utf8' }));
    if (build.status !== 0) process.stdout.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
    assert.equal(build.status, 0, 'ng build failed');
  },
});
