import { describe, expect, it } from 'vitest';
import type { AnswerValue } from './answers.js';
import { branchTarget, conditionHolds } from './branch.js';
import type { BotState } from './engine.js';
import { branchConditionSchema, botStepSchema, type BotStep } from './schema.js';

const holds = (op: string, value: AnswerValue | undefined, actual: AnswerValue | null) =>
  conditionHolds(branchConditionSchema.parse({ source: 'answer', stepId: 'q', op, ...(value === undefined ? {} : { value }) }), actual);

describe('branch operators', () => {
  it.each([
    ['is', 'Yes', 'yes', true],
    ['is', 'yes', ' YES ', true],
    ['is', 'yes', 'no', false],
    ['is', 42, '42', true],
    ['is', 42, 42, true],
    ['is', 42, '42.0', true],
    ['is', 42, 'forty-two', false],
    ['isNot', 'yes', 'no', true],
    ['isNot', 'yes', null, true],
    ['is', 'yes', null, false],
    ['contains', 'acme', 'ann@ACME.com', true],
    ['notContains', 'acme', 'ann@x.io', true],
    ['notContains', 'acme', null, true],
    ['gt', 10, 11, true],
    ['gt', 10, 10, false],
    ['gte', 10, '10', true],
    ['lt', 10, 9.5, true],
    ['lte', 10, 11, false],
    ['gt', 10, 'lots', false],
    ['gt', 10, '', false],
    ['lt', 10, null, false],
    ['present', undefined, 'x', true],
    ['present', undefined, null, false],
    ['absent', undefined, null, true],
  ] as const)('%s %j on %j → %s', (op, value, actual, expected) => {
    expect(holds(op, value, actual)).toBe(expected);
  });
});

describe('branchTarget', () => {
  const step = botStepSchema.parse({
    id: 'route',
    type: 'branch',
    branches: [
      { when: [{ source: 'answer', stepId: 'size', op: 'gte', value: 50 }, { source: 'contact', property: 'country', op: 'is', value: 'NO' }], next: 'sales-no' },
      { when: [{ source: 'answer', stepId: 'size', op: 'gte', value: 50 }], next: 'sales' },
    ],
    otherwise: 'self-serve',
  }) as Extract<BotStep, { type: 'branch' }>;
  const state = (size: number | null, properties: Record<string, AnswerValue> = {}): BotState => ({
    status: 'waiting',
    stepId: 'size',
    answers: size === null ? {} : { size },
    properties,
  });
  const contact = { email: null, name: null, phone: null, properties: { country: 'NO' } };

  it.each([
    ['all conditions of the first branch', state(80), contact, 'sales-no'],
    ['the next branch when one condition fails', state(80), null, 'sales'],
    ['a value this session set over the stored contact', state(80, { country: 'SE' }), contact, 'sales'],
    ['otherwise when no branch holds', state(5), contact, 'self-serve'],
    ['otherwise when the answer is missing', state(null), contact, 'self-serve'],
  ])('takes %s', (_case, s, c, expected) => {
    expect(branchTarget(step, s, c)).toBe(expected);
  });
});
