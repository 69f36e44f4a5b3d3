// The local Cognito started for the demo and the tests must not outlive the process that
// started it, even when that process is killed hard and never runs its clean-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const stackModule = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), '..', 'support', 'stack.mjs')).href;

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const answers = (endpoint) =>
  fetch(`${endpoint}/_ministack/health`, { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.ok,
    () => false,
  );

test('ministack stops when the process that started it is killed with SIGKILL', async () => {
  // A parent like the demo or a test file: starts the stack, then just lives.
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', `const { startStack } = await import(${JSON.stringify(stackModule)});
      const s = await startStack();
      console.log('STACK ' + JSON.stringify({ endpoint: s.endpoint, stateDir: s.stateDir }));
      setInterval(() => {}, 1000);`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  const info = await new Promise((ok, fail) => {
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('STACK '));
      if (line) ok(JSON.parse(line.slice(6)));
    });
    child.on('exit', (code) => fail(new Error(`the parent exited early (${code}): ${out}`)));
  });
  const pid = Number(readFileSync(join(info.stateDir, 'ministack.pid'), 'utf8'));
  try {
    assert.equal(await answers(info.endpoint), true, 'ministack is up');
    child.kill('SIGKILL');
    const deadline = Date.now() + 20_000;
    while (alive(pid) && Date.now() < deadline) await sleep(250);
    assert.equal(alive(pid), false, 'ministack is gone after its parent was killed');
    assert.equal(await answers(info.endpoint), false, 'nothing answers on its port');
  } finally {
    child.kill('SIGKILL');
    if (alive(pid)) process.kill(-pid, 'SIGKILL');
  }
});
