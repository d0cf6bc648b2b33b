import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { MAX_SEARCH_TERMS, parseSearchQuery } from './search.js';

describe('parseSearchQuery', () => {
  it('makes the last word a prefix unless the text ends with a space', () => {
    expect(parseSearchQuery('refund Mül')).toEqual({ terms: ['refund'], prefix: 'mul' });
    expect(parseSearchQuery('refund Müller ')).toEqual({ terms: ['refund', 'muller'], prefix: null });
  });

  it('treats a one-letter last word as a whole word, and drops repeats', () => {
    expect(parseSearchQuery('order a')).toEqual({ terms: ['order', 'a'], prefix: null });
    expect(parseSearchQuery('box box box')).toEqual({ terms: [], prefix: 'box' });
    expect(parseSearchQuery('box ship BOX ')).toEqual({ terms: ['box', 'ship'], prefix: null });
  });

  it('refuses text without words and too many words, naming query', () => {
    for (const text of ['?!', Array.from({ length: MAX_SEARCH_TERMS + 1 }, (_, i) => `w${i}`).join(' ')]) {
      try {
        parseSearchQuery(text);
        expect.unreachable(text);
      } catch (error) {
        expect(ValidationError.isInstance(error)).toBe(true);
        expect((error as ValidationError).issues[0]!.path).toBe('query');
      }
    }
  });
});
