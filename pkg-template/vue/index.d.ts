// Types for cognito-wasm/vue (Amplify UI Vue's Authenticator API).
import type { DefineSetupFnComponent, SlotsType, VNode } from 'vue';
import type { AuthUser } from '../index.js';
import type { AuthenticatorOptions, AuthenticatorRoute, AuthStatus } from '../ui/index.js';

export { I18n, setLanguage, putVocabularies, translations } from '../ui/index.js';

/** What the default slot gets once signed in: `v-slot="{ user, signOut }"`. */
export interface AuthenticatorSlotProps {
  readonly user: AuthUser;
  signOut(): Promise<void>;
}

type Screen =
  | 'sign-in' | 'sign-up' | 'confirm-sign-up' | 'confirm-sign-in' | 'select-mfa-type' | 'setup-totp' | 'setup-email'
  | 'force-new-password' | 'forgot-password' | 'confirm-reset-password' | 'verify-user' | 'confirm-verify-user';

/**
 * The slots: `default` (signed in), `header` and `footer` (around the forms), and per screen
 * `<screen>-header`, `<screen>-footer` and `<screen>-form-fields` (sign-up: `sign-up-fields`),
 * whose inputs the Authenticator reads by name.
 */
export type AuthenticatorSlots = SlotsType<{
  default?: (props: AuthenticatorSlotProps) => VNode[];
  header?: () => VNode[];
  footer?: () => VNode[];
  'sign-up-fields'?: () => VNode[];
} & { [K in `${Screen}-header` | `${Screen}-footer` | `${Screen}-form-fields`]?: () => VNode[] }>;

/** `<authenticator>`: default slot `v-slot="{ user, signOut }"`, slots `header` and `footer`. */
export declare const Authenticator: DefineSetupFnComponent<AuthenticatorOptions, {}, AuthenticatorSlots>;
/** Stands for the screen's own fields inside an app's fields slot (the element draws them). */
export declare const AuthenticatorSignUpFormFields: DefineSetupFnComponent<{}>;
export declare const AuthenticatorForceNewPasswordFormFields: DefineSetupFnComponent<{}>;

export interface UseAuthenticator {
  readonly route: AuthenticatorRoute;
  readonly authStatus: AuthStatus;
  readonly user: AuthUser | undefined;
  /** The last submit's problems by field name (e.g. from services.validateCustomSignUp). */
  readonly validationErrors: Record<string, string>;
  signOut(): Promise<void>;
  toSignIn(): void;
  toSignUp(): void;
  toForgotPassword(): void;
}
/** Reactive state of the page's authenticator. */
export declare function useAuthenticator(): UseAuthenticator;
