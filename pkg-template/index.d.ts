// Types for cognito-wasm. Names and shapes follow `aws-amplify/auth` v6.

export type AuthFlowType = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'CUSTOM_WITH_SRP' | 'CUSTOM_WITHOUT_SRP' | 'USER_AUTH';
export type AuthFactorType = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';
export type MFAType = 'SMS' | 'TOTP' | 'EMAIL';

export interface CognitoConfig {
  userPoolId: string;
  userPoolClientId: string;
  /** Replaces the regional `https://cognito-idp.<region>.amazonaws.com/` URL. */
  userPoolEndpoint?: string;
  identityPoolId?: string;
  identityPoolEndpoint?: string;
  allowGuestAccess?: boolean;
  signUpVerificationMethod?: 'code' | 'link';
  loginWith?: {
    email?: boolean;
    phone?: boolean;
    username?: boolean;
    oauth?: {
      domain: string;
      scopes: string[];
      redirectSignIn: string[];
      redirectSignOut: string[];
      responseType: 'code' | 'token';
      providers?: Array<string | { custom: string }>;
    };
  };
  userAttributes?: Record<string, { required?: boolean }>;
  passwordFormat?: {
    minLength?: number;
    requireLowercase?: boolean;
    requireUppercase?: boolean;
    requireNumbers?: boolean;
    requireSpecialCharacters?: boolean;
  };
  mfa?: { status?: 'on' | 'off' | 'optional'; totpEnabled?: boolean; smsEnabled?: boolean; emailEnabled?: boolean };
}

/** The Amplify v6 form. */
export interface ResourcesConfig {
  Auth: { Cognito: CognitoConfig };
}

/** Gen1 `aws-exports.js` / `amplifyconfiguration.json`, or Gen2 `amplify_outputs.json`. */
export type LegacyConfig = Record<string, unknown>;

/** Amplify's library options this library reads (and two of its own). */
export interface LibraryOptions {
  /** Tokens in cookies a server on the same site can read (Amplify's names and attributes). */
  ssr?: boolean;
  Auth?: {
    /** How long one request may take before it fails with `TimeoutError` (default 20000). */
    requestTimeoutMs?: number;
    /** Whether to compute the next sign-in's SRP `A` while the page is idle (default true). */
    prepareSignIn?: boolean;
  };
}

/** Applies the configuration synchronously. Throws `AuthError` (`InvalidConfigException`) naming the bad field. */
export declare function configure(config: ResourcesConfig | LegacyConfig, libraryOptions?: LibraryOptions): void;
/** The configuration in use, normalised to the v6 form (`{}` before `configure`). */
export declare function getConfig(): Partial<ResourcesConfig>;

export interface AuthErrorMetadata {
  httpStatusCode?: number;
  requestId?: string;
}

/** Every failure is an `AuthError`; `name` is stable (e.g. `NotAuthorizedException`, `NetworkError`). */
export declare class AuthError extends Error {
  constructor(params: {
    name: string;
    message: string;
    recoverySuggestion?: string;
    underlyingError?: unknown;
    metadata?: AuthErrorMetadata;
  });
  recoverySuggestion?: string;
  underlyingError?: unknown;
  metadata?: AuthErrorMetadata;
}

export type DeliveryMedium = 'EMAIL' | 'SMS' | 'PHONE' | 'UNKNOWN';

export interface CodeDeliveryDetails {
  destination?: string;
  deliveryMedium?: DeliveryMedium;
  attributeName?: string;
}

export interface SignInOptions {
  authFlowType?: AuthFlowType;
  clientMetadata?: Record<string, string>;
  /** With `USER_AUTH`: the first factor to try. */
  preferredChallenge?: AuthFactorType;
}

export interface SignUpInput {
  username: string;
  password?: string;
  options?: {
    userAttributes?: Record<string, string>;
    validationData?: Record<string, string>;
    clientMetadata?: Record<string, string>;
    /** Sign in automatically once the account is confirmed (then call `autoSignIn()`). */
    autoSignIn?: boolean | SignInOptions;
  };
}

export interface SignUpOutput {
  isSignUpComplete: boolean;
  userId?: string;
  nextStep:
    | { signUpStep: 'DONE' }
    | { signUpStep: 'CONFIRM_SIGN_UP'; codeDeliveryDetails: CodeDeliveryDetails }
    | { signUpStep: 'COMPLETE_AUTO_SIGN_IN'; codeDeliveryDetails?: CodeDeliveryDetails };
}

export declare function signUp(input: SignUpInput): Promise<SignUpOutput>;

export interface ConfirmSignUpInput {
  username: string;
  confirmationCode: string;
  options?: { clientMetadata?: Record<string, string>; forceAliasCreation?: boolean };
}

export declare function confirmSignUp(input: ConfirmSignUpInput): Promise<SignUpOutput>;

export declare function resendSignUpCode(input: {
  username: string;
  options?: { clientMetadata?: Record<string, string> };
}): Promise<CodeDeliveryDetails>;

export interface SignInInput {
  username: string;
  password?: string;
  options?: SignInOptions;
}

