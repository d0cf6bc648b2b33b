/** Generates ids. The default makes sortable, prefixed ids: `conv_01JD…`. */
export interface IdGenerator {
  /** A new unique id with the given prefix (`conv`, `msg`, …). */
  next(prefix: string): string;
}

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower-case

/** `value` as `length` base32 digits, most significant first (zero-padded). */
function encodeBase32(value: number, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = ALPHABET[rest % 32]! + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/**
 * Random bytes are drawn from the CSPRNG a pool at a time: one `getRandomValues` call per id
 * was a measurable share of ingest. 256 divides by 32, so `byte % 32` stays uniform.
 */
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

function randomDigit(): number {
  if (poolOffset === pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++]! % 32;
}

function randomChars(count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += ALPHABET[randomDigit()];
  return out;
}

/** The random part's last `TAIL` chars are kept as a number, so the monotonic increment is arithmetic. */
const TAIL = 6;
const TAIL_LIMIT = 32 ** TAIL;

/**
 * ULID-style ids: 10 chars of time + 16 random chars, monotonic within a process
 * (a later call never sorts before an earlier one, even within one millisecond: the random
 * part is incremented). The time part is encoded once per millisecond, and the increment
 * touches a number, not the string: ids are made several times per ingest.
 */
export function sortableIds(now: () => number = Date.now): IdGenerator {
  let lastTime = -1;
  let timePart = '';
  let head = '';
  let tail = 0;
  return {
    next(prefix) {
      const time = Math.max(now(), lastTime);
      if (time === lastTime) {
        if (++tail === TAIL_LIMIT) {
          tail = 0;
          head = increment(head);
        }
      } else {
        lastTime = time;
        timePart = encodeBase32(time, 10);
        head = randomChars(16 - TAIL);
        tail = 0;
        for (let i = 0; i < TAIL; i++) tail = tail * 32 + randomDigit();
      }
      return `${prefix}_${timePart}${head}${encodeBase32(tail, TAIL)}`;
    },
  };
}

function increment(value: string): string {
  const chars = value.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    const idx = ALPHABET.indexOf(chars[i]!);
    if (idx < 31) {
      chars[i] = ALPHABET[idx + 1]!;
      return chars.join('');
    }
    chars[i] = ALPHABET[0]!;
  }
  return randomChars(value.length); // overflow: astronomically unlikely
}

/** A short random token (for reply tokens and fallback addresses). */
export function randomToken(length: number): string {
  return randomChars(length);
}
