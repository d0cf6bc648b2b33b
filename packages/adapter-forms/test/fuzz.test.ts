import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startForms, storedCounts, validValues, type FormsHarness } from './setup.js';

// Random requests at the handler: whatever arrives, the answer is a deliberate status (never a
// 500) and the store holds either the whole submission or nothing of it.
let h: FormsHarness;
let token: string;
beforeAll(async () => {
  h = await startForms({ maxBodyBytes: 8 * 1024, perIpLimit: { limit: 1_000_000, windowMs: 60_000 }, perFormLimit: { limit: 1_000_000, windowMs: 60_000 } });
  token = await h.token();
});
afterAll(() => h.stop());
const statuses = new Map<number, number>();

const KNOWN = [200, 201, 204, 400, 403, 404, 405, 413, 415, 429, 503];
const headerText = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789 ;=/-_.:,"*'.split('')), maxLength: 60 });
const fieldName = fc.constantFrom('email', 'name', 'company', 'topic', 'products', 'seats', 'consent', 'message', 'source', 'attachment', '_website', '_token', '__proto__', 'constructor', 'x');

const weighted = <A, B>(often: fc.Arbitrary<A>, rarely: fc.Arbitrary<B>): fc.Arbitrary<A | B> => fc.oneof({ arbitrary: often, weight: 4 }, { arbitrary: rarely, weight: 1 });

const contentType = weighted(
  fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=fuzz', 'text/plain'),
  headerText,
);

const envelope = fc.record(
  {
    values: weighted(
      fc.record({ message: weighted(fc.string({ minLength: 1, maxLength: 50 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 20 })), seats: weighted(fc.integer(), fc.string()) }).map((v) => validValues(v)),
      fc.oneof(fc.dictionary(fieldName, fc.jsonValue({ maxDepth: 2 })), fc.jsonValue({ maxDepth: 1 })),
    ),
    token: weighted(fc.constant('valid'), fc.string({ maxLength: 80 })),
    submissionId: weighted(fc.stringMatching(/^[a-z0-9-]{8,20}$/), fc.string({ maxLength: 40 })),
    page: weighted(fc.record({ url: fc.webUrl(), title: fc.string({ maxLength: 20 }) }), fc.oneof(fc.record({ url: fc.string() }), fc.jsonValue({ maxDepth: 1 }))),
    visitorId: weighted(fc.string({ minLength: 1, maxLength: 30 }), fc.oneof(fc.constant(''), fc.integer())),
  },
  { requiredKeys: ['values', 'token'] },
);

const multipart = fc.array(fc.tuple(fieldName, fc.oneof(fc.string({ maxLength: 40 }), fc.constant('valid'))), { maxLength: 8 }).map((parts) => {
  const lines = parts.flatMap(([name, value]) => ['--fuzz', `Content-Disposition: form-data; name="${name}"${name === 'attachment' ? '; filename="f.bin"' : ''}`, '', value]);
  return [...lines, '--fuzz--', ''].join('\r\n');
});

const body = fc.oneof(
  { arbitrary: envelope.map((e) => JSON.stringify(e)), weight: 5 },
  fc.uint8Array({ maxLength: 300 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.array(fc.tuple(fieldName, fc.string({ maxLength: 30 })), { maxLength: 10 }).map((pairs) => new URLSearchParams(pairs).toString()),
  multipart,
  fc.uint8Array({ minLength: 9000, maxLength: 9100 }), // over the limit
);

/** A body with its own content type most of the time, any pairing otherwise. */
const payload = weighted(
  fc.oneof(
    { arbitrary: envelope.map((e) => ({ contentType: 'application/json', body: JSON.stringify(e) as string | Uint8Array })), weight: 3 },
    fc.array(fc.tuple(fieldName, fc.string({ maxLength: 30 })), { maxLength: 10 }).map((pairs) => ({
      contentType: 'application/x-www-form-urlencoded',
      body: new URLSearchParams([...pairs, ['_token', 'valid']]).toString() as string | Uint8Array,
    })),
    multipart.map((body) => ({ contentType: 'multipart/form-data; boundary=fuzz', body: body as string | Uint8Array })),
  ),
  fc.record({ contentType, body }),
);

const request = fc.record({
  method: weighted(fc.constant('POST'), fc.constantFrom('GET', 'PUT', 'OPTIONS', 'DELETE', 'HEAD')),
  path: weighted(fc.constant('submissions'), fc.oneof(fc.constant('token'), fc.constant('unknown-form'), headerText.map((t) => `raw:${t.replace(/ /g, '')}`))),
  payload,
  origin: weighted(fc.constantFrom(undefined, 'http://shop.test'), fc.oneof(fc.constantFrom('http://evil.test', 'null'), headerText)),
  contentLength: weighted(fc.constant(undefined), fc.oneof(fc.nat(20_000).map(String), headerText)),
});

function build(r: (typeof request) extends fc.Arbitrary<infer R> ? R : never): Request {
  const path =
    r.path === 'submissions' || r.path === 'token' ? `/forms/${h.form.id}/${r.path}` : r.path === 'unknown-form' ? '/forms/form_nope/submissions' : `/forms/${r.path.slice(4)}`;
  const headers = new Headers({ 'content-type': r.payload.contentType });
  if (r.origin !== undefined) headers.set('origin', r.origin);
  if (r.contentLength !== undefined) headers.set('content-length', r.contentLength);
  const { body } = r.payload;
  const raw =
    typeof body === 'string'
      ? body.replaceAll('"valid"', JSON.stringify(token)).replaceAll('\r\nvalid\r\n', `\r\n${token}\r\n`).replace('_token=valid', `_token=${token}`)
      : (body as Uint8Array<ArrayBuffer>);
  const hasBody = r.method !== 'GET' && r.method !== 'HEAD';
  return new Request(`http://forms.example${path}`, { method: r.method, headers, ...(hasBody && { body: raw }) });
}

describe('fuzzing the handler', () => {
  it('never answers 500 and never writes part of a submission', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const before = await storedCounts(h);
        const blobsBefore = h.blobPuts.length;
        const response = await h.forms.handler(build(r));
        await response.arrayBuffer();
        expect(KNOWN).toContain(response.status);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const after = await storedCounts(h);
        if (response.status >= 300) {
          expect(after).toEqual(before);
          expect(h.blobPuts.length).toBe(blobsBefore);
          return;
        }
        const created = after.conversations - before.conversations;
        expect([0, 1]).toContain(created);
        if (created === 1) {
          const [newest] = (await h.ws.conversations.list({ limit: 1 })).items;
          expect(newest?.messageCount).toBe(1);
          expect((await h.ws.conversations.timeline(newest!.id)).items).toHaveLength(1);
        } else {
          expect(after.contacts).toBe(before.contacts);
        }
      }),
      { numRuns: 300, seed: 20261202 },
    );
    // The generators reach the interesting paths, not only the early refusals.
    for (const status of [201, 400, 403, 404, 405, 413, 415]) expect(statuses.get(status), `status ${status}`).toBeGreaterThan(0);
  });
});