export interface TOTPSetupDetails {
  sharedSecret: string;
  /** The `otpauth://` URI for authenticator apps (render it as a QR code). */
  getSetupUri(appName: string, accountName?: string): URL;
}

export type SignInStep =
  | { signInStep: 'DONE' }
  | { signInStep: 'CONFIRM_SIGN_UP' }
  | { signInStep: 'RESET_PASSWORD' }
  | { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED'; missingAttributes?: string[] }
  | { signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE'; codeDeliveryDetails?: CodeDeliveryDetails }
  | { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE'; codeDeliveryDetails?: CodeDeliveryDetails }
  | { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' }
  | { signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE'; additionalInfo?: Record<string, string> }
  | { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION'; allowedMFATypes?: MFAType[] }
  | { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION'; allowedMFATypes?: MFAType[] }
  | { signInStep: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP'; totpSetupDetails: TOTPSetupDetails }
  | { signInStep: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' }
  | { signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION'; availableChallenges?: AuthFactorType[] }
  | { signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD' };

export interface SignInOutput {
  isSignedIn: boolean;
  nextStep: SignInStep;
}

export declare function signIn(input: SignInInput): Promise<SignInOutput>;

/**
 * Answers the pending step: a code, a new password, an MFA type (`'TOTP'`, `'EMAIL'`, `'SMS'`),
 * a first factor (`'PASSWORD'`, `'EMAIL_OTP'`, …), an email address during email MFA set-up, or a password.
 * A pending step survives a page reload for 3 minutes.
 */
export declare function confirmSignIn(input: {
  challengeResponse: string;
  options?: {
    userAttributes?: Record<string, string>;
    clientMetadata?: Record<string, string>;
    friendlyDeviceName?: string;
  };
}): Promise<SignInOutput>;

/** Completes the sign-in started by `signUp({ options: { autoSignIn } })` once the account is confirmed. */
export declare function autoSignIn(): Promise<SignInOutput>;

export interface ResetPasswordOutput {
  isPasswordReset: boolean;
  nextStep:
    | { resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE'; codeDeliveryDetails: CodeDeliveryDetails }
    | { resetPasswordStep: 'DONE' };
}

export declare function resetPassword(input: {
  username: string;
  options?: { clientMetadata?: Record<string, string> };
}): Promise<ResetPasswordOutput>;

export declare function confirmResetPassword(input: {
  username: string;
  confirmationCode: string;
  newPassword: string;
  options?: { clientMetadata?: Record<string, string> };
}): Promise<void>;

export declare function updatePassword(input: { oldPassword: string; newPassword: string }): Promise<void>;

export type UserAttributeKey = string;

export declare function fetchUserAttributes(): Promise<Partial<Record<UserAttributeKey, string>>>;

export interface UpdateUserAttributeOutput {
  isUpdated: boolean;
  nextStep:
    | { updateAttributeStep: 'DONE' }
    | { updateAttributeStep: 'CONFIRM_ATTRIBUTE_WITH_CODE'; codeDeliveryDetails: CodeDeliveryDetails };
}

export declare function updateUserAttributes(input: {
  userAttributes: Record<UserAttributeKey, string>;
  options?: { clientMetadata?: Record<string, string> };
}): Promise<Record<UserAttributeKey, UpdateUserAttributeOutput>>;

export declare function updateUserAttribute(input: {
  userAttribute: { attributeKey: UserAttributeKey; value: string };
  options?: { clientMetadata?: Record<string, string> };
}): Promise<UpdateUserAttributeOutput>;

export declare function confirmUserAttribute(input: {
  userAttributeKey: UserAttributeKey;
  confirmationCode: string;
}): Promise<void>;

export declare function sendUserAttributeVerificationCode(input: {
  userAttributeKey: UserAttributeKey;
  options?: { clientMetadata?: Record<string, string> };
}): Promise<CodeDeliveryDetails>;

export declare function deleteUserAttributes(input: { userAttributeKeys: [UserAttributeKey, ...UserAttributeKey[]] }): Promise<void>;

/** Deletes the signed-in user, then clears the session and the remembered device. */
export declare function deleteUser(): Promise<void>;

export declare function setUpTOTP(): Promise<TOTPSetupDetails>;
export declare function verifyTOTPSetup(input: { code: string; options?: { friendlyDeviceName?: string } }): Promise<void>;

export type MFAPreference = 'ENABLED' | 'DISABLED' | 'PREFERRED' | 'NOT_PREFERRED';
export declare function updateMFAPreference(input: { sms?: MFAPreference; totp?: MFAPreference; email?: MFAPreference }): Promise<void>;
export declare function fetchMFAPreference(): Promise<{ preferred?: MFAType; enabled?: MFAType[] }>;

export interface AuthDevice {
  id: string;
  name?: string;
  attributes: Record<string, string>;
  createDate?: Date;
  lastAuthenticatedDate?: Date;
  lastModifiedDate?: Date;
}

export declare function rememberDevice(): Promise<void>;
export declare function forgetDevice(input?: { device?: { id: string } }): Promise<void>;
export declare function fetchDevices(): Promise<AuthDevice[]>;

/** A passkey of the signed-in user, as listWebAuthnCredentials returns it. */
export interface AuthWebAuthnCredential {
  credentialId: string | undefined;
  friendlyCredentialName: string | undefined;
  relyingPartyId: string | undefined;
  authenticatorAttachment?: string;
  authenticatorTransports: string[] | undefined;
  createdAt: Date | undefined;
}
/** Registers a passkey for the signed-in user: the browser asks them to create one. Errors: the PasskeyError names (`PasskeyNotSupported`, `PasskeyRegistrationCanceled`, `PasskeyAlreadyExists`, `RelyingPartyMismatch`, …) and Cognito's. */
export declare function associateWebAuthnCredential(): Promise<void>;
/** The signed-in user's passkeys, `pageSize` at a time; pass `nextToken` back for the next page. */
export declare function listWebAuthnCredentials(input?: { pageSize?: number; nextToken?: string }): Promise<{ credentials: AuthWebAuthnCredential[]; nextToken?: string }>;
/** Deletes one of the signed-in user's passkeys. */
export declare function deleteWebAuthnCredential(input: { credentialId: string }): Promise<void>;

export declare function signOut(input?: { global?: boolean }): Promise<void>;

export interface SignInDetails {
  loginId?: string;
  authFlowType?: AuthFlowType;
}

export interface AuthUser {
  username: string;
  userId: string;
  signInDetails?: SignInDetails;
}

export declare function getCurrentUser(): Promise<AuthUser>;

export type JwtPayload = Record<string, unknown> & {
  sub?: string;
  exp?: number;
  iat?: number;
  iss?: string;
};

export interface JWT {
  payload: JwtPayload;
  toString(): string;
}

export interface AWSCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface AuthSession {
  tokens?: { accessToken: JWT; idToken?: JWT; signInDetails?: SignInDetails };
  /** From the identity pool: for the signed-in user, or a guest when `allowGuestAccess` is set. */
  credentials?: AWSCredentials;
  identityId?: string;
  userSub?: string;
}

export type AuthProvider = 'Amazon' | 'Apple' | 'Facebook' | 'Google';

export interface SignInWithRedirectInput {
  provider?: AuthProvider | { custom: string };
  customState?: string;
  options?: { loginHint?: string; lang?: string; nonce?: string; prompt?: 'NONE' | 'LOGIN' | 'CONSENT' | 'SELECT_ACCOUNT' };
}

/** Leaves for the Cognito hosted UI (code flow with PKCE); the sign-in completes on the way back. */
export declare function signInWithRedirect(input?: SignInWithRedirectInput): Promise<void>;

/** The current tokens; expired ones are refreshed (one refresh at a time, however many callers). */
export declare function fetchAuthSession(options?: { forceRefresh?: boolean }): Promise<AuthSession>;

/** Amplify's KeyValueStorageInterface: methods may return values or promises. */
export interface KeyValueStorageInterface {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
  clear?(): void | Promise<void>;
}

/** localStorage, falling back to memory (with a warning) where it is unavailable. */
export declare const defaultStorage: KeyValueStorageInterface;
/** sessionStorage: the session lasts as long as the tab. */
export declare const sessionStorage: KeyValueStorageInterface;
/** One in-memory store for the page. */
export declare const sharedInMemoryStorage: KeyValueStorageInterface;

export declare class CookieStorage implements KeyValueStorageInterface {
  constructor(options?: {
    domain?: string;
    path?: string;
    /** Days. */
    expires?: number;
    secure?: boolean;
    sameSite?: 'strict' | 'lax' | 'none';
  });
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  clear(): void;
}

/** Where tokens are kept (as in `aws-amplify/auth/cognito`). */
export declare const cognitoUserPoolsTokenProvider: {
  setKeyValueStorage(storage: KeyValueStorageInterface): void;
};

export type AuthHubEvent =
  | { event: 'signedIn'; data: AuthUser }
  | { event: 'signedOut' }
  | { event: 'tokenRefresh' }
  | { event: 'tokenRefresh_failure'; data: { error: AuthError } }
  | { event: 'signInWithRedirect' }
  | { event: 'signInWithRedirect_failure'; data: { error: AuthError } }
  | { event: 'customOAuthState'; data: string };

export interface HubCapsule<P = AuthHubEvent> {
  channel: string;
  payload: P;
  source: string;
  patternInfo: string[];
}

/** Auth events, as Amplify's Hub: `Hub.listen('auth', ({ payload }) => …)` returns an unsubscribe function. */
export declare const Hub: {
  listen(channel: 'auth', callback: (capsule: HubCapsule<AuthHubEvent>) => void): () => void;
  listen(channel: string, callback: (capsule: HubCapsule<{ event: string; data?: unknown }>) => void): () => void;
  dispatch(channel: string, payload: { event: string; data?: unknown }, source?: string): void;
};

/** Decodes a JWT's payload (no signature check). Throws `AuthError` `InvalidTokenException`. */
export declare function decodeJWT(token: string): JWT;
