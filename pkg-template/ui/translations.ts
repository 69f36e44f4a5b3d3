// Every built-in dictionary at once, as @aws-amplify/ui's `translations` (for I18n.putVocabularies).
// Importing this bundles all languages; the authenticator itself loads them on demand.
import de from './locales/de.js';
import es from './locales/es.js';
import fr from './locales/fr.js';
import he from './locales/he.js';
import it from './locales/it.js';
import ja from './locales/ja.js';
import ko from './locales/ko.js';
import nl from './locales/nl.js';
import pl from './locales/pl.js';
import pt from './locales/pt.js';
import zh from './locales/zh.js';

export const translations = { de, es, fr, he, it, ja, ko, nl, pl, pt, zh };
