import { contactEmailField, type Form, type InboundMessage } from '@inboxkit/core';
import type { SubmissionEnvelope } from '../validation/submission-schema.js';
import { renderMetadata, renderText } from './render.js';
import { isFileList } from './uploaded-file.js';

const BUILT_IN = new Set(['email', 'name', 'phone']);

/** The string a field gave, if any. */
function stringOf(values: Record<string, unknown>, name: string | undefined): string | undefined {
  const value = name === undefined ? undefined : values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The externalId of a submission: unique per form, so ingest deduplicates retries. */
export function submissionExternalId(formId: string, submissionId: string): string {
  return `form:${formId}:${submissionId}`;
}

/**
 * A validated submission as an inbound message: the contact by email (name and phone from the
 * mapped fields, or a `name` text field and the first phone field; mapped properties), the
 * submission as text and metadata, page context, files as attachments, origin = the form.
 */
export function toInbound(form: Form, submissionId: string, values: Record<string, unknown>, envelope: SubmissionEnvelope): InboundMessage {
  const mapped = (property: string) => form.fields.find((f) => f.contactProperty === property);
  const nameField = mapped('name') ?? form.fields.find((f) => f.name === 'name' && f.type === 'text' && !f.contactProperty);
  const phoneField = mapped('phone') ?? form.fields.find((f) => f.type === 'phone' && !f.contactProperty);
  const properties: Record<string, unknown> = {};
  for (const field of form.fields) {
    const value = values[field.name];
    if (field.contactProperty && !BUILT_IN.has(field.contactProperty) && value !== undefined) properties[field.contactProperty] = value;
  }
  const attachments = form.fields.flatMap((field) => {
    const value = values[field.name];
    return isFileList(value) ? value.map((f) => ({ filename: f.filename, contentType: f.contentType, content: f.bytes })) : [];
  });
  return {
    workspaceId: form.workspaceId,
    channelId: form.channelId,
    externalId: submissionExternalId(form.id, submissionId),
    from: {
      email: stringOf(values, contactEmailField(form.fields)?.name),
      name: stringOf(values, nameField?.name)?.slice(0, 200),
      phone: stringOf(values, phoneField?.name),
      visitorId: envelope.visitorId,
      properties,
    },
    subject: form.name,
    text: renderText(form, values, envelope),
    attachments,
    origin: { kind: 'form', id: form.id },
    metadata: renderMetadata(form, submissionId, values, envelope),
  };
}
