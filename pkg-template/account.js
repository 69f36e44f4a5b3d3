// The account module's wasm (src/wasm_account.rs): request and result of the account
// calls (password reset and change, attributes, MFA preferences, TOTP set-up,
// remembered devices, deletion). driver.js loads it with import() on the first such call, so an app that
// never makes one never downloads it.
import { abi } from './abi.js';
import { wasmBase64, wasmSize } from './cognito_wasm_account_inline.js';
import { instances } from './unpack.js';

const instance = instances(wasmBase64, wasmSize);

/** Instantiates the module; resolves to its calls (`op`: the call's index in driver.js's ACCOUNT_OPS). */
export async function start() {
  return bindAccount(await instance());
}

/** The account calls over an instantiated module's exports. */
export function bindAccount(x) {
  const { text, args } = abi(x);
  return {
    needsSession: (op) => x.account_needs_session(op) === 1,
    request: (op, clientId, access, device, input) => text(x.account_request(op, ...args([clientId, access, device, input]))),
    result: (op, input, access, user, body) => text(x.account_result(op, ...args([input, access, user, body]))),
  };
}
