import { z } from 'zod';
import { idSchema, timestampSchema } from '../domain/common.js';

/** The kinds of form field. `file` fields are only sent as multipart. */
export const FORM_FIELD_TYPES = ['text', 'email', 'phone', 'textarea', 'select', 'multi-select', 'checkbox', 'number', 'hidden', 'file'] as const;
/** A form field's type. */
export const formFieldTypeSchema = z.enum(FORM_FIELD_TYPES);
/** A form field's type. */
export type FormFieldType = z.infer<typeof formFieldTypeSchema>;

/** Default `maxLength` per text-like type (characters), used when a field sets none. */
export const DEFAULT_MAX_LENGTH: Partial<Record<FormFieldType, number>> = {
  text: 1000,
  email: 320,
  phone: 50,
  textarea: 20_000,
  hidden: 1000,
  number: 50,
};
/** Default `maxBytes` of a `file` field. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

// Letters first, so they can never collide with the `_`-prefixed control fields forms post
// (`_token`, `_submissionId`, the honeypot…), and safe as keys, HTML names and metadata.
const fieldNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'a field name starts with a letter and has only letters, digits and _ (at most 64)');

/** Where a field's value goes on the contact: `email`, `name`, `phone`, or a key of `properties`. */
const contactPropertySchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/, 'a contact property starts with a letter and has only letters, digits, _ . - (at most 100)');

/** A choice of a select; a bare string is its own value and label. */
const optionSchema = z.union([
  z.string().trim().min(1).max(200).transform((value) => ({ value, label: value })),
  z.object({ value: z.string().trim().min(1).max(200), label: z.string().trim().min(1).max(200).optional() }),
]);

/** One field of a form, as given. */
export const formFieldInput = z.object({
  name: fieldNameSchema,
  label: z.string().trim().min(1).max(200).optional(),
  type: formFieldTypeSchema,
  required: z.boolean().default(false),
  /** Characters; text-like types only (defaults in `DEFAULT_MAX_LENGTH`). */
  maxLength: z.number().int().min(1).max(100_000).optional(),
  /** The choices of `select` and `multi-select` (required there, refused elsewhere). */
  options: z.array(optionSchema).min(1).max(500).optional(),
  contactProperty: contactPropertySchema.optional(),
  /** Largest accepted file (bytes); `file` fields only. Default 5 MB, at most 25 MB. */
  maxBytes: z.number().int().min(1).max(25 * 1024 * 1024).optional(),
});
/** One field of a form. */
export type FormField = z.output<typeof formFieldInput>;
/** One field of a form, as given to `forms.create`. */
export type FormFieldInput = z.input<typeof formFieldInput>;

const TEXT_LIKE = new Set<FormFieldType>(['text', 'email', 'phone', 'textarea', 'hidden', 'number']);
const CHOICES = new Set<FormFieldType>(['select', 'multi-select']);
/** Which types may fill the built-in contact fields. */
const CONTACT_FIELD_TYPES = new Map<string, FormFieldType[]>([
  ['email', ['email']],
  ['name', ['text', 'hidden']],
  ['phone', ['phone', 'text']],
]);

/** The field whose value is the contact's email: the one mapped to `email`, else the first `email` field. */
export function contactEmailField(fields: readonly FormField[]): FormField | undefined {
  return fields.find((f) => f.contactProperty === 'email') ?? fields.find((f) => f.type === 'email');
}

