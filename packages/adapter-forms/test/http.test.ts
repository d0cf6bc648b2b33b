import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postJson, startForms, storedCounts, validValues, type FormsHarness } from './setup.js';

let h: FormsHarness;
beforeEach(async () => {
  h = await startForms({ maxBodyBytes: 64 * 1024 });
});
afterEach(() => h.stop());

const submissions = () => h.url(`/forms/${h.form.id}/submissions`);

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; fields?: Record<string, string>; reason?: string } }).error;
}

/** A body stream that records how far it was read. */
function countingStream(chunks: number, chunkSize: number) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === chunks) return controller.close();
      state.pulled++;
      controller.enqueue(new Uint8Array(chunkSize).fill(0x61));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe('content types', () => {
  it('JSON: 201 { submissionId }, one conversation with the submission as its first message', async () => {
    const response = await postJson(h, { values: validValues(), token: await h.token() });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const { submissionId } = (await response.json()) as { submissionId: string };
    expect(submissionId).toMatch(/^h_[\w-]{32}$/);
    const [conversation] = (await h.ws.conversations.list()).items;
    expect(conversation).toMatchObject({ inboxId: h.inboxId, channelId: h.form.channelId, channelType: 'forms', subject: 'Contact us', origin: { kind: 'form', id: h.form.id } });
  });

  it('urlencoded: fields by name, repeated names for multi-selects, control fields with a leading _', async () => {
    const token = await h.token();
    const body = new URLSearchParams([
      ['email', 'nora@customer.test'],
      ['consent', 'on'],
      ['message', 'Hello from a plain HTML form'],
      ['products', 'chat'],
      ['products', 'forms'],
      ['seats', '12'],
      ['submit', 'Send'], // a button's name: ignored, not an error
      ['_token', token],
      ['_submissionId', 'native-0001'],
      ['_pageUrl', 'https://shop.test/contact'],
    ]);
    const response = await h.forms.handler(new Request(submissions(), { method: 'POST', body }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ submissionId: 'native-0001' });
    const [conversation] = (await h.ws.conversations.list()).items;
    const [message] = (await h.ws.conversations.timeline(conversation!.id)).items;
    expect(message?.text).toContain('Products: chat, forms');
    expect(message?.text).toContain('Seats: 12');
    expect(message?.kind === 'message' && message.metadata.page).toEqual({ url: 'https://shop.test/contact', title: null, referrer: null });
  });

  it('multipart: file fields go to the BlobStore as attachments', async () => {
    const form = new FormData();
    form.append('email', 'nora@customer.test');
    form.append('consent', 'true');
    form.append('message', 'See the attached screenshot');
    form.append('attachment', new File([new Uint8Array([1, 2, 3, 4])], 'shot.png', { type: 'image/png' }));
    form.append('_token', await h.token());
    const response = await h.forms.handler(new Request(submissions(), { method: 'POST', body: form }));
    expect(response.status).toBe(201);
    const [conversation] = (await h.ws.conversations.list()).items;
    const [message] = (await h.ws.conversations.timeline(conversation!.id)).items;
    if (message?.kind !== 'message') throw new Error('expected a message');
    expect(message.attachments).toEqual([expect.objectContaining({ filename: 'shot.png', contentType: 'image/png', size: 4 })]);
    expect(message.text).toContain('Attachment: shot.png (4 bytes)');
  });

  it('multipart: a file over the field limit is a 400 naming the field, nothing stored', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ email: 'nora@customer.test', consent: 'on', message: 'big file', _token: await h.token() })) form.append(k, v);
    form.append('attachment', new File([new Uint8Array(2048)], 'big.bin'));
    const before = await storedCounts(h);
    const response = await h.forms.handler(new Request(submissions(), { method: 'POST', body: form }));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).fields).toEqual({ attachment: 'a file may have at most 1024 bytes' });
    expect(await storedCounts(h)).toEqual(before);
  });

  it('a file field sent in JSON is refused (files need multipart)', async () => {
    const response = await postJson(h, { values: validValues({ attachment: 'aGVsbG8=' }), token: await h.token() });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).fields).toEqual({ attachment: 'expected a file (send multipart/form-data)' });
  });

  it('415 for other or missing content types, and JSON that is not UTF-8', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/json; charset=latin1', null]) {
      const headers: Record<string, string> = type ? { 'content-type': type } : {};
      const response = await h.forms.handler(new Request(submissions(), { method: 'POST', headers, body: new Uint8Array([0x7b, 0x7d]) }));
      expect(response.status, String(type)).toBe(415);
      expect((await errorOf(response)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });
});

