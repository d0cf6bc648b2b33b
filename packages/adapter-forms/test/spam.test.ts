import { afterEach, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { FORMS_SECRET, postJson, startForms, storedCounts, validValues, type FormsHarness } from './setup.js';

let h: FormsHarness;
afterEach(() => h.stop());

const reasonOf = async (response: Response) => ((await response.json()) as { error: { code: string; reason: string } }).error;

describe('spam protection', () => {
  it('honeypot: looks accepted, opens no conversation, is counted', async () => {
    h = await startForms();
    const before = await storedCounts(h);
    const response = await postJson(h, { values: { ...validValues(), _website: 'http://spam.example' }, token: await h.token() });
    expect(response.status).toBe(201);
    expect((await response.json()) as object).toHaveProperty('submissionId');
    const body = new URLSearchParams({ ...(validValues() as Record<string, string>), consent: 'on', _website: 'x', _token: await h.token() });
    expect((await h.forms.handler(new Request(h.url(`/forms/${h.form.id}/submissions`), { method: 'POST', body }))).status).toBe(201);
    expect(await storedCounts(h)).toEqual(before);
    expect(await h.ws.forms.spamCount(h.form.id)).toEqual({ total: 2, byReason: { honeypot: 2 } });
  });

  it('fill time: missing, too fast, expired and forged tokens are refused and counted by reason', async () => {
    h = await startForms({ minFillMs: 4000, tokenMaxAgeMs: 3_600_000 });
    const before = await storedCounts(h);
    const send = (token?: string) => postJson(h, { values: validValues(), ...(token !== undefined && { token }) });

    const missing = await send();
    expect(missing.status).toBe(403);
    expect(await reasonOf(missing)).toMatchObject({ code: 'SPAM', reason: 'missing-token' });

    const fresh = await h.forms.issueToken(h.form.id);
    h.clock.advance(3999);
    expect(await reasonOf(await send(fresh))).toMatchObject({ reason: 'too-fast' });

    const old = await h.forms.issueToken(h.form.id);
    h.clock.advance(3_600_001);
    expect(await reasonOf(await send(old))).toMatchObject({ reason: 'expired-token' });

    // Backdating: the client cannot rewrite the issue time without the secret.
    const [version, , nonce, signature] = (await h.forms.issueToken(h.form.id)).split('.');
    const backdated = [version, (h.clock.now() - 60_000).toString(36), nonce, signature].join('.');
    expect(await reasonOf(await send(backdated))).toMatchObject({ reason: 'bad-token' });
    // Signed with another secret, or for another form.
    const issued = (h.clock.now() - 60_000).toString(36);
    const sig = (secret: string, formId: string) => createHmac('sha256', secret).update(`v1.${formId}.${issued}.n0nce`).digest('base64url');
    expect(await reasonOf(await send(`v1.${issued}.n0nce.${sig('guessed', h.form.id)}`))).toMatchObject({ reason: 'bad-token' });
    const other = await h.ws.forms.create({ inboxId: h.inboxId, name: 'Other', fields: [{ name: 'email', type: 'email', required: true }] });
    expect(await reasonOf(await send(`v1.${issued}.n0nce.${sig(FORMS_SECRET, other.id)}`))).toMatchObject({ reason: 'bad-token' });
    expect(await reasonOf(await send('garbage'))).toMatchObject({ reason: 'bad-token' });
    // The same forgery with the right secret and form passes: the checks above failed for the right reason.
    expect((await send(`v1.${issued}.n0nce.${sig(FORMS_SECRET, h.form.id)}`)).status).toBe(201);

    expect(await h.ws.forms.spamCount(h.form.id)).toEqual({
      total: 7,
      byReason: { 'missing-token': 1, 'too-fast': 1, 'expired-token': 1, 'bad-token': 4 },
    });
    expect((await storedCounts(h)).conversations).toBe(before.conversations + 1);
  });

  it('a channel with its own secretRef signs its forms with that secret', async () => {
    h = await startForms();
    await h.ws.channels.update(h.form.channelId, { config: { secretRef: 'tenant-secret' } });
    const token = await h.token();
    const [, issued, nonce, signature] = token.split('.');
    expect(signature).toBe(createHmac('sha256', 'a-tenant-rotates-this-one').update(`v1.${h.form.id}.${issued}.${nonce}`).digest('base64url'));
    expect((await postJson(h, { values: validValues(), token })).status).toBe(201);
    const kitSigned = `v1.${issued}.${nonce}.${createHmac('sha256', FORMS_SECRET).update(`v1.${h.form.id}.${issued}.${nonce}`).digest('base64url')}`;
    expect(await reasonOf(await postJson(h, { values: validValues({ message: 'other' }), token: kitSigned }))).toMatchObject({ reason: 'bad-token' });
    await expect(h.ws.channels.update(h.form.channelId, { config: { secret: 'inline-value' } })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('CAPTCHA hook: sees the request and validated values; false refuses as spam', async () => {
    const seen: Array<{ ip: string | null; values: Record<string, unknown> }> = [];
    h = await startForms({
      verifyCaptcha: (request, values) => {
        seen.push({ ip: request.headers.get('x-captcha'), values });
        return request.headers.get('x-captcha') === 'solved';
      },
    });
    const refused = await postJson(h, { values: validValues(), token: await h.token() }, { headers: { 'x-captcha': 'wrong' } });
    expect(refused.status).toBe(403);
    expect(await reasonOf(refused)).toMatchObject({ code: 'SPAM', reason: 'captcha' });
    expect((await storedCounts(h)).conversations).toBe(0);
    expect((await postJson(h, { values: validValues(), token: await h.token() }, { headers: { 'x-captcha': 'solved' } })).status).toBe(201);
    expect(seen[0]?.values).toMatchObject({ email: 'Nora@Customer.test', consent: true, products: [] });
    expect(await h.ws.forms.spamCount(h.form.id)).toEqual({ total: 1, byReason: { captcha: 1 } });
  });

  it('rate limits per client IP (from the host hook): 429 with Retry-After, then open again', async () => {
    h = await startForms({ clientIp: (request) => request.headers.get('x-test-ip'), perIpLimit: { limit: 2, windowMs: 60_000 } });
    const token = await h.token();
    const from = (ip: string, message: string) => postJson(h, { values: validValues({ message }), token }, { headers: { 'x-test-ip': ip } });
    expect((await from('10.0.0.1', 'one')).status).toBe(201);
    expect((await from('10.0.0.1', 'two')).status).toBe(201);
    h.clock.advance(20_000);
    const limited = await from('10.0.0.1', 'three');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('40'); // the window opened with the first post, 20 s ago
    expect((await reasonOf(limited)).code).toBe('RATE_LIMITED');
    expect((await from('10.0.0.2', 'other client')).status).toBe(201);
    h.clock.advance(39_999);
    expect((await from('10.0.0.1', 'still limited')).status).toBe(429);
    h.clock.advance(1);
    expect((await from('10.0.0.1', 'four')).status).toBe(201);
    expect((await storedCounts(h)).conversations).toBe(4);
    expect(await h.ws.forms.spamCount(h.form.id)).toEqual({ total: 0, byReason: {} }); // limits are not spam
  });

  it('rate limits per form across all clients', async () => {
    let n = 0;
    h = await startForms({ clientIp: () => `10.0.0.${++n}`, perFormLimit: { limit: 3, windowMs: 60_000 } });
    const token = await h.token();
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await postJson(h, { values: validValues({ message: `m${i}` }), token })).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
  });
});
