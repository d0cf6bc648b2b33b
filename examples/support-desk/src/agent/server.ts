import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InboxKitError, type User } from '@inboxkit/core';
import { errorPage } from '../ui/layout.js';
import type { Desk, PageContext, Route } from './context.js';
import { routes } from './routes.js';
import { readCookies, SESSION_COOKIE } from './session.js';

const MAX_FORM_BYTES = 256 * 1024;
const STATUS: Partial<Record<string, number>> = { NOT_FOUND: 404, VALIDATION: 400, FORBIDDEN: 403, CONFLICT: 409, CHANNEL: 502 };
const ASSETS: Record<string, string> = { '/assets/app.css': 'text/css; charset=utf-8', '/assets/live.js': 'text/javascript; charset=utf-8' };

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_FORM_BYTES) throw new InboxKitError('VALIDATION', 'form too large');
  }
  return new URLSearchParams(body);
}

/** A POST must come from this UI's own pages (with SameSite cookies, the second line against cross-site forms). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${req.headers.host}`;
}

async function signedInUser(desk: Desk, req: IncomingMessage): Promise<User | null> {
  const id = readCookies(req).get(SESSION_COOKIE);
  if (!id) return null;
  return desk.ws.users.get(id).catch(() => null);
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(body);
}

async function serveAsset(res: ServerResponse, path: string) {
  const body = await readFile(new URL(`../ui${path}`, import.meta.url), 'utf8');
  res.writeHead(200, { 'content-type': ASSETS[path]!, 'cache-control': 'no-cache' }).end(body);
}

async function dispatch(desk: Desk, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  if (req.method === 'GET' && ASSETS[url.pathname]) return serveAsset(res, url.pathname);
  let route: Route | undefined;
  let match: RegExpExecArray | null = null;
  for (const candidate of routes) {
    if (candidate.method !== req.method) continue;
    match = candidate.path.exec(url.pathname);
    if (match) {
      route = candidate;
      break;
    }
  }
  if (!route || !match) return send(res, 404, errorPage(null, 404, 'There is no such page.').toString());
  if (req.method === 'POST' && !sameOrigin(req)) return send(res, 403, errorPage(null, 403, 'Cross-site form posts are refused.').toString());
  const user = await signedInUser(desk, req);
  if (!route.public && !user) return send(res, 303, '', { location: '/sign-in' });
  const ctx: PageContext = {
    desk,
    req,
    res,
    url,
    user,
    // Every page reads and writes as the signed-in agent: permissions are core's, not the UI's.
    as: user ? desk.ws.asUser(user.id) : desk.ws,
    params: match.slice(1).map((p) => decodeURIComponent(p)),
    form: () => readForm(req),
  };
  try {
    const result = await route.handle(ctx);
    if ('streaming' in result) return;
    if ('empty' in result) return void res.writeHead(204).end();
    if ('redirect' in result) return send(res, 303, '', { ...result.headers, location: result.redirect });
    send(res, result.status ?? 200, result.html.toString());
  } catch (error) {
    if (!InboxKitError.isInstance(error) || res.headersSent) throw error;
    send(res, STATUS[error.code] ?? 500, errorPage(user, STATUS[error.code] ?? 500, error.message).toString());
  }
}

/** The agent UI as a `node:http` listener (the chat server passes it every request that is not the chat's). */
export function agentApp(desk: Desk): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    dispatch(desk, req, res).catch((error: unknown) => {
      console.error('support-desk: request failed', error);
      if (!res.headersSent) send(res, 500, errorPage(null, 500, 'Something went wrong.').toString());
      else res.end();
    });
  };
}