describe('field names that Object.prototype also has', () => {
  it('read as not given when not sent, and as values when sent (found by the fuzz test)', async () => {
    const form = await h.ws.forms.create({
      inboxId: h.inboxId,
      name: 'Odd names',
      fields: [
        { name: 'email', type: 'email', required: true },
        { name: 'constructor', type: 'text' },
        { name: 'toString', type: 'text', contactProperty: 'hasOwnProperty' },
      ],
    });
    const token = await h.token(form.id);
    const plain = await postJson(h, { values: { email: 'a@b.test' }, token }, { formId: form.id });
    expect(plain.status).toBe(201);
    const body = new URLSearchParams({ email: 'c@d.test', constructor: 'built', toString: 'said', __proto__: 'x', _token: token });
    const encoded = await h.forms.handler(new Request(h.url(`/forms/${form.id}/submissions`), { method: 'POST', body }));
    expect(encoded.status).toBe(201);
    const texts = await Promise.all((await h.ws.conversations.list()).items.map(async (c) => (await h.ws.conversations.timeline(c.id)).items[0]?.text));
    expect(texts.sort()).toEqual(['email: a@b.test', 'email: c@d.test\nconstructor: built\ntoString: said']);
    expect((await h.ws.contacts.findByEmail('c@d.test'))?.properties).toEqual({ hasOwnProperty: 'said' });
  });
});

