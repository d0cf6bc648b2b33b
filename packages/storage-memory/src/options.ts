import { ValidationError, type FieldIssue } from '@inboxkit/core';
import { z } from 'zod';

/**
 * Options of `memoryStorage()`. There are none yet; the parameter exists so options can be
 * added without a breaking change, and unknown keys are rejected so a typo fails loudly.
 */
export type MemoryStorageOptions = Record<string, never>;

const optionsSchema = z.strictObject({});

/** Validates options when the factory is called, naming each bad field. */
export function parseOptions(options: unknown): void {
  const result = optionsSchema.safeParse(options);
  if (result.success) return;
  const issues = result.error.issues.flatMap((issue): FieldIssue[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: key, message: 'unknown option' }))
      : [{ path: issue.path.join('.'), message: issue.message }],
  );
  throw new ValidationError('memoryStorage options', issues);
}
