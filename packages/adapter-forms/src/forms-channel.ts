import { z } from 'zod';
import { ChannelError, NotFoundError, parseInput, type ChannelAdapter, type ChannelContext } from '@inboxkit/core';
import { createFormsHandler, type FormsHandler } from './http/handler.js';
import { parseFormsOptions, type FormsChannelOptions } from './options.js';
import { issueFillToken } from './spam/fill-token.js';
import { signingSecret } from './spam/signing-secret.js';

/** The forms channel adapter: pass it to `createInboxKit({ channels })` and mount `handler`. */
export interface FormsChannel extends ChannelAdapter {
  /**
   * The fetch-style handler: `POST {basePath}/:formId/submissions` (JSON, urlencoded,
   * multipart) → `201 { submissionId }` (`200` for a retry), `GET {basePath}/:formId/token` →
   * `{ token, minFillMs, expiresAt }`, and CORS preflights. Errors are JSON
   * `{ error: { code, message, fields? } }` with 400, 403, 404, 405, 413, 415, 429 or 503.
   */
  readonly handler: FormsHandler;
  /**
   * A fill-time token for a form, for pages rendered on the server (post it as `_token`, or
   * `token` in JSON). `NOT_FOUND` for an unknown form; `CHANNEL` before `kit.start()`.
   */
  issueToken(formId: string): Promise<string>;
}

// The forms (`ws.forms`) are the configuration; a channel may only bring its own signing secret.
const configSchema = z.strictObject({
  /** Reference of this channel's token-signing secret; default: the kit-wide `secretRef` option. */
  secretRef: z.string().min(1).max(500).optional(),
});

/**
 * Creates the forms channel. Options are validated now (`VALIDATION` naming the field).
 * Submissions arrive on each form's `forms` channel; replies to them go out by email
 * (`capabilities.replyVia: 'email'`) through the inbox's active email channel.
 */
export function formsChannel(options: FormsChannelOptions): FormsChannel {
  const parsed = parseFormsOptions(options);
  let context: ChannelContext | null = null;
  return {
    specificationVersion: 'v1',
    type: 'forms',
    capabilities: { send: false, replyVia: 'email' },
    parseConfig: (config) => parseInput(configSchema, config ?? {}, 'forms channel config'),
    async start(ctx) {
      context = ctx;
    },
    async stop() {
      context = null;
    },
    handler: createFormsHandler(parsed, () => context),
    async issueToken(formId) {
      if (!context) throw new ChannelError('forms', 'the kit is not started (call kit.start())');
      const form = await context.forms.find(formId);
      if (!form) throw new NotFoundError('form', formId);
      const channel = await context.forms.channel(form);
      if (!channel) throw new ChannelError('forms', `the channel of form "${formId}" is disconnected`);
      return issueFillToken(await signingSecret(context, parsed, channel), form.id, context.clock.now());
    },
  };
}
