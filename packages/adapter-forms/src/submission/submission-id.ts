import { createHash } from 'node:crypto';
import type { Form } from '@inboxkit/core';
import { isFileList } from './uploaded-file.js';

/**
 * The id of a submission sent without one: a hash of the form, the values (files by content)
 * and the visitor, within a time bucket of `windowMs`. A retry of the same submission in the
 * same bucket gets the same id, so it is deduplicated; the same answers sent again later are a
 * new submission. (A retry that straddles a bucket boundary counts twice; clients that send a
 * `submissionId` never do.)
 */
export function derivedSubmissionId(form: Form, values: Record<string, unknown>, visitorId: string | undefined, now: number, windowMs: number): string {
  const canonical = form.fields.map((field) => {
    const value = values[field.name];
    if (!isFileList(value)) return [field.name, value ?? null];
    return [field.name, value.map((f) => [f.filename, f.contentType, createHash('sha256').update(f.bytes).digest('hex')])];
  });
  const digest = createHash('sha256')
    .update(JSON.stringify([form.id, canonical, visitorId ?? null, Math.floor(now / windowMs)]))
    .digest('base64url');
  return `h_${digest.slice(0, 32)}`;
}
