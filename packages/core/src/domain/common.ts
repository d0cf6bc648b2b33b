import { z } from 'zod';

/** Epoch milliseconds. All stored times are numbers so every store sorts and aggregates them alike. */
export const timestampSchema = z.number().int().nonnegative();

/** A non-empty id string. */
export const idSchema = z.string().min(1).max(200);

/** A `Date` or epoch milliseconds, normalized to epoch milliseconds. */
export const instantSchema = z.union([z.date().transform((d) => d.getTime()), timestampSchema]);

/** A list of ids as given in input, repeats dropped (first occurrence kept). */
export const uniqueIdsSchema = z.array(idSchema).transform((ids) => [...new Set(ids)]);

/** Free-form JSON-ish properties bag. */
export const propertiesSchema = z.record(z.string(), z.unknown());

/** Query options shared by every `list`. */
export const pageQuerySchema = z.object({
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
