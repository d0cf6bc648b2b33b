import type { z } from 'zod';
import { unsafeTextIssues } from '../domain/safe-text.js';
import { ValidationError, type FieldIssue } from './validation-error.js';

type Segment = PropertyKey;

function formatPath(path: readonly Segment[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('');
}

/** Formats zod issue paths the way users write them: `a.b[0].c`; each unknown key is its own issue, named. */
export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown field' }))
      : [{ path: formatPath(issue.path), message: issue.message }],
  );
}

/**
 * Parses `input` with `schema`, throwing a `VALIDATION` error that names each bad field.
 * Text holding NUL or a lone surrogate is refused here, at the one input boundary, so no
 * store ever receives it (see `domain/safe-text.ts`).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, context: string): z.output<S> {
  let result: z.ZodSafeParseResult<z.output<S>>;
  try {
    result = schema.safeParse(input);
  } catch {
    // Hostile input (a getter or proxy that throws, a revoked proxy) is bad input, not a crash.
    throw new ValidationError(context, [{ path: '', message: 'input could not be read as plain data' }]);
  }
  if (!result.success) throw new ValidationError(context, zodIssues(result.error));
  const unsafe = unsafeTextIssues(result.data);
  if (unsafe.length > 0) throw new ValidationError(context, unsafe);
  return result.data;
}
