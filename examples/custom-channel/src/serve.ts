import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running `node:http` server. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** Largest body the bridge buffers; webhook handlers refuse far less. */
const MAX_BUFFERED = 1024 * 1024;

async function toRequest(req: IncomingMessage, base: string): Promise<Request | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BUFFERED) return null;
    chunks.push(chunk);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', base), { method: req.method ?? 'GET', headers, ...(hasBody && { body: Buffer.concat(chunks) }) });
}

async function write(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Serves a fetch-style handler on `node:http` at `127.0.0.1:<port>` (0: a free port). Webhook
 * bodies are small, so the bridge simply buffers them (up to 1 MiB, else 413).
 */
export async function serveWebhooks(handler: (request: Request) => Promise<Response>, port = 0): Promise<RunningServer> {
  let base = 'http://127.0.0.1';
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const request = await toRequest(req, base);
        await write(res, request ? await handler(request) : new Response('body too large', { status: 413 }));
      } catch {
        if (!res.headersSent) await write(res, new Response('internal error', { status: 500 }));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
