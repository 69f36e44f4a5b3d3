// Passkeys in the browser (WebAuthn): Cognito's options, a JSON form with base64url
// binaries, turned into what navigator.credentials takes, and the credential the browser
// makes turned back into that JSON form. Failures are named as Amplify names them (its
// PasskeyError codes). Loaded only by the passkey calls and by a sign-in that meets a
// passkey challenge; no wasm: the browser does the cryptography. The AuthError class
// comes from the caller (the entry's), so no chunk of errors.js is split off for it.

const CANCELED = 'User may have canceled the ceremony or another interruption has occurred. Check underlying error for details.';
const MISCONFIGURED = 'Ensure your user pool is configured to support the WEB_AUTHN as an authentication factor.';
const UNSUPPORTED = 'Passkeys may not be supported on this device. Ensure your application is running in a secure context (HTTPS) and Web Authentication API is supported.';
const ERRORS = {
  PasskeyNotSupported: ['Passkeys may not be supported on this device.', UNSUPPORTED],
  InvalidPasskeyRegistrationOptions: ['Invalid passkey registration options.', MISCONFIGURED],
  InvalidPasskeyAuthenticationOptions: ['Invalid passkey authentication options.', MISCONFIGURED],
  PasskeyRegistrationFailed: ['Device failed to create passkey.', UNSUPPORTED],
  PasskeyRetrievalFailed: [
    'Device failed to retrieve passkey.',
    'Passkeys may not be available on this device. Try an alternative authentication factor like PASSWORD, EMAIL_OTP, or SMS_OTP.',
  ],
  PasskeyAlreadyExists: ['Passkey already exists in authenticator.', 'Proceed with existing passkey or try again after deleting the credential.'],
  PasskeyRegistrationCanceled: ['Passkey registration ceremony has been canceled.', CANCELED],
  PasskeyAuthenticationCanceled: ['Passkey authentication ceremony has been canceled.', CANCELED],
  PasskeyOperationAborted: ['Passkey operation has been aborted.', CANCELED],
  RelyingPartyMismatch: ['Relying party does not match current domain.', 'Ensure relying party identifier matches current domain.'],
};

/** An AuthError named as Amplify's PasskeyError of that code. */
function passkeyError(AuthError, name: string, underlyingError?: unknown) {
  const [message, recoverySuggestion] = ERRORS[name];
  return new AuthError({ name, message, recoverySuggestion, underlyingError });
}

/** Whether this page can use passkeys: a browser, a secure context, WebAuthn. */
export function supported() {
  return typeof window !== 'undefined' && window.isSecureContext === true && 'credentials' in navigator && typeof window.PublicKeyCredential === 'function';
}

