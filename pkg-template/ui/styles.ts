// The authenticator's styles. They live in the shadow root, adopted as a constructable
// stylesheet (allowed by a strict CSP, unlike inline <style> or style="" attributes), so
// nothing leaks into the page and the page's CSS only gets in through the custom
// properties below: set them on `cognito-authenticator` (or any ancestor) to theme it.

// The dark palette: for color-mode="dark", and for "system" when the OS is dark.
const dark = `
  --cw-color-background: #1b232c;
  --cw-color-text: #f1f5f9;
  --cw-color-muted: #c3ccd5;
  --cw-color-border: #8a96a3;
  --cw-color-primary: #7dd3e8;
  --cw-color-primary-hover: #a8e4f2;
  --cw-color-on-primary: #0d1a26;
  --cw-color-error: #ffb4ab;
  --cw-color-error-background: #4a1713;
  --cw-color-info-background: #0f3942;
  --cw-color-focus: #7dd3e8;
  --cw-shadow: 0 2px 8px rgba(0, 0, 0, 0.5);
`;

export const css = `
:host {
  display: block;
  --cw-font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --cw-font-size: 1rem;
  --cw-color-background: #ffffff;
  --cw-color-text: #0d1a26;
  --cw-color-muted: #4b5563;
  --cw-color-border: #7a8591;
  --cw-color-primary: #047d95;
  --cw-color-primary-hover: #005566;
  --cw-color-on-primary: #ffffff;
  --cw-color-error: #b3261e;
  --cw-color-error-background: #fde8e7;
  --cw-color-info-background: #e3f3f7;
  --cw-color-focus: #047d95;
  --cw-radius: 0.5rem;
  --cw-card-width: 28rem;
  --cw-shadow: 0 2px 8px rgba(13, 26, 38, 0.15);
  --cw-backdrop: rgba(13, 26, 38, 0.6);
}
:host([color-mode="dark"]) {
${dark}}
@media (prefers-color-scheme: dark) {
  :host([color-mode="system"]) {
${dark}  }
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.root { font-family: var(--cw-font); font-size: var(--cw-font-size); color: var(--cw-color-text); line-height: 1.5; }
.modal { position: fixed; inset: 0; z-index: 1000; display: flex; overflow: auto; padding: 1rem; background: var(--cw-backdrop); }
.card { width: 100%; max-width: var(--cw-card-width); margin: 2rem auto; background: var(--cw-color-background); border: 1px solid var(--cw-color-border); border-radius: var(--cw-radius); box-shadow: var(--cw-shadow); overflow: hidden; }
.modal .card { margin: auto; } /* centred, and scrollable when taller than the window */
.tabs { display: flex; }
.tab { flex: 1; padding: 0.9rem 0.5rem; border: 0; border-block-end: 2px solid var(--cw-color-border); background: none; color: var(--cw-color-muted); font: inherit; font-weight: 600; cursor: pointer; }
.tab[aria-selected="true"] { color: var(--cw-color-primary); border-block-end: 3px solid var(--cw-color-primary); }
form, .body { display: grid; gap: 1rem; padding: 1.5rem 2rem; }
h2 { margin: 0; font-size: 1.25rem; line-height: 1.3; }
p { margin: 0; }
.field { display: grid; gap: 0.25rem; }
label, legend { font-weight: 500; }
input:not([type="radio"]) { width: 100%; min-width: 0; padding: 0.6rem 0.75rem; border: 1px solid var(--cw-color-border); border-radius: 0.25rem; background: var(--cw-color-background); color: inherit; font: inherit; }
input[aria-invalid="true"] { border-color: var(--cw-color-error); border-width: 2px; }
:focus-visible { outline: 2px solid var(--cw-color-focus); outline-offset: 2px; }
.pw { display: flex; }
.pw input:not([type="radio"]) { border-start-end-radius: 0; border-end-end-radius: 0; }
.phone { display: flex; gap: 0.5rem; }
.dial { flex: none; padding: 0.6rem 0.5rem; border: 1px solid var(--cw-color-border); border-radius: 0.25rem; background: var(--cw-color-background); color: inherit; font: inherit; }
.reveal { display: grid; place-items: center; padding: 0 0.75rem; border: 1px solid var(--cw-color-border); border-inline-start: 0; border-start-end-radius: 0.25rem; border-end-end-radius: 0.25rem; background: var(--cw-color-background); color: var(--cw-color-text); cursor: pointer; }
.reveal[aria-pressed="true"] { color: var(--cw-color-primary); }
.reveal svg { width: 1.25rem; height: 1.25rem; }
.err { color: var(--cw-color-error); font-size: 0.875rem; }
.err:empty { display: none; }
.primary, .secondary { width: 100%; padding: 0.7rem 1rem; border-radius: 0.25rem; font: inherit; font-weight: 600; cursor: pointer; }
.primary { border: 1px solid var(--cw-color-primary); background: var(--cw-color-primary); color: var(--cw-color-on-primary); }
.primary:hover { background: var(--cw-color-primary-hover); }
.primary:disabled { opacity: 0.6; cursor: not-allowed; }
.secondary { border: 1px solid var(--cw-color-primary); background: transparent; color: var(--cw-color-primary); }
[aria-disabled="true"] { opacity: 0.75; cursor: progress; }
.link { justify-self: center; padding: 0.25rem; border: 0; background: none; color: var(--cw-color-primary); font: inherit; text-decoration: underline; cursor: pointer; }
.alert, .status { padding: 0.75rem 1rem; border-radius: 0.25rem; }
.alert { background: var(--cw-color-error-background); color: var(--cw-color-text); border-inline-start: 4px solid var(--cw-color-error); }
.status { background: var(--cw-color-info-background); }
.alert:empty, .status:empty { display: none; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.divider { display: flex; align-items: center; gap: 0.75rem; color: var(--cw-color-muted); }
.divider::before, .divider::after { content: ""; flex: 1; border-block-start: 1px solid var(--cw-color-border); }
.social { display: grid; gap: 0.5rem; }
fieldset { display: grid; gap: 0.5rem; margin: 0; padding: 0; border: 0; }
legend { margin-block-end: 0.5rem; padding: 0; }
.radio { display: flex; align-items: center; gap: 0.5rem; }
.radio input { width: 1.1rem; height: 1.1rem; margin: 0; accent-color: var(--cw-color-primary); }
.qr { justify-self: center; width: 12rem; height: 12rem; border: 1px solid var(--cw-color-border); }
.qr svg { display: block; width: 100%; height: 100%; }
.secret { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; user-select: all; }
.muted { color: var(--cw-color-muted); }
`;

let sheet;
/** Puts the styles into a shadow root: adopted stylesheet where supported, else a <style> element. */
export function adoptStyles(root) {
  if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    // Old browsers only; under a strict style-src this needs the stylesheet's hash.
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
  }
}
