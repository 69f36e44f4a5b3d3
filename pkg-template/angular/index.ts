// cognito-wasm/angular: Amplify UI's Angular Authenticator over <cognito-authenticator>.
//
// Angular libraries ship "partially compiled": static ɵfac/ɵcmp/… declarations that the
// Angular CLI's linker turns into the final code when it builds the app (AOT). Plain
// `Component({...})(class …)` decorators would need the JIT compiler at run time, and the
// CLI's AOT template checker only accepts components whose .d.ts carries these
// declarations, so this file is written in that format by hand (it is what ngc's
// `compilationMode: "partial"` emits for the same component with decorators, tidied; tsc
// only erases the types). `version` is the oldest Angular whose features it uses (@if
// blocks: 17). The linker reads the declarations as written, so they hold literals only.
//
//   <amplify-authenticator>            (or <cognito-authenticator>)
//     <ng-template amplifySlot="authenticated" let-user="user" let-signOut="signOut">…</ng-template>
//     <ng-template amplifySlot="header">…</ng-template>   <!-- and "footer" -->
//     <ng-template amplifySlot="sign-in-header">…</ng-template>   <!-- <screen>-header | -footer | -form-fields -->
//   </amplify-authenticator>
//
// The component's host element is the custom element itself (registered under both names),
// so the slots' content is its light DOM, shown through the element's <slot>s.
import * as i0 from '@angular/core';
import { ElementRef, TemplateRef, inject, signal } from '@angular/core';
import type { QueryList } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import type { AuthenticatorOptions, AuthenticatorRoute } from 'cognito-wasm/ui';
import { defineAuthenticator, OPTIONS, slotStem } from '../ui/authenticator.js';
import { getState, subscribe, publish, unpublish, actions } from '../ui/state.js';

export { I18n, setLanguage, putVocabularies, translations } from '../ui/index.js';

defineAuthenticator('cognito-authenticator');
defineAuthenticator('amplify-authenticator');


// What each ɵɵngDeclare* call takes, with the fields only the linker reads (the runtime's
// parameter types leave them out). `satisfies` checks each literal against it, excess
// keys included; `as` then hands it over without the runtime's excess-key check.
type Linked<K extends keyof typeof i0> = ((typeof i0)[K] extends (d: infer D) => unknown ? D : never) & {
  minVersion: string;
  version: string;
  ngImport: typeof i0;
};

// Amplify UI Angular's slot names that differ from the element's `<screen>-form-fields`.
const SLOT_ALIASES: Record<string, string> = { 'force-new-form-fields': 'force-new-password-form-fields' };

/** Marks an <ng-template> as the content for a slot: "authenticated", "header", "footer", or a screen's "<screen>-header | -footer | -form-fields". */
export class AmplifySlotDirective {
  amplifySlot = '';
  template = inject(TemplateRef);

  static ɵfac = i0.ɵɵngDeclareFactory({ minVersion: '12.0.0', version: '17.0.0', ngImport: i0, type: AmplifySlotDirective, deps: [], target: i0.ɵɵFactoryTarget.Directive } satisfies Linked<'ɵɵngDeclareFactory'> as Linked<'ɵɵngDeclareFactory'>);
  static ɵdir = i0.ɵɵngDeclareDirective({ minVersion: '14.0.0', version: '17.0.0', type: AmplifySlotDirective, isStandalone: true, selector: '[amplifySlot]', inputs: { amplifySlot: 'amplifySlot' }, ngImport: i0 } satisfies Linked<'ɵɵngDeclareDirective'> as Linked<'ɵɵngDeclareDirective'>);
}

