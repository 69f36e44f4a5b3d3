// Types for cognito-wasm. Names and shapes follow `aws-amplify/auth` v6.

export type AuthFlowType = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH';

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

/** Applies the configuration synchronously. Throws `AuthError` (`InvalidConfigException`) naming the bad field. */
export declare function configure(config: ResourcesConfig | LegacyConfig): void;
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

export interface SignUpInput {
  username: string;
  password?: string;
  options?: {
    userAttributes?: Record<string, string>;
    validationData?: Record<string, string>;
    clientMetadata?: Record<string, string>;
  };
}

export interface SignUpOutput {
  isSignUpComplete: boolean;
  userId?: string;
  nextStep:
    | { signUpStep: 'DONE' }
    | { signUpStep: 'CONFIRM_SIGN_UP'; codeDeliveryDetails: CodeDeliveryDetails };
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
  options?: { authFlowType?: AuthFlowType; clientMetadata?: Record<string, string> };
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
  | { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION'; allowedMFATypes?: Array<'SMS' | 'TOTP' | 'EMAIL'> };

export interface SignInOutput {
  isSignedIn: boolean;
  nextStep: SignInStep;
}

export declare function signIn(input: SignInInput): Promise<SignInOutput>;

export declare function confirmSignIn(input: {
  challengeResponse: string;
  options?: { userAttributes?: Record<string, string>; clientMetadata?: Record<string, string> };
}): Promise<SignInOutput>;

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

export interface AuthSession {
  tokens?: { accessToken: JWT; idToken?: JWT; signInDetails?: SignInDetails };
  credentials?: undefined;
  identityId?: undefined;
  userSub?: string;
}

export declare function fetchAuthSession(options?: { forceRefresh?: boolean }): Promise<AuthSession>;

/** Decodes a JWT's payload (no signature check). Throws `AuthError` `InvalidTokenException`. */
export declare function decodeJWT(token: string): JWT;
