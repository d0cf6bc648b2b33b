import { randomBytes } from 'node:crypto';
import type { Channel, ChannelContext, Form } from '@inboxkit/core';
import { HttpError } from '../http/http-error.js';
import { mediaTypeOf, parseBody, type PostedSubmission } from '../http/parse-body.js';
import { checkDeclaredLength, readBody } from '../http/read-body.js';
import type { ParsedFormsOptions } from '../options.js';
import { checkFillToken } from '../spam/fill-token.js';
import { signingSecret } from '../spam/signing-secret.js';
import type { RateLimiter } from '../spam/rate-limiter.js';
import { parseEnvelope, validateValues, type SubmissionEnvelope } from '../validation/submission-schema.js';
import { derivedSubmissionId } from './submission-id.js';
import { toInbound } from './to-inbound.js';
import { readFiles } from './uploaded-file.js';

/** What the submission pipeline needs from the channel. */
export interface SubmitDeps {
  options: ParsedFormsOptions;
  context: ChannelContext;
  perIp: RateLimiter;
  perForm: RateLimiter;
}

/** The result of an accepted (or silently dropped) submission. */
export interface SubmitResult {
  submissionId: string;
  /** `true` when this was a retry of a submission already stored. */
  duplicate: boolean;
}

const tooMany = (waitMs: number, what: string) =>
  new HttpError(429, 'RATE_LIMITED', `too many submissions ${what}; try again later`, { headers: { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) } });

/** Checks the per-IP, then the per-form limit; `429` with `Retry-After` when one is spent. */
function limit(deps: SubmitDeps, form: Form, request: Request, now: number): void {
  const ip = deps.options.clientIp?.(request) ?? 'unknown';
  const ipWait = deps.perIp.hit(`ip:${ip}`, deps.options.perIpLimit, now);
  if (ipWait > 0) throw tooMany(ipWait, 'from this address');
  const formWait = deps.perForm.hit(`form:${form.id}`, deps.options.perFormLimit, now);
  if (formWait > 0) throw tooMany(formWait, 'to this form');
}

/** A `Referer` stands in for page context a native form post does not send. */
function withReferer(envelope: SubmissionEnvelope, request: Request): SubmissionEnvelope {
  const referer = request.headers.get('referer');
  if (envelope.page || !referer || referer.length > 2000 || !/^https?:\/\//i.test(referer) || !URL.canParse(referer)) return envelope;
  return { ...envelope, page: { url: referer } };
}

/** Counts a spam submission and refuses it (or, for the honeypot, pretends to accept it). */
async function rejectSpam(
  deps: SubmitDeps,
  form: Form,
  channel: Channel,
  posted: PostedSubmission,
  envelope: SubmissionEnvelope,
  now: number,
): Promise<SubmitResult | null> {
  const trap = posted.values[deps.options.honeypotField];
  if (trap !== undefined && trap !== null && trap !== '') {
    await deps.context.forms.countSpam(form.workspaceId, form.id, 'honeypot');
    // A bot learns nothing: the answer looks like a real one, but nothing is stored.
    return { submissionId: `h_${randomBytes(24).toString('base64url').slice(0, 32)}`, duplicate: false };
  }
  const secret = await signingSecret(deps.context, deps.options, channel);
  const problem = checkFillToken(envelope.token, secret, form.id, now, { minFillMs: deps.options.minFillMs, maxAgeMs: deps.options.tokenMaxAgeMs });
  if (problem) {
    await deps.context.forms.countSpam(form.workspaceId, form.id, problem);
    const hint = problem === 'too-fast' ? 'submitted too fast; wait a moment and send again' : 'reload the page to get a fresh form token';
    throw new HttpError(403, 'SPAM', `the submission was refused as spam (${problem}): ${hint}`, { reason: problem });
  }
  return null;
}

/**
 * One submission: content type (415) → declared length (413) → rate limits (429) → body read
 * with a byte counter (413) → parse (400) → honeypot / fill-time token (spam, counted) →
 * validation against the form (400) → CAPTCHA hook → ingest. Every refusal happens before
 * anything is written, and the ingest is one transaction, so there are no partial writes.
 */
export async function submit(deps: SubmitDeps, form: Form, channel: Channel, request: Request): Promise<SubmitResult> {
  const { options, context } = deps;
  const contentType = request.headers.get('content-type') ?? '';
  const media = mediaTypeOf(contentType);
  checkDeclaredLength(request, options.maxBodyBytes);
  const now = context.clock.now();
  limit(deps, form, request, now);
  const posted = await parseBody(await readBody(request, options.maxBodyBytes), media, contentType);
  const envelope = withReferer(parseEnvelope(posted), request);
  const spam = await rejectSpam(deps, form, channel, posted, envelope, now);
  if (spam) return spam;
  const validated = validateValues(form, posted, options.honeypotField);
  if (options.verifyCaptcha && !(await options.verifyCaptcha(request, validated))) {
    await context.forms.countSpam(form.workspaceId, form.id, 'captcha');
    throw new HttpError(403, 'SPAM', 'the submission was refused as spam (captcha)', { reason: 'captcha' });
  }
  const values = await readFiles(validated);
  const submissionId = envelope.submissionId ?? derivedSubmissionId(form, values, envelope.visitorId, now, options.dedupeWindowMs);
  const result = await context.ingest(toInbound(form, submissionId, values, envelope));
  return { submissionId, duplicate: result.duplicate };
}
