import { HttpError } from './http-error.js';

/** A submission as posted, before validation against the form. */
export interface PostedSubmission {
  /** Field name → value as sent: JSON values, or strings / string arrays / files for form encodings. */
  values: Record<string, unknown>;
  /** The submission envelope (`submissionId`, `page`, `visitorId`, `token`), unvalidated. */
  envelope: Record<string, unknown>;
  /** `true` for JSON: keys in `values` that are not fields are errors. Form encodings may carry other inputs (buttons). */
  strict: boolean;
}

/** The media types the handler accepts. */
export type SubmissionMediaType = 'application/json' | 'application/x-www-form-urlencoded' | 'multipart/form-data';

/** Form-encoded control fields and the envelope key each fills (a Map: posted names are never looked up on a prototype). */
const CONTROL_FIELDS = new Map([
  ['_token', 'token'],
  ['_submissionId', 'submissionId'],
  ['_visitorId', 'visitorId'],
  ['_pageUrl', 'page.url'],
  ['_pageTitle', 'page.title'],
  ['_pageReferrer', 'page.referrer'],
]);

/** The accepted media type of a `Content-Type` header; `415` for anything else. */
export function mediaTypeOf(header: string | null): SubmissionMediaType {
  const [type = '', ...params] = (header ?? '').split(';').map((part) => part.trim());
  const media = type.toLowerCase();
  if (media === 'application/json') {
    const charset = params.find((p) => p.toLowerCase().startsWith('charset='));
    if (charset && !/^charset="?utf-8"?$/i.test(charset)) throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'JSON must be UTF-8');
    return media;
  }
  if (media === 'application/x-www-form-urlencoded' || media === 'multipart/form-data') return media;
  throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send application/json, application/x-www-form-urlencoded or multipart/form-data');
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * A copy without a prototype: a field named `constructor` or `toString` then reads as not
 * given instead of as `Object.prototype`'s member, and `__proto__` is a plain key.
 */
export function ownKeysOnly<T>(values: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, values);
}

function text(body: Uint8Array): string {
  try {
    return decoder.decode(body);
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'the body is not valid UTF-8');
  }
}

function parseJson(body: Uint8Array): PostedSubmission {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text(body));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'BAD_REQUEST', 'the body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpError(400, 'BAD_REQUEST', 'the body must be a JSON object');
  const { values, ...envelope } = parsed as Record<string, unknown>;
  if (!values || typeof values !== 'object' || Array.isArray(values)) {
    throw new HttpError(400, 'VALIDATION', 'values must be an object of field values', { fields: { values: 'expected an object of field values' } });
  }
  return { values: ownKeysOnly(values as Record<string, unknown>), envelope, strict: true };
}

/** Folds form entries into values (repeated names become arrays) and control fields into the envelope. */
function fromEntries(entries: Iterable<[string, string | File]>): PostedSubmission {
  const values: Record<string, unknown> = Object.create(null);
  const envelope: Record<string, unknown> = {};
  const page: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    // An empty file input posts a nameless, empty part: it means "no file".
    if (typeof value !== 'string' && value.size === 0 && !value.name) continue;
    const control = CONTROL_FIELDS.get(name);
    if (control?.startsWith('page.')) page[control.slice(5)] = value;
    else if (control) envelope[control] = value;
    else if (name in values) values[name] = [...(Array.isArray(values[name]) ? values[name] : [values[name]]), value];
    else values[name] = value;
  }
  if (Object.keys(page).length > 0) envelope.page = page;
  return { values, envelope, strict: false };
}

/** Parses a body of an accepted media type into a posted submission; `400` when malformed. */
export async function parseBody(body: Uint8Array<ArrayBuffer>, media: SubmissionMediaType, contentType: string): Promise<PostedSubmission> {
  if (media === 'application/json') return parseJson(body);
  if (media === 'application/x-www-form-urlencoded') return fromEntries(new URLSearchParams(text(body)));
  if (!/;\s*boundary=/i.test(contentType)) throw new HttpError(400, 'BAD_REQUEST', 'multipart/form-data needs a boundary');
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'the multipart body is malformed');
  }
  const entries: Array<[string, string | File]> = [];
  form.forEach((value, name) => entries.push([name, value]));
  return fromEntries(entries);
}
