import { compareStrings } from '../indexes/compare.js';
import { SortedIndex } from '../indexes/sorted-index.js';

/** How often each token occurs in each document. */
export type TokenCounts = ReadonlyMap<string, number>;

/**
 * An inverted index of one field: token → (document key → occurrences), plus the tokens in
 * order so a prefix finds its tokens with one range scan. `change` is the only write, and
 * `change(key, tokens, -1)` exactly undoes `change(key, tokens, 1)`: what lets the index
 * follow table rows through transaction rollbacks.
 */
export class Postings {
  private readonly byToken = new Map<string, Map<string, number>>();
  private readonly ordered = new SortedIndex<string, string>(compareStrings);

  /** Adds (`sign` 1) or removes (`sign` -1) the occurrences of `tokens` in document `key`. */
  change(key: string, tokens: readonly string[], sign: 1 | -1): void {
    // One occurrence at a time: removing a document's last occurrence of a token drops the
    // posting, and the token itself when no document is left.
    for (const token of tokens) {
      let documents = this.byToken.get(token);
      if (!documents) {
        this.byToken.set(token, (documents = new Map()));
        this.ordered.add(token);
      }
      const next = (documents.get(key) ?? 0) + sign;
      if (next > 0) documents.set(key, next);
      else documents.delete(key);
      if (documents.size === 0) {
        this.byToken.delete(token);
        this.ordered.remove(token);
      }
    }
  }

  /** Documents holding `token`, with its occurrences; empty when none. */
  documents(token: string): TokenCounts {
    return this.byToken.get(token) ?? EMPTY;
  }

  /** Tokens starting with `prefix` (itself included), in order. */
  *tokensWithPrefix(prefix: string): Generator<string, void, undefined> {
    if (this.byToken.has(prefix)) yield prefix;
    for (const token of this.ordered.scan(prefix)) {
      if (!token.startsWith(prefix)) return;
      yield token;
    }
  }
}

const EMPTY: TokenCounts = new Map();
