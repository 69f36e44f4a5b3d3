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

/** A screen's parts: above its fields, after its fields (the app's own inputs, by name), at its end. */
export interface ScreenComponents {
  Header?: ComponentType;
  FormFields?: ComponentType;
  Footer?: ComponentType;
}
export type ScreenName =
  | 'SignIn' | 'SignUp' | 'ConfirmSignUp' | 'ConfirmSignIn' | 'SelectMfaType' | 'SetupTotp' | 'SetupEmail'
  | 'ForceNewPassword' | 'ForgotPassword' | 'ConfirmResetPassword' | 'VerifyUser' | 'ConfirmVerifyUser';
export type AuthenticatorComponents = { Header?: ComponentType; Footer?: ComponentType } & { [K in ScreenName]?: ScreenComponents };

export interface AuthenticatorProps extends AuthenticatorOptions {
  children?: ReactNode | ((props: AuthenticatorRenderProps) => ReactNode);
  components?: AuthenticatorComponents;
  className?: string;
}

export declare function Authenticator(props: AuthenticatorProps): ReactElement;
export declare namespace Authenticator {
  const Provider: (props: { children?: ReactNode }) => ReactNode;
  /** Stands for the screen's own fields inside an app's `FormFields` (the element draws them). */
  const SignIn: { FormFields: ComponentType };
  const SignUp: { FormFields: ComponentType };
  const ConfirmSignUp: { FormFields: ComponentType };
  const ConfirmSignIn: { FormFields: ComponentType };
  const SelectMfaType: { FormFields: ComponentType };
  const SetupTotp: { FormFields: ComponentType };
  const SetupEmail: { FormFields: ComponentType };
  const ForceNewPassword: { FormFields: ComponentType };
  const ForgotPassword: { FormFields: ComponentType };
  const ConfirmResetPassword: { FormFields: ComponentType };
  const VerifyUser: { FormFields: ComponentType };
  const ConfirmVerifyUser: { FormFields: ComponentType };
}

export interface UseAuthenticator {
  route: AuthenticatorRoute;
  authStatus: AuthStatus;
  user: AuthUser | undefined;
  /** The last submit's problems by field name (e.g. from services.validateCustomSignUp). */
  validationErrors: Record<string, string>;
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