export class AuthenticatorComponent {
  // Inputs (set by Angular, passed on to the element by ngOnChanges).
  initialState: AuthenticatorOptions['initialState'];
  loginMechanisms: AuthenticatorOptions['loginMechanisms'];
  signUpAttributes: AuthenticatorOptions['signUpAttributes'];
  socialProviders: AuthenticatorOptions['socialProviders'];
  formFields: AuthenticatorOptions['formFields'];
  hideSignUp: boolean | undefined;
  variation: AuthenticatorOptions['variation'];
  services: AuthenticatorOptions['services'];
  colorMode: AuthenticatorOptions['colorMode'];
  passwordless: AuthenticatorOptions['passwordless'];
  slots: QueryList<AmplifySlotDirective>;
  host = inject(ElementRef).nativeElement;
  route = signal<AuthenticatorRoute>('idle');
  context = signal<Record<string, unknown>>({});
  templates = signal<Record<string, TemplateRef<unknown>>>({});
  #subscription: { unsubscribe(): void } | undefined;
  #read = () => {
    const el = this.host;
    if (typeof el.route !== 'string') return; // rendered on a server: no element behind the tag
    this.context.set({ $implicit: el.user, user: el.user, signOut: el.signOut, route: el.route, validationErrors: el.validationErrors });
    this.route.set(el.route);
    publish(el);
  };

  slot(name: string): TemplateRef<unknown> | null {
    return this.templates()[name] ?? null;
  }

  /** The current screen's slots the app filled: `{ name, template }`. */
  parts() {
    const stem = slotStem(this.route() ?? 'idle');
    return ['header', 'form-fields', 'footer'].map((p) => `${stem}-${p}`).filter((n) => this.slot(n)).map((name) => ({ name, template: this.slot(name) }));
  }

  ngOnChanges() {
    for (const k of OPTIONS) if (this[k] !== undefined) this.host[k] = this[k];
  }

  ngAfterContentInit() {
    const collect = () => this.templates.set(Object.fromEntries(this.slots.map((s) => [SLOT_ALIASES[s.amplifySlot] ?? s.amplifySlot, s.template])));
    collect();
    this.#subscription = this.slots.changes.subscribe(collect);
    this.host.addEventListener('authchange', this.#read);
    if (this.host.route !== 'idle') this.#read();
  }

  ngOnDestroy() {
    this.host.removeEventListener('authchange', this.#read);
    unpublish(this.host);
    this.#subscription?.unsubscribe();
  }

  static ɵfac = i0.ɵɵngDeclareFactory({ minVersion: '12.0.0', version: '17.0.0', ngImport: i0, type: AuthenticatorComponent, deps: [], target: i0.ɵɵFactoryTarget.Component } satisfies Linked<'ɵɵngDeclareFactory'> as Linked<'ɵɵngDeclareFactory'>);
  static ɵcmp = i0.ɵɵngDeclareComponent({
    minVersion: '17.0.0',
    version: '17.0.0',
    type: AuthenticatorComponent,
    isStandalone: true,
    selector: 'amplify-authenticator, cognito-authenticator',
    inputs: { initialState: 'initialState', loginMechanisms: 'loginMechanisms', signUpAttributes: 'signUpAttributes', socialProviders: 'socialProviders', formFields: 'formFields', hideSignUp: 'hideSignUp', variation: 'variation', services: 'services', colorMode: 'colorMode', passwordless: 'passwordless' },
    queries: [{ propertyName: 'slots', predicate: AmplifySlotDirective }],
    usesOnChanges: true,
    ngImport: i0,
    template: `@if (route() === 'authenticated') {<ng-container *ngTemplateOutlet="slot('authenticated'); context: context()" />} @else {@if (slot('header')) {<div slot="header"><ng-container *ngTemplateOutlet="slot('header')" /></div>}@for (part of parts(); track part.name) {<div [attr.slot]="part.name"><ng-container *ngTemplateOutlet="part.template; context: context()" /></div>}@if (slot('footer')) {<div slot="footer"><ng-container *ngTemplateOutlet="slot('footer')" /></div>}}`,
    isInline: true,
    dependencies: [{ kind: 'directive', type: NgTemplateOutlet, selector: '[ngTemplateOutlet]', inputs: ['ngTemplateOutletContext', 'ngTemplateOutlet', 'ngTemplateOutletInjector'] }],
  } satisfies Linked<'ɵɵngDeclareComponent'> as Linked<'ɵɵngDeclareComponent'>);
}

// Inside an app's `sign-up-form-fields` / `force-new-form-fields` template, these stand for the
// screen's own fields (the element draws them).
export class SignUpFormFieldsComponent {
  static ɵfac = i0.ɵɵngDeclareFactory({ minVersion: '12.0.0', version: '17.0.0', ngImport: i0, type: SignUpFormFieldsComponent, deps: [], target: i0.ɵɵFactoryTarget.Component } satisfies Linked<'ɵɵngDeclareFactory'> as Linked<'ɵɵngDeclareFactory'>);
  static ɵcmp = i0.ɵɵngDeclareComponent({ minVersion: '14.0.0', version: '17.0.0', type: SignUpFormFieldsComponent, isStandalone: true, selector: 'amplify-sign-up-form-fields', ngImport: i0, template: '', isInline: true } satisfies Linked<'ɵɵngDeclareComponent'> as Linked<'ɵɵngDeclareComponent'>);
}
export class ForceNewPasswordFormFieldsComponent {
  static ɵfac = i0.ɵɵngDeclareFactory({ minVersion: '12.0.0', version: '17.0.0', ngImport: i0, type: ForceNewPasswordFormFieldsComponent, deps: [], target: i0.ɵɵFactoryTarget.Component } satisfies Linked<'ɵɵngDeclareFactory'> as Linked<'ɵɵngDeclareFactory'>);
  static ɵcmp = i0.ɵɵngDeclareComponent({ minVersion: '14.0.0', version: '17.0.0', type: ForceNewPasswordFormFieldsComponent, isStandalone: true, selector: 'amplify-force-new-password-form-fields', ngImport: i0, template: '', isInline: true } satisfies Linked<'ɵɵngDeclareComponent'> as Linked<'ɵɵngDeclareComponent'>);
}

/**
 * As @aws-amplify/ui-angular's AuthenticatorService: the page's Authenticator state (also with
 * no Authenticator on the page: the session's), as signals read through getters.
 */
export class AuthenticatorService {
  #state = signal(getState());
  #off = subscribe(() => this.#state.set(getState()));
  get authStatus() { return this.#state().authStatus; }
  get route() { return this.#state().route; }
  get user() { return this.#state().user; }
  get validationErrors() { return this.#state().validationErrors; }
  signOut = () => actions.signOut();
  toSignIn = () => actions.toSignIn();
  toSignUp = () => actions.toSignUp();
  toForgotPassword = () => actions.toForgotPassword();
  /** Calls `callback(this)` now and after each change; `.unsubscribe()` stops it. */
  subscribe(callback: (service: AuthenticatorService) => void) {
    callback(this);
    const off = subscribe(() => callback(this));
    return { unsubscribe: off };
  }
  ngOnDestroy() {
    this.#off();
  }

  static ɵfac = i0.ɵɵngDeclareFactory({ minVersion: '12.0.0', version: '17.0.0', ngImport: i0, type: AuthenticatorService, deps: [], target: i0.ɵɵFactoryTarget.Injectable } satisfies Linked<'ɵɵngDeclareFactory'> as Linked<'ɵɵngDeclareFactory'>);
  static ɵprov = i0.ɵɵngDeclareInjectable({ minVersion: '12.0.0', version: '17.0.0', ngImport: i0, type: AuthenticatorService, providedIn: 'root' } satisfies Linked<'ɵɵngDeclareInjectable'> as Linked<'ɵɵngDeclareInjectable'>);
}

/** For NgModule apps, as @aws-amplify/ui-angular's module. */
export class AmplifyAuthenticatorModule {
  static ɵfac = i0.ɵɵngDeclareFactory({ minVersion: '12.0.0', version: '17.0.0', ngImport: i0, type: AmplifyAuthenticatorModule, deps: [], target: i0.ɵɵFactoryTarget.NgModule } satisfies Linked<'ɵɵngDeclareFactory'> as Linked<'ɵɵngDeclareFactory'>);
  static ɵmod = i0.ɵɵngDeclareNgModule({ minVersion: '14.0.0', version: '17.0.0', ngImport: i0, type: AmplifyAuthenticatorModule, imports: [AuthenticatorComponent, AmplifySlotDirective, SignUpFormFieldsComponent, ForceNewPasswordFormFieldsComponent], exports: [AuthenticatorComponent, AmplifySlotDirective, SignUpFormFieldsComponent, ForceNewPasswordFormFieldsComponent] } satisfies Linked<'ɵɵngDeclareNgModule'> as Linked<'ɵɵngDeclareNgModule'>);
  static ɵinj = i0.ɵɵngDeclareInjector({ minVersion: '12.0.0', version: '17.0.0', ngImport: i0, type: AmplifyAuthenticatorModule } satisfies Linked<'ɵɵngDeclareInjector'> as Linked<'ɵɵngDeclareInjector'>);
}
