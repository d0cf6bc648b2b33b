import type { Logger } from './logger.js';

/** What secrets are replaced with. */
export const REDACTED = '[redacted]';

/**
 * Values shorter than this are not redacted: they cannot be told apart from ordinary text
 * (redacting `"a"` would mangle every id in a log line). Real secrets are longer.
 */
const MIN_SECRET_LENGTH = 4;
/** Kept per kit; beyond this the oldest are forgotten (rotated-out values). */
const MAX_SECRETS = 10_000;

/** Scrubs every secret the kit resolved out of text that leaves it (stored errors, events, logs). Internal. */
export interface Redactor {
  /** Remembers a resolved secret value (and its common encodings). */
  add(secret: string): void;
  /** `text` with every known secret replaced by `[redacted]`. */
  redact(text: string): string;
  /** A deep copy of `value` with every string redacted (for log fields). */
  redactValue(value: unknown): unknown;
}

/** Creates an empty redactor. */
export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  // Longest first, so a secret containing another is replaced whole.
  let ordered: string[] = [];
  const remember = (value: string) => {
    if (value.length < MIN_SECRET_LENGTH || secrets.has(value)) return;
    if (secrets.size >= MAX_SECRETS) secrets.delete(secrets.values().next().value!);
    secrets.add(value);
    ordered = [...secrets].sort((a, b) => b.length - a.length);
  };
  const redact = (text: string) => {
    let out = text;
    for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
  const redactValue = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') return redact(value);
    if (depth > 20 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, depth + 1)]));
  };
  return {
    add(secret) {
      // Errors quote secrets as they went over the wire: raw, URL-encoded, JSON-escaped or base64.
      for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), Buffer.from(secret).toString('base64')]) {
        remember(form);
      }
    },
    redact: (text) => (ordered.length === 0 ? text : redact(text)),
    redactValue: (value) => (ordered.length === 0 ? value : redactValue(value)),
  };
}

/** Wraps a logger so messages and fields pass through the redactor first. */
export function redactingLogger(logger: Logger, redactor: Redactor): Logger {
  const wrap = (level: keyof Logger) => (message: string, fields?: Record<string, unknown>) =>
    logger[level](redactor.redact(message), fields && (redactor.redactValue(fields) as Record<string, unknown>));
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
