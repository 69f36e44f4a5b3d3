// Compile-time check of cognito-wasm/angular's declarations (against the @angular/core
// the fixtures build with), used as Amplify UI Angular is.
import { Component, inject } from '@angular/core';
import {
  AmplifyAuthenticatorModule,
  AuthenticatorComponent,
  AuthenticatorService,
  I18n,
  translations,
} from '../../pkg/angular/index.js';

I18n.putVocabularies(translations);

export class AppComponent {
  readonly auth = inject(AuthenticatorService);
  constructor() {
    this.auth.subscribe((s) => {
      const name: string | undefined = s.user?.username;
      if (s.authStatus === 'authenticated' && name) void s.signOut();
    });
  }
  // @ts-expect-error the service has no such route
  readonly wrong: boolean = this.auth.route === 'signInn';
}

// The standalone component and the NgModule are what an app's `imports` take.
export const imports = [AuthenticatorComponent, AmplifyAuthenticatorModule];
export const decorate = Component({ selector: 'app-root', imports, template: '<amplify-authenticator />' });
