// The plain page's script (tests/browser/legacy-components.html): configure, then the loader.
import { configure } from '/pkg/index.js';
import { applyPolyfills, defineCustomElements } from '/pkg/ui-components/loader.js';

configure(await (await fetch('/config.json')).json());
applyPolyfills().then(() => defineCustomElements(window));
