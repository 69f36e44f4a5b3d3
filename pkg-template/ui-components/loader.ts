// cognito-wasm/ui-components/loader: the loader of Amplify's legacy web components
// (@aws-amplify/ui-components/loader), for Vue 2 apps and plain pages written against it:
// `applyPolyfills().then(() => defineCustomElements(window))` defines <amplify-authenticator>
// (the sign-in flow until signed in, then its children) and <amplify-sign-out>.
import { CognitoAuthenticator } from '../ui/authenticator.js';
import { adoptStyles } from '../ui/styles.js';
import { I18n } from '../ui/i18n.js';
import { signOut } from '../index.js';

/** Nothing to polyfill: every browser this package supports has custom elements and shadow DOM. */
export const applyPolyfills = () => Promise.resolve();

/** Defines the elements in `win`'s registry (the page's by default); a second call changes nothing. */
export function defineCustomElements(win = globalThis) {
  const registry = win?.customElements;
  if (!registry) return Promise.resolve();
  if (!registry.get('amplify-authenticator')) registry.define('amplify-authenticator', class extends CognitoAuthenticator {});
  if (!registry.get('amplify-sign-out')) registry.define('amplify-sign-out', signOutElement());
  return Promise.resolve();
}

// A class made on first use: HTMLElement exists only in a browser (the module imports anywhere).
function signOutElement() {
  return class AmplifySignOut extends HTMLElement {
    static observedAttributes = ['button-text'];
    #button;
    #off;
    connectedCallback() {
      if (!this.#button) {
        const root = this.attachShadow({ mode: 'open' });
        adoptStyles(root);
        this.#button = document.createElement('button');
        this.#button.type = 'button';
        this.#button.className = 'primary';
        this.#button.setAttribute('part', 'button');
        this.#button.addEventListener('click', () => this.#signOut());
        root.append(this.#button);
      }
      this.#label();
      this.#off = I18n.onChange?.(() => this.#label());
    }
    disconnectedCallback() {
      this.#off?.();
    }
    attributeChangedCallback() {
      if (this.#button) this.#label();
    }
    // One sign-out at a time; a failure (say, before configure()) is reported, never an
    // unhandled rejection.
    async #signOut() {
      if (this.#button.disabled) return;
      this.#button.disabled = true;
      try {
        await signOut();
      } catch (e) {
        console.error('cognito-wasm: <amplify-sign-out> could not sign out', e);
        this.dispatchEvent(new CustomEvent('signouterror', { detail: e, bubbles: true, composed: true }));
      } finally {
        this.#button.disabled = false;
      }
    }
    // `button-text`, as the legacy element's; else the phrase in the page's language.
    #label() {
      this.#button.textContent = this.getAttribute('button-text') ?? I18n.get('Sign Out');
    }
  };
}
