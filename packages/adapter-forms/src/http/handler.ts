import { ChannelError, InboxKitError, type ChannelContext } from '@inboxkit/core';
import type { ParsedFormsOptions } from '../options.js';
import { issueFillToken } from '../spam/fill-token.js';
import { signingSecret } from '../spam/signing-secret.js';
import { rateLimiter } from '../spam/rate-limiter.js';
import { submit } from '../submission/submit.js';
import { corsFor, preflight } from './cors.js';
import { HttpError } from './http-error.js';
import { errorResponse, json } from './respond.js';

/** A fetch-style request handler. */
export type FormsHandler = (request: Request) => Promise<Response>;

const METHODS = { submissions: 'POST', token: 'GET' } as const;

/** The form id and endpoint of a path under `basePath`, or `null`. Ids are matched as they are: nothing is decoded. */
function route(pathname: string, basePath: string): { formId: string; endpoint: keyof typeof METHODS } | null {
  if (!pathname.startsWith(`${basePath}/`)) return null;
  const match = /^([A-Za-z0-9_-]{1,200})\/(submissions|token)\/?$/.exec(pathname.slice(basePath.length + 1));
  return match ? { formId: match[1]!, endpoint: match[2] as keyof typeof METHODS } : null;
}

/** Kit errors that reach the handler: bad data is the client's (400), a stopped channel is temporary (503). */
function fromKitError(error: InboxKitError): HttpError {
  if (error.code === 'VALIDATION') return new HttpError(400, 'VALIDATION', error.message);
  if (error.code === 'NOT_FOUND') return new HttpError(404, 'NOT_FOUND', 'no such form');
  if (ChannelError.isInstance(error) || error.retryable) return new HttpError(503, 'UNAVAILABLE', 'submissions are not accepted right now; try again later');
  return new HttpError(500, 'INTERNAL', 'the submission could not be stored');
}

/**
 * Builds the handler: `POST {basePath}/:formId/submissions`, `GET {basePath}/:formId/token`,
 * and `OPTIONS` preflights for both. `context()` is the kit's channel context once started.
 */
export function createFormsHandler(options: ParsedFormsOptions, context: () => ChannelContext | null): FormsHandler {
  const perIp = rateLimiter();
  const perForm = rateLimiter();

  async function handle(request: Request, headers: Record<string, string>): Promise<Response> {
    const target = route(new URL(request.url).pathname, options.basePath);
    if (!target) throw new HttpError(404, 'NOT_FOUND', 'no such endpoint');
    const method = METHODS[target.endpoint];
    if (request.method !== method && request.method !== 'OPTIONS') {
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', `use ${method}`, { headers: { allow: `${method}, OPTIONS` } });
    }
    const ctx = context();
    if (!ctx) throw new HttpError(503, 'UNAVAILABLE', 'the inbox is not started');
    const form = await ctx.forms.find(target.formId);
    if (!form) throw new HttpError(404, 'NOT_FOUND', 'no such form');
    const cors = corsFor(form, request);
    Object.assign(headers, cors.headers);
    if (request.method === 'OPTIONS') return preflight(cors, method, request);
    if (!cors.allowed) throw new HttpError(403, 'FORBIDDEN', 'this origin may not post this form');
    const channel = await ctx.forms.channel(form);
    if (!channel) throw new HttpError(503, 'UNAVAILABLE', 'this form does not accept submissions right now');
    if (target.endpoint === 'token') {
      const now = ctx.clock.now();
      const token = issueFillToken(await signingSecret(ctx, options, channel), form.id, now);
      return json(200, { token, minFillMs: options.minFillMs, expiresAt: now + options.tokenMaxAgeMs }, headers);
    }
    const result = await submit({ options, context: ctx, perIp, perForm }, form, channel, request);
    return json(result.duplicate ? 200 : 201, { submissionId: result.submissionId }, headers);
  }

  return async (request) => {
    const headers: Record<string, string> = {};
    try {
      return await handle(request, headers);
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error, headers);
      if (InboxKitError.isInstance(error)) return errorResponse(fromKitError(error), headers);
      context()?.logger.error('forms handler failed', { error: error instanceof Error ? error.name : 'unknown' });
      return errorResponse(new HttpError(500, 'INTERNAL', 'the submission could not be stored'), headers);
    }
  };
}
