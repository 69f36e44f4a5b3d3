// <cognito-authenticator>: Amplify UI's Authenticator as a framework-free custom element.
// It drives only the package's public auth calls and reads getConfig(); its DOM is built
// with createElement/textContent (Trusted Types safe) inside a shadow root styled by an
// adopted stylesheet (strict CSP safe).
import {
  getConfig,
  signIn,
  signUp,
  confirmSignUp,
  resendSignUpCode,
  autoSignIn,
  confirmSignIn,
  signOut,
  getCurrentUser,
  resetPassword,
  confirmResetPassword,
  fetchUserAttributes,
  sendUserAttributeVerificationCode,
  confirmUserAttribute,
  signInWithRedirect,
  listWebAuthnCredentials,
  associateWebAuthnCredential,
  Hub,
} from '../index.js';
import { I18n } from './i18n.js';
import { adoptStyles } from './styles.js';
import { qrSvg } from './qr.js';
import type { AuthenticatorRoute } from 'cognito-wasm/ui';

const t = (key: string, vars?: Record<string, unknown>) => I18n.get(key, vars);
// Field problems are kept as [key, vars] and put into words when shown.
const say = (problems) => problems.map(([k, v]) => t(k, v)).join(' ');

// ---- DOM helpers ----

/** createElement with attributes (`on*` functions become listeners; `value`/`checked` are properties). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v == null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value' || k === 'checked') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...children.flat(Infinity).filter((c) => c != null && c !== false));
  return el;
}

function eyeIcon() {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(NS, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M12 5C6.5 5 2.7 9.1 1.5 12c1.2 2.9 5 7 10.5 7s9.3-4.1 10.5-7C21.3 9.1 17.5 5 12 5zm0 11.5A4.5 4.5 0 1 1 12 7.5a4.5 4.5 0 0 1 0 9zm0-2.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4z');
  svg.append(path);
  return svg;
}

// ---- fields ----

// Standard Cognito attributes: label, input type and autocomplete hint.
const ATTRIBUTES = {
  username: { label: 'Username', autocomplete: 'username', placeholder: 'Enter your Username' },
  // As Amplify UI: an email is offered to the password manager as the account name.
  email: { label: 'Email', type: 'email', autocomplete: 'username', placeholder: 'Enter your Email' },
  phone_number: { label: 'Phone Number', type: 'tel', autocomplete: 'tel', placeholder: 'Enter your Phone Number' },
  preferred_username: { label: 'Preferred Username', autocomplete: 'nickname', placeholder: 'Enter your Preferred Username' },
  name: { label: 'Name', autocomplete: 'name', placeholder: 'Enter your Name' },
  given_name: { label: 'Given Name', autocomplete: 'given-name', placeholder: 'Enter your Given Name' },
  middle_name: { label: 'Middle Name', autocomplete: 'additional-name', placeholder: 'Enter your Middle Name' },
  family_name: { label: 'Family Name', autocomplete: 'family-name', placeholder: 'Enter your Family Name' },
  nickname: { label: 'Nickname', autocomplete: 'nickname', placeholder: 'Enter your Nickname' },
  birthdate: { label: 'Birthdate', type: 'date', autocomplete: 'bday', placeholder: 'Enter your Birthdate' },
  profile: { label: 'Profile', type: 'url', autocomplete: 'url', placeholder: 'Add your Profile' },
  website: { label: 'Website', type: 'url', autocomplete: 'url', placeholder: 'Add your Website' },
  // Not offered at sign-up unless the app adds them through formFields (as Amplify UI).
  gender: { label: 'Gender', autocomplete: 'sex', extra: true },
  address: { label: 'Address', autocomplete: 'street-address', extra: true },
  locale: { label: 'Locale', autocomplete: 'language', extra: true },
  zoneinfo: { label: 'Zone Info', autocomplete: 'off', extra: true },
  picture: { label: 'Picture', type: 'url', autocomplete: 'photo', extra: true },
  updated_at: { label: 'Updated At', autocomplete: 'off', extra: true },
};
// As Amplify UI: of `names`, the attributes it has fields for. The others are left to the app
// (formFields or the screen's form-fields slot); those it does not add are named once, for the developer.
const told = new Set();
function withFields(names, screen, formFields) {
  const shown = names.filter((a) => ATTRIBUTES[a] && !ATTRIBUTES[a].extra && a !== 'username');
  for (const a of names) {
    if (shown.includes(a) || formFields[screen]?.[a] || told.has(`${screen}:${a}`)) continue;
    told.add(`${screen}:${a}`);
    console.warn(`cognito-wasm: no ${screen} field for the attribute "${a}"; add it with formFields.${screen} or the screen's form-fields slot`);
  }
  return shown;
}
const attributeField = (name) => ({ name, attribute: true, ...(ATTRIBUTES[name] ?? { label: name, autocomplete: 'off' }) });

const newPassword = () => ({ name: 'password', label: 'Password', kind: 'newPassword', autocomplete: 'new-password', placeholder: 'Enter your Password' });
const confirmPassword = () => ({ name: 'confirm_password', label: 'Confirm Password', kind: 'confirm', autocomplete: 'new-password', placeholder: 'Please confirm your Password' });
// Amplify UI's labels: "Confirmation Code" at sign-up, "Code *" (the marker is part of the phrase) elsewhere.
const codeField = (kind = 'code') => ({ name: 'confirmation_code', label: 'Code *', kind, autocomplete: 'one-time-code', inputmode: 'numeric', placeholder: 'Code' });
const signUpCodeField = () => ({ ...codeField(), label: 'Confirmation Code', placeholder: 'Enter your code' });

// The sign-in field for the first login mechanism (named `username` whatever it is, as in Amplify).
function loginField(mechanism, autocomplete = 'username') {
  const a = ATTRIBUTES[mechanism] ?? ATTRIBUTES.username;
  return { ...a, name: 'username', autocomplete };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+\d{6,15}$/;
const normalisePhone = (v) => v.replace(/[\s().-]/g, '');
// The country calling codes (ITU-T E.164) a phone field offers; `formFields` may narrow them.
const DIAL_CODES = ('1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98 ' +
  '211 212 213 216 218 220 221 222 223 224 225 226 227 228 229 230 231 232 233 234 235 236 237 238 239 240 241 242 243 244 245 246 248 249 ' +
  '250 251 252 253 254 255 256 257 258 260 261 262 263 264 265 266 267 268 269 290 291 297 298 299 350 351 352 353 354 355 356 357 358 359 ' +
  '370 371 372 373 374 375 376 377 378 380 381 382 383 385 386 387 389 420 421 423 500 501 502 503 504 505 506 507 508 509 590 591 592 593 ' +
  '594 595 596 597 598 599 670 672 673 674 675 676 677 678 679 680 681 682 683 685 686 687 688 689 690 691 692 850 852 853 855 856 880 886 ' +
  '960 961 962 963 964 965 966 967 968 970 971 972 973 974 975 976 977 992 993 994 995 996 998').split(' ').map((c) => `+${c}`);

function passwordProblems(pw, policy) {
  if (!policy) return [];
  const out: [string, Record<string, unknown>?][] = [];
  if (pw.length < (policy.minLength ?? 8)) out.push(['Password must have at least {n} characters', { n: policy.minLength ?? 8 }]);
  if (policy.requireLowercase && !/[a-z]/.test(pw)) out.push(['Password must have lower case letters']);
  if (policy.requireUppercase && !/[A-Z]/.test(pw)) out.push(['Password must have upper case letters']);
  if (policy.requireNumbers && !/[0-9]/.test(pw)) out.push(['Password must have numbers']);
  if (policy.requireSpecialCharacters && !/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(pw)) out.push(['Password must have special characters']);
  if (pw !== pw.trim()) out.push(['Password must not start or end with a space']);
  return out;
}

// ---- errors and messages, in Amplify UI's phrases ----

/**
 * As Amplify UI: the service's own message is the phrase, so an app's vocabulary keyed by
 * Cognito's words ("User does not exist.") replaces or translates it; a few are reworded as
 * Amplify UI does. Failures with no service message get our words.
 */
