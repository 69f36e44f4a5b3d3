// Runs the demo page (www/) against a local ministack with a fresh user pool.
//   npm run demo            (DEMO_PORT=8080 by default; Ctrl-C stops everything)
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/support/server.mjs';
import { startStack } from '../tests/support/stack.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.DEMO_PORT ?? 8080);

// The hosted UI sends the browser back to this exact URL (the app client's callback and
// logout URL), so open the demo at this address, not localhost.
const demoUrl = `http://127.0.0.1:${port}/www/`;
const stack = await startStack({ users: ['demo:Demo-Passw0rd!:demo@example.com'], oauth: [demoUrl], identityPool: true });
let server;
try {
  server = await startServer({ root, port, config: stack.config });
} catch (e) {
  // ministack runs in its own process group, so it must be stopped explicitly.
  stack.stop();
  console.error(`Could not listen on 127.0.0.1:${port} (${e.code ?? e.message}); set DEMO_PORT to another port.`);
  process.exit(1);
}

console.log(`\nDemo: ${demoUrl}  (user demo / Demo-Passw0rd!, sign-up confirmation code 123456)`);
console.log(`The hosted UI (served by ministack at ${stack.endpoint}) returns to ${demoUrl} only: use that address, not localhost.`);
console.log('Press Ctrl-C to stop.\n');

let stopping = false;
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping`);
  // Browsers keep connections alive; drop them so close() does not wait.
  server.closeAllConnections();
  server.close();
  try {
    stack.stop();
  } finally {
    process.exit(0);
  }
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
