// The account module's wasm (wasm/src/account.rs): request and result of the account
// calls (password reset and change, attributes, MFA preferences, TOTP set-up,
// remembered devices, deletion). driver.js loads it with import() on the first such call, so an app that
// never makes one never downloads it.
import { wasmBase64, wasmSize } from './cognito_wasm_account_inline.js';
import type { abi as Abi } from './abi.js';
import type { Kit } from './driver.js';
import type { AccountExports } from './wasm-exports.js';

// The account calls (account.js), in the order of `AccountOp::ALL` (src/flows/account.rs):
// the index is what crosses into the account module's wasm.
export const ACCOUNT_OPS = [
  'resetPassword',
  'confirmResetPassword',
  'updatePassword',
  'fetchUserAttributes',
  'updateUserAttributes',
  'updateUserAttribute',
  'confirmUserAttribute',
  'sendUserAttributeVerificationCode',
  'deleteUserAttributes',
  'deleteUser',
  'setUpTOTP',
  'verifyTOTPSetup',
  'updateMFAPreference',
  'fetchMFAPreference',
  'fetchDevices',
  'rememberDevice',
  'forgetDevice',
  // The two requests of associateWebAuthnCredential (the browser creates the passkey in between).
  'startWebAuthnRegistration',
  'completeWebAuthnRegistration',
  'listWebAuthnCredentials',
  'deleteWebAuthnCredential',
];

// `kit` (from driver.js, see there): the ABI helpers, the instantiation and the
// input-shape checks, passed in rather than imported.

/** Instantiates the module (`precompiled`: see unpack.js); resolves to its calls (`op`: the call's index in ACCOUNT_OPS). */
export async function start(kit: Kit, precompiled?: WebAssembly.Module) {
  return bindAccount(await kit.instance<AccountExports>(wasmBase64, wasmSize, precompiled), kit.abi);
}

/** The account calls over an instantiated module's exports (`abi`: abi.js's). */
export function bindAccount(x: AccountExports, abi: typeof Abi) {
  const { text, args } = abi(x);
  return {
    needsSession: (op) => x.account_needs_session(op) === 1,
    request: (op, clientId, access, device, input) => text(x.account_request(op, ...args([clientId, access, device, input]))),
    result: (op, input, access, user, body) => text(x.account_result(op, ...args([input, access, user, body]))),
  };
}

const MFA_VALUES = ['ENABLED', 'DISABLED', 'PREFERRED', 'NOT_PREFERRED'];
/** Whether this module takes each call's input as it is (else check.js names what is wrong, or reduces it); `kit`: shapes.js's checks. */
export const takesWith = ({ isObject, only, text, strings, options, metadataOnly }) => ({
  resetPassword: (i) => isObject(i) && only(i, ['username', 'options']) && text(i.username) && metadataOnly(i.options),
  confirmResetPassword: (i) =>
    isObject(i) &&
    only(i, ['username', 'newPassword', 'confirmationCode', 'options']) &&
    text(i.username) &&
    text(i.newPassword) &&
    text(i.confirmationCode) &&
    metadataOnly(i.options),
  updatePassword: (i) => isObject(i) && only(i, ['oldPassword', 'newPassword']) && text(i.oldPassword) && text(i.newPassword),
  fetchUserAttributes: (i) => i === undefined,
  updateUserAttributes: (i) =>
    isObject(i) && only(i, ['userAttributes', 'options']) && isObject(i.userAttributes) && strings(i.userAttributes) && metadataOnly(i.options),
  updateUserAttribute: (i) =>
    isObject(i) &&
    only(i, ['userAttribute', 'options']) &&
    isObject(i.userAttribute) &&
    only(i.userAttribute, ['attributeKey', 'value']) &&
    text(i.userAttribute.attributeKey) &&
    (i.userAttribute.value == null || typeof i.userAttribute.value === 'string') &&
    metadataOnly(i.options),
  confirmUserAttribute: (i) => isObject(i) && only(i, ['userAttributeKey', 'confirmationCode']) && text(i.userAttributeKey) && text(i.confirmationCode),
  sendUserAttributeVerificationCode: (i) => isObject(i) && only(i, ['userAttributeKey', 'options']) && text(i.userAttributeKey) && metadataOnly(i.options),
  deleteUserAttributes: (i) =>
    isObject(i) &&
    only(i, ['userAttributeKeys']) &&
    Array.isArray(i.userAttributeKeys) &&
    i.userAttributeKeys.length > 0 &&
    i.userAttributeKeys.every((k) => typeof k === 'string'),
  deleteUser: (i) => i === undefined,
  setUpTOTP: (i) => i === undefined,
  verifyTOTPSetup: (i) =>
    isObject(i) &&
    only(i, ['code', 'options']) &&
    text(i.code) &&
    options(i.options, (o) => only(o, ['friendlyDeviceName']) && (o.friendlyDeviceName == null || typeof o.friendlyDeviceName === 'string')),
  updateMFAPreference: (i) =>
    isObject(i) && only(i, ['sms', 'totp', 'email']) && Object.values(i).every((v) => v == null || MFA_VALUES.includes(v as string)),
  fetchMFAPreference: (i) => i === undefined,
  fetchDevices: (i) => i === undefined,
  rememberDevice: (i) => i === undefined,
  forgetDevice: (i) =>
    i == null ||
    (isObject(i) && only(i, ['device']) && (i.device == null || (isObject(i.device) && (i.device.id == null || typeof i.device.id === 'string')))),
  associateWebAuthnCredential: (i) => i === undefined,
  listWebAuthnCredentials: (i) =>
    isObject(i) && only(i, ['pageSize', 'nextToken']) && (i.pageSize === undefined || (Number.isInteger(i.pageSize) && i.pageSize > 0)) && (i.nextToken === undefined || typeof i.nextToken === 'string'),
  deleteWebAuthnCredential: (i) => isObject(i) && only(i, ['credentialId']) && text(i.credentialId),
  // Internal halves of associateWebAuthnCredential: never an app's call.
  startWebAuthnRegistration: () => false,
  completeWebAuthnRegistration: () => false,
});

