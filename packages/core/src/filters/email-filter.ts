import { z } from 'zod';
import { idSchema, timestampSchema } from '../domain/common.js';

/**
 * `example.com`, or `*.example.com` for the domain and all its subdomains. Stored lower-case.
 * Host-name syntax: at least two labels of letters, digits and inner hyphens, 63 characters
 * each at most, 253 in all.
 */
const domainPattern = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/^@/, ''))
  .pipe(
    z
      .string()
      .regex(
        /^(\*\.)?(?=[^*]{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
        'expected a domain like example.com or *.example.com',
      ),
  );

/** What a filter does with the mail it matches. */
export const filterActionSchema = z.enum(['drop', 'spam', 'allow']);
/** `drop`: never stored (only recorded); `spam`: kept in the spam view; `allow`: never filtered. */
export type FilterAction = z.infer<typeof filterActionSchema>;

/**
 * Input of `filters.create`. A message matches when ANY of the listed senders, domains or
 * subject patterns does. An `allow` filter is the inbox's allow list: mail from its senders or
 * domains is never dropped or marked spam, whatever the other filters say; it matches by
 * sender only (`subjectPatterns` are refused: a subject says nothing about who sent it).
 */
export const createFilterInput = z
  .object({
    /** The inbox whose inbound mail the filter screens. */
    inboxId: idSchema,
    /** Sender addresses, matched exactly (case-insensitive). */
    senders: z.array(z.email().transform((e) => e.trim().toLowerCase())).max(1000).default([]),
    /** Sender domains; `*.example.com` also matches `example.com` and every subdomain. */
    domains: z.array(domainPattern).max(1000).default([]),
    /** Subject patterns, case-insensitive: the subject contains the text, `*` standing for any run of characters. */
    subjectPatterns: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
    /** `drop`: never stored (only recorded); `spam`: kept in the spam view, where a user can release it; `allow`: never filtered. */
    action: filterActionSchema,
  })
  .refine((f) => f.senders.length + f.domains.length + f.subjectPatterns.length > 0, {
    message: 'give at least one sender, domain or subject pattern',
    path: ['senders'],
  })
  .refine((f) => f.action !== 'allow' || f.subjectPatterns.length === 0, {
    message: 'an allow filter matches senders and domains only',
    path: ['subjectPatterns'],
  });
/** Input of `filters.create`. */
export type CreateFilterInput = z.input<typeof createFilterInput>;

/** An email filter of an inbox. */
export const emailFilterSchema = z.strictObject({
  id: idSchema,
  workspaceId: idSchema,
  inboxId: idSchema,
  senders: z.array(z.string()),
  domains: z.array(z.string()),
  subjectPatterns: z.array(z.string()),
  action: filterActionSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** An email filter of an inbox. */
export type EmailFilter = z.infer<typeof emailFilterSchema>;

/** Query of `filters.list`. */
export const listFiltersInput = z.strictObject({ inboxId: idSchema.optional() }).default({});
/** Query of `filters.list`. */
export type ListFiltersInput = z.input<typeof listFiltersInput>;