describe('status codes', () => {
  it('400 with the first problem of every bad field; nothing stored', async () => {
    const before = await storedCounts(h);
    const response = await postJson(h, {
      values: { email: 'not-an-email', topic: 'sales', products: ['chat', 'chat'], seats: 'twelve', consent: false, message: 'x'.repeat(501), extra: 1 },
      token: await h.token(),
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual({
      email: 'enter a valid email address',
      topic: 'choose one of the options',
      products: 'an option is chosen twice',
      seats: 'expected a number',
      consent: 'this box must be checked',
      message: 'at most 500 characters',
      extra: 'unknown field',
    });
    expect(await storedCounts(h)).toEqual(before);
  });

  it('400 naming the field for text core cannot store (NUL, lone surrogates)', async () => {
    const response = await postJson(h, { values: validValues({ name: 'Nora\u0000', message: 'broken \ud800 pair' }), visitorId: 'v\u0000', token: await h.token() });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).fields).toEqual({ visitorId: 'must not contain NUL characters (U+0000)' });
    const values = await postJson(h, { values: validValues({ name: 'Nora\u0000', message: 'broken \ud800 pair' }), token: await h.token() });
    expect((await errorOf(values)).fields).toEqual({ name: 'must not contain NUL characters (U+0000)', message: 'must not contain lone UTF-16 surrogates' });
  });

  it('400 for missing required fields, a bad envelope, malformed JSON or a non-object body', async () => {
    const missing = await postJson(h, { values: {}, token: await h.token() });
    expect((await errorOf(missing)).fields).toEqual({ email: 'this field is required', consent: 'this box must be checked', message: 'this field is required' });
    const envelope = await postJson(h, { values: validValues(), page: { url: 'javascript:alert(1)' }, submissionId: 'x', colour: 'red' });
    expect((await errorOf(envelope)).fields).toEqual({
      'page.url': 'expected an absolute http(s) URL',
      submissionId: 'a submission id has 8–100 letters, digits, _ . : -',
      colour: 'unknown field',
    });
    for (const body of ['{"values":', '[]', '"text"', '{"values":[]}']) {
      const response = await h.forms.handler(new Request(submissions(), { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
      expect(response.status, body).toBe(400);
    }
  });

  it('404 for an unknown form or path, 405 with Allow for a wrong method', async () => {
    expect((await postJson(h, { values: validValues() }, { formId: 'form_missing' })).status).toBe(404);
    expect((await h.forms.handler(new Request(h.url('/forms/%2e%2e/submissions'), { method: 'POST' }))).status).toBe(404);
    expect((await h.forms.handler(new Request(h.url('/elsewhere'), { method: 'POST' }))).status).toBe(404);
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const response = await h.forms.handler(new Request(submissions(), { method }));
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST, OPTIONS');
    }
    const token = await h.forms.handler(new Request(h.url(`/forms/${h.form.id}/token`), { method: 'POST' }));
    expect(token.status).toBe(405);
    expect(token.headers.get('allow')).toBe('GET, OPTIONS');
  });

  it('413 from the declared Content-Length without reading the body', async () => {
    const { stream, state } = countingStream(100, 1024);
    const request = new Request(submissions(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(1024 * 1024) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const response = await h.forms.handler(request);
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('PAYLOAD_TOO_LARGE');
    expect(state.pulled).toBeLessThanOrEqual(1); // streams may pre-pull one chunk; nothing is consumed
  });

  it('413 for an undeclared oversize stream, cancelled as soon as it passes the limit', async () => {
    const { stream, state } = countingStream(1000, 1024);
    const response = await h.forms.handler(new Request(submissions(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit));
    expect(response.status).toBe(413);
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(70); // 64 KiB limit: never the whole megabyte
  });

  it('503 before the kit is started', async () => {
    await h.kit.stop();
    expect((await postJson(h, { values: validValues() })).status).toBe(503);
  });
});

describe('CORS', () => {
  const preflight = (origin: string, path = submissions()) =>
    h.forms.handler(new Request(path, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } }));

  it('answers preflights for allowed origins and refuses others, varying on Origin', async () => {
    const ok = await preflight('http://shop.test');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://shop.test');
    expect(ok.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(ok.headers.get('access-control-allow-headers')).toBe('Content-Type');
    expect(ok.headers.get('vary')).toContain('Origin');
    const denied = await preflight('http://evil.test');
    expect(denied.status).toBe(403);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    expect(denied.headers.get('vary')).toContain('Origin');
    const token = await preflight('http://shop.test', h.url(`/forms/${h.form.id}/token`));
    expect(token.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS');
  });

  it('a POST from a foreign origin the form does not allow is 403 and stores nothing; allowed ones get the header', async () => {
    const before = await storedCounts(h);
    const token = await h.token();
    const denied = await postJson(h, { values: validValues(), token }, { headers: { origin: 'http://evil.test' } });
    expect(denied.status).toBe(403);
    expect(denied.headers.get('vary')).toBe('Origin');
    expect(await storedCounts(h)).toEqual(before);
    const allowed = await postJson(h, { values: validValues(), token }, { headers: { origin: 'http://shop.test' } });
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://shop.test');
    expect(allowed.headers.get('vary')).toBe('Origin');
    const sameOrigin = await postJson(h, { values: validValues({ message: 'same origin' }), token }, { headers: { origin: 'http://forms.example' } });
    expect(sameOrigin.status).toBe(201);
  });

  it('answers Private Network Access preflights for allowed origins only', async () => {
    const ask = (origin: string) =>
      h.forms.handler(new Request(submissions(), { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-private-network': 'true' } }));
    expect((await ask('http://shop.test')).headers.get('access-control-allow-private-network')).toBe('true');
    expect((await ask('http://evil.test')).headers.get('access-control-allow-private-network')).toBeNull();
    expect((await preflight('http://shop.test')).headers.get('access-control-allow-private-network')).toBeNull();
  });

  it('allowed origins follow form updates, and * allows any origin', async () => {
    await h.ws.forms.update(h.form.id, { allowedOrigins: ['*'] });
    expect((await preflight('http://anywhere.test')).status).toBe(204);
    await h.ws.forms.update(h.form.id, { allowedOrigins: [] });
    expect((await preflight('http://shop.test')).status).toBe(403);
  });
});

describe('tokens', () => {
  it('GET /token issues a token (no-store) that a submission accepts after the minimum fill time', async () => {
    const response = await h.forms.handler(new Request(h.url(`/forms/${h.form.id}/token`), { headers: { origin: 'http://shop.test' } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBe('http://shop.test');
    const { token, minFillMs, expiresAt } = (await response.json()) as { token: string; minFillMs: number; expiresAt: number };
    expect(minFillMs).toBe(3000);
    expect(expiresAt).toBe(h.clock.now() + 24 * 3_600_000);
    h.clock.advance(3000);
    expect((await postJson(h, { values: validValues(), token })).status).toBe(201);
  });

  it('issueToken: NOT_FOUND for an unknown form', async () => {
    await expect(h.forms.issueToken('form_missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
