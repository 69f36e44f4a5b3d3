// Amplify UI's Authenticator scenarios in Vue (tests/parity): the example apps of Amplify
// UI's suite, imports changed to cognito-wasm/vue, built with Vite.
import { execFileSync } from 'node:child_process';
import { timed } from '../support/ui.mjs';
import { runParity } from '../parity/run.mjs';

runParity({
  framework: 'V',
  fixture: 'parity-vue',
  out: 'dist',
  policies: ['vue'],
  build: (work) => timed('vite build', () => execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: work, stdio: 'inherit' })),
});
