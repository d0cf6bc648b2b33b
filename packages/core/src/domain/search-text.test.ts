import { describe, expect, it } from 'vitest';
import { MAX_TOKEN_LENGTH, queryTokens, searchTokens } from './search-text.js';

describe('searchTokens', () => {
  it('tokenizes ASCII text (its fast path) exactly as the Unicode path does', () => {
    // A trailing no-break space is not ASCII and no word: it sends the same text down the Unicode path.
    const samples = ['Order #1234 from anna.muller@example.com', 'RE: FW: Re:  inv-2024/07_final.PDF', 'x'.repeat(80) + ' ok', '', '!!!', 'K9 kelvin'];
    let seed = 7;
    for (let n = 0; n < 200; n++) {
      let text = '';
      for (let i = 0; i < 40; i++) text += String.fromCharCode(((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 95) + 32);
      samples.push(text);
    }
    for (const text of samples) expect(searchTokens(text), text).toEqual(searchTokens(`${text}\u00a0`));
  });

  it('folds Norwegian æ ø å, with the double-letter spelling as an alternate', () => {
    expect(searchTokens('Blåbærsyltetøy')).toEqual(['blabaersyltetoy', 'blaabaersyltetoey']);
    expect(searchTokens('BLÅBÆR')).toEqual(searchTokens('blåbær'));
    expect(searchTokens('Søren Ås')).toEqual(['soren', 'soeren', 'as', 'aas']);
  });

  it('folds German umlauts both ways and ß to ss', () => {
    expect(searchTokens('Müller')).toEqual(['muller', 'mueller']);
    expect(searchTokens('GRÖẞE Straße')).toEqual(['grosse', 'groesse', 'strasse']);
    expect(searchTokens('Ärger über Öl')).toEqual(['arger', 'aerger', 'uber', 'ueber', 'ol', 'oel']);
  });

  it('folds French, Spanish and other Latin accents and ligatures', () => {
    expect(searchTokens('Crème brûlée à la française, œuvre')).toEqual(['creme', 'brulee', 'a', 'la', 'francaise', 'oeuvre']);
    expect(searchTokens('Niño Łódź ﬁle')).toEqual(['nino', 'lodz', 'file']);
  });

  it('splits on everything but letters and digits: emails, punctuation, hyphens', () => {
    expect(searchTokens('anna.muller@example.com, order #A-123!')).toEqual(['anna', 'muller', 'example', 'com', 'order', 'a', '123']);
    expect(searchTokens('  ...  ')).toEqual([]);
  });

  it('keeps other scripts as words, lower-cased', () => {
    expect(searchTokens('Привет мир 東京')).toEqual(['привет', 'мир', '東京']);
  });

  it('cuts tokens at MAX_TOKEN_LENGTH', () => {
    expect(searchTokens('x'.repeat(200))).toEqual(['x'.repeat(MAX_TOKEN_LENGTH)]);
  });
});

describe('queryTokens', () => {
  it('folds like documents but without alternates, so every spelling finds the document', () => {
    const document = new Set(searchTokens('Herr Müller aus Tromsø'));
    for (const query of ['müller', 'MÜLLER', 'muller', 'mueller', 'tromso', 'TROMSØ', 'tromsoe']) {
      expect(queryTokens(query).every((token) => document.has(token)), query).toBe(true);
    }
    expect(queryTokens('Blåbær')).toEqual(['blabaer']);
  });
});
