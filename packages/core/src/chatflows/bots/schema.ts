import { z } from 'zod';
import { compileSafeRegex } from '../safe-regex/index.js';
import { userOrTeamSchema } from '../user-or-team.js';
import { botGraphIssues } from './graph.js';

/** A bot step id: referenced by `next`, branch targets and answer conditions. */
export const stepIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'step ids are 1–64 letters, digits, "_" or "-"');

const text = z.string().trim().min(1).max(2000);
/** Replaces the validator's default re-ask message. */
const reaskMessage = z.string().trim().min(1).max(500).optional();

/** How a question checks an answer; an invalid answer is re-asked with `message` (or a default). */
export const answerValidatorSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), maxLength: z.number().int().min(1).max(5000).default(1000), message: reaskMessage }),
  z.strictObject({ type: z.literal('email'), message: reaskMessage }),
  z.strictObject({ type: z.literal('phone'), message: reaskMessage }),
  z
    .object({ type: z.literal('number'), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().default(false), message: reaskMessage })
    .refine((v) => v.min === undefined || v.max === undefined || v.min <= v.max, { message: 'max must not be below min', path: ['max'] }),
  z
    .object({
      type: z.literal('options'),
      /** Shown as quick replies; an answer matches a label or value, ignoring case. `value` defaults to the label. */
      options: z.array(z.strictObject({ label: z.string().trim().min(1).max(100), value: z.string().trim().min(1).max(200).optional() })).min(1).max(20),
      message: reaskMessage,
    })
    .refine((v) => new Set(v.options.map((o) => o.label.toLowerCase())).size === v.options.length, {
      message: 'option labels must be unique',
      path: ['options'],
    }),
  z.strictObject({ type: z.literal('regex'), pattern: z.string().min(1), message: reaskMessage }).superRefine((v, ctx) => {
    const result = compileSafeRegex(v.pattern);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message, path: ['pattern'] });
  }),
]);
/** How a question checks an answer. */
export type AnswerValidator = z.infer<typeof answerValidatorSchema>;

/** Operators of branch conditions. Comparisons (`gt`…) need a number value; presence takes none. */
export const BRANCH_OPERATORS = ['is', 'isNot', 'contains', 'notContains', 'gt', 'gte', 'lt', 'lte', 'present', 'absent'] as const;
/** A branch operator. */
export type BranchOperator = (typeof BRANCH_OPERATORS)[number];

function checkBranchValue(c: { op: BranchOperator; value?: string | number | undefined }, ctx: z.RefinementCtx): void {
  const presence = c.op === 'present' || c.op === 'absent';
  const comparison = c.op === 'gt' || c.op === 'gte' || c.op === 'lt' || c.op === 'lte';
  const problem =
    presence && c.value !== undefined ? `"${c.op}" takes no value`
    : !presence && c.value === undefined ? `"${c.op}" needs a value`
    : comparison && typeof c.value !== 'number' ? `"${c.op}" compares with a number`
    : null;
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['value'] });
}

const branchValue = z.union([z.string().max(500), z.number()]).optional();

/** A condition of a branch: on an earlier question's answer, or on a contact value. */
export const branchConditionSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('answer'), stepId: stepIdSchema, op: z.enum(BRANCH_OPERATORS), value: branchValue }).superRefine(checkBranchValue),
  z
    .object({
      source: z.literal('contact'),
      /** A key of the contact's `properties`, or `email`, `name`, `phone` for its own fields. */
      property: z.string().min(1).max(200),
      op: z.enum(BRANCH_OPERATORS),
      value: branchValue,
    })
    .superRefine(checkBranchValue),
]);
/** A condition of a branch. */
export type BranchCondition = z.infer<typeof branchConditionSchema>;

/** One step of a bot, discriminated by `type`. */
export const botStepSchema = z.discriminatedUnion('type', [
  z.strictObject({ id: stepIdSchema, type: z.literal('message'), text, next: stepIdSchema }),
  z.strictObject({
    id: stepIdSchema,
    type: z.literal('question'),
    text,
    validation: answerValidatorSchema.default({ type: 'text', maxLength: 1000 }),
    /** Saves the answer on the contact: a `properties` key, or `email`, `name`, `phone`. */
    setContactProperty: z.string().min(1).max(200).nullable().default(null),
    next: stepIdSchema,
  }),
  z.strictObject({
    id: stepIdSchema,
    type: z.literal('branch'),
    /** Tried in order; the first whose conditions all hold decides. */
    branches: z.array(z.strictObject({ when: z.array(branchConditionSchema).min(1).max(10), next: stepIdSchema })).min(1).max(20),
    otherwise: stepIdSchema,
  }),
  z.strictObject({
    id: stepIdSchema,
    type: z.literal('handoff'),
    text: text.nullable().default(null),
    /** Who takes over; `null` lets the channel's routing rule decide. */
    to: userOrTeamSchema.nullable().default(null),
  }),
  z.strictObject({ id: stepIdSchema, type: z.literal('end'), text: text.nullable().default(null) }),
]);
/** One step of a bot. */
export type BotStep = z.infer<typeof botStepSchema>;

/**
 * A bot: steps as data, the first one is where a session starts. Checked as a graph when saved
 * (see `validateBotGraph`): every `next` exists, every step is reachable and can reach an end or
 * a handoff, and every loop contains a question (so the bot always waits for the visitor).
 */
export const botDefinitionSchema = z.strictObject({ steps: z.array(botStepSchema).min(1).max(200) }).superRefine((bot, ctx) => {
  for (const issue of botGraphIssues(bot.steps)) ctx.addIssue({ code: 'custom', message: issue.message, path: ['steps', ...issue.path] });
});
/** A bot definition. */
export type BotDefinition = z.infer<typeof botDefinitionSchema>;
/** A bot definition as written by callers (defaults may be omitted). */
export type BotDefinitionInput = z.input<typeof botDefinitionSchema>;
