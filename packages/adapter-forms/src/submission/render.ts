import type { Form, FormField } from '@inboxkit/core';
import type { SubmissionEnvelope } from '../validation/submission-schema.js';
import { isFileList } from './uploaded-file.js';

/** A field's answer for the timeline: option labels, Yes/No, file names. `null` when not given. */
function display(field: FormField, value: unknown): string | null {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return null;
  if (field.type === 'checkbox') return value ? 'Yes' : 'No';
  if (isFileList(value)) return value.map((f) => `${f.filename} (${f.bytes.byteLength} bytes)`).join(', ');
  const label = (v: unknown) => field.options?.find((o) => o.value === v)?.label ?? String(v);
  return Array.isArray(value) ? value.map(label).join(', ') : label(value);
}

/** The submission as readable text: one `Label: value` line per answered field, then the page. */
export function renderText(form: Form, values: Record<string, unknown>, envelope: SubmissionEnvelope): string {
  const lines: string[] = [];
  for (const field of form.fields) {
    const shown = display(field, values[field.name]);
    if (shown === null) continue;
    const label = field.label ?? field.name;
    lines.push(shown.includes('\n') ? `${label}:\n${shown}` : `${label}: ${shown}`);
  }
  if (envelope.page) lines.push('', `Sent from ${envelope.page.title ? `${envelope.page.title} — ` : ''}${envelope.page.url}`);
  return lines.join('\n');
}

/** Metadata is bounded (64 KB in core); the message text keeps every answer whole. */
const METADATA_VALUE_BUDGET = 20_000;

/** A value as kept in metadata: cut to `max` characters of JSON (strings, or list items), marked `truncated`. */
function bounded(value: unknown, max: number): { value: unknown; truncated?: true } {
  if (typeof value === 'string') return value.length > max ? { value: value.slice(0, max), truncated: true } : { value };
  if (!Array.isArray(value)) return { value };
  const kept: unknown[] = [];
  let used = 0;
  for (const item of value) {
    used += JSON.stringify(item).length;
    if (used > max) return { value: kept, truncated: true };
    kept.push(item);
  }
  return { value: kept };
}

/**
 * Structured metadata of the message: the form, every field with its value (strings longer
 * than the field's share of the metadata budget are cut and marked `truncated`), and the page context.
 */
export function renderMetadata(form: Form, submissionId: string, values: Record<string, unknown>, envelope: SubmissionEnvelope): Record<string, unknown> {
  const share = Math.floor(METADATA_VALUE_BUDGET / form.fields.length);
  return {
    form: { id: form.id, name: form.name, submissionId },
    fields: form.fields.map((field) => {
      const value = values[field.name];
      const stored = isFileList(value) ? value.map((f) => ({ filename: f.filename, contentType: f.contentType, size: f.bytes.byteLength })) : value ?? null;
      return { name: field.name, label: field.label ?? field.name, type: field.type, ...bounded(stored, share) };
    }),
    page: envelope.page ? { url: envelope.page.url, title: envelope.page.title ?? null, referrer: envelope.page.referrer || null } : null,
    visitorId: envelope.visitorId ?? null,
  };
}
