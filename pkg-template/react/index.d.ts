// Types for cognito-wasm/react (Amplify UI React's Authenticator API).
import type { ComponentType, ReactNode, ReactElement } from 'react';
import type { AuthUser } from '../index.js';
import type { AuthenticatorOptions, AuthenticatorRoute, AuthStatus } from '../ui/index.js';

export { I18n, setLanguage, putVocabularies, translations } from '../ui/index.js';
export type { AuthenticatorOptions } from '../ui/index.js';

export interface AuthenticatorRenderProps {
  user: AuthUser;
  signOut: () => Promise<void>;
}

export interface AuthenticatorProps extends AuthenticatorOptions {
  children?: ReactNode | ((props: AuthenticatorRenderProps) => ReactNode);
  components?: { Header?: ComponentType; Footer?: ComponentType };
  className?: string;
}

export declare function Authenticator(props: AuthenticatorProps): ReactElement;
export declare namespace Authenticator {
  const Provider: (props: { children?: ReactNode }) => ReactNode;
}

export interface UseAuthenticator {
  route: AuthenticatorRoute;
  authStatus: AuthStatus;
  user: AuthUser | undefined;
  signOut(): Promise<void>;
  toSignIn(): void;
  toSignUp(): void;
  toForgotPassword(): void;
}
export declare function useAuthenticator(selector?: (context: UseAuthenticator) => unknown[]): UseAuthenticator;

/** As Amplify's: the props the wrapped component receives. */
export interface WithAuthenticatorProps {
  user?: AuthUser;
  signOut?: () => Promise<void>;
}

export declare function withAuthenticator<P extends object>(
  Component: ComponentType<P & WithAuthenticatorProps>,
  options?: AuthenticatorProps,
): ComponentType<P>;
