// Types for cognito-wasm/ui: the <cognito-authenticator> element and its translations.
import type { AuthUser, SignInInput, SignInOutput, SignUpInput, SignUpOutput, ConfirmSignUpInput, ResetPasswordOutput } from '../index.js';

export type AuthenticatorRoute =
  | 'idle'
  | 'signIn'
  | 'signInSelectAuthFactor'
  | 'passkeyPrompt'
  | 'signUp'
  | 'confirmSignUp'
  | 'confirmSignIn'
  | 'selectMfaType'
  | 'setupTotp'
  | 'setupEmail'
  | 'forceNewPassword'
  | 'forgotPassword'
  | 'confirmResetPassword'
  | 'verifyUser'
  | 'confirmVerifyUser'
  | 'authenticated';

export type AuthStatus = 'configuring' | 'authenticated' | 'unauthenticated';
export type LoginMechanism = 'username' | 'email' | 'phone_number';
export type SocialProvider = 'amazon' | 'apple' | 'facebook' | 'google';

export interface FormFieldOptions {
  label?: string;
  placeholder?: string;
  /** Position among the screen's fields (lower first). */
  order?: number;
  isRequired?: boolean;
  labelHidden?: boolean;
  defaultValue?: string;
  autocomplete?: string;
  type?: string;
  /** Phone fields: the country code chosen at first (default "+1"), and the codes offered. */
  dialCode?: string;
  dialCodeList?: string[];
}

/** Per screen, per field name, as Amplify UI's `formFields`; `setupTotp: { QR: { totpIssuer, totpUsername } }` sets the otpauth URI. */
export type FormFields = Record<string, Record<string, FormFieldOptions & { totpIssuer?: string; totpUsername?: string }> | undefined>;

/** Replacements for the calls the Authenticator makes, as Amplify UI's `services`. */
export interface AuthenticatorServices {
  handleSignIn?(input: SignInInput): Promise<SignInOutput>;
  handleSignUp?(input: SignUpInput): Promise<SignUpOutput>;
  handleConfirmSignUp?(input: ConfirmSignUpInput): Promise<SignUpOutput>;
  handleConfirmSignIn?(input: { challengeResponse: string; options?: { userAttributes?: Record<string, string> } }): Promise<SignInOutput>;
  handleForgotPassword?(input: { username: string }): Promise<ResetPasswordOutput>;
  handleForgotPasswordSubmit?(input: { username: string; confirmationCode: string; newPassword: string }): Promise<void>;
  handleSignOut?(): Promise<void>;
  /** After a sign-in step (as Amplify UI: the first check when the element starts is the library's own). */
  getCurrentUser?(): Promise<AuthUser>;
  /** Extra sign-up checks: return `{ field: 'message' }` for problems (shown before any request). */
  validateCustomSignUp?(formData: Record<string, string>, touchData: Record<string, boolean>): Record<string, string | string[] | undefined> | void | Promise<Record<string, string | string[] | undefined> | void>;
}

export interface AuthenticatorOptions {
  initialState?: 'signIn' | 'signUp' | 'forgotPassword';
  loginMechanisms?: LoginMechanism[];
  signUpAttributes?: string[];
  socialProviders?: SocialProvider[];
  formFields?: FormFields;
  hideSignUp?: boolean;
  variation?: 'default' | 'modal';
  services?: AuthenticatorServices;
  /** 'light' (default), 'dark', or 'system' (follows prefers-color-scheme). */
  colorMode?: 'light' | 'dark' | 'system';
  /** Amplify UI's passwordless options: which first factors to hide, which to offer first, and whether to offer a passkey after sign-in. */
  passwordless?: {
    hiddenAuthMethods?: Array<'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN'>;
    preferredAuthMethod?: 'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';
    passkeyRegistrationPrompts?: boolean | { afterSignin?: 'ALWAYS' | 'NEVER'; afterSignup?: 'ALWAYS' | 'NEVER' };
  };
}

export interface AuthChangeDetail {
  route: AuthenticatorRoute;
  authStatus: AuthStatus;
  user?: AuthUser;
}

/**
 * `<cognito-authenticator>`: sign-in, sign-up and every following step, then the element's
 * children (default slot) once signed in. Slots: `header`, `footer`, and per screen
 * `<screen>-header`, `<screen>-footer`, `<screen>-form-fields` (its inputs are read by name). Event: `authchange`.
 * Attributes: initial-state, variation, hide-sign-up, login-mechanisms, sign-up-attributes,
 * social-providers (comma-separated), color-mode.
 */
export declare class CognitoAuthenticator extends HTMLElement implements AuthenticatorOptions {
  initialState: 'signIn' | 'signUp' | 'forgotPassword';
  loginMechanisms: LoginMechanism[];
  signUpAttributes: string[];
  socialProviders: SocialProvider[];
  formFields: FormFields;
  hideSignUp: boolean;
  variation: 'default' | 'modal';
  services: AuthenticatorServices;
  colorMode: 'light' | 'dark' | 'system';
  passwordless: AuthenticatorOptions['passwordless'];
  readonly user: AuthUser | undefined;
  readonly route: AuthenticatorRoute;
  readonly authStatus: AuthStatus;
  /** The last submit's problems by field name (as Amplify's validationErrors). */
  readonly validationErrors: Record<string, string>;
  signOut(): Promise<void>;
  toSignIn(): void;
  toSignUp(): void;
  toForgotPassword(): void;
  addEventListener(type: 'authchange', listener: (e: CustomEvent<AuthChangeDetail>) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** Registers the element (done on import of cognito-wasm/ui); another name registers a copy. */
export declare function defineAuthenticator(name?: string): void;

export type Vocabulary = Record<string, string>;

/** As Amplify's I18n: English phrases are the keys. */
export declare const I18n: {
  putVocabularies(vocabularies: Record<string, Vocabulary>): void;
  putVocabulariesForLanguage(language: string, vocabulary: Vocabulary): void;
  /** Switches every authenticator on the page; `null` follows the browser's language. */
  setLanguage(language: string | null): void;
  getLanguage(): string;
  get(key: string, vars?: Record<string, string | number>): string;
  isRtl(): boolean;
  onChange(listener: () => void): () => void;
  /** Resolves once the current language's built-in phrases are loaded. */
  ready(): Promise<void>;
};
export declare function setLanguage(language: string | null): void;
export declare function putVocabularies(vocabularies: Record<string, Vocabulary>): void;
/** Languages with built-in phrases: en, de, es, fr, he, it, ja, ko, nl, pl, pt, zh. */
export declare const languages: string[];
/** Every built-in dictionary, for I18n.putVocabularies (bundles them all). */
export declare const translations: Record<string, Vocabulary>;

declare global {
  interface HTMLElementTagNameMap {
    'cognito-authenticator': CognitoAuthenticator;
  }
}
