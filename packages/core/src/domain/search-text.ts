// Full-text tokens shared by every store, so memory, Postgres and third-party stores match the
// same words. Stores index `searchTokens(text)` of each field and look up `queryTokens(query)`.

/** Longest token kept, in characters; longer runs (hashes, base64) are cut so every store agrees. */
export const MAX_TOKEN_LENGTH = 64;

// Letters that carry no combining mark after NFKD, with their usual ASCII spelling.
const LETTERS: Readonly<Record<string, string>> = {
  æ: 'ae', ø: 'o', œ: 'oe', ß: 'ss', ð: 'd', þ: 'th', ł: 'l', đ: 'd', ı: 'i', ħ: 'h', ŧ: 't',
};
const LETTER = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');
const MARKS = /\p{M}+/gu;
const ASCII_WORD = /^[a-z0-9]+$/;
// eslint-disable-next-line no-control-regex
const ASCII_TEXT = /^[\u0000-\u007f]*$/;
const ASCII_WORDS = /[a-z0-9]+/g;
// A run of letters, digits and the combining marks NFKD split off them.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/**
 * The words of `text`, lower-cased and decomposed (NFKD: accents become combining marks,
 * ligatures and full-width forms become plain letters). Anything but letters and digits
 * separates words, so `anna.muller@example.com` is `anna`, `muller`, `example`, `com`.
 */
function words(text: string): string[] {
  // ASCII text is its own NFKD form, and its letters and digits are `[a-z0-9]` once lower-cased:
  // the same words without the Unicode work (most of what stores index is ASCII).
  if (ASCII_TEXT.test(text)) return text.toLowerCase().match(ASCII_WORDS) ?? [];
  return text.toLowerCase().normalize('NFKD').match(WORD) ?? [];
}

/** A decomposed word with its accents dropped: `blåbær` → `blabaer`, `Müller` → `muller`. */
function fold(word: string): string {
  return word.replace(LETTER, (c) => LETTERS[c]!).replace(MARKS, '').slice(0, MAX_TOKEN_LENGTH);
}

/**
 * The spelling German and Scandinavian writers use without the letter: `müller` → `mueller`,
 * `åse` → `aase`, `søren` → `soeren`. Same as `fold` for words without ä ö ü å ø.
 */
function transliterate(word: string): string {
  return fold(word.replace(/([aou])\u0308/g, '$1e').replace(/a\u030a/g, 'aa').replace(/ø/g, 'oe'));
}

/**
 * The tokens a store indexes for `text`, in text order: each word accent-folded and
 * lower-cased, followed by its transliterated spelling when that differs (`Müller` indexes
 * `muller` and `mueller`), so a search for any of `Müller`, `MÜLLER`, `muller` or `mueller`
 * finds it. Pure; for store authors.
 */
export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const word of words(text)) {
    // Most words are plain ASCII already: nothing to fold, no alternate spelling.
    if (ASCII_WORD.test(word)) {
      tokens.push(word.length > MAX_TOKEN_LENGTH ? word.slice(0, MAX_TOKEN_LENGTH) : word);
      continue;
    }
    const folded = fold(word);
    tokens.push(folded);
    const alternate = transliterate(word);
    if (alternate !== folded) tokens.push(alternate);
  }
  return tokens;
}

/** The tokens of a search query: each word folded as documents are (without the alternate spelling). */
export function queryTokens(query: string): string[] {
  return words(query).map(fold);
}
