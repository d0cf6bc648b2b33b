import { z } from 'zod';
import { jsonObjectSchema } from './json.js';

/** Epoch milliseconds. All stored times are numbers so every store sorts and aggregates them alike. */
export const timestampSchema = z.number().int().nonnegative();

/** A non-empty id string. */
export const idSchema = z.string().min(1).max(200);

/** A `Date` or epoch milliseconds, normalized to epoch milliseconds. */
export const instantSchema = z.union([z.date().transform((d) => d.getTime()), timestampSchema]);

/** A list of ids as given in input, repeats dropped (first occurrence kept). */
export const uniqueIdsSchema = z.array(idSchema).transform((ids) => [...new Set(ids)]);

/** Free-form properties bag: plain JSON, at most 32 KB, 5 levels and 200 keys per object. */
export const propertiesSchema = jsonObjectSchema({ maxDepth: 5, maxBytes: 32 * 1024, maxEntries: 200 });

/**
 * An absolute `http:` or `https:` URL, at most 2000 characters. Every URL shown to visitors or
 * agents (avatars, meeting links) uses it: `javascript:`, `data:` and other schemes never render.
 */
export const httpUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000);

/** Query options shared by every `list`. */
export const pageQuerySchema = z.strictObject({
  cursor: z.string().nullish(),
  limit: z.number().int().min(1).max(500).default(50),
});

/** One page of a keyset-paginated list. `nextCursor` is `null` on the last page. */
export interface Page<T> {
  /** The items of this page, in the list's order. */
  items: T[];
  /** Pass as `cursor` to get the next page; `null` when there is none. */
  nextCursor: string | null;
}

/** Normalizes an email address for lookups (trimmed, lower-cased). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
