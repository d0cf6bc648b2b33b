import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { Webhook as Verifier } from 'standardwebhooks';

/** One delivery the receiver accepted: its signature verified with the endpoint's secret. */
export interface ReceivedWebhook {
  /** The endpoint name it was POSTed to. */
  endpoint: string;
  /** The `webhook-id` header: the event id, the same on every retry. */
  id: string;
  /** The `webhook-timestamp` header (epoch seconds). */
  timestamp: number;
  /** The payload's `type`. */
  type: string;
  /** The payload's `timestamp` (ISO 8601). */
  occurredAt: string;
  /** The payload's `data`. */
  data: Record<string, unknown>;
}

/** How the receiver answers a request of an endpoint: a status, a status with a body, or `timeout` (no answer). */
export type ScriptedAnswer = number | { status: number; body: string } | 'timeout';

/**
 * A real HTTP webhook endpoint on 127.0.0.1 for tests. Each named endpoint verifies the
 * Standard Webhooks signature with its secret (`standardwebhooks`), answers 401 to a bad one,
 * and otherwise 204 unless answers were scripted: a status code, or `timeout` (the request is
 * held until the receiver stops). `stop()` closes the port (connections are refused) and
 * `restart()` listens on the same port again.
 */
export interface WebhookReceiver {
  /** The URL of endpoint `name` (`http://127.0.0.1:<port>/<name>`). */
  url(name: string): string;
  /** Verifies endpoint `name`'s deliveries with `secret` (`whsec_…`). Until set, it answers 401. */
  trust(name: string, secret: string): void;
  /** Answers the next requests of `name` with these (in order) instead of 204; verified or not, they are not recorded. */
  script(name: string, answers: ScriptedAnswer[]): void;
  /** Verified deliveries answered 2xx, in arrival order (of one endpoint when named). */
  received(name?: string): ReceivedWebhook[];
  /** Requests of every kind, scripted failures and bad signatures included. */
  readonly requests: number;
  /** Requests whose signature did not verify. */
  readonly invalid: number;
  /** Closes the port; held requests are cut. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** Starts a receiver on a free port of 127.0.0.1. */
export async function createWebhookReceiver(): Promise<WebhookReceiver> {
  const secrets = new Map<string, string>();
  const scripts = new Map<string, ScriptedAnswer[]>();
  const accepted: ReceivedWebhook[] = [];
  const sockets = new Set<Socket>();
  let requests = 0;
  let invalid = 0;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests++;
      const endpoint = (req.url ?? '/').slice(1);
      const answer = scripts.get(endpoint)?.shift();
      if (answer === 'timeout') return; // held until the client gives up or the receiver stops
      const body = Buffer.concat(chunks).toString('utf8');
      const secret = secrets.get(endpoint);
      let payload: { type: string; timestamp: string; data: Record<string, unknown> };
      try {
        if (!secret) throw new Error('no secret');
        payload = new Verifier(secret).verify(body, req.headers as Record<string, string>) as typeof payload;
      } catch {
        invalid++;
        res.writeHead(401).end('bad signature');
        return;
      }
      if (answer !== undefined) {
        const { status, body: text } = typeof answer === 'number' ? { status: answer, body: `scripted ${answer}` } : answer;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
        return;
      }
      const id = header(req.headers, 'webhook-id');
      accepted.push({ endpoint, id, timestamp: Number(header(req.headers, 'webhook-timestamp')), type: payload.type, occurredAt: payload.timestamp, data: payload.data });
      res.writeHead(204).end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as { port: number }).port);
      });
    });
  const port = await listen(0);

  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    trust: (name, secret) => void secrets.set(name, secret),
    script: (name, answers) => void scripts.set(name, [...(scripts.get(name) ?? []), ...answers]),
    received: (name) => accepted.filter((r) => name === undefined || r.endpoint === name),
    get requests() {
      return requests;
    },
    get invalid() {
      return invalid;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
    async restart() {
      if (!server.listening) await listen(port);
    },
  };
}
