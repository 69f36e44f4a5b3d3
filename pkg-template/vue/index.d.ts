// Types for cognito-wasm/vue (Amplify UI Vue's Authenticator API).
import type { DefineComponent } from 'vue';
import type { AuthUser } from '../index.js';
import type { AuthenticatorOptions, AuthenticatorRoute, AuthStatus } from '../ui/index.js';

export { I18n, setLanguage, putVocabularies, translations } from '../ui/index.js';

/** `<authenticator>`: default slot `v-slot="{ user, signOut }"`, slots `header` and `footer`. */
export declare const Authenticator: DefineComponent<AuthenticatorOptions>;

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
