// cognito-wasm/ui-components: stands in for @aws-amplify/ui-components (Amplify's legacy
// web components). Importing it defines nothing; the loader does (see loader.js).
export { applyPolyfills, defineCustomElements } from './loader.js';
export { I18n } from '../ui/i18n.js';
