// Types for cognito-wasm/angular. The ɵ declarations are what the Angular compiler reads to
// check templates that use these (as in any Angular library's .d.ts).
import type { TemplateRef, QueryList, OnChanges, AfterContentInit, OnDestroy, WritableSignal } from '@angular/core';
import * as i0 from '@angular/core';
import type { AuthUser } from '../index.js';
import type { AuthenticatorOptions, AuthenticatorRoute, AuthStatus } from '../ui/index.js';

export { I18n, setLanguage, putVocabularies, translations } from '../ui/index.js';

/** `<ng-template amplifySlot="authenticated" let-user="user" let-signOut="signOut">`, or "header" / "footer". */
export declare class AmplifySlotDirective {
  amplifySlot: string;
  readonly template: TemplateRef<any>;
  static ɵfac: i0.ɵɵFactoryDeclaration<AmplifySlotDirective, never>;
  static ɵdir: i0.ɵɵDirectiveDeclaration<AmplifySlotDirective, '[amplifySlot]', never, { amplifySlot: { alias: 'amplifySlot'; required: false } }, {}, never, never, true, never>;
}

/** `<amplify-authenticator>` / `<cognito-authenticator>`: the Authenticator, standalone. */
export declare class AuthenticatorComponent implements OnChanges, AfterContentInit, OnDestroy {
  initialState?: AuthenticatorOptions['initialState'];
  loginMechanisms?: AuthenticatorOptions['loginMechanisms'];
  signUpAttributes?: AuthenticatorOptions['signUpAttributes'];
  socialProviders?: AuthenticatorOptions['socialProviders'];
  formFields?: AuthenticatorOptions['formFields'];
  hideSignUp?: boolean;
  variation?: AuthenticatorOptions['variation'];
  services?: AuthenticatorOptions['services'];
  colorMode?: AuthenticatorOptions['colorMode'];
  passwordless?: AuthenticatorOptions['passwordless'];
  slots?: QueryList<AmplifySlotDirective>;
  protected readonly route: WritableSignal<AuthenticatorRoute>;
  protected readonly context: WritableSignal<Record<string, unknown>>;
  protected slot(name: string): TemplateRef<unknown> | null;
  protected parts(): { name: string; template: TemplateRef<unknown> }[];
  ngOnChanges(): void;
  ngAfterContentInit(): void;
  ngOnDestroy(): void;
  static ɵfac: i0.ɵɵFactoryDeclaration<AuthenticatorComponent, never>;
  static ɵcmp: i0.ɵɵComponentDeclaration<
    AuthenticatorComponent,
    'amplify-authenticator, cognito-authenticator',
    never,
    {
      initialState: { alias: 'initialState'; required: false };
      loginMechanisms: { alias: 'loginMechanisms'; required: false };
      signUpAttributes: { alias: 'signUpAttributes'; required: false };
      socialProviders: { alias: 'socialProviders'; required: false };
      formFields: { alias: 'formFields'; required: false };
      hideSignUp: { alias: 'hideSignUp'; required: false };
      variation: { alias: 'variation'; required: false };
      services: { alias: 'services'; required: false };
      colorMode: { alias: 'colorMode'; required: false };
      passwordless: { alias: 'passwordless'; required: false };
    },
    {},
    ['slots'],
    never,
    true,
    never
  >;
}

/** `<amplify-sign-up-form-fields>`: stands for the sign-up screen's own fields in a `sign-up-form-fields` template. */
export declare class SignUpFormFieldsComponent {
  static ɵfac: i0.ɵɵFactoryDeclaration<SignUpFormFieldsComponent, never>;
  static ɵcmp: i0.ɵɵComponentDeclaration<SignUpFormFieldsComponent, 'amplify-sign-up-form-fields', never, {}, {}, never, never, true, never>;
}
/** `<amplify-force-new-password-form-fields>`: the same for the force-new-password screen (`force-new-form-fields`). */
export declare class ForceNewPasswordFormFieldsComponent {
  static ɵfac: i0.ɵɵFactoryDeclaration<ForceNewPasswordFormFieldsComponent, never>;
  static ɵcmp: i0.ɵɵComponentDeclaration<ForceNewPasswordFormFieldsComponent, 'amplify-force-new-password-form-fields', never, {}, {}, never, never, true, never>;
}

/** As @aws-amplify/ui-angular's: the page's Authenticator state, injectable anywhere (providedIn root). */
export declare class AuthenticatorService implements OnDestroy {
  readonly authStatus: AuthStatus;
  readonly route: AuthenticatorRoute;
  readonly user: AuthUser | undefined;
  readonly validationErrors: Record<string, string>;
  signOut(): Promise<void>;
  toSignIn(): void;
  toSignUp(): void;
  toForgotPassword(): void;
  subscribe(callback: (service: AuthenticatorService) => void): { unsubscribe(): void };
  ngOnDestroy(): void;
  static ɵfac: i0.ɵɵFactoryDeclaration<AuthenticatorService, never>;
  static ɵprov: i0.ɵɵInjectableDeclaration<AuthenticatorService>;
}

/** For NgModule apps: `imports: [AmplifyAuthenticatorModule]`. */
export declare class AmplifyAuthenticatorModule {
  static ɵfac: i0.ɵɵFactoryDeclaration<AmplifyAuthenticatorModule, never>;
  static ɵmod: i0.ɵɵNgModuleDeclaration<AmplifyAuthenticatorModule, never, [typeof AuthenticatorComponent, typeof AmplifySlotDirective, typeof SignUpFormFieldsComponent, typeof ForceNewPasswordFormFieldsComponent], [typeof AuthenticatorComponent, typeof AmplifySlotDirective, typeof SignUpFormFieldsComponent, typeof ForceNewPasswordFormFieldsComponent]>;
  static ɵinj: i0.ɵɵInjectorDeclaration<AmplifyAuthenticatorModule>;
}
