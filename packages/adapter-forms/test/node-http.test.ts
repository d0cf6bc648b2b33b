import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { remoteAddress, toNodeHandler } from '@inboxkit/adapter-forms';
import { startForms, storedCounts, validValues, type FormsHarness } from './setup.js';

let h: FormsHarness;
let server: Server;
let base: string;
const seenIps: Array<string | null> = [];

beforeEach(async () => {
  h = await startForms({
    maxBodyBytes: 16 * 1024,
    perIpLimit: { limit: 3, windowMs: 60_000 },
    clientIp: (request) => {
      const ip = remoteAddress(request);
      seenIps.push(ip);
      return ip;
    },
  });
  server = createServer(toNodeHandler(h.forms.handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await h.stop();
});

/**
 * A raw request: `chunks` are written one by one (chunked unless a Content-Length is given),
 * from `localAddress` when given (any 127.x address is loopback, so each can be its own client IP).
 */
function send(path: string, headers: Record<string, string>, chunks: Buffer[], localAddress?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method: 'POST', headers, ...(localAddress && { localAddress }) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    void (async () => {
      for (const chunk of chunks) {
        if (req.destroyed) return;
        req.write(chunk);
        await new Promise((r) => setTimeout(r, 1));
      }
      req.end();
    })();
  });
}

describe('toNodeHandler on a real node:http server', () => {
  it('serves submissions and passes the socket address to clientIp', async () => {
    const token = await h.token();
    const response = await fetch(`${base}/forms/${h.form.id}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ values: validValues(), token }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toHaveProperty('submissionId');
    expect(seenIps).toContain('127.0.0.1');
    expect((await storedCounts(h)).conversations).toBe(1);
  });

  it('rate-limits by socket address', async () => {
    const token = await h.token();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await fetch(`${base}/forms/${h.form.id}/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ values: validValues({ message: `m${i}` }), token }) });
      statuses.push(r.status);
      await r.arrayBuffer();
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
  });

  it('413 for a declared oversize body, answered and closed without reading it', async () => {
    const res = await send(`/forms/${h.form.id}/submissions`, { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) }, [Buffer.alloc(1024, 0x20)]);
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('413 for a chunked upload that passes the limit, and the response still arrives (20 trials)', async () => {
    // The client is still writing when the server answers: a close that resets the connection
    // loses the response now and then, so one trial would pass by luck.
    const chunks = Array.from({ length: 64 }, () => Buffer.alloc(1024, 0x20));
    const statuses: Array<number | string> = [];
    for (let trial = 0; trial < 20; trial++) {
      // A new client address per trial keeps the per-IP limit (3) out of the way.
      const res = await send(`/forms/${h.form.id}/submissions`, { 'content-type': 'application/json' }, chunks, `127.0.1.${trial + 1}`).catch((error: NodeJS.ErrnoException) => ({ status: error.code ?? error.message }));
      statuses.push(res.status);
    }
    expect(statuses).toEqual(Array(20).fill(413));
    expect((await storedCounts(h)).conversations).toBe(0);
  });

  it('404, 405 and 415 over the wire', async () => {
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
    expect((await fetch(`${base}/forms/${h.form.id}/submissions`)).status).toBe(405);
    expect((await fetch(`${base}/forms/${h.form.id}/submissions`, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
  });
});
