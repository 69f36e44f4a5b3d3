// cognito-wasm/ui: the <cognito-authenticator> element (registered on import) and its i18n.
import { defineAuthenticator } from './authenticator.js';

export { CognitoAuthenticator, defineAuthenticator } from './authenticator.js';
export { I18n, setLanguage, putVocabularies, languages } from './i18n.js';
export { translations } from './translations.js';

defineAuthenticator();
