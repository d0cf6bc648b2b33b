import { z } from 'zod';

/** Limits of a JSON value taken from outside (metadata, properties, config). */
export interface JsonLimits {
  /** Max nesting of objects and arrays (the value itself is depth 0). */
  maxDepth: number;
  /** Max size of the value serialized as JSON, in UTF-8 bytes. */
  maxBytes: number;
  /** Max keys of one object or items of one array. */
  maxEntries: number;
}

/** Defaults for free-form bags (message metadata, contact properties, channel config). */
export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 10, maxBytes: 64 * 1024, maxEntries: 1000 };

/** The first problem found in a value, with the path to it. */
interface JsonProblem {
  path: Array<string | number>;
  message: string;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return typeof value;
}

/**
 * Why `value` is not plain JSON within `limits`, or `null`. Walks without recursion, so a
 * 5000-deep value reports its depth instead of overflowing the stack; a cycle is reported
 * instead of looping. Only plain objects (prototype `Object` or `null`) and arrays count:
 * functions, symbols, BigInt, `undefined`, non-finite numbers, dates, maps and class
 * instances are refused, so what is stored is exactly what reads back.
 */
export function jsonProblem(value: unknown, limits: JsonLimits): JsonProblem | null {
  let bytes = 0;
  const onPath = new Set<object>();
  type Frame = { value: unknown; path: Array<string | number>; exit?: object };
  const stack: Frame[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.exit) {
      onPath.delete(frame.exit);
      continue;
    }
    const { value: v, path } = frame;
    if (v === null || typeof v === 'boolean') bytes += 5;
    else if (typeof v === 'string') bytes += Buffer.byteLength(v, 'utf8') + 2;
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { path, message: `${describe(v)} is not a JSON number` };
      bytes += 24;
    } else if (typeof v === 'object') {
      if (path.length >= limits.maxDepth) return { path, message: `nested deeper than ${limits.maxDepth} levels` };
      if (onPath.has(v)) return { path, message: 'circular reference' };
      const proto = Object.getPrototypeOf(v) as unknown;
      const isArray = Array.isArray(v);
      if (!isArray && proto !== Object.prototype && proto !== null) return { path, message: 'only plain objects, arrays, strings, numbers, booleans and null are allowed' };
      const entries: Array<[string | number, unknown]> = isArray ? (v as unknown[]).map((item, i) => [i, item]) : Object.entries(v);
      if (entries.length > limits.maxEntries) return { path, message: `more than ${limits.maxEntries} entries` };
      onPath.add(v);
      stack.push({ value: null, path, exit: v });
      for (const [key, child] of entries.reverse()) {
        if (typeof key === 'string') bytes += Buffer.byteLength(key, 'utf8') + 3;
        stack.push({ value: child, path: [...path, key] });
      }
      bytes += 2;
    } else {
      return { path, message: `${describe(v)} is not a JSON value` };
    }
    if (bytes > limits.maxBytes) return { path, message: `larger than ${limits.maxBytes} bytes as JSON` };
  }
  return null;
}

/**
 * A JSON value within `limits`: the one schema for every free-form value taken from outside.
 * A bad value is a zod issue (so a `VALIDATION` error) whose path leads to the offending part.
 */
export function jsonValueSchema(limits: JsonLimits = DEFAULT_JSON_LIMITS) {
  return z.unknown().superRefine(checkJson(limits));
}

/** A JSON object (string keys) within `limits`. */
export function jsonObjectSchema(limits: JsonLimits = DEFAULT_JSON_LIMITS) {
  return z.record(z.string(), z.unknown()).superRefine(checkJson(limits));
}

function checkJson(limits: JsonLimits) {
  return (value: unknown, ctx: z.RefinementCtx) => {
    const problem = jsonProblem(value, limits);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  };
}