function describeError(e) {
  const m = String(e?.message ?? '');
  if (e?.name === 'NetworkError') return t('We could not reach the sign-in service. Check your connection and try again.');
  if (e?.name === 'UnsupportedStep') return t('This sign-in step is not supported here.');
  if (m.includes('USER_AUTH flow not enabled')) return t('Passwordless authentication is not enabled for this account. Please contact your administrator or use password sign-in.');
  if (m.includes('Cannot send code to either')) return t('Unable to send verification code. Please try again.');
  if (m.includes('Invalid code or auth state')) return t('The verification code you entered is incorrect. Please try again.');
  if (m.includes('session is expired')) return t('Your verification code has expired. Please request a new code.');
  if (m.includes('ceremony has been canceled')) return t('Passkey authentication was canceled. Please try again or use a different sign-in method.');
  return m ? t(m) : t('Something went wrong. Try again.');
}

// Cognito's messages the built-in languages translate (an app's vocabulary wins over them).
export const SERVICE_MESSAGES = [
  'Incorrect username or password.',
  'User does not exist.',
  'User already exists',
  'An account with the given email already exists.',
  'Username/client id combination not found.',
  'Invalid verification code provided, please try again.',
  'Password attempts exceeded',
  'Attempt limit exceeded, please try after some time.',
  'User is disabled.',
  'User is not confirmed.',
  'Invalid session for the user, session is expired.',
];

// Sentence ends: Chinese and Japanese take "。" and no space between sentences.
const CJK = /[\u3040-\u30ff\u4e00-\u9fff]/;
const sentence = (s) => (/[.!?:…。！？：．｡]$/.test(s) ? s : CJK.test(s) ? `${s}。` : `${s}.`);

/** Amplify UI's delivery message: the phrase for the medium and the destination, then the arrival phrase. */
function deliveryText(d) {
  const medium = d?.destination ? d.deliveryMedium : undefined;
  const lead =
    medium === 'EMAIL' ? `${t('Your code is on the way. To log in, enter the code we emailed to')} ${d.destination}`
    : medium === 'SMS' ? `${t('Your code is on the way. To log in, enter the code we texted to')} ${d.destination}`
    : t('Your code is on the way. To log in, enter the code we sent you');
  const arrival = t('It may take a minute to arrive');
  return `${sentence(lead)}${CJK.test(arrival) ? '' : ' '}${sentence(arrival)}`;
}

const MFA_LABELS = { SMS: 'Text Message (SMS)', TOTP: 'Authenticator App (TOTP)', EMAIL: 'Email Message' };
// The first factors a sign-in may offer (Amplify UI's passwordless methods), and their buttons.
const METHODS = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];
const METHOD_LABELS = { PASSWORD: 'Sign In with Password', EMAIL_OTP: 'Sign In with Email', SMS_OTP: 'Sign In with SMS', WEB_AUTHN: 'Sign In with Passkey' };
// Sign-up's buttons (a passkey is not a way to create an account).
const SIGN_UP_LABELS = { PASSWORD: 'Create account with Password', EMAIL_OTP: 'Create account with Email OTP', SMS_OTP: 'Create account with SMS OTP' };
const SOCIAL = { amazon: 'Amazon', apple: 'Apple', facebook: 'Facebook', google: 'Google' };
// One phrase per provider and tab, as Amplify UI's keys.
const SOCIAL_SIGN_IN = { amazon: 'Sign In with Amazon', apple: 'Sign In with Apple', facebook: 'Sign In with Facebook', google: 'Sign In with Google' };
const SOCIAL_SIGN_UP = { amazon: 'Sign Up with Amazon', apple: 'Sign Up with Apple', facebook: 'Sign Up with Facebook', google: 'Sign Up with Google' };
// As Amplify UI: the forgot-password field says what to enter.
const FORGOT = {
  username: { label: 'Enter your username', placeholder: 'Enter your username' },
  email: { label: 'Enter your email', placeholder: 'Enter your email' },
  phone_number: { label: 'Enter your phone number', placeholder: 'Enter your phone number' },
};
const ROUTES = ['signIn', 'signUp', 'forgotPassword'];
/** A route's slot stem (`signIn` → `sign-in`: slots `sign-in-header`, `-footer`, `-form-fields`); the wrappers use it too. */
export const slotStem = (route) => route.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** The element's options the framework wrappers pass on as properties. */
export const OPTIONS = ['initialState', 'loginMechanisms', 'signUpAttributes', 'socialProviders', 'formFields', 'hideSignUp', 'variation', 'services', 'colorMode', 'passwordless'];
const list = (v) => (Array.isArray(v) ? v : typeof v === 'string' && v ? v.split(',').map((s) => s.trim()) : undefined);

// Where resetPassword's code went (only the step that sends one says).
const resetDelivery = (r) => (r?.nextStep?.resetPasswordStep === 'CONFIRM_RESET_PASSWORD_WITH_CODE' ? r.nextStep.codeDeliveryDetails : undefined);

// On a server or in a worker there is no HTMLElement: the class still loads (so an
// import during SSR does not throw) and is only registered where custom elements exist.
const ElementBase = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

export class CognitoAuthenticator extends ElementBase {
  static observedAttributes = ['initial-state', 'variation', 'hide-sign-up', 'login-mechanisms', 'sign-up-attributes', 'social-providers'];

  #opts: Record<string, any> = {};
  #view;
  #route: AuthenticatorRoute = 'idle';
  #user;
  #ctx: Record<string, any> = {}; // the flow in progress: username, password (until signed in), delivery, …
  #values: Record<string, any> = {};
  #errors: Record<string, any> = {};
  #alertText; // () => text, so that it follows the language
  #statusText = '';
  #busy = false;
  #started = false;
  #queued = false;
  #off: (() => void)[] = [];
  #form; // the current screen's fields, for validation
  #validationErrors: Record<string, any> = {};
  #custom: Record<string, any> = {}; // the app's live sign-up checks for our own fields, shown under them
  #liveSeq = 0;
  #pointerDown = false;
  #blurred: any[] = [];

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adoptStyles(root);
    this.#view = document.createElement('div');
    root.append(this.#view);
    // A field checked on blur can show a message and move the button being clicked
    // from under the pointer; while a pointer is down, the check waits for the click.
    this.#view.addEventListener('pointerdown', () => (this.#pointerDown = true));
    const up = () => setTimeout(() => {
      this.#pointerDown = false;
      this.#blurred.splice(0).forEach((f) => this.#validateField(f));
    });
    this.#view.addEventListener('pointerup', up);
    this.#view.addEventListener('pointercancel', up);
    // Typing in our fields or the app's own (slotted) ones: sign-up's live checks.
    const live = () => this.#liveCheck();
    this.addEventListener('input', live);
    this.addEventListener('change', live);
  }

