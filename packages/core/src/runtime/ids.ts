/** Generates ids. The default makes sortable, prefixed ids: `conv_01JD…`. */
export interface IdGenerator {
  /** A new unique id with the given prefix (`conv`, `msg`, …). */
  next(prefix: string): string;
}

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower-case

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
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

function randomChars(count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    if (poolOffset === pool.length) {
      globalThis.crypto.getRandomValues(pool);
      poolOffset = 0;
    }
    out += ALPHABET[pool[poolOffset++]! % 32];
  }
  return out;
}

/**
 * ULID-style ids: 10 chars of time + 16 random chars, monotonic within a process
 * (a later call never sorts before an earlier one, even within one millisecond).
 */
export function sortableIds(now: () => number = Date.now): IdGenerator {
  let lastTime = -1;
  let lastRandom = '';
  return {
    next(prefix) {
      const time = Math.max(now(), lastTime);
      if (time === lastTime) {
        lastRandom = increment(lastRandom);
      } else {
        lastTime = time;
        lastRandom = randomChars(16);
      }
      return `${prefix}_${encodeTime(time)}${lastRandom}`;
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
