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

/** The slots: `default` (signed in), `header` and `footer` (around the forms). */
export type AuthenticatorSlots = SlotsType<{
  default?: (props: AuthenticatorSlotProps) => VNode[];
  header?: () => VNode[];
  footer?: () => VNode[];
}>;

/** `<authenticator>`: default slot `v-slot="{ user, signOut }"`, slots `header` and `footer`. */
export declare const Authenticator: DefineSetupFnComponent<AuthenticatorOptions, {}, AuthenticatorSlots>;

export interface UseAuthenticator {
  readonly route: AuthenticatorRoute;
  readonly authStatus: AuthStatus;
  readonly user: AuthUser | undefined;
  signOut(): Promise<void>;
  toSignIn(): void;
  toSignUp(): void;
  toForgotPassword(): void;
}
/** Reactive state of the page's authenticator. */
export declare function useAuthenticator(): UseAuthenticator;
