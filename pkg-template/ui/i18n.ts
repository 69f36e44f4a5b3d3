// Translations, as Amplify's I18n: the English phrase is the key; putVocabularies adds
// or overrides phrases; setLanguage switches. Built-in languages other than English load
// on demand (one small chunk each), so an English-only app carries none of them.

// Null prototypes: a language or phrase named "constructor" or "__proto__" is just a name.
const builtIn = {
  __proto__: null,
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  he: () => import('./locales/he.js'),
  it: () => import('./locales/it.js'),
  ja: () => import('./locales/ja.js'),
  ko: () => import('./locales/ko.js'),
  nl: () => import('./locales/nl.js'),
  pl: () => import('./locales/pl.js'),
  pt: () => import('./locales/pt.js'),
  zh: () => import('./locales/zh.js'),
};
const RTL = new Set(['he', 'ar', 'fa', 'ur']);

const loaded = Object.create(null); // language → built-in dictionary
const custom = Object.create(null); // language → the app's own phrases (win over built-in ones)
const own = (o, k) => (o && Object.hasOwn(o, k) ? o[k] : undefined);
const listeners = new Set<() => void>();
let language = null;
let pending = 0;

const base = (lang) => String(lang).toLowerCase().split(/[-_]/)[0];
const notify = () => listeners.forEach((fn) => fn());

function load(lang) {
  const b = base(lang);
  if (loaded[b] || !builtIn[b]) return;
  loaded[b] = {};
  pending++;
  builtIn[b]()
    .then((m) => (loaded[b] = m.default))
    .catch((e) => console.warn(`cognito-wasm: could not load the "${b}" translations`, e))
    .finally(() => {
      pending--;
      notify();
    });
}

function current() {
  if (language) return language;
  const nav = typeof navigator !== 'undefined' ? navigator.language : '';
  return nav && (builtIn[base(nav)] || custom[nav] || custom[base(nav)]) ? nav : 'en';
}

export const I18n = {
  /** Adds phrases for several languages: `{ fr: { 'Sign In': 'Se connecter' } }`. */
  putVocabularies(vocabularies) {
    for (const [lang, dict] of Object.entries(vocabularies ?? {})) this.putVocabulariesForLanguage(lang, dict);
  },
  putVocabulariesForLanguage(lang, dict) {
    custom[lang] = { ...custom[lang], ...dict };
    notify();
  },
  /** Switches the language of every authenticator on the page (`null`: follow the browser). */
  setLanguage(lang) {
    language = lang || null;
    load(current());
    notify();
  },
  getLanguage: () => current(),
  /** The phrase for `key` in the current language, with `{name}` placeholders filled from `vars`. */
  get(key: string, vars?: Record<string, unknown>) {
    const lang = current();
    const b = base(lang);
    load(lang);
    const text = own(custom[lang], key) ?? own(custom[b], key) ?? own(loaded[b], key) ?? key;
    // Own properties only: `{constructor}` is a placeholder, not Object's constructor.
    return vars ? text.replace(/\{(\w+)\}/g, (m, k) => (Object.hasOwn(vars, k) ? String(vars[k]) : m)) : text;
  },
  /** True for right-to-left languages (Hebrew, Arabic, …). */
  isRtl: () => RTL.has(base(current())),
  /** Calls `fn` whenever phrases or the language change; returns an unsubscribe function. */
  onChange(fn) {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
  /** Resolves once the current language's built-in phrases are in. */
  ready: () => new Promise<void>((ok) => (function wait() { load(current()); pending ? setTimeout(wait, 10) : ok(undefined); })()),
};

export const setLanguage = (lang) => I18n.setLanguage(lang);
export const putVocabularies = (v) => I18n.putVocabularies(v);
/** Languages with built-in phrases. */
export const languages = ['en', ...Object.keys(builtIn)];
