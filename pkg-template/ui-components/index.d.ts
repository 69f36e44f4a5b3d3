// Types for cognito-wasm/ui-components.
export { applyPolyfills, defineCustomElements } from './loader.js';
export { I18n } from '../ui/index.js';
