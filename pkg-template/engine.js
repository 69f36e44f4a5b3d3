// The wasm engine. index.js loads this module with import() on the first call that
// needs it (or while the page is idle after configure()), so bundlers put it in a
// chunk of its own and a page pays for compiling it only when auth work starts.
import init, { setHost, configure, call } from './cognito_wasm.js';
import { wasmBase64, wasmSize } from './cognito_wasm_inline.js';
import { unpack } from './unpack.js';

/** Instantiates the module with `host` (storage, events, locks); resolves to its calls. */
export async function start(host) {
  // Compiled asynchronously: off the main thread where the browser can.
  await init({ module_or_path: await unpack(wasmBase64, wasmSize) });
  setHost(host);
  return { configure, call };
}