function fromB64url(s) {
  if (typeof s !== 'string' || !/^[A-Za-z0-9_-]*={0,2}$/.test(s)) throw new TypeError('not base64url');
  const bin = atob(s.replace(/=+$/, '').replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}
function toB64url(buf) {
  const bytes = new Uint8Array(buf);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
const withIds = (list) => (list ?? []).map((c) => ({ ...c, id: fromB64url(c.id) }));

// What the browser's failures mean, by the WebAuthn spec's exception names.
function named(AuthError, e, canceled) {
  if (e instanceof AuthError) return e;
  if (e?.name === 'NotAllowedError') return passkeyError(AuthError, canceled, e);
  if (e?.name === 'AbortError') return passkeyError(AuthError, 'PasskeyOperationAborted', e);
  if (e?.name === 'SecurityError') return passkeyError(AuthError, 'RelyingPartyMismatch', e);
  return new AuthError({ name: 'Unknown', message: 'An unknown error has occurred.', underlyingError: e });
}

/** Creates a passkey from Cognito's `CredentialCreationOptions` (an object); resolves to the credential's JSON form. */
export async function register(options, AuthError) {
  if (!supported()) throw passkeyError(AuthError, 'PasskeyNotSupported');
  let publicKey;
  try {
    publicKey = { ...options, challenge: fromB64url(options.challenge), user: { ...options.user, id: fromB64url(options.user.id) }, excludeCredentials: withIds(options.excludeCredentials) };
  } catch (e) {
    throw passkeyError(AuthError, 'InvalidPasskeyRegistrationOptions', e);
  }
  let cred;
  try {
    cred = await navigator.credentials.create({ publicKey });
  } catch (e) {
    // Already registered on this authenticator: InvalidStateError, per the spec.
    throw e?.name === 'InvalidStateError' ? passkeyError(AuthError, 'PasskeyAlreadyExists', e) : named(AuthError, e, 'PasskeyRegistrationCanceled');
  }
  const r = cred?.response;
  if (!r || typeof r.attestationObject === 'undefined') throw passkeyError(AuthError, 'PasskeyRegistrationFailed');
  const response: Record<string, unknown> = {
    clientDataJSON: toB64url(r.clientDataJSON),
    attestationObject: toB64url(r.attestationObject),
    transports: r.getTransports?.() ?? [],
    publicKeyAlgorithm: r.getPublicKeyAlgorithm?.(),
    authenticatorData: r.getAuthenticatorData ? toB64url(r.getAuthenticatorData()) : undefined,
  };
  const publicKeyBytes = r.getPublicKey?.();
  if (publicKeyBytes) response.publicKey = toB64url(publicKeyBytes);
  const out: Record<string, unknown> = { type: cred.type, id: cred.id, rawId: toB64url(cred.rawId), clientExtensionResults: cred.getClientExtensionResults(), response };
  if (cred.authenticatorAttachment) out.authenticatorAttachment = cred.authenticatorAttachment;
  return out;
}

/**
 * Answers a sign-in's WEB_AUTHN challenge (already kept as pending) with the browser's
 * passkey, as confirmSignIn would. `d`: the driver's parts; `steps`: the steps module's
 * calls. A failed, cancelled or refused passkey ends the sign-in.
 */
let answering = false;
export async function answer(d, steps, options) {
  const { AuthError } = d;
  if (answering) {
    d.clearSignInState();
    throw d.error('SignInException', 'Sequential WEB_AUTHN challenges returned from underlying service cannot be handled.', 'Sign in again.');
  }
  let credential;
  try {
    if (typeof options !== 'string') throw passkeyError(AuthError, 'InvalidPasskeyAuthenticationOptions');
    credential = await authenticate(options, AuthError);
  } catch (e) {
    d.clearSignInState();
    throw e;
  }
  answering = true;
  try {
    return await steps.confirmSignIn({ challengeResponse: credential });
  } catch (e) {
    d.clearSignInState();
    throw e;
  } finally {
    answering = false;
  }
}

/** Signs in with a passkey from Cognito's `CREDENTIAL_REQUEST_OPTIONS` (JSON text); resolves to the assertion's JSON text. */
export async function authenticate(optionsText, AuthError) {
  if (!supported()) throw passkeyError(AuthError, 'PasskeyNotSupported');
  let publicKey;
  try {
    const options = JSON.parse(optionsText);
    publicKey = { ...options, challenge: fromB64url(options.challenge), allowCredentials: withIds(options.allowCredentials) };
  } catch (e) {
    throw passkeyError(AuthError, 'InvalidPasskeyAuthenticationOptions', e);
  }
  let cred;
  try {
    cred = await navigator.credentials.get({ publicKey });
  } catch (e) {
    throw named(AuthError, e, 'PasskeyAuthenticationCanceled');
  }
  const r = cred?.response;
  if (!r || typeof r.signature === 'undefined') throw passkeyError(AuthError, 'PasskeyRetrievalFailed');
  const response: Record<string, unknown> = { clientDataJSON: toB64url(r.clientDataJSON), authenticatorData: toB64url(r.authenticatorData), signature: toB64url(r.signature) };
  if (r.userHandle) response.userHandle = toB64url(r.userHandle);
  const out: Record<string, unknown> = { id: cred.id, rawId: toB64url(cred.rawId), type: cred.type, clientExtensionResults: cred.getClientExtensionResults(), response };
  if (cred.authenticatorAttachment) out.authenticatorAttachment = cred.authenticatorAttachment;
  return JSON.stringify(out);
}
