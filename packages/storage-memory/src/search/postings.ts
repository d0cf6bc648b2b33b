import { compareStrings } from '../indexes/compare.js';
import { SortedIndex } from '../indexes/sorted-index.js';

/** How often each token occurs in each document. */
export type TokenCounts = ReadonlyMap<string, number>;

/**
 * A token's documents. Most tokens (a number, an email's local part) occur once in one
 * document: those keep just the document's key, and get a map of their own only when a
 * second occurrence comes. A map per token was most of what the index allocated.
 */
type Posting = string | Map<string, number>;

/**
 * An inverted index of one field: token → (document key → occurrences), plus the tokens in
 * order so a prefix finds its tokens with one range scan. `change` is the only write, and
 * `change(key, tokens, -1)` exactly undoes `change(key, tokens, 1)`: what lets the index
 * follow table rows through transaction rollbacks.
 */
export class Postings {
  private readonly byToken = new Map<string, Posting>();
  private readonly ordered = new SortedIndex<string, string>(compareStrings);

  /** Adds (`sign` 1) or removes (`sign` -1) the occurrences of `tokens` in document `key`. */
  change(key: string, tokens: readonly string[], sign: 1 | -1): void {
    // One occurrence at a time: removing a document's last occurrence of a token drops the
    // posting, and the token itself when no document is left.
    for (const token of tokens) {
      const posting = this.byToken.get(token);
      if (posting === undefined) {
        if (sign < 0) continue;
        this.byToken.set(token, key);
        this.ordered.add(token);
        continue;
      }
      const documents = typeof posting === 'string' ? new Map([[posting, 1]]) : posting;
      const next = (documents.get(key) ?? 0) + sign;
      if (next > 0) documents.set(key, next);
      else documents.delete(key);
      if (documents.size === 0) {
        this.byToken.delete(token);
        this.ordered.remove(token);
      } else {
        const compact = single(documents);
        if (compact !== undefined) this.byToken.set(token, compact);
        else if (documents !== posting) this.byToken.set(token, documents);
      }
    }
  }

  /** Documents holding `token`, with its occurrences; empty when none. */
  documents(token: string): TokenCounts {
    const posting = this.byToken.get(token);
    if (posting === undefined) return EMPTY;
    return typeof posting === 'string' ? new Map([[posting, 1]]) : posting;
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

/** The key of a posting's only document when it occurs there once (the compact form), else `undefined`. */
function single(documents: Map<string, number>): string | undefined {
  if (documents.size !== 1) return undefined;
  for (const [key, occurrences] of documents) return occurrences === 1 ? key : undefined;
  return undefined;
}

const EMPTY: TokenCounts = new Map();
