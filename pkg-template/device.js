// The device module's wasm (src/modules/device.rs): a new device's ConfirmDevice and a
// remembered device's own SRP (DEVICE_SRP_AUTH). driver.js loads it with import() only
// when a sign-in meets a device, so apps of pools that remember none never download it.
import { abi, Handle } from './abi.js';
import { wasmBase64, wasmSize } from './cognito_wasm_device_inline.js';
import { instances } from './unpack.js';

const instance = instances(wasmBase64, wasmSize);

/** Instantiates the module; resolves to its calls. */
export async function start() {
  return bindDevice(await instance());
}

/** The device module's calls over an instantiated module's exports. */
export function bindDevice(x) {
  const { args, text, handle, call } = abi(x);

  /** A remembered device proving itself, going on as a sign-in (start, onReply, free). */
  class DeviceSignIn extends Handle {
    start() {
      return text(x.device_signin_start(this.h));
    }
    onReply(status, requestId, errorType, body) {
      return text(x.device_signin_on_reply(this.h, status, ...args([requestId, errorType, body]), Date.now()));
    }
  }

  return {
    /** ConfirmDevice for a new device: `{ send, password }` (`random`: 56 fresh bytes). */
    deviceConfirm: (access, deviceKey, deviceGroupKey, random, deviceName) => call(x.device_confirm, [access, deviceKey, deviceGroupKey, random, deviceName]),
    /**
     * The sign-in of `username` (Cognito's name) stopped at DEVICE_SRP_AUTH (`body`: that
     * reply); `device`: the remembered [key, group key, password]; `random`: 32 fresh bytes.
     */
    signIn: (clientId, username, clientMetadata, device, random, body) =>
      new DeviceSignIn(handle(x.device_signin_new(...args([clientId, username, clientMetadata, device[0], device[1], device[2], random, body]))), x.device_signin_free),
  };
}

/** The driver's device call over the module's bindings `m` and the driver's I/O `d` (see driver.js). */
export function deviceCalls(m, d) {
  const { random, call, store, key, DEVICE_KEYS, userAgent } = d;

  /** A new device (NewDeviceMetadata): ConfirmDevice, then its keys kept, as Amplify. */
  async function confirm(c, done) {
    const { deviceKey: dk, deviceGroupKey: group } = done.newDevice;
    const seed = random(56);
    try {
      const r = JSON.parse(m.deviceConfirm(done.tokens.accessToken, dk, group, seed, userAgent()));
      await call(c, JSON.stringify(r.send));
      const values = [dk, group, r.password];
      for (const [i, n] of DEVICE_KEYS.entries()) await store('setItem', key(c, done.username, n), values[i]);
    } catch {
      // Amplify ignores a failed confirmation: the sign-in itself succeeded.
    } finally {
      seed.fill(0);
    }
  }

  return { confirm };
}
