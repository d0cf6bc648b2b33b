import { z } from 'zod';
import type { Form } from '@inboxkit/core';
import { HttpError } from '../http/http-error.js';
import { ownKeysOnly, type PostedSubmission } from '../http/parse-body.js';
import { fieldSchema, storable } from './field-schema.js';

const httpUrl = (max: number) =>
  storable(
    z
      .string()
      .max(max)
      .refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), 'expected an absolute http(s) URL'),
  );

/** The envelope around the values: all optional, nothing else allowed. */
const envelopeSchema = z.strictObject({
  submissionId: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{8,100}$/, 'a submission id has 8–100 letters, digits, _ . : -')
    .optional(),
  page: z
    .strictObject({
      url: httpUrl(2000),
      title: storable(z.string().max(500)).optional(),
      referrer: z.union([z.literal(''), httpUrl(2000)]).optional(),
    })
    .optional(),
  visitorId: storable(z.string().min(1).max(200)).optional(),
  token: z.string().max(500).optional(),
});
/** The validated envelope. */
export type SubmissionEnvelope = z.output<typeof envelopeSchema>;

/** A submission that passed validation: normalized values per field (`undefined` when not given). */
export interface ValidSubmission {
  values: Record<string, unknown>;
  envelope: SubmissionEnvelope;
}

/** The first problem per field, keyed by its path (`page.url`), or by the field alone for values (`products`, not `products.1`). */
function fieldErrors(error: z.ZodError, fieldOnly: boolean): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of keys) {
      const key = (fieldOnly ? path.slice(0, 1) : path).map(String).join('.') || 'values';
      fields[key] ??= issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
    }
  }
  return fields;
}

/** Reads the envelope alone (before spam checks need the token); `400` naming each bad key. */
export function parseEnvelope(posted: PostedSubmission): SubmissionEnvelope {
  const envelope = envelopeSchema.safeParse(posted.envelope);
  if (!envelope.success) throw new HttpError(400, 'VALIDATION', 'the submission is invalid', { fields: fieldErrors(envelope.error, false) });
  return envelope.data;
}

/**
 * Validates posted values against the form's fields with a zod schema built from the
 * definition; `400` with the first problem of every bad field. JSON submissions may not name
 * other fields; form encodings may (submit buttons, the honeypot), which are dropped.
 */
export function validateValues(form: Form, posted: PostedSubmission, ignore: string): Record<string, unknown> {
  const shape = Object.fromEntries(form.fields.map((field) => [field.name, fieldSchema(field)]));
  const known = ownKeysOnly(posted.values);
  delete known[ignore];
  const schema = posted.strict ? z.strictObject(shape) : z.object(shape);
  const result = schema.safeParse(known);
  if (!result.success) throw new HttpError(400, 'VALIDATION', 'the submission is invalid', { fields: fieldErrors(result.error, true) });
  return ownKeysOnly(result.data as Record<string, unknown>);
}
