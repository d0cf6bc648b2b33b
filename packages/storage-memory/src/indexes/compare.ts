/** Orders strings by UTF-16 code units (the order ids are listed in, whatever the locale). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rows keyed by `id` alone. */
export interface IdKey {
  id: string;
}

/** Ascending by id. */
export function byId(a: IdKey, b: IdKey): number {
  return compareStrings(a.id, b.id);
}
