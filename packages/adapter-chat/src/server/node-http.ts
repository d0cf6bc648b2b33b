import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** Turns a fetch-style handler into a `node:http` request listener. */
export function toNodeListener(handler: (request: Request) => Promise<Response>): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    }
    const method = req.method ?? 'GET';
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
      method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      duplex: 'half',
    } as RequestInit);
    handler(request)
      .then(async (response) => {
        const head: Record<string, string> = {};
        response.headers.forEach((value, name) => (head[name] = value));
        res.writeHead(response.status, head);
        res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end('internal error');
      });
  };
}

/** What `chatChannel` returns that the helper mounts. */
interface Mountable {
  handler(request: Request): Promise<Response>;
  attach(server: Server): () => void;
}

/**
 * A `node:http` server serving the chat's HTTP routes and WebSocket endpoint; other requests
 * go to `fallback` (your app) or answer 404. Listen on it yourself (`server.listen(port)`).
 */
export function createChatServer(chat: Mountable, fallback?: (req: IncomingMessage, res: ServerResponse) => void): Server {
  const chatListener = toNodeListener(chat.handler);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (fallback && !path.endsWith('/widget.js') && !path.endsWith('/chat/match')) return fallback(req, res);
    chatListener(req, res);
  });
  chat.attach(server);
  return server;
}