  /**
   * As Amplify UI, with services.validateCustomSignUp: sign-up is checked as the person types
   * (the app's rules and ours for what was typed), the problems published as validationErrors
   * for fields the app draws, and Create Account stays disabled until there are none.
   */
  async #liveCheck() {
    const route = this.#route;
    const form = this.#form;
    if (route !== 'signUp' || !this.services.validateCustomSignUp || !form) return;
    const v = this.#readValues();
    const typed = {}; // ours, for what was typed
    for (const f of form.fields) {
      const p = v[f.name] ? this.#problems(f, v) : [];
      if (p.length) typed[f.name] = p;
    }
    const seq = ++this.#liveSeq;
    let checked;
    try {
      checked = await this.#appChecks(form, v, Object.fromEntries(Object.keys(v).map((k) => [k, Boolean(v[k])])), typed);
    } catch (e) {
      console.warn('cognito-wasm: validateCustomSignUp failed', e);
      checked = { custom: {}, all: typed };
    }
    // Moved on meanwhile, a newer check started, or a submit is running: this one is stale.
    if (this.#route !== route || this.#form !== form || seq !== this.#liveSeq || this.#busy) return;
    this.#custom = checked.custom;
    this.#showErrors(this.#errors);
    const problems = Object.fromEntries(Object.entries(checked.all).map(([k, p]) => [k, say(p)]));
    // Create Account and the other ways to sign up wait for the problems to go.
    this.#view.querySelectorAll('form button.primary').forEach((b) => (b.disabled = Object.keys(problems).length > 0));
    if (JSON.stringify(problems) === JSON.stringify(this.#validationErrors)) return;
    this.#validationErrors = problems;
    this.#changed();
  }

  /**
   * The app's sign-up checks (services.validateCustomSignUp) on `values`: `custom`, its problems
   * for our own fields (shown under them), and `all`, those merged with `ours` (by field name).
   */
  async #appChecks(form, values, touched, ours) {
    const answer = (await this.services.validateCustomSignUp(values, touched)) ?? {};
    const app = Object.fromEntries(Object.entries(answer).filter(([, m]) => m).map(([k, m]) => [k, [m].flat().map((x) => [x])]));
    const all = { ...ours };
    for (const [k, p] of Object.entries(app)) all[k] = [...(all[k] ?? []), ...p];
    return { custom: Object.fromEntries(form.fields.filter((f) => app[f.name]).map((f) => [f.name, app[f.name]])), all };
  }

  // ---- options (properties; simple ones also as attributes) ----

  get initialState() { return this.#opts.initialState ?? this.getAttribute('initial-state') ?? 'signIn'; }
  set initialState(v) { this.#set('initialState', v); }
  get variation() { return this.#opts.variation ?? this.getAttribute('variation') ?? 'default'; }
  set variation(v) { this.#set('variation', v); }
  get hideSignUp() { return this.#opts.hideSignUp ?? this.hasAttribute('hide-sign-up'); }
  set hideSignUp(v) { this.#set('hideSignUp', v); }
  get loginMechanisms() { return list(this.#opts.loginMechanisms ?? this.getAttribute('login-mechanisms')) ?? this.#config().mechanisms; }
  set loginMechanisms(v) { this.#set('loginMechanisms', v); }
  get signUpAttributes() { return list(this.#opts.signUpAttributes ?? this.getAttribute('sign-up-attributes')) ?? []; }
  set signUpAttributes(v) { this.#set('signUpAttributes', v); }
  get socialProviders() { return list(this.#opts.socialProviders ?? this.getAttribute('social-providers')) ?? this.#config().providers; }
  set socialProviders(v) { this.#set('socialProviders', v); }
  get formFields() { return this.#opts.formFields ?? {}; }
  set formFields(v) { this.#set('formFields', v); }
  get services() { return this.#opts.services ?? {}; }
  set services(v) { this.#set('services', v); }
  /** Amplify UI's `passwordless`: `{ hiddenAuthMethods, preferredAuthMethod, passkeyRegistrationPrompts }`. */
  get passwordless() { return this.#opts.passwordless; }
  set passwordless(v) { this.#set('passwordless', v); }
  /** 'light' (default), 'dark' or 'system' (follows prefers-color-scheme). */
  get colorMode() { return (this.getAttribute('color-mode') ?? 'light') as 'light' | 'dark' | 'system'; }
  set colorMode(v: 'light' | 'dark' | 'system') { v ? this.setAttribute('color-mode', v) : this.removeAttribute('color-mode'); }

  // ---- state, as Amplify's useAuthenticator ----

  /** The signed-in user (`{ username, userId, signInDetails }`), or undefined. */
  get user() { return this.#user; }
  /** The screen: idle, signIn, signUp, confirmSignUp, confirmSignIn, selectMfaType, setupTotp, setupEmail,
   * forceNewPassword, forgotPassword, confirmResetPassword, verifyUser, confirmVerifyUser, authenticated. */
  get route() { return this.#route; }
  get authStatus() { return this.#route === 'idle' ? 'configuring' : this.#route === 'authenticated' ? 'authenticated' : 'unauthenticated'; }
  /** The last submit's problems by field name (as Amplify's `validationErrors`, e.g. from validateCustomSignUp). */
  get validationErrors() { return this.#validationErrors; }
  signOut = async () => {
    try {
      await (this.services.handleSignOut ?? signOut)();
    } finally {
      this.#signedOut();
    }
  };
  toSignIn = () => this.#go('signIn');
  toSignUp = () => this.#go('signUp');
  toForgotPassword = () => this.#go('forgotPassword');

  /** Tells the wrappers (and any listener) that the route, the user or validationErrors changed. */
  #changed() {
    this.dispatchEvent(new CustomEvent('authchange', { detail: { route: this.#route, authStatus: this.authStatus, user: this.#user } }));
  }

  #set(key, value) {
    if (this.#opts[key] === value) return;
    this.#opts[key] = value;
    this.#rerender();
  }

  attributeChangedCallback() {
    this.#rerender();
  }

  // Several options set in a row re-render once.
  #rerender() {
    if (this.#queued || !this.#started || this.#route === 'authenticated' || this.#route === 'idle') return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      this.#render();
    });
  }

  connectedCallback() {
    this.#off.push(I18n.onChange(() => this.#rerender()));
    this.#off.push(Hub.listen('auth', ({ payload }) => this.#onHub(payload.event)));
    // Options set right after insertion (by a framework wrapper) are in by the next microtask.
    if (!this.#started) queueMicrotask(() => this.#start());
    else if (this.#route !== 'idle' && this.#route !== 'authenticated') this.#render();
  }

  disconnectedCallback() {
    this.#off.forEach((off) => off());
    this.#off = [];
  }

  async #start() {
    if (this.#started || !this.isConnected) return;
    // Waits for configure() (Hub 'core' `configure`): the app may configure after the
    // element is on the page.
    if (!this.#config().configured) {
      const off = Hub.listen('core', ({ payload }) => {
        if (payload?.event !== 'configure') return;
        off();
        this.#start();
      });
      this.#off.push(off);
      return;
    }
    this.#started = true;
    try {
      // As Amplify UI: the first check is the library's own (an app's getCurrentUser serves later ones).
      this.#user = await getCurrentUser();
      this.#go('authenticated');
    } catch {
      const initial = ROUTES.includes(this.initialState) ? this.initialState : 'signIn';
      this.#go(initial === 'signUp' && this.hideSignUp ? 'signIn' : initial);
    }
  }

  #onHub(event) {
    if (!this.#started || this.#busy) return;
    if (event === 'signedOut' && this.#route === 'authenticated') this.#signedOut();
    if ((event === 'signedIn' || event === 'signInWithRedirect') && this.#route !== 'authenticated') this.#signedIn(true);
    // As Amplify UI, a refresh that failed for good signs the Authenticator out. Only when the
    // session is really gone: a network fault keeps it (and the user stays signed in).
    if (event === 'tokenRefresh_failure' && this.#route === 'authenticated') {
      (this.services.getCurrentUser ?? getCurrentUser)().then(
        () => {},
        () => this.#route === 'authenticated' && this.#signedOut(),
      );
    }
  }

  #config() {
    let c;
    try {
      c = getConfig().Auth?.Cognito;
    } catch {
      /* not configured */
    }
    const login = c?.loginWith ?? {};
    const mechanisms = ['username', 'email', 'phone'].filter((k) => login[k]).map((k) => (k === 'phone' ? 'phone_number' : k));
    const providers = (login.oauth?.providers ?? []).filter((p) => typeof p === 'string').map((p) => p.toLowerCase());
    const required = Object.entries(c?.userAttributes ?? {}).filter(([, v]: [string, any]) => v?.required).map(([k]) => k);
    return {
      configured: Boolean(c?.userPoolId),
      mechanisms: mechanisms.length ? mechanisms : ['username'],
      providers,
      required,
      passwordFormat: c?.passwordFormat,
      passwordless: c?.passwordless,
    };
  }

  /**
   * The first factors offered, as Amplify UI decides them: the password always, the others
   * the pool's config enables (or, with `hiddenAuthMethods` given, all but the hidden);
   * and the preferred one (the option's, else the config's).
   */
  #methods() {
    const caps = this.#config().passwordless ?? {};
    const hidden = this.passwordless?.hiddenAuthMethods;
    const all = hidden !== undefined;
    const on = { PASSWORD: true, EMAIL_OTP: caps.emailOtpEnabled === true, SMS_OTP: caps.smsOtpEnabled === true, WEB_AUTHN: Boolean(caps.webAuthn) };
    const available = METHODS.filter((m) => (all || on[m]) && !(hidden ?? []).includes(m));
    const preferred = this.passwordless?.preferredAuthMethod ?? caps.preferredChallenge;
    return { available: available.length ? available : ['PASSWORD'], preferred: METHODS.includes(preferred) ? preferred : undefined };
  }

  /** Signs in with a first factor: the password, or a code or passkey through USER_AUTH. */
  async #signInWith(method: string, username: string, password?: string) {
    if (this.#ctx.offered) return this.#answerFactor(method, password);
    const run = this.#service('handleSignIn', signIn);
    Object.assign(this.#ctx, { username, password: method === 'PASSWORD' ? password : undefined, method });
    const r = method === 'PASSWORD' ? await run({ username, password }) : await run({ username, options: { authFlowType: 'USER_AUTH', preferredChallenge: method } });
    await this.#next(r);
  }

  // ---- navigation ----

  #go(route: AuthenticatorRoute, ctx: Record<string, any> = {}) {
    const { status, keepUsername, values, ...flow } = ctx;
    this.#route = route;
    Object.assign(this.#ctx, flow);
    this.#values = values ?? (keepUsername ? { username: this.#ctx.username } : {});
    this.#errors = {};
    this.#custom = {};
    this.#validationErrors = {};
    this.#alertText = undefined;
    this.#statusText = status ?? '';
    this.#render(true);
    this.#changed();
  }

  #signedOut() {
    this.#user = undefined;
    this.#ctx = {};
    if (this.#route !== 'signIn') this.#go('signIn');
  }

  async #signedIn(fromHub = false) {
    this.#ctx.password = undefined;
    try {
      this.#user = await (this.services.getCurrentUser ?? getCurrentUser)();
    } catch (e) {
      if (fromHub) return;
      throw e;
    }
    // As Amplify UI: the passkey prompt first, if the app asks for it and the user has none.
    if (!fromHub && (await this.#promptsPasskey())) return this.#go('passkeyPrompt', { passkeyCreated: false });
    // As Amplify: an account without a verified email or phone is asked to verify one.
    if (!fromHub) {
      try {
        const a = await fetchUserAttributes();
        const verified = a.email_verified === 'true' || a.phone_number_verified === 'true';
        const unverified = ['email', 'phone_number'].filter((k) => a[k] && a[`${k}_verified`] !== 'true');
        if (!verified && unverified.length) return this.#go('verifyUser', { unverified: Object.fromEntries(unverified.map((k) => [k, a[k]])) });
      } catch {
        /* attributes unreadable (scope): skip the check */
      }
    }
    this.#go('authenticated');
  }

  /** Answers Cognito's first-factor choice: the method, then (for the password) the password. */
  async #answerFactor(method, password) {
    const confirm = this.#service('handleConfirmSignIn', confirmSignIn);
    const offered = this.#ctx.offered;
    // The password as Cognito offered it: plain, else by SRP.
    const choice = method === 'PASSWORD' && !offered.includes('PASSWORD') && offered.includes('PASSWORD_SRP') ? 'PASSWORD_SRP' : method;
    this.#ctx.offered = undefined; // answered: a later sign-in starts afresh
    this.#ctx.method = method;
    let r = await confirm({ challengeResponse: choice });
    if (r?.nextStep?.signInStep === 'CONFIRM_SIGN_IN_WITH_PASSWORD') r = await confirm({ challengeResponse: password });
    await this.#next(r);
  }

  /** Whether to offer a passkey after this sign-in (`passkeyRegistrationPrompts`). */
  async #promptsPasskey() {
    const prompts = this.passwordless?.passkeyRegistrationPrompts;
    const when = this.#ctx.afterSignUp ? 'afterSignup' : 'afterSignin';
    const wanted = prompts === true || (typeof prompts === 'object' && prompts !== null && prompts[when] === 'ALWAYS');
    if (!wanted || !this.#methods().available.includes('WEB_AUTHN')) return false;
    try {
      return (await listWebAuthnCredentials()).credentials.length === 0;
    } catch {
      return false; // unreadable: do not ask
    }
  }

  /** Follows a sign-in result to the next screen. */
  async #next({ nextStep }) {
    const step = nextStep?.signInStep;
    const username = this.#ctx.username;
    switch (step) {
      case 'DONE':
        return this.#signedIn();
      case 'CONFIRM_SIGN_UP': {
        // Met at sign-in: once confirmed, back to sign in (as Amplify UI), the password not kept.
        const delivery = await resendSignUpCode({ username });
        return this.#go('confirmSignUp', { delivery, password: undefined, confirmThenSignIn: true });
      }
      case 'RESET_PASSWORD': {
        return this.#go('confirmResetPassword', { delivery: resetDelivery(await resetPassword({ username })) });
      }
      case 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED':
        return this.#go('forceNewPassword', { missingAttributes: withFields(nextStep.missingAttributes ?? [], 'forceNewPassword', this.formFields) });
      case 'CONFIRM_SIGN_IN_WITH_SMS_CODE':
        return this.#go('confirmSignIn', { mfaType: 'SMS', delivery: nextStep.codeDeliveryDetails });
      case 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE':
        return this.#go('confirmSignIn', { mfaType: 'EMAIL', delivery: nextStep.codeDeliveryDetails });
      case 'CONFIRM_SIGN_IN_WITH_TOTP_CODE':
        return this.#go('confirmSignIn', { mfaType: 'TOTP', delivery: undefined });
      case 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE':
        return this.#go('confirmSignIn', { mfaType: 'CUSTOM', delivery: undefined });
      case 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION':
      case 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION':
        return this.#go('selectMfaType', { mfaTypes: nextStep.allowedMFATypes ?? [], mfaSetup: step.includes('SETUP') });
      case 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP':
        return this.#go('setupTotp', { totp: nextStep.totpSetupDetails });
      case 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP':
        return this.#go('setupEmail');
      // Cognito asks for the first factor (a USER_AUTH sign-in with none preferred): the
      // same choice, answered with confirmSignIn.
      case 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION':
        return this.#go('signInSelectAuthFactor', { offered: nextStep.availableChallenges ?? [] });
      default: {
        const e = new Error(step);
        e.name = 'UnsupportedStep';
        throw e;
      }
    }
  }

  #service(name, fallback) {
    return this.services[name] ?? fallback;
  }

  // ---- the screens: fields, buttons and what submitting does ----

  #screens() {
    const cfg = this.#config();
    const [primary = 'username'] = this.loginMechanisms;
    const ctx = this.#ctx;
    const back = { label: 'Back to Sign In', onclick: () => this.#go('signIn'), kind: 'link' };
    const codeText = () => deliveryText(ctx.delivery);
    // Passwordless (Amplify UI's rules): the password field only when the password may be
    // used; with several methods and none preferred, the choice comes after the username.
    const methods = this.#methods();
    // Cognito's own offer, when it asked (PASSWORD_SRP is the password too).
    const offer = ctx.offered && [...new Set<string>(ctx.offered.map((m) => (m === 'PASSWORD_SRP' ? 'PASSWORD' : m)))].filter((m) => METHODS.includes(m));
    const { available, preferred } = methods;
    const choices = offer?.length ? offer : available;
    const signUpFirst = preferred && preferred !== 'WEB_AUTHN' ? preferred : 'PASSWORD';
    const signUpOthers = available.filter((m) => m !== 'WEB_AUTHN' && m !== signUpFirst);
    const choicesPasswordless = choices.filter((m) => m !== 'PASSWORD');
    const several = available.length > 1;
    const showPassword = available.length === 1 ? available[0] === 'PASSWORD' : !preferred || preferred === 'PASSWORD';
    const preferredButton = several && preferred;
    const password = { name: 'password', label: 'Password', kind: 'password', autocomplete: 'current-password', placeholder: 'Enter your Password' };
    return {
      signIn: {
        // With the choice still to come, the password may wait for it.
        fields: [loginField(primary), ...(showPassword ? [several && !preferred ? { ...password, required: false } : password] : [])],
        submit: [preferredButton && preferred !== 'PASSWORD' ? METHOD_LABELS[preferred] : 'Sign in', 'Signing in'],
        action: async (v) => {
          const username = v.username;
          ctx.offered = undefined;
          // The password typed already stays in its field there.
          if (several && !preferred) return this.#go('signInSelectAuthFactor', { username, values: v.password ? { password: v.password } : {} });
          await this.#signInWith(preferred ?? available[0], username, v.password);
        },
        buttons: [
          ...(preferredButton
            ? [{ label: 'Other sign-in options', kind: 'link', onclick: () => {
                const username = this.#readValues().username?.trim();
                if (!username) throw Object.assign(new Error(t('Please enter your username first')), { name: 'EnterUsernameFirst' });
                this.#go('signInSelectAuthFactor', { username });
              } }]
            : []),
          { label: 'Forgot your password?', onclick: () => this.#go('forgotPassword'), kind: 'link' },
        ],
        social: true,
      },
      signInSelectAuthFactor: {
        text: t('Signing in as {username}', { username: ctx.username ?? '' }),
        fields: choices.includes('PASSWORD') ? [password] : [],
        submit: choices.includes('PASSWORD') ? ['Sign In with Password', 'Signing in'] : [METHOD_LABELS[choicesPasswordless[0]], 'Signing in'],
        action: (v) => (choices.includes('PASSWORD') ? this.#signInWith('PASSWORD', ctx.username, v.password) : this.#signInWith(choicesPasswordless[0], ctx.username)),
        buttons: [
          ...(choices.includes('PASSWORD') && choicesPasswordless.length ? [{ divider: 'or' }] : []),
          ...(choices.includes('PASSWORD') ? choicesPasswordless : choicesPasswordless.slice(1)).map((m) => ({ label: METHOD_LABELS[m], kind: 'primary', onclick: () => this.#signInWith(m, ctx.username) })),
          back,
        ],
      },
      passkeyPrompt: {
        heading: ctx.passkeyCreated ? 'Passkey created successfully!' : 'Sign in faster with Passkey',
        text: ctx.passkeyCreated ? undefined : t('Passkeys are WebAuthn credentials that validate your identity using biometric data like touch or facial recognition or device authentication like passwords or PINs, serving as a secure password replacement.'),
        extra: () => (ctx.passkeyCreated ? h('p', { class: 'muted' }, t('Your passkey has been successfully registered.')) : null),
        fields: [],
        submit: ctx.passkeyCreated ? ['Continue', 'Continue'] : ['Create a Passkey', 'Registering'],
        action: async () => {
          if (ctx.passkeyCreated) return this.#go('authenticated');
          try {
            await associateWebAuthnCredential();
          } catch (e) {
            // A cancelled prompt is a no: on to the app, as Amplify UI does.
            if (e?.name === 'PasskeyRegistrationCanceled') return this.#go('authenticated');
            throw Object.assign(new Error(t('Failed to create passkey. Please try again.')), { name: 'PasskeyRegistrationFailed' });
          }
          this.#go('passkeyPrompt', { passkeyCreated: true });
        },
        buttons: ctx.passkeyCreated ? [] : [{ label: 'Continue without a Passkey', kind: 'link', onclick: () => this.#go('authenticated') }],
      },
      // Passwordless (Amplify UI's rules): with several ways, one button each; the password
      // fields only when the first one is the password, and then not required by the others.
      signUp: {
        fields: this.#signUpFields(primary, cfg, { withPassword: signUpFirst === 'PASSWORD', passwordOptional: signUpOthers.length > 0 }),
        submit: [signUpOthers.length ? SIGN_UP_LABELS[signUpFirst] : 'Create Account', 'Creating Account'],
        action: (v) => this.#doSignUp(v, primary, signUpFirst),
        buttons: [
          ...(signUpOthers.length ? [{ divider: 'or' }] : []),
          ...signUpOthers.map((m) => ({ label: SIGN_UP_LABELS[m], kind: 'primary', onclick: () => this.#doSignUp(this.#readValues(), primary, m) })),
        ],
        social: true,
      },
      confirmSignUp: {
        heading: ctx.delivery?.deliveryMedium === 'EMAIL' ? 'We Emailed You' : ctx.delivery?.deliveryMedium === 'SMS' ? 'We Texted You' : 'We Sent A Code',
        text: codeText(),
        fields: [signUpCodeField()],
        submit: ['Confirm', 'Confirming'],
        action: async (v) => {
          const r = await this.#service('handleConfirmSignUp', confirmSignUp)({ username: ctx.username, confirmationCode: v.confirmation_code });
          ctx.afterSignUp = true; // the passkey prompt follows `afterSignup`
          if (ctx.confirmThenSignIn) return this.#go('signIn', { keepUsername: true, confirmThenSignIn: false });
          if (r.nextStep?.signUpStep === 'COMPLETE_AUTO_SIGN_IN') return this.#followUp(autoSignIn);
          if (ctx.password) return this.#followUp(() => signIn({ username: ctx.username, password: ctx.password }));
          this.#go('signIn', { keepUsername: true });
        },
        buttons: [
          {
            label: 'Resend Code',
            kind: 'secondary',
            onclick: async () => {
              ctx.delivery = await resendSignUpCode({ username: ctx.username });
              this.#go('confirmSignUp', { status: 'A new code is on its way.' });
            },
          },
          back,
        ],
      },
      confirmSignIn: {
        heading: { SMS: 'Confirm SMS Code', TOTP: 'Confirm TOTP Code', EMAIL: 'Confirm Email Code' }[ctx.mfaType] ?? 'Confirm MFA Code',
        text: (ctx.mfaType === 'EMAIL' || ctx.mfaType === 'SMS') && ctx.delivery ? deliveryText(ctx.delivery) : undefined,
        fields: [codeField(ctx.mfaType === 'TOTP' ? 'totp' : 'code')],
        submit: ['Confirm', 'Confirming'],
        action: async (v) => this.#next(await this.#service('handleConfirmSignIn', confirmSignIn)({ challengeResponse: v.confirmation_code })),
        // A code as the first factor: a new one is a new sign-in with the same method.
        buttons: [
          ...(ctx.method === 'EMAIL_OTP' || ctx.method === 'SMS_OTP'
            ? [{ label: 'Resend Code', kind: 'secondary', onclick: () => this.#signInWith(ctx.method, ctx.username).then(() => this.#setStatus('A new code is on its way.')) }]
            : []),
          back,
        ],
      },
      selectMfaType: {
        heading: ctx.mfaSetup ? 'Multi-Factor Authentication Setup' : 'Multi-Factor Authentication',
        fields: [{ name: 'mfa_type', label: 'Select MFA Type', kind: 'radio', required: true, options: (ctx.mfaTypes ?? []).map((m) => [m, MFA_LABELS[m] ?? m]) }],
        submit: ['Confirm', 'Confirming'],
        action: async (v) => this.#next(await this.#service('handleConfirmSignIn', confirmSignIn)({ challengeResponse: v.mfa_type })),
        buttons: [back],
      },
      setupTotp: {
        heading: 'Setup TOTP',
        text: t('Scan the QR code with your authenticator app, or enter the secret key, then enter the code the app shows.'),
        extra: () => this.#totpBlock(),
        fields: [codeField('totp')],
        submit: ['Confirm', 'Confirming'],
        action: async (v) => this.#next(await this.#service('handleConfirmSignIn', confirmSignIn)({ challengeResponse: v.confirmation_code })),
        buttons: [back],
      },
      setupEmail: {
        heading: 'Setup Email',
        text: t('Enter the email address that will receive your sign-in codes.'),
        fields: [{ ...attributeField('email'), required: true }],
        submit: ['Confirm', 'Confirming'],
        action: async (v) => this.#next(await this.#service('handleConfirmSignIn', confirmSignIn)({ challengeResponse: v.email })),
        buttons: [back],
      },
      forceNewPassword: {
        heading: 'Change Password',
        fields: [newPassword(), confirmPassword(), ...(ctx.missingAttributes ?? []).map((a) => ({ ...attributeField(a), required: true }))],
        submit: ['Change Password', 'Changing'],
        action: async (v) => {
          const userAttributes = this.#attributes(v);
          ctx.password = v.password;
          const input = { challengeResponse: v.password, options: Object.keys(userAttributes).length ? { userAttributes } : undefined };
          await this.#next(await this.#service('handleConfirmSignIn', confirmSignIn)(input));
        },
        buttons: [back],
      },
      forgotPassword: {
        heading: 'Reset Password',
        // As Amplify UI: "Enter your username" (email, phone number) as label and placeholder.
        fields: [{ ...loginField(primary), ...FORGOT[primary] }],
        submit: ['Send code', 'Sending'],
        action: async (v) => {
          ctx.username = v.username;
          const r = await this.#service('handleForgotPassword', resetPassword)({ username: v.username });
          if (r?.nextStep?.resetPasswordStep === 'DONE') return this.#go('signIn', { keepUsername: true });
          this.#go('confirmResetPassword', { delivery: r?.nextStep?.codeDeliveryDetails });
        },
        buttons: [back],
      },
      confirmResetPassword: {
        heading: 'Reset Password',
        text: codeText(),
        fields: [codeField(), { ...newPassword(), label: 'New Password', placeholder: 'New Password' }, { ...confirmPassword(), placeholder: 'Confirm Password' }],
        submit: ['Submit', 'Submitting'],
        action: async (v) => {
          await this.#service('handleForgotPasswordSubmit', confirmResetPassword)({ username: ctx.username, confirmationCode: v.confirmation_code, newPassword: v.password });
          this.#go('signIn', { keepUsername: true, status: 'Your password has been changed. Sign in with your new password.' });
        },
        buttons: [
          {
            label: 'Resend Code',
            kind: 'secondary',
            onclick: async () => {
              ctx.delivery = resetDelivery(await resetPassword({ username: ctx.username }));
              this.#go('confirmResetPassword', { status: 'A new code is on its way.' });
            },
          },
          back,
        ],
      },
      verifyUser: {
        heading: 'Account recovery requires verified contact information',
        fields: [{ name: 'unverifiedAttr', label: 'Verify Contact', kind: 'radio', required: true, options: Object.entries(ctx.unverified ?? {}).map(([k, v]) => [k, `${t(ATTRIBUTES[k].label)}: ${v}`]) }],
        submit: ['Verify', 'Sending'],
        action: async (v) => {
          const delivery = await sendUserAttributeVerificationCode({ userAttributeKey: v.unverifiedAttr });
          this.#go('confirmVerifyUser', { verifyAttr: v.unverifiedAttr, delivery });
        },
        buttons: [{ label: 'Skip', onclick: () => this.#go('authenticated'), kind: 'link' }],
      },
      confirmVerifyUser: {
        heading: 'Account recovery requires verified contact information',
        text: codeText(),
        fields: [codeField()],
        submit: ['Submit', 'Submitting'],
        action: async (v) => {
          await confirmUserAttribute({ userAttributeKey: ctx.verifyAttr, confirmationCode: v.confirmation_code });
          this.#go('authenticated');
        },
        buttons: [{ label: 'Skip', onclick: () => this.#go('authenticated'), kind: 'link' }],
      },
    };
  }

  #signUpFields(primary, cfg, { withPassword = true, passwordOptional = false }: { withPassword?: boolean; passwordOptional?: boolean } = {}) {
    // The sign-in name, offered to password managers as the account name (as Amplify UI).
    const first = primary === 'username' ? { ...ATTRIBUTES.username, name: 'username' } : { ...attributeField(primary), autocomplete: 'username' };
    const attrs = withFields([...new Set([...cfg.required, ...this.signUpAttributes])].filter((a) => a !== primary), 'signUp', this.formFields);
    // Email and phone first, then the rest in the order given.
    const early = (a) => (['email', 'phone_number'].includes(a) ? 1 : 0);
    attrs.sort((a, b) => early(b) - early(a));
    const optional = passwordOptional ? { required: false } : {};
    return [
      { ...first, required: true },
      ...(withPassword ? [{ ...newPassword(), ...optional }, { ...confirmPassword(), ...optional }] : []),
      ...attrs.map((a) => ({ ...attributeField(a), required: cfg.required.includes(a) || this.signUpAttributes.includes(a) })),
    ];
  }

  #attributes(v) {
    const out = {};
    for (const f of this.#form.fields) if (f.attribute && v[f.name]) out[f.name] = v[f.name];
    // Attributes from the app's own inputs (a standard attribute's name, or custom:…).
    for (const [k, val] of Object.entries(v)) if (val && !Object.hasOwn(out, k) && (k.startsWith('custom:') || (ATTRIBUTES[k] && k !== 'username'))) out[k] = val;
    return out;
  }

  async #doSignUp(v, primary, method = 'PASSWORD') {
    const passwordless = method !== 'PASSWORD';
    // What the chosen way needs (the form's own checks ran for the first one).
    const needs = passwordless ? (method === 'EMAIL_OTP' ? 'email' : 'phone_number') : !v.password && 'password';
    const missing = [primary === 'username' ? 'username' : primary, needs].filter((k) => k && !String(v[k] ?? '').trim());
    if (missing.length) {
      this.#showErrors(Object.fromEntries(missing.map((k) => [k, [['This field is required']]])));
      throw Object.assign(new Error(t('This field is required')), { name: 'MissingField' });
    }
    // As Amplify UI: an account made for a code is named by where the code goes.
    const username = method === 'EMAIL_OTP' ? v.email : method === 'SMS_OTP' ? v.phone_number : primary === 'username' ? v.username : v[primary];
    const userAttributes = this.#attributes(v);
    Object.assign(this.#ctx, { username, password: passwordless ? undefined : v.password, method, afterSignUp: true, confirmThenSignIn: false });
    // A passwordless account signs in after confirmation from the confirmation's session.
    const autoSignInOption = passwordless ? { authFlowType: 'USER_AUTH', preferredChallenge: method } : true;
    const r = await this.#service('handleSignUp', signUp)({ username, password: passwordless ? undefined : v.password, options: { userAttributes, autoSignIn: autoSignInOption } });
    const step = r.nextStep?.signUpStep;
    if (step === 'CONFIRM_SIGN_UP') return this.#go('confirmSignUp', { delivery: r.nextStep.codeDeliveryDetails });
    return this.#followUp(step === 'COMPLETE_AUTO_SIGN_IN' ? autoSignIn : () => signIn({ username, password: v.password }));
  }

  /**
   * The sign-in that follows a new or a confirmed account. If it fails, the account still
   * stands: sign in by hand, with the reason shown (and no password kept).
   */
  async #followUp(signInNow) {
    try {
      await this.#next(await signInNow());
    } catch (e) {
      this.#go('signIn', { keepUsername: true, password: undefined });
      this.#setAlert(() => describeError(e));
    }
  }

  #totpBlock() {
    const totp = this.#ctx.totp;
    const o = this.formFields.setupTotp?.QR ?? {};
    const uri = totp.getSetupUri(o.totpIssuer ?? 'AWSCognito', o.totpUsername ?? this.#ctx.username).toString();
    let qr;
    try {
      qr = h('div', { class: 'qr' }, qrSvg(uri, t('QR code to add this account to your authenticator app')));
    } catch {
      qr = null; // too long for a QR code: the secret alone still works
    }
    return [qr, h('p', {}, h('span', { class: 'muted' }, `${t('Secret key')}: `), h('span', { class: 'secret', 'data-testid': 'totp-secret' }, totp.sharedSecret))];
  }

  /** Applies `formFields[screen]`: labels, placeholders, order, required, and extra sign-up fields. */
  #customise(screen, fields) {
    const custom = this.formFields[screen] ?? {};
    const pick = (o) => Object.fromEntries(
      Object.entries({ label: o.label, placeholder: o.placeholder, required: o.isRequired ?? o.required, order: o.order, labelHidden: o.labelHidden, defaultValue: o.defaultValue, autocomplete: o.autocomplete, type: o.type, dialCode: o.dialCode, dialCodeList: o.dialCodeList })
        .filter(([, v]) => v !== undefined),
    );
    const out = fields.map((f) => (custom[f.name] ? { ...f, ...pick(custom[f.name]) } : f));
    if (screen === 'signUp' || screen === 'forceNewPassword') {
      for (const [name, o] of Object.entries(custom)) {
        if (!out.some((f) => f.name === name)) out.push({ ...attributeField(name), ...pick(o) });
      }
    }
    return out.map((f, i) => [f, f.order ?? 1e6 + i]).sort((a, b) => a[1] - b[1]).map(([f]) => f);
  }

  // ---- rendering ----

  #render(moveFocus = false) {
    const route = this.#route;
    let focused;
    if (!moveFocus) {
      // Keep what was typed, and the focus, across re-renders (language or option changes).
      this.#view.querySelectorAll('input, select').forEach((i) => {
        if (i.type !== 'radio' || i.checked) this.#values[i.name] = i.value;
      });
      focused = this.shadowRoot!.activeElement?.getAttribute('name');
    }
    const root = h('div', { class: 'root', lang: I18n.getLanguage(), dir: I18n.isRtl() ? 'rtl' : 'ltr' });
    if (route === 'idle') {
      root.append(h('p', { class: 'sr-only', role: 'status' }, t('Loading')));
    } else if (route === 'authenticated') {
      // The app's content; without any, a minimal signed-in view.
      const fallback = h('div', { class: 'card' }, h('div', { class: 'body' },
        h('p', {}, t('Signed in as {username}', { username: this.#user?.username ?? '' })),
        h('button', { type: 'button', class: 'primary', onclick: () => this.signOut() }, t('Sign Out')),
      ));
      const slot = h('slot', {}, fallback);
      // Shown only when the app gives no content: framework wrappers add theirs just after this
      // render, so the fallback waits a moment (and is hidden, not only unshown, once content comes).
      const own = () => (fallback.hidden = slot.assignedNodes().some((n) => n.nodeType === 1 || n.textContent.trim()));
      fallback.hidden = true;
      slot.addEventListener('slotchange', own);
      setTimeout(own, 100);
      root.append(slot);
    } else {
      const card = h('div', { class: 'card' }, h('slot', { name: 'header' }), this.#screen(route), h('slot', { name: 'footer' }));
      root.append(this.variation === 'modal' ? h('div', { class: 'modal' }, card) : card);
    }
    this.#view.replaceChildren(root);
    if (route === 'authenticated' || route === 'idle') return;
    queueMicrotask(() => this.#liveCheck());
    const target = moveFocus ? this.#view.querySelector('input, form button') : focused && this.#view.querySelector(`[name="${focused}"]`);
    target?.focus();
  }

  #screen(route) {
    const s = this.#screens()[route];
    const fields = this.#customise(route, s.fields);
    this.#form = { ...s, fields };
    const tabs = route === 'signIn' || route === 'signUp';
    const heading = h('h2', { id: 'heading' }, t(s.heading ?? ''));
    const header = h('slot', { name: `${slotStem(route)}-header` });
    const own = () => (heading.hidden = header.assignedNodes().length > 0);
    header.addEventListener('slotchange', own);
    queueMicrotask(own);
    const form = h(
      'form',
      { novalidate: true, 'aria-labelledby': tabs ? undefined : 'heading', onsubmit: (e) => { e.preventDefault(); this.#submit(); } },
      // The app's header for this screen (Amplify UI's `components.<Screen>.Header`) takes the heading's place.
      header,
      s.heading && heading,
      s.text && h('p', {}, s.text),
      h('div', { class: 'status', role: 'status' }, this.#statusText && t(this.#statusText)),
      s.social && this.#social(route),
      s.extra?.(),
      fields.map((f) => this.#field(f)),
      h('slot', { name: `${slotStem(route)}-form-fields` }),
      h('div', { class: 'alert', role: 'alert', id: 'alert' }, this.#alertText?.() ?? ''),
      h('button', { type: 'submit', class: 'primary' }, t(s.submit[0])),
      (s.buttons ?? []).map((b) =>
        b.divider ? h('p', { class: 'divider' }, t(b.divider)) : h('button', { type: 'button', class: b.kind ?? 'link', onclick: () => this.#guard(b.onclick) }, t(b.label)),
      ),
      h('slot', { name: `${slotStem(route)}-footer` }),
      h('p', { class: 'sr-only', 'aria-live': 'polite', id: 'announce' }),
    );
    if (!tabs) return form;
    const tab = (name, label) =>
      h('button', {
        type: 'button', role: 'tab', class: 'tab', id: `tab-${name}`,
        'aria-selected': String(route === name), 'aria-controls': 'panel', tabindex: route === name ? '0' : '-1',
        onclick: () => route !== name && this.#go(name),
        onkeydown: (e) => {
          if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) {
            e.preventDefault();
            const other = name === 'signIn' ? 'signUp' : 'signIn';
            this.#go(other);
            this.shadowRoot!.getElementById(`tab-${other}`)?.focus();
          }
        },
      }, t(label));
    if (this.hideSignUp) return form;
    return [
      h('div', { role: 'tablist', class: 'tabs' }, tab('signIn', 'Sign In'), tab('signUp', 'Create Account')),
      h('div', { role: 'tabpanel', id: 'panel', 'aria-labelledby': `tab-${route}` }, form),
    ];
  }

  // As Amplify UI: the providers' buttons above the fields, then "or".
  #social(route) {
    const providers = this.socialProviders.map((p) => String(p).toLowerCase()).filter((p) => SOCIAL[p]);
    if (!providers.length) return null;
    const words = route === 'signUp' ? SOCIAL_SIGN_UP : SOCIAL_SIGN_IN;
    return [
      h('div', { class: 'social' }, providers.map((p) =>
        h('button', { type: 'button', class: 'secondary', onclick: () => this.#guard(() => signInWithRedirect({ provider: SOCIAL[p] })) }, t(words[p])),
      )),
      h('p', { class: 'divider' }, t('or')),
    ];
  }

  #field(f) {
    const id = `f-${f.name.replace(/[^\w-]/g, '_')}`;
    const errId = `${id}-error`;
    const value = this.#values[f.name] ?? f.defaultValue ?? '';
    const errors = this.#errors[f.name] ?? [];
    const remember = (e) => (this.#values[e.target.name] = e.target.value);
    if (f.kind === 'radio') {
      return h('fieldset', { 'aria-describedby': errors.length ? errId : undefined },
        h('legend', { class: f.labelHidden ? 'sr-only' : undefined }, t(f.label)),
        f.options.map(([v, label], i) => h('label', { class: 'radio' },
          h('input', { type: 'radio', name: f.name, value: v, checked: value ? value === v : i === 0, required: f.required, onchange: remember }),
          t(label),
        )),
        h('p', { class: 'err', id: errId }, say(errors)),
      );
    }
    const secret = f.kind === 'password' || f.kind === 'newPassword' || f.kind === 'confirm';
    const input = h('input', {
      id, name: f.name, type: secret ? 'password' : f.type ?? 'text', value,
      autocomplete: f.autocomplete, placeholder: f.placeholder ? t(f.placeholder) : undefined,
      inputmode: f.inputmode, required: f.required !== false,
      autocapitalize: f.type === 'email' || f.name === 'username' || secret ? 'off' : undefined, spellcheck: secret || f.name === 'username' ? 'false' : undefined,
      'aria-invalid': errors.length ? 'true' : undefined, 'aria-describedby': errors.length ? errId : undefined,
      oninput: remember,
      onblur: () => (this.#pointerDown ? this.#blurred.push(f) : this.#validateField(f)),
    });
    const reveal = secret && h('button', {
      type: 'button', class: 'reveal', 'aria-pressed': 'false', 'aria-controls': id,
      onclick: (e) => {
        const btn = e.currentTarget;
        const show = input.type === 'password';
        input.type = show ? 'text' : 'password';
        btn.setAttribute('aria-pressed', String(show));
        this.shadowRoot!.getElementById('announce')!.textContent = t(show ? 'Your password is shown.' : 'Your password is hidden.');
      },
    }, eyeIcon(), h('span', { class: 'sr-only' }, t('Show password')));
    // A phone number: the country code from a list (Amplify UI's `dialCode`, `dialCodeList`), then the number.
    const dialName = `${f.name}:dial`;
    const codes = Array.isArray(f.dialCodeList) && f.dialCodeList.length ? f.dialCodeList.map(String) : DIAL_CODES;
    const dial = f.type === 'tel' && h('select', { id: `${id}-dial`, name: dialName, class: 'dial', 'aria-label': t('Country code'), onchange: remember },
      codes.map((c) => h('option', { value: c }, c)));
    if (dial) dial.value = this.#values[dialName] ?? (codes.includes(String(f.dialCode)) ? String(f.dialCode) : codes.includes('+1') ? '+1' : codes[0]);
    return h('div', { class: 'field' },
      h('label', { for: id, class: f.labelHidden ? 'sr-only' : undefined }, t(f.label)),
      secret ? h('div', { class: 'pw' }, input, reveal) : dial ? h('div', { class: 'phone' }, dial, input) : input,
      h('p', { class: 'err', id: errId }, say(errors)),
    );
  }

  // ---- checks before any request ----

  #problems(f, v) {
    const value = v[f.name] ?? '';
    if (!value.trim()) return f.required === false ? [] : [['This field is required']];
    if (f.type === 'email' && !EMAIL.test(value.trim())) return [['Please enter a valid email']];
    if (f.type === 'tel' && !PHONE.test(normalisePhone(value))) return [['Enter the phone number with its country code, for example +15551234567']];
    if (f.kind === 'totp' && !/^\d{6}$/.test(value.trim())) return [['Enter the 6-digit code']];
    if (f.kind === 'newPassword') return passwordProblems(value, this.#config().passwordFormat);
    if (f.kind === 'confirm' && value !== v.password) return [['Your passwords must match']];
    return [];
  }

  #validateField(f) {
    if (!this.#form?.fields.includes(f) || this.#busy) return;
    const v = this.#readValues();
    // Only fields the person has typed in; empty ones are checked on submit.
    if (!v[f.name] && !this.#errors[f.name]?.length) return;
    this.#showErrors({ ...this.#errors, [f.name]: this.#problems(f, v) });
  }

  #readValues() {
    const v: Record<string, any> = {};
    for (const f of this.#form.fields) {
      const el = f.kind === 'radio'
        ? this.#view.querySelector(`input[name="${f.name}"]:checked`)
        : this.#view.querySelector(`input[name="${f.name}"]`);
      let val = el?.value ?? '';
      if (f.type === 'tel') {
        // The number as typed with its own "+…", else after the chosen country code.
        val = normalisePhone(val);
        const dial = this.#view.querySelector(`select[name="${f.name}:dial"]`)?.value;
        if (val && dial && !val.startsWith('+')) val = dial + val;
      }
      else if (f.type === 'email' || f.kind === 'code' || f.kind === 'totp' || f.name === 'username') val = val.trim();
      v[f.name] = val;
    }
    // The app's own inputs in this screen's form-fields slot (Amplify UI's `FormFields`), by name.
    const slot = `[slot="${slotStem(this.#route)}-form-fields"]`;
    for (const el of this.querySelectorAll(`${slot} input, ${slot} select, ${slot} textarea`) as NodeListOf<HTMLInputElement>) {
      if (!el.name || Object.hasOwn(v, el.name) || ((el.type === 'checkbox' || el.type === 'radio') && !el.checked)) continue;
      v[el.name] = el.value;
    }
    return v;
  }

  #showErrors(errors) {
    this.#errors = errors;
    for (const f of this.#form.fields) {
      const id = `f-${f.name.replace(/[^\w-]/g, '_')}`;
      const msgs = [...(errors[f.name] ?? []), ...(this.#custom[f.name] ?? [])];
      const err = this.shadowRoot!.getElementById(`${id}-error`);
      if (err) err.textContent = say(msgs);
      const target = f.kind === 'radio' ? err?.closest('fieldset') : this.shadowRoot!.getElementById(id);
      if (!target) continue;
      if (msgs.length) {
        target.setAttribute('aria-describedby', `${id}-error`);
        if (f.kind !== 'radio') target.setAttribute('aria-invalid', 'true');
      } else {
        target.removeAttribute('aria-describedby');
        target.removeAttribute('aria-invalid');
      }
    }
  }

  #setAlert(text) {
    this.#alertText = text || undefined;
    const el = this.shadowRoot!.getElementById('alert');
    if (el) el.textContent = text ? text() : '';
  }

  /** The screen's status line (announced: role=status). */
  #setStatus(text) {
    this.#statusText = text;
    const el = this.#view.querySelector('.status');
    if (el) el.textContent = t(text);
  }

  #setBusy(busy, label) {
    this.#busy = busy;
    this.#view.querySelectorAll('form button').forEach((b) => (busy ? b.setAttribute('aria-disabled', 'true') : b.removeAttribute('aria-disabled')));
    const submit = this.#view.querySelector('form button[type=submit]');
    if (submit && label) {
      submit.textContent = busy ? `${t(label[1])}…` : t(label[0]);
      busy ? submit.setAttribute('aria-busy', 'true') : submit.removeAttribute('aria-busy');
    }
  }

  /** Runs a button's work: one at a time, errors into the alert region. */
  async #guard(fn: () => unknown, label?: [string, string]) {
    if (this.#busy) return;
    const route = this.#route;
    const form = this.#form; // a screen drawn anew meanwhile (same route) has its own labels
    this.#setAlert('');
    this.#setBusy(true, label);
    try {
      await fn();
    } catch (e) {
      this.#setAlert(() => describeError(e));
    } finally {
      this.#busy = false;
      if (this.#route === route) this.#setBusy(false, this.#form === form ? label : undefined);
    }
  }

  async #submit() {
    this.#blurred = []; // the whole form is checked now
    this.#custom = {}; // (the app's checks run again below)
    if (this.#busy) return;
    const s = this.#form;
    const v = this.#readValues();
    const own = {};
    for (const f of s.fields) {
      const p = this.#problems(f, v);
      if (p.length) own[f.name] = p;
    }
    let errors = own;
    if (this.#route === 'signUp' && this.services.validateCustomSignUp) {
      const checked = await this.#appChecks(s, v, Object.fromEntries(s.fields.map((f) => [f.name, true])), own);
      this.#custom = checked.custom; // shown beside ours, under our fields
      errors = checked.all;
    }
    this.#showErrors(own);
    // Published (as useAuthenticator's validationErrors) for fields the app draws itself.
    this.#validationErrors = Object.fromEntries(Object.entries(errors).map(([k, p]) => [k, say(p)]));
    this.#changed();
    const bad = Object.keys(errors);
    if (bad.length) {
      const unknown = bad.filter((k) => !s.fields.some((f) => f.name === k));
      this.#setAlert(() => unknown.map((k) => say(errors[k])).join(' '));
      const first = s.fields.find((f) => errors[f.name]);
      if (first) this.#view.querySelector(`[name="${first.name}"]`)?.focus();
      return;
    }
    await this.#guard(() => s.action(v), s.submit);
  }
}

/** Registers `<cognito-authenticator>` (once; safe to call again). */
export function defineAuthenticator(name = 'cognito-authenticator') {
  if (typeof customElements !== 'undefined' && !customElements.get(name)) {
    customElements.define(name, name === 'cognito-authenticator' ? CognitoAuthenticator : class extends CognitoAuthenticator {});
  }
}