/** Rules across fields: unique names and mappings, options only on selects, a required email to answer to. */
function checkFields(fields: FormField[], ctx: z.RefinementCtx): void {
  const issue = (i: number, key: string, message: string) => ctx.addIssue({ code: 'custom', path: [i, key], message });
  const names = new Set<string>();
  const mapped = new Set<string>();
  fields.forEach((field, i) => {
    const lower = field.name.toLowerCase();
    if (names.has(lower)) issue(i, 'name', `field name "${field.name}" is used twice`);
    names.add(lower);
    if (CHOICES.has(field.type) && !field.options) issue(i, 'options', `a ${field.type} field needs options`);
    if (!CHOICES.has(field.type) && field.options) issue(i, 'options', `only select fields have options`);
    if (field.options && new Set(field.options.map((o) => o.value)).size !== field.options.length) issue(i, 'options', 'option values must be unique');
    if (field.maxLength !== undefined && !TEXT_LIKE.has(field.type)) issue(i, 'maxLength', `a ${field.type} field has no maxLength`);
    if (field.maxBytes !== undefined && field.type !== 'file') issue(i, 'maxBytes', 'only file fields have maxBytes');
    const property = field.contactProperty;
    if (property === undefined) return;
    if (mapped.has(property)) issue(i, 'contactProperty', `contact property "${property}" is mapped twice`);
    mapped.add(property);
    const allowed = CONTACT_FIELD_TYPES.get(property);
    if (allowed && !allowed.includes(field.type)) issue(i, 'contactProperty', `contact ${property} needs a ${allowed.join(' or ')} field`);
    if (field.type === 'file') issue(i, 'contactProperty', 'file fields cannot map to the contact');
  });
  const email = contactEmailField(fields);
  // Replies to form conversations go out by email: without an address there is nobody to answer.
  if (!email) ctx.addIssue({ code: 'custom', path: [], message: 'a form needs an email field (replies go out by email)' });
  else if (!email.required) issue(fields.indexOf(email), 'required', 'the contact email field must be required');
}

/** A form's fields: 1–100, checked across each other. */
export const formFieldsSchema = z.array(formFieldInput).min(1).max(100).superRefine(checkFields);

/** An origin allowed to post a form from a browser (`https://shop.example`), or `*` for any. */
export const formOriginSchema = z
  .string()
  .max(300)
  .transform((value, ctx) => {
    if (value === '*') return value;
    const url = /^https?:\/\/[^/?#@]+\/?$/i.test(value) && URL.canParse(value) ? new URL(value) : null;
    if (!url) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not an origin like https://shop.example` });
      return z.NEVER;
    }
    return url.origin;
  });

const settings = {
  name: z.string().trim().min(1).max(200),
  fields: formFieldsSchema,
  /** Origins whose pages may post the form from a browser (CORS); empty: none, only server-side posts. */
  allowedOrigins: z.array(formOriginSchema).max(50),
};

/** A form: fields with validation, delivering to an inbox through one of its `forms` channels. */
export const formSchema = z.object({
  id: idSchema,
  workspaceId: idSchema,
  inboxId: idSchema,
  /** The inbox's `forms` channel its submissions arrive on (routing rules are per channel). */
  channelId: idSchema,
  ...settings,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** A form. */
export type Form = z.infer<typeof formSchema>;

/** Input of `forms.create`. */
export const createFormInput = z.object({
  inboxId: idSchema,
  /** A `forms` channel of the inbox; default: its first active one, connected now when it has none. */
  channelId: idSchema.optional(),
  ...settings,
  allowedOrigins: settings.allowedOrigins.default([]),
});
/** Input of `forms.create`. */
export type CreateFormInput = z.input<typeof createFormInput>;

/** Patch of `forms.update`: given fields replace the stored ones whole (`fields` too). */
export const updateFormInput = z.object(settings).partial();
/** Patch of `forms.update`. */
export type UpdateFormInput = z.input<typeof updateFormInput>;

/** Query of `forms.list`: ordered by id (creation order), optionally of one inbox. */
export const listFormsQuery = z.object({
  inboxId: idSchema.optional(),
  cursor: z.string().nullish(),
  limit: z.number().int().min(1).max(500).default(50),
});
/** Query of `forms.list`. */
export type ListFormsQuery = z.input<typeof listFormsQuery>;

/** Rejected spam submissions of a form, counted by reason (`honeypot`, `too-fast`…). */
export interface FormSpamCount {
  /** All rejected submissions. */
  total: number;
  /** Per reason the adapter gave. */
  byReason: Record<string, number>;
}
