import { InboxKitError, type ChannelContext } from '@inboxkit/core';
import type { ParsedChatOptions } from '../options.js';
import { activeChatChannel } from './channel-lookup.js';
import { corsHeaders, isAllowedOrigin } from './cors.js';
import { matchBody, matchForWidget } from './match-route.js';

const MAX_BODY_BYTES = 16 * 1024;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers },
  });
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new RangeError('body too large');
  return JSON.parse(text);
}

/**
 * The chat server's HTTP side, fetch-style: `GET <base>/widget.js` (the tracking code) and
 * `POST <base>/chat/match?workspaceId&channelId` (which chatflow shows on a page), with CORS
 * limited to the channel's allowed origins. Unknown paths answer 404.
 */
export function httpHandler(options: ParsedChatOptions, getContext: () => ChannelContext | null, widget: () => Promise<string>) {
  const base = options.basePath;
  return async function handler(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === `${base}/widget.js` && (request.method === 'GET' || request.method === 'HEAD')) {
      return new Response(request.method === 'HEAD' ? null : await widget(), {
        headers: {
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': 'public, max-age=300',
          'X-Content-Type-Options': 'nosniff',
          'Cross-Origin-Resource-Policy': 'cross-origin',
        },
      });
    }
    if (url.pathname !== `${base}/chat/match`) return json(404, { error: { code: 'NOT_FOUND', message: 'no such route' } });
    const context = getContext();
    if (!context) return json(503, { error: { code: 'UNAVAILABLE', message: 'the chat server is not started' } });
    const target = await activeChatChannel(context, url.searchParams.get('workspaceId') ?? '', url.searchParams.get('channelId') ?? '');
    const origin = request.headers.get('origin');
    // A disconnected or unknown channel shows nothing: the same empty answer, so ids cannot be probed.
    const cors = target ? corsHeaders(origin, target.config.allowedOrigins) : { Vary: 'Origin' };
    if (target && (origin === null || !isAllowedOrigin(origin, target.config.allowedOrigins))) {
      return json(403, { error: { code: 'FORBIDDEN', message: 'this origin may not embed the chat' } }, cors);
    }
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: cors });
    if (request.method !== 'POST') return json(405, { error: { code: 'METHOD', message: 'use POST' } }, { ...cors, Allow: 'POST, OPTIONS' });
    if (!target) return json(200, { chatflow: null, triggers: [], availability: null, profile: null }, cors);
    let body;
    try {
      body = matchBody.safeParse(await readJson(request));
    } catch {
      return json(400, { error: { code: 'VALIDATION', message: 'the body must be JSON of at most 16 KB' } }, cors);
    }
    if (!body.success) {
      const fields = body.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
      return json(400, { error: { code: 'VALIDATION', message: `invalid match request: ${fields}` } }, cors);
    }
    try {
      return json(200, await matchForWidget(context, target, body.data, request), cors);
    } catch (error) {
      if (InboxKitError.isInstance(error) && error.code === 'NOT_FOUND') return json(200, { chatflow: null, triggers: [], availability: null, profile: null }, cors);
      context.logger.error('chat match failed', { channelId: target.channel.id, error: InboxKitError.isInstance(error) ? error.code : String(error) });
      return json(500, { error: { code: 'INTERNAL', message: 'the chat server failed' } }, cors);
    }
  };
}
