import type { z } from 'zod';
import { unsafeTextIssues } from '../domain/safe-text.js';
import { ValidationError, type FieldIssue } from './validation-error.js';

/** Formats zod issue paths the way users write them: `a.b[0].c`. */
export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path
      .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
      .join(''),
    message: issue.message,
  }));
}

/**
 * Parses `input` with `schema`, throwing a `VALIDATION` error that names each bad field.
 * Text holding NUL or a lone surrogate is refused here, at the one input boundary, so no
 * store ever receives it (see `domain/safe-text.ts`).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, context: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(context, zodIssues(result.error));
  const unsafe = unsafeTextIssues(result.data);
  if (unsafe.length > 0) throw new ValidationError(context, unsafe);
  return result.data;
}
