// The typed core's wasm (wasm/src/core.rs): sign-in, session and refresh rules for an
// app with a user pool only. driver.js loads it with import() while the page is idle
// after configure(), or on the first call that needs it.
import { bind } from './core-v2.js';
import { wasmBase64, wasmSize } from './cognito_wasm_v2_inline.js';
import { instances } from './unpack.js';
import type { CoreExports } from './wasm-exports.js';

const instance = instances<CoreExports>(wasmBase64, wasmSize);

/** Instantiates the module (`precompiled`: see unpack.js); resolves to its calls (core-v2.js). */
export async function start(precompiled?: WebAssembly.Module) {
  return bind(await instance(precompiled));
}
