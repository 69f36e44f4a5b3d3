// Amplify UI's Authenticator scenarios in React (tests/parity): the example apps of Amplify
// UI's suite, imports changed to cognito-wasm/react, built with Vite.
import { execFileSync } from 'node:child_process';
import { timed } from '../support/ui.mjs';
import { runParity } from '../parity/run.mjs';

runParity({
  framework: 'R',
  fixture: 'parity-react',
  out: 'dist',
  build: (work) => timed('vite build', () => execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: work, stdio: 'inherit' })),
});
