import { z } from 'zod';
import { parseInput } from '@inboxkit/core';

/** A host callback, checked for being a function when the factory is called. */
const fn = <T extends (...args: never[]) => unknown>(name: string) =>
  z.custom<T>((value) => typeof value === 'function', { message: `${name} must be a function` });

const rateLimitSchema = z.object({
  /** Requests allowed per window. */
  limit: z.number().int().min(1).max(1_000_000),
  /** Window length in ms. */
  windowMs: z.number().int().min(1000).max(24 * 3_600_000),
});
/** A fixed-window rate limit. */
export type RateLimit = z.infer<typeof rateLimitSchema>;

const optionsSchema = z
  .object({
    /**
     * Reference (resolved through the kit's `secrets.resolve`) of the per-kit secret that signs
     * fill-time tokens; a channel's config may name its own (`{ secretRef }`). Required: every
     * form needs a token from `GET /forms/:formId/token` or `forms.issueToken(formId)`.
     */
    secretRef: z.string().min(1).max(500),
    /** Path prefix the handler serves. Default `/forms`. */
    basePath: z
      .string()
      .regex(/^(\/[A-Za-z0-9._~-]+)+$/, 'basePath is a path like /forms (no trailing slash)')
      .default('/forms'),
    /** Largest request body in bytes (files included); larger ones answer 413 unread. Default 8 MiB. */
    maxBodyBytes: z.number().int().min(1024).max(100 * 1024 * 1024).default(8 * 1024 * 1024),
    /** Least time between issuing a token and submitting with it (bots fill forms instantly). Default 3 s. */
    minFillMs: z.number().int().min(0).max(3_600_000).default(3000),
    /** How long a token stays valid. Default 24 h. */
    tokenMaxAgeMs: z.number().int().min(60_000).max(30 * 24 * 3_600_000).default(24 * 3_600_000),
    /** Name of the honeypot field: hidden from people, so a value means a bot. Starts with `_` so it never names a real field. */
    honeypotField: z
      .string()
      .regex(/^_[A-Za-z0-9_]{1,63}$/, 'honeypotField starts with _ and has only letters, digits and _')
      .default('_website'),
    /** Submissions per client IP (all forms together). Default 10 a minute. */
    perIpLimit: rateLimitSchema.default({ limit: 10, windowMs: 60_000 }),
    /** Submissions per form (all clients together). Default 300 a minute. */
    perFormLimit: rateLimitSchema.default({ limit: 300, windowMs: 60_000 }),
    /** Identical submissions (same form, values and visitor) within this window without a `submissionId` count as one. Default 10 min. */
    dedupeWindowMs: z.number().int().min(1000).max(7 * 24 * 3_600_000).default(600_000),
    /**
     * The client's IP for rate limits. Only the host knows its proxies, so this is its call
     * (`remoteAddress(request)` for `toNodeHandler` without a proxy). `null`: one shared bucket.
     */
    clientIp: fn<(request: Request) => string | null | undefined>('clientIp').optional(),
    /** Optional CAPTCHA check, called with the request and the validated values; `false` rejects as spam. */
    verifyCaptcha: fn<(request: Request, values: Record<string, unknown>) => boolean | Promise<boolean>>('verifyCaptcha').optional(),
  })
  .strict();

/** Options of `formsChannel`. */
export type FormsChannelOptions = z.input<typeof optionsSchema>;
/** Options after defaults. */
export type ParsedFormsOptions = z.output<typeof optionsSchema>;

/** Parses the options; a bad one throws `VALIDATION` naming the field. */
export function parseFormsOptions(options: unknown): ParsedFormsOptions {
  return parseInput(optionsSchema, options, 'formsChannel options');
}
