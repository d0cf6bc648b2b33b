import type { z } from 'zod';
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

/** Parses `input` with `schema`, throwing a `VALIDATION` error that names each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, context: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(context, zodIssues(result.error));
  return result.data;
}
