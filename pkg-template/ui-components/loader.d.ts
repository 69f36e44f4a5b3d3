// Types for cognito-wasm/ui-components/loader.
/** Resolves at once: nothing needs polyfilling. */
export declare function applyPolyfills(): Promise<void>;
/** Defines <amplify-authenticator> and <amplify-sign-out> in `win`'s custom element registry. */
export declare function defineCustomElements(win?: { customElements?: CustomElementRegistry }): Promise<void>;
