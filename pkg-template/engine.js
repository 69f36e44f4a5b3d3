// The wasm engine. index.js loads this module with import() on the first call that
// needs it (or while the page is idle after configure()), so bundlers put it in a
// chunk of its own and a page pays for compiling it only when auth work starts.
import { initSync, setHost, configure, call } from './cognito_wasm.js';
import { wasmBase64, wasmSize } from './cognito_wasm_inline.js';
import { inflate, fromBase64 } from './inflate.js';

/** Instantiates the module with `host` (storage, events, locks); returns its calls. */
export function start(host) {
  initSync({ module: inflate(fromBase64(wasmBase64), wasmSize) });
  setHost(host);
  return { configure, call };
}
