// The page's word count (www/protocol.js) against the pattern it stands for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WORD_PATTERN, countWords } from '../../www/protocol.js';

const byPattern = (text) => (text.match(WORD_PATTERN) ?? []).length;

test('countWords counts what the word pattern matches', () => {
  const cases = [
    '',
    'one',
    "don't stop",
    'U.S. e-mail 3.5 a.-b a..b -a- ’tis rock’n’roll',
    'end. Next',
    'Ünïcödé wörds, 東京 and ١٢٣ digits; 😀 emoji 𝒳𝒴 math letters',
    'lone \ud800 surrogate \udc00 halves a\ud800b',
    "a'-b x-'y trailing- 'leading",
  ];
  for (const text of cases) assert.equal(countWords(text), byPattern(text), JSON.stringify(text));
});

test('countWords agrees on random text over letters, digits, joiners and separators', () => {
  const alphabet = ['a', 'Z', '7', 'é', 'ж', '東', '٣', '𝒳', '😀', "'", '’', '.', '-', ' ', ',', '\n', '\u0301', '_', '\ud800'];
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let n = 0; n < 3000; n++) {
    let text = '';
    const len = next() % 40;
    for (let i = 0; i < len; i++) text += alphabet[next() % alphabet.length];
    assert.equal(countWords(text), byPattern(text), JSON.stringify(text));
  }
});
