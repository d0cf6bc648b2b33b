import { describe, expect, it } from 'vitest';
import { Postings } from './postings.js';

describe('Postings', () => {
  it('counts occurrences per document; removing what was added leaves no trace', () => {
    const postings = new Postings();
    postings.change('d1', ['box', 'boxer', 'box'], 1);
    postings.change('d2', ['box', 'bo'], 1);
    expect([...postings.documents('box')]).toEqual([['d1', 2], ['d2', 1]]);
    expect([...postings.tokensWithPrefix('box')]).toEqual(['box', 'boxer']);
    expect([...postings.tokensWithPrefix('bo')]).toEqual(['bo', 'box', 'boxer']);
    postings.change('d1', ['box', 'boxer', 'box'], -1);
    expect([...postings.documents('box')]).toEqual([['d2', 1]]);
    expect([...postings.tokensWithPrefix('box')]).toEqual(['box']);
    postings.change('d2', ['box', 'bo'], -1);
    expect([...postings.tokensWithPrefix('')]).toEqual([]);
    expect(postings.documents('box').size).toBe(0);
  });

  it('keeps counts exact as a token moves between one document and several', () => {
    const postings = new Postings();
    postings.change('d1', ['solo'], 1);
    expect([...postings.documents('solo')]).toEqual([['d1', 1]]);
    postings.change('d1', ['solo'], 1);
    expect([...postings.documents('solo')]).toEqual([['d1', 2]]);
    postings.change('d2', ['solo'], 1);
    postings.change('d1', ['solo', 'solo'], -1);
    expect([...postings.documents('solo')]).toEqual([['d2', 1]]);
    postings.change('d3', ['solo'], 1);
    expect(new Map(postings.documents('solo'))).toEqual(new Map([['d2', 1], ['d3', 1]]));
    postings.change('d2', ['solo'], -1);
    postings.change('d3', ['solo'], -1);
    expect(postings.documents('solo').size).toBe(0);
    expect([...postings.tokensWithPrefix('so')]).toEqual([]);
    // Removing what is not there changes nothing.
    postings.change('d9', ['ghost'], -1);
    expect([...postings.tokensWithPrefix('')]).toEqual([]);
  });
});
