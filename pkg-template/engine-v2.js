// The typed core's wasm (src/wasm_v2.rs): sign-in, session and refresh rules for an
// app with a user pool only. driver.js loads it with import() while the page is idle
// after configure(), or on the first call that needs it.
import { bind } from './core-v2.js';
import { wasmBase64, wasmSize } from './cognito_wasm_v2_inline.js';
import { unpack } from './unpack.js';

/** Instantiates the module; resolves to its calls (core-v2.js). */
let compiled; // the module, compiled once: a server makes one instance per request
export async function start() {
  compiled ??= unpack(wasmBase64, wasmSize).then((bytes) => WebAssembly.compile(bytes));
  let module;
  try {
    module = await compiled;
  } catch (e) {
    compiled = undefined; // not remembered: the next call tries again
    throw e;
  }
  return bind((await WebAssembly.instantiate(module, {})).exports);
}
