import type { FieldIssue } from '../errors/validation-error.js';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// NUL is the point of this pattern, not a typo.
// eslint-disable-next-line no-control-regex
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// NUL or any surrogate: most text has neither, and the exact checks run only for text that does.
// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

/**
 * Why `text` cannot be stored as is, or `null` when it can. PostgreSQL rejects NUL in text
 * and JSON, and a lone surrogate is not valid UTF-8; the memory store would keep both. So
 * InboxKit accepts neither anywhere, and every store behaves alike.
 */
export function unsafeTextReason(text: string): string | null {
  if (!SUSPECT.test(text)) return null;
  if (text.includes('\u0000')) return 'must not contain NUL characters (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain lone UTF-16 surrogates';
  return null;
}

/**
 * `text` with every NUL character and lone surrogate replaced by U+FFFD. For adapters that
 * must accept whatever arrives (a raw email body) rather than reject it.
 */
export function toSafeText(text: string): string {
  return text.replace(UNSAFE, '\uFFFD');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * `value` with `toSafeText` applied to every string in it (object keys included), for read-only
 * inputs that must never throw on odd text (a visitor's browser data matched against rules).
 */
export function toSafeValue<T>(value: T): T {
  if (typeof value === 'string') return toSafeText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => toSafeValue(item)) as T;
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [toSafeText(key), toSafeValue(item)])) as T;
}

/**
 * Every string in `value` (object keys included) that `unsafeTextReason` refuses, each named
 * by its path (`from.name`, `metadata.tags[2]`). Bytes, dates and other class instances are
 * not text and are skipped. Walks without recursion and visits each object once, so a deep
 * or cyclic value cannot overflow the stack or loop.
 */
export function unsafeTextIssues(value: unknown, path = ''): FieldIssue[] {
  if (!mayHoldUnsafeText(value, { budget: MAX_QUICK_VISITS })) return [];
  const issues: FieldIssue[] = [];
  const seen = new Set<object>();
  const stack: Array<{ value: unknown; path: string }> = [{ value, path }];
  while (stack.length > 0) {
    const { value: current, path: at } = stack.pop()!;
    if (typeof current === 'string') {
      const reason = unsafeTextReason(current);
      if (reason) issues.push({ path: at, message: reason });
      continue;
    }
    if (!Array.isArray(current) && !isPlainObject(current)) continue;
    if (seen.has(current)) continue;
    seen.add(current);
    const children: Array<{ value: unknown; path: string }> = [];
    if (Array.isArray(current)) {
      current.forEach((item: unknown, i) => children.push({ value: item, path: `${at}[${i}]` }));
    } else {
      for (const [key, item] of Object.entries(current)) {
        const child = at ? `${at}.${key}` : key;
        const reason = unsafeTextReason(key);
        if (reason) issues.push({ path: child, message: `key ${reason}` });
        children.push({ value: item, path: child });
      }
    }
    // Reversed onto the stack so values are visited in document order.
    stack.push(...children.reverse());
  }
  return issues;
}

/** Objects the allocation-free pass visits, and how deep it goes, before leaving the decision to the full walk. */
const MAX_QUICK_VISITS = 10_000;
const MAX_QUICK_DEPTH = 64;

/**
 * `false` when `value` certainly holds no text `unsafeTextReason` refuses: the pass nearly
 * every value needs alone, with no paths built. `true` when it found some, or when the value
 * is too large or deep for it (shared or cyclic objects are re-visited, so visits and depth are capped).
 */
function mayHoldUnsafeText(value: unknown, visits: { budget: number }, depth = 0): boolean {
  if (typeof value === 'string') return unsafeTextReason(value) !== null;
  if (typeof value !== 'object' || value === null) return false;
  if (--visits.budget < 0 || depth > MAX_QUICK_DEPTH) return true;
  if (Array.isArray(value)) return value.some((item: unknown) => mayHoldUnsafeText(item, visits, depth + 1));
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) {
    if (unsafeTextReason(key) !== null || mayHoldUnsafeText(value[key], visits, depth + 1)) return true;
  }
  return false;
}
