import { contactValue, type ContactFacts } from '../targeting/visitor.js';
import type { AnswerValue } from './answers.js';
import type { BotState } from './engine.js';
import type { BotStep, BranchCondition } from './schema.js';

const text = (v: AnswerValue) => String(v).trim().toLowerCase();

/** Numbers as typed answers or contact values hold them (`"42"` counts); `null` when not a number. */
function asNumber(v: AnswerValue): number | null {
  if (typeof v === 'number') return v;
  const trimmed = v.trim();
  const n = trimmed === '' ? NaN : Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

const COMPARE = {
  gt: (a: number, b: number) => a > b,
  gte: (a: number, b: number) => a >= b,
  lt: (a: number, b: number) => a < b,
  lte: (a: number, b: number) => a <= b,
};

/** `is` compares numbers as numbers when the condition's value is a number, text case-insensitively otherwise. */
function equals(actual: AnswerValue, expected: AnswerValue): boolean {
  return typeof expected === 'number' ? asNumber(actual) === expected : text(actual) === text(expected);
}

/**
 * Evaluates a branch condition. A missing value satisfies only `absent` and the negative
 * operators (`isNot`, `notContains`); comparisons need a numeric value.
 */
export function conditionHolds(c: BranchCondition, actual: AnswerValue | null): boolean {
  if (c.op === 'present' || c.op === 'absent') return (actual !== null) === (c.op === 'present');
  const expected = c.value!;
  switch (c.op) {
    case 'is':
    case 'isNot':
      return (actual !== null && equals(actual, expected)) === (c.op === 'is');
    case 'contains':
    case 'notContains':
      return (actual !== null && text(actual).includes(text(expected))) === (c.op === 'contains');
    default: {
      const n = actual === null ? null : asNumber(actual);
      return n !== null && COMPARE[c.op](n, expected as number);
    }
  }
}

/** The value a condition reads: an earlier answer, or a contact value (this session's first). */
function valueOf(c: BranchCondition, state: BotState, contact: ContactFacts | null): AnswerValue | null {
  const own = (record: Record<string, AnswerValue>, key: string) => (Object.hasOwn(record, key) ? record[key]! : null);
  if (c.source === 'answer') return own(state.answers, c.stepId);
  return own(state.properties, c.property) ?? contactValue(contact, c.property);
}

/** The step a branch goes to: the first branch whose conditions all hold, else `otherwise`. */
export function branchTarget(step: Extract<BotStep, { type: 'branch' }>, state: BotState, contact: ContactFacts | null): string {
  const taken = step.branches.find((b) => b.when.every((c) => conditionHolds(c, valueOf(c, state, contact))));
  return taken ? taken.next : step.otherwise;
}
