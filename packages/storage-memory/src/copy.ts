/** Past this depth a value is handed to `structuredClone`, which also copies cycles. */
const MAX_DEPTH = 32;

/** What nested empty arrays and objects of stored rows share (`copyToStore`). */
const EMPTY_ARRAY: readonly never[] = Object.freeze([]);
const EMPTY_OBJECT: Readonly<Record<string, never>> = Object.freeze({});

/**
 * A deep copy with `structuredClone` semantics, fast for what stores hold: plain objects,
 * arrays and primitives (JSON-shaped rows) are copied by hand, several times faster than
 * `structuredClone` for small rows; anything else (a `Date`, a `Map`, a typed array, a cycle
 * deeper than `MAX_DEPTH`) goes to `structuredClone`, as do values it refuses (functions,
 * symbols), so those still throw the same `DataCloneError`.
 */
export function copy<T>(value: T): T {
  return copyAt(value, 0, false);
}

/**
 * `copy` for a row going into a store: nested empty arrays and objects (no attachments, no
 * metadata, no visitor ids…) become one shared frozen empty each instead of objects of every
 * row's own. Stored rows are never mutated and leave the store through `copy`, which gives
 * callers fresh ones, so sharing is invisible; it saves the garbage collector objects per row.
 */
export function copyToStore<T>(value: T): T {
  return copyAt(value, 0, true);
}

function copyAt<T>(value: T, depth: number, share: boolean): T {
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'function' || typeof value === 'symbol' ? structuredClone(value) : value;
  }
  if (depth > MAX_DEPTH) return structuredClone(value);
  if (Array.isArray(value)) {
    if (share && depth > 0 && value.length === 0) return EMPTY_ARRAY as T;
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyAt(value[i], depth + 1, share);
    return out as T;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  // Spread clones the object's shape with it (fields in-object, one allocation, the same
  // hidden class as the original); only nested objects then need copies of their own.
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  let empty = true;
  for (const key in out) {
    empty = false;
    const field = out[key];
    if (typeof field === 'object' ? field !== null : typeof field === 'function' || typeof field === 'symbol') {
      out[key] = copyAt(field, depth + 1, share);
    }
  }
  return (share && depth > 0 && empty ? EMPTY_OBJECT : out) as T;
}
