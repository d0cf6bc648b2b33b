import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FormsHandler } from './handler.js';

const remotes = new WeakMap<Request, string>();

/**
 * The socket address a request built by `toNodeHandler` came from, or `null`. Use it as
 * `clientIp` when no proxy sits in front; behind one, read the proxy's header instead.
 */
export function remoteAddress(request: Request): string | null {
  return remotes.get(request) ?? null;
}

/**
 * The request body as a web stream that pauses the socket instead of destroying it when the
 * handler stops reading (a 413 must still reach the client).
 */
function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.pause();
      req.on('data', (chunk: Buffer) => {
        if (done) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.once('end', () => {
        if (!done) controller.close();
        done = true;
      });
      req.once('error', (error) => {
        if (!done) controller.error(error);
        done = true;
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      done = true;
      req.pause();
    },
  });
}

/** How long a connection closed before its body was read keeps discarding what still arrives. */
const LINGER_MS = 2_000;

/**
 * Makes node's close after a `Connection: close` response a lingering one. Destroying a socket
 * with unread bytes makes the kernel answer them with a reset, which can reach the client before
 * it has read the response (it then sees EPIPE or ECONNRESET instead of the 413). So: send FIN,
 * discard what the client still sends, and destroy when it is done or the grace period ends.
 */
function closeLingering(req: IncomingMessage): void {
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.end();
    req.removeAllListeners('data');
    req.resume();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  };
}

function toRequest(req: IncomingMessage): Request {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method: req.method ?? 'GET', headers, ...(hasBody && { body: bodyOf(req), duplex: 'half' }) };
  return new Request(url, init);
}

/**
 * Mounts a fetch-style handler on `node:http`: `http.createServer(toNodeHandler(forms.handler))`.
 * A response sent before the body was read whole (413, 429…) closes the connection, so the rest
 * of an oversize upload is never read.
 */
export function toNodeHandler(handler: FormsHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void (async () => {
      let response: Response;
      try {
        const request = toRequest(req);
        if (req.socket.remoteAddress) remotes.set(request, req.socket.remoteAddress);
        response = await handler(request);
      } catch {
        response = new Response(JSON.stringify({ error: { code: 'BAD_REQUEST', message: 'malformed request' } }), {
          status: 400,
          headers: { 'content-type': 'application/json; charset=utf-8' },
        });
      }
      const unread = !req.complete;
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name] = value));
      if (unread) {
        headers.connection = 'close';
        closeLingering(req);
      }
      res.writeHead(response.status, headers);
      res.end(new Uint8Array(await response.arrayBuffer()));
    })();
  };
}
