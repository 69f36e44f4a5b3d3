// Node-only checks of the Authenticator's parts (no browser): every phrase the element
// uses is translated in every built-in language with the same {placeholders}, and the QR
// encoder's output reads back (jsQR) for short and long otpauth URIs and other texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { root } from '../support/ui.mjs';
import { qrMatrix } from '../../pkg/ui/qr.js';

// The screens' phrases are read from the source; the locales are loaded as built.
const ui = join(root, 'pkg', 'ui');
const source = readFileSync(join(root, 'pkg-template', 'ui', 'authenticator.ts'), 'utf8');

// The phrases: t('…') calls and the label/placeholder/heading/submit strings of the screens.
function phrases() {
  const keys = new Set();
  const add = (re) => { for (const m of source.matchAll(re)) for (const k of m.slice(1)) if (k) keys.add(k); };
  add(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g);
  add(/(?:label|placeholder|heading): '([^']*)'/g);
  add(/submit: \['([^']*)', '([^']*)'\]/g);
  add(/(?:SMS|TOTP|EMAIL): '([^']*)'/g);
  add(/\? '(We [^']*)'/g);
  add(/: '(We Sent A Code)'/g);
  add(/t\(show \? '([^']*)' : '([^']*)'/g);
  add(/tab\('\w+', '([^']*)'\)/g);
  add(/status: '([^']*)'/g);
  add(/(?:'|\[)(Password must [^']*)'/g);
  add(/return \[\['([^']*)'\]\]/g);
  add(/(?:PASSWORD|EMAIL_OTP|SMS_OTP|WEB_AUTHN): '([^']*)'/g); // the first factors' buttons
  add(/heading: [^,\n]*\? '([^']*)' : '([^']*)'/g);
  add(/\['([^']*)', '([^']*)'\] : \['([^']*)', '([^']*)'\]/g);
  add(/divider: '([^']*)'/g);
  add(/'(Sign (?:In|Up) with \w+)'/g); // the providers' buttons
  // Cognito's messages the languages translate.
  for (const m of source.match(/SERVICE_MESSAGES = \[([^\]]*)\]/)[1].matchAll(/'((?:[^'\\]|\\.)*)'/g)) keys.add(m[1]);
  return [...keys];
}

test('every phrase is translated in every built-in language, placeholders kept', async () => {
  const keys = phrases();
  assert.ok(keys.length > 90, `found ${keys.length} phrases`);
  const files = readdirSync(join(ui, 'locales'));
  assert.ok(files.length >= 10, 'at least 10 languages besides English');
  for (const f of files) {
    const dict = (await import(join(ui, 'locales', f))).default;
    for (const k of keys) {
      assert.equal(typeof dict[k], 'string', `${f}: no translation for "${k}"`);
      const ph = (s) => (s.match(/\{\w+\}/g) ?? []).sort().join();
      assert.equal(ph(dict[k]), ph(k), `${f}: placeholders of "${k}"`);
    }
  }
});

test('QR codes read back with jsQR (versions 1 to 26, UTF-8)', () => {
  const texts = [
    'hi',
    'otpauth://totp/AWSCognito:alice?secret=ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUVWXYZ&issuer=AWSCognito',
    'x'.repeat(300),
    'y'.repeat(1000),
    'é😀'.repeat(20),
  ];
  for (const text of texts) {
    const m = qrMatrix(text);
    const scale = 4;
    const n = (m.length + 8) * scale;
    const px = new Uint8ClampedArray(n * n * 4).fill(255);
    m.forEach((row, y) => row.forEach((dark, x) => {
      if (!dark) return;
      for (let a = 0; a < scale; a++) for (let b = 0; b < scale; b++) {
        const i = (((y + 4) * scale + a) * n + (x + 4) * scale + b) * 4;
        px[i] = px[i + 1] = px[i + 2] = 0;
      }
    }));
    assert.equal(jsQR(px, n, n)?.data, text, `${text.length} chars, ${m.length} modules`);
  }
});

test('I18n fills placeholders and finds phrases from own properties only', async () => {
  const { I18n } = await import('../../pkg/ui/i18n.js');
  I18n.setLanguage('en');
  I18n.putVocabulariesForLanguage('en', { 'Hello {name}': 'Hi {constructor} {toString} {name}' });
  assert.equal(I18n.get('Hello {name}', { name: 'Ann' }), 'Hi {constructor} {toString} Ann');
  assert.equal(I18n.get('Hello {name}', { name: 'Ann', constructor: 'C' }), 'Hi C {toString} Ann');
  assert.equal(I18n.get('constructor'), 'constructor', 'a phrase named like an Object method is just a phrase');
  assert.equal(I18n.get('{hasOwnProperty}', {}), '{hasOwnProperty}');
  I18n.putVocabulariesForLanguage('__proto__', { polluted: 'yes' });
  assert.equal({}.polluted, undefined, 'no prototype pollution through a language name');
  I18n.setLanguage('constructor');
  assert.equal(I18n.get('Sign In'), 'Sign In');
  I18n.setLanguage(null);
});
