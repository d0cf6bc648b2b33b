import { z } from 'zod';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_LENGTH, unsafeTextReason, type FormField } from '@inboxkit/core';

/** Files a single `file` field accepts at most. */
export const MAX_FILES_PER_FIELD = 10;

const TRUE = new Set(['on', 'true', '1', 'yes']);
const FALSE = new Set(['', 'off', 'false', '0', 'no']);
const PHONE = /^\+?[\d\s().-]{5,50}$/;

/** Text core can store: no NUL, no lone surrogate (named per field here, not as a generic 400 later). */
export function storable<S extends z.ZodType<string>>(schema: S) {
  return schema.superRefine((value, ctx) => {
    const reason = unsafeTextReason(value);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });
}

/** Trimmed strings; blank strings and `null` are "not given". */
function blank(value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** One value or several, as a list (`undefined` → empty). */
function list(value: unknown): unknown {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** `required` messages for a missing value, `type` for a value of the wrong kind. */
const expect = (type: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'this field is required' : `expected ${type}`),
});

function textSchema(field: FormField) {
  const max = field.maxLength ?? DEFAULT_MAX_LENGTH[field.type] ?? 1000;
  const tooLong = `at most ${max} characters`;
  let schema: z.ZodType<string>;
  if (field.type === 'email') {
    schema = z.email({ error: (issue) => (issue.input === undefined ? 'this field is required' : 'enter a valid email address') }).max(max, tooLong);
  } else if (field.type === 'phone') {
    schema = z
      .string(expect('text'))
      .max(max, tooLong)
      .regex(PHONE, 'enter a valid phone number')
      .refine((v) => v.replace(/\D/g, '').length >= 5, 'enter a valid phone number');
  } else {
    schema = z.string(expect('text')).max(max, tooLong);
  }
  const safe = storable(schema);
  return z.preprocess(blank, field.required ? safe : safe.optional());
}

function numberSchema(field: FormField) {
  const max = field.maxLength ?? DEFAULT_MAX_LENGTH.number!;
  const toNumber = (value: unknown) => {
    const given = blank(value);
    if (typeof given !== 'string') return given;
    return given.length <= max && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(given) ? Number(given) : given;
  };
  const schema = z.number(expect('a number'));
  return z.preprocess(toNumber, field.required ? schema : schema.optional());
}

function checkboxSchema(field: FormField) {
  const toBoolean = (value: unknown) => {
    if (value === undefined || value === null) return false;
    if (typeof value !== 'string') return value;
    const lower = value.trim().toLowerCase();
    return TRUE.has(lower) ? true : FALSE.has(lower) ? false : value;
  };
  const schema = z.boolean(expect('true or false'));
  return z.preprocess(toBoolean, field.required ? schema.refine((v) => v, 'this box must be checked') : schema);
}

function choiceSchema(field: FormField) {
  const values = (field.options ?? []).map((o) => o.value) as [string, ...string[]];
  const choice = z.enum(values, { error: () => 'choose one of the options' });
  if (field.type === 'select') return z.preprocess(blank, field.required ? choice : choice.optional());
  const many = z
    .array(z.preprocess(blank, choice), { error: () => 'expected a list of options' })
    .refine((chosen) => new Set(chosen).size === chosen.length, 'an option is chosen twice');
  return z.preprocess(list, field.required ? many.min(1, 'choose at least one option') : many);
}

function fileSchema(field: FormField) {
  const max = field.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const file = z
    .instanceof(File, { message: 'expected a file (send multipart/form-data)' })
    .refine((f) => f.size <= max, `a file may have at most ${max} bytes`);
  const files = z.array(file).max(MAX_FILES_PER_FIELD, `at most ${MAX_FILES_PER_FIELD} files`);
  return z.preprocess(list, field.required ? files.min(1, 'this field is required') : files);
}

/** The zod schema of one field's posted value; its output is the normalized value (`undefined` when not given). */
export function fieldSchema(field: FormField): z.ZodType {
  switch (field.type) {
    case 'number':
      return numberSchema(field);
    case 'checkbox':
      return checkboxSchema(field);
    case 'select':
    case 'multi-select':
      return choiceSchema(field);
    case 'file':
      return fileSchema(field);
    default:
      return textSchema(field);
  }
}
