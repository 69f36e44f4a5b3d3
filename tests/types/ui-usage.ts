// Compile-time check of cognito-wasm/ui's declarations (the element, options, I18n).
import { I18n, translations, CognitoAuthenticator, defineAuthenticator, type AuthenticatorOptions } from '../../pkg/ui/index.js';
I18n.putVocabularies(translations);
I18n.setLanguage('fr');
defineAuthenticator();
const el = document.createElement('cognito-authenticator');
const c: CognitoAuthenticator = el;
c.formFields = { signUp: { email: { order: 1, isRequired: true } }, setupTotp: { QR: { totpIssuer: 'MyApp' } } };
c.services = { validateCustomSignUp: (f) => (f.email ? undefined : { email: 'Required' }) };
c.addEventListener('authchange', (e) => console.log(e.detail.route, e.detail.user?.username));
const o: AuthenticatorOptions = { initialState: 'signUp', variation: 'modal', socialProviders: ['google'], passwordless: { hiddenAuthMethods: ['SMS_OTP'], preferredAuthMethod: 'WEB_AUTHN', passkeyRegistrationPrompts: { afterSignin: 'ALWAYS' } } };
void o; void c.signOut();

// cognito-wasm/ui-components (the guide's legacy web components), as its Vue 2 setup calls it.
import { applyPolyfills, defineCustomElements } from '../../pkg/ui-components/loader.js';
void applyPolyfills().then(() => defineCustomElements(window));
