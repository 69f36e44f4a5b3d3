// The typed core's wasm (src/wasm_v2.rs): sign-in, session and refresh rules for an
// app with a user pool only. driver.js loads it with import() while the page is idle
// after configure(), or on the first call that needs it.
import * as core from './cognito_wasm_v2.js';
import { wasmBase64, wasmSize } from './cognito_wasm_v2_inline.js';
import { inflate, fromBase64 } from './inflate.js';

/** Instantiates the module; returns its exports. */
export function start() {
  core.initSync({ module: inflate(fromBase64(wasmBase64), wasmSize) });
  return core;
}
