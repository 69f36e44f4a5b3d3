// A new device's confirmation after a sign-in (ConfirmDevice). No wasm of its own: the
// verifier is the typed core's, which has the SRP arithmetic for the password anyway
// (a remembered device's own SRP is the core's sign-in too: SignIn.device in core-v2.js).
// driver.js loads this chunk with import() only when a sign-in returns a new device.

/** The driver's device calls over its parts `d` (see driver.js). */
export function deviceCalls(d) {
  const { core, random, call, store, key, DEVICE_KEYS, userAgent } = d;

  /** A new device (NewDeviceMetadata): ConfirmDevice, then its keys kept, as Amplify. */
  async function confirm(c, done) {
    const { deviceKey: dk, deviceGroupKey: group } = done.newDevice;
    const seed = random(56);
    try {
      const r = JSON.parse(core.deviceConfirm(done.tokens.accessToken, dk, group, seed, userAgent()));
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