/**
 * The account calls of driver.js, each `(input) => result`, over this module's bindings
 * `a` and the driver's I/O `d` (see driver.js).
 */
export function accountCalls(a, d) {
  const { cfg, call, step, coreError, currentSession, notSignedIn, deviceKey, clear, store, key, emit, DEVICE_KEYS } = d;

  async function account(op: string, input?: any) {
    const c = cfg();
    const i = ACCOUNT_OPS.indexOf(op);
    let s: any = null;
    if (a.needsSession(i)) {
      s = await currentSession(c, false);
      if (!s) throw notSignedIn();
    }
    const text = JSON.stringify(input ?? {});
    // The device remembered here: only rememberDevice and forgetDevice name it.
    const device = s && (op === 'rememberDevice' || op === 'forgetDevice') ? await deviceKey(c, s.lastAuthUser) : null;
    let request;
    try {
      request = a.request(i, c.userPoolClientId, s?.accessToken, device ?? undefined, text);
    } catch (e) {
      throw coreError(e);
    }
    const body = await call(c, request);
    // Only the attribute updates read the input again (passwords are not passed twice).
    const reread = op === 'updateUserAttributes' || op === 'updateUserAttribute';
    const out = step(() => a.result(i, reread ? text : '{}', s?.accessToken, s?.lastAuthUser, body));
    if (op === 'deleteUser') {
      // The account is gone: so are its session and its remembered device.
      d.signedOut();
      await clear(c, s.lastAuthUser);
      for (const n of DEVICE_KEYS) await store('removeItem', key(c, s.lastAuthUser, n));
      emit('signedOut');
    }
    if (op === 'forgetDevice' && device && (input?.device?.id ?? device) === device) {
      // This device is forgotten: so are its keys here.
      for (const n of DEVICE_KEYS) await store('removeItem', key(c, s.lastAuthUser, n));
    }
    return out ?? undefined;
  }


  /** Registers a passkey for the signed-in user: Cognito's options, the browser's passkey (passkey.js), Cognito's check. */
  async function associateWebAuthnCredential() {
    const options = await account('startWebAuthnRegistration');
    const { register } = await import('./passkey.js');
    const credential = await register(options, d.AuthError);
    await account('completeWebAuthnRegistration', { credential });
  }

  return { ...Object.fromEntries(ACCOUNT_OPS.map((op) => [op, (input) => account(op, input)])), associateWebAuthnCredential };
}
