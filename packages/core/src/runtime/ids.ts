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

function randomChars(count: number): string {
  const bytes = new Uint8Array(count);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 32];
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
