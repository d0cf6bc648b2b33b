import { z } from 'zod';
import { compileSafeRegex } from '../safe-regex/index.js';
import { normalizeUrlValue } from './url.js';

/** Operators of URL conditions (DESIGN.md "Targeting rules"). */
export const URL_OPERATORS = ['is', 'isNot', 'contains', 'notContains', 'startsWith', 'endsWith', 'matchesRegex'] as const;
/** A URL operator. */
export type UrlOperator = (typeof URL_OPERATORS)[number];

/** Operators of query-parameter and contact-property conditions: the URL ones plus presence. */
export const TEXT_OPERATORS = [...URL_OPERATORS, 'present', 'absent'] as const;
/** An operator on a text value. */
export type TextOperator = (typeof TEXT_OPERATORS)[number];

/** Device classes a chatflow can target. */
export const DEVICE_TYPES = ['desktop', 'mobile', 'tablet'] as const;

const MAX_VALUE = 2000;
const value = z.string().min(1, 'value must not be empty').max(MAX_VALUE);

/** Adds the issue of a `matchesRegex` pattern the safe engine refuses, at `value`. */
function checkPattern(op: string, pattern: string | undefined, ctx: z.RefinementCtx): void {
  if (op !== 'matchesRegex' || pattern === undefined) return;
  const result = compileSafeRegex(pattern);
  if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message, path: ['value'] });
}

/** A condition on the page URL (normalized; without query and fragment). */
export const urlConditionSchema = z
  .object({ on: z.literal('url'), op: z.enum(URL_OPERATORS), value })
  .superRefine((c, ctx) => {
    if (c.op === 'matchesRegex') return checkPattern(c.op, c.value, ctx);
    const whole = c.op === 'is' || c.op === 'isNot' || c.op === 'startsWith';
    const normalized = whole ? normalizeUrlValue(c.value, c.op === 'startsWith') : null;
    if (normalized && 'error' in normalized) ctx.addIssue({ code: 'custom', message: normalized.error, path: ['value'] });
    else if (/[?#]/.test(c.value)) {
      ctx.addIssue({ code: 'custom', message: 'URL conditions ignore the query and fragment; use a query condition instead', path: ['value'] });
    }
  });
/** A condition on the page URL. */
export type UrlCondition = z.infer<typeof urlConditionSchema>;

/** `value` is required by every text operator except `present`/`absent`, which take none. */
function checkTextValue(c: { op: TextOperator; value?: string | undefined }, ctx: z.RefinementCtx): void {
  const presence = c.op === 'present' || c.op === 'absent';
  if (presence && c.value !== undefined) ctx.addIssue({ code: 'custom', message: `"${c.op}" takes no value`, path: ['value'] });
  if (!presence && c.value === undefined) ctx.addIssue({ code: 'custom', message: `"${c.op}" needs a value`, path: ['value'] });
  checkPattern(c.op, c.value, ctx);
}

/** A condition on a query parameter of the page URL (values decoded; any value may satisfy it). */
export const queryConditionSchema = z
  .object({ on: z.literal('query'), name: z.string().min(1).max(200), op: z.enum(TEXT_OPERATORS), value: value.optional() })
  .superRefine(checkTextValue);
/** A condition on a query parameter. */
export type QueryCondition = z.infer<typeof queryConditionSchema>;

const visitorConditionSchema = z.discriminatedUnion('property', [
  z.strictObject({ on: z.literal('visitor'), property: z.literal('contact'), op: z.enum(['known', 'unknown']) }),
  z
    .object({
      on: z.literal('visitor'),
      property: z.literal('contactProperty'),
      /** A key of the contact's `properties`, or `email`, `name`, `phone` for its own fields. */
      name: z.string().min(1).max(200),
      op: z.enum(TEXT_OPERATORS),
      value: value.optional(),
    })
    .superRefine(checkTextValue),
  z.strictObject({
    on: z.literal('visitor'),
    property: z.literal('language'),
    /** `is`/`isNot`: the preferred language; `accepts`/`notAccepts`: any accepted language. */
    op: z.enum(['is', 'isNot', 'accepts', 'notAccepts']),
    value: z
      .string()
      .regex(/^([A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*|\*)$/, 'expected a language tag such as "fr" or "pt-BR"')
      .transform((tag) => tag.toLowerCase()),
  }),
  z.strictObject({ on: z.literal('visitor'), property: z.literal('device'), op: z.enum(['is', 'isNot']), value: z.enum(DEVICE_TYPES) }),
]);
/** A condition on the visitor: known contact, contact property, language or device. */
export type VisitorCondition = z.infer<typeof visitorConditionSchema>;

/** One targeting condition, discriminated by `on`. */
export const conditionSchema = z.discriminatedUnion('on', [urlConditionSchema, queryConditionSchema, visitorConditionSchema]);
/** One targeting condition. */
export type Condition = z.infer<typeof conditionSchema>;

/** Conditions that must all hold (AND). */
export const conditionGroupSchema = z.array(conditionSchema).min(1, 'a group needs at least one condition').max(20);

/**
 * The total weight (`patternWeight`: states per input character) of a chatflow's
 * `matchesRegex` patterns. Every input a condition reads is at most `MAX_URL_LENGTH`
 * characters (URLs, query values) or cut to it (contact values), so one `match` of a chatflow
 * costs at most this × 8192 state visits for its patterns, whatever they are (measured in
 * `bench/targeting-worst-case.bench.ts`). Patterns beyond it are refused at save.
 */
export const MAX_TARGETING_PATTERN_WEIGHT = 400;

/**
 * The first condition at which a targeting's patterns exceed `MAX_TARGETING_PATTERN_WEIGHT`
 * together, as a path (`['include', 0, 3, 'value']`) and message; `null` when within budget.
 */
export function patternBudgetIssue(targeting: { include: Condition[][]; exclude: Condition[][] }): { path: Array<string | number>; message: string } | null {
  let total = 0;
  for (const kind of ['include', 'exclude'] as const) {
    for (const [g, group] of targeting[kind].entries()) {
      for (const [i, c] of group.entries()) {
        if (c.op !== 'matchesRegex' || c.value === undefined) continue;
        const compiled = compileSafeRegex(c.value);
        if (!compiled.ok) continue; // reported by the condition itself
        total += compiled.weight;
        if (total <= MAX_TARGETING_PATTERN_WEIGHT) continue;
        return {
          path: [kind, g, i, 'value'],
          message: `the chatflow's patterns are too costly together (weight ${total} so far, limit ${MAX_TARGETING_PATTERN_WEIGHT}; a counted repeat such as {0,500} weighs its count): simplify or remove patterns`,
        };
      }
    }
  }
  return null;
}

function checkPatternBudget(targeting: { include: Condition[][]; exclude: Condition[][] }, ctx: z.RefinementCtx): void {
  const issue = patternBudgetIssue(targeting);
  if (issue) ctx.addIssue({ code: 'custom', ...issue });
}

/**
 * Where a chatflow shows: on a page where any include group matches (OR of ANDs) and no
 * exclude group does. No include groups means every page. The patterns of all groups share
 * one cost budget (`MAX_TARGETING_PATTERN_WEIGHT`).
 */
export const targetingSchema = z
  .strictObject({
    include: z.array(conditionGroupSchema).max(50).default([]),
    exclude: z.array(conditionGroupSchema).max(50).default([]),
  })
  .superRefine(checkPatternBudget);
/** Where a chatflow shows. */
export type Targeting = z.infer<typeof targetingSchema>;
/** Targeting as written by callers (groups default to none). */
export type TargetingInput = z.input<typeof targetingSchema>;
