import { searchTokens, type SearchMatch } from '@inboxkit/core';

// PostgreSQL's tsvector limits: positions run from 1 to 16383, and a lexeme keeps at most 256.
const MAX_POSITION = 16_383;
// Positions only feed ts_rank's occurrence counts and proximity: a few per lexeme say enough.
const POSITIONS_PER_LEXEME = 8;

/** A lexeme as a tsvector / tsquery literal quotes it. */
function quote(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The tsvector literal of `text`, tokenized by core's `searchTokens` (the tokens every store
 * indexes). Built as a literal, never through `to_tsvector`, so the database's parser and
 * locale cannot split or case words differently from the memory store. `''` when no tokens.
 */
export function vectorOf(text: string): string {
  const positions = new Map<string, number[]>();
  searchTokens(text).forEach((token, i) => {
    const at = positions.get(token) ?? [];
    if (at.length < POSITIONS_PER_LEXEME && (i < MAX_POSITION || at.length === 0)) at.push(Math.min(i + 1, MAX_POSITION));
    positions.set(token, at);
  });
  return [...positions].map(([token, at]) => `${quote(token)}:${at.join(',')}`).join(' ');
}

/** The tsquery literal of a match: every term, and the prefix as `'…':*`. */
export function queryOf(match: SearchMatch): string {
  const parts = match.terms.map(quote);
  if (match.prefix !== null) parts.push(`${quote(match.prefix)}:*`);
  return parts.join(' & ');
}
