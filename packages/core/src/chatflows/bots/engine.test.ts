import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors/validation-error.js';
import { startBot, stepBot, type BotState, type BotStepResult } from './engine.js';
import type { BotDefinitionInput } from './schema.js';

const at = { now: 1_000 };

/** A lead-qualification bot: asks, saves on the contact, branches on answers and hands off. */
const leadBot: BotDefinitionInput = {
  steps: [
    { id: 'hi', type: 'message', text: 'Hi! A few questions to route you.', next: 'email' },
    { id: 'email', type: 'question', text: 'Your work email?', validation: { type: 'email' }, setContactProperty: 'email', next: 'size' },
    {
      id: 'size',
      type: 'question',
      text: 'How many people on your team?',
      validation: { type: 'number', min: 1, max: 100_000, integer: true, message: 'A whole number of people, please.' },
      setContactProperty: 'teamSize',
      next: 'route',
    },
    {
      id: 'route',
      type: 'branch',
      branches: [
        { when: [{ source: 'answer', stepId: 'size', op: 'gte', value: 50 }], next: 'sales' },
        { when: [{ source: 'contact', property: 'plan', op: 'is', value: 'pro' }], next: 'support' },
      ],
      otherwise: 'docs',
    },
    { id: 'sales', type: 'handoff', text: 'Connecting you with sales.', to: { teamId: 'team_sales' } },
    { id: 'support', type: 'handoff', to: null },
    { id: 'docs', type: 'end', text: 'Our docs will get you started.' },
  ],
};

/** Drives a session through answers, returning every result. */
function run(definition: BotDefinitionInput, answers: string[], context = at): BotStepResult[] {
  const results = [startBot(definition, context)];
  for (const text of answers) results.push(stepBot(definition, results.at(-1)!.state, { text }, context));
  return results;
}

describe('lead-qualification bot', () => {
  it('qualifies a large team and hands off to the sales team, recording every transition', () => {
    const results = run(leadBot, ['Ann@Acme.com', '120']);
    const [start, afterEmail, afterSize] = results;
    expect(start!.messages.map((m) => m.text)).toEqual(['Hi! A few questions to route you.', 'Your work email?']);
    expect(start!.state).toEqual({ status: 'waiting', stepId: 'email', answers: {}, properties: {} });
    expect(afterEmail!.actions).toEqual([{ type: 'setContactProperty', name: 'email', value: 'ann@acme.com' }]);
    expect(afterSize!.actions).toEqual([
      { type: 'setContactProperty', name: 'teamSize', value: 120 },
      { type: 'handoff', to: { teamId: 'team_sales' } },
    ]);
    expect(afterSize!.messages.map((m) => m.text)).toEqual(['Connecting you with sales.']);
    expect(afterSize!.state).toEqual({
      status: 'handed-off',
      stepId: 'sales',
      answers: { email: 'ann@acme.com', size: 120 },
      properties: { email: 'ann@acme.com', teamSize: 120 },
    });
    expect(results.flatMap((r) => r.transitions.map((t) => `${t.from}→${t.to} (${t.via})`))).toEqual([
      'null→hi (start)',
      'hi→email (next)',
      'email→size (answer)',
      'size→route (answer)',
      'route→sales (branch)',
      'sales→null (handoff)',
    ]);
  });

  it.each([
    ['a small team of a pro contact goes to support through routing', { plan: 'pro' }, ['support', 'handed-off', [{ type: 'handoff', to: null }]]],
    ['a small team otherwise ends with the docs', { plan: 'free' }, ['docs', 'completed', [{ type: 'end' }]]],
  ] as const)('%s', (_case, properties, [stepId, status, actions]) => {
    const context = { now: 1, contact: { email: null, name: null, phone: null, properties } };
    const last = run(leadBot, ['ann@acme.com', '3'], context).at(-1)!;
    expect(last.state).toMatchObject({ stepId, status });
    expect(last.actions.filter((a) => a.type !== 'setContactProperty')).toEqual(actions);
  });

  it('re-asks an invalid answer with the validator message and stays on the question', () => {
    const [, , reask] = run(leadBot, ['ann@acme.com', 'a dozen']);
    expect(reask!.messages).toEqual([
      { stepId: 'size', text: 'A whole number of people, please.', quickReplies: [] },
      { stepId: 'size', text: 'How many people on your team?', quickReplies: [] },
    ]);
    expect(reask!.state).toMatchObject({ status: 'waiting', stepId: 'size', answers: { email: 'ann@acme.com' } });
    expect(reask!.transitions).toEqual([{ at: 1_000, from: 'size', to: 'size', via: 'reask' }]);
    expect(reask!.actions).toEqual([]);
  });
});

describe('step types', () => {
  it('offers the options of a question as quick replies', () => {
    const bot: BotDefinitionInput = {
      steps: [
        { id: 'q', type: 'question', text: 'Plan?', validation: { type: 'options', options: [{ label: 'Free' }, { label: 'Pro' }] }, next: 'e' },
        { id: 'e', type: 'end' },
      ],
    };
    expect(startBot(bot, at).messages).toEqual([{ stepId: 'q', text: 'Plan?', quickReplies: ['Free', 'Pro'] }]);
    expect(stepBot(bot, startBot(bot, at).state, { text: 'pro' }, at).state.answers).toEqual({ q: 'Pro' });
  });

  it('ends at once a bot with only an end step, sending nothing without text', () => {
    expect(startBot({ steps: [{ id: 'e', type: 'end' }] }, at)).toEqual({
      state: { status: 'completed', stepId: 'e', answers: {}, properties: {} },
      messages: [],
      actions: [{ type: 'end' }],
      transitions: [
        { at: 1_000, from: null, to: 'e', via: 'start' },
        { at: 1_000, from: 'e', to: null, via: 'end' },
      ],
    });
  });

  it('branches on a contact value from the context', () => {
    const bot: BotDefinitionInput = {
      steps: [
        { id: 'b', type: 'branch', branches: [{ when: [{ source: 'contact', property: 'email', op: 'present' }], next: 'known' }], otherwise: 'anon' },
        { id: 'known', type: 'handoff', to: { userId: 'usr_1' } },
        { id: 'anon', type: 'end' },
      ],
    };
    const contact = { email: 'ann@acme.com', name: null, phone: null, properties: {} };
    expect(startBot(bot, { now: 0, contact }).state.stepId).toBe('known');
    expect(startBot(bot, { now: 0 }).state.stepId).toBe('anon');
  });
});

describe('sessions', () => {
  const finished = run(leadBot, ['ann@acme.com', '3']).at(-1)!.state;

  it('ignores input once the session is over', () => {
    expect(stepBot(leadBot, finished, { text: 'hello?' }, at)).toEqual({ state: finished, messages: [], actions: [], transitions: [] });
  });

  it('hands off through routing when the awaited question was removed from the bot', () => {
    const stale: BotState = { status: 'waiting', stepId: 'deleted-question', answers: {}, properties: {} };
    const result = stepBot(leadBot, stale, { text: 'x' }, at);
    expect(result.state.status).toBe('handed-off');
    expect(result.actions).toEqual([{ type: 'handoff', to: null }]);
    expect(result.transitions).toEqual([{ at: 1_000, from: 'deleted-question', to: null, via: 'handoff' }]);
  });

  it('is pure: same inputs give the same outputs and the given state is not changed', () => {
    const state = startBot(leadBot, at).state;
    const snapshot = structuredClone(state);
    const first = stepBot(leadBot, state, { text: 'ann@acme.com' }, at);
    expect(stepBot(leadBot, state, { text: 'ann@acme.com' }, at)).toEqual(first);
    expect(state).toEqual(snapshot);
    expect(JSON.parse(JSON.stringify(first.state))).toEqual(first.state);
  });

  it.each([
    ['an invalid definition', () => startBot({ steps: [{ id: 'a', type: 'message', text: 'hi', next: 'gone' }] }, at), 'steps[0].next'],
    ['a malformed state', () => stepBot(leadBot, { status: 'asleep' } as unknown as BotState, { text: 'x' }, at), 'status'],
    ['a malformed input', () => stepBot(leadBot, finished, { text: 42 } as unknown as { text: string }, at), 'text'],
  ])('throws VALIDATION for %s', (_case, call, path) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(ValidationError.isInstance(error) && error.issues.map((i) => i.path)).toContain(path);
  });
});

describe('validation once per definition', () => {
  it('validates a definition object on first use; later steps reuse that snapshot', () => {
    const definition = structuredClone(leadBot) as { steps: Array<Record<string, unknown>> };
    const first = startBot(definition as BotDefinitionInput, at);
    // Breaking the object afterwards changes nothing: steps no longer re-validate it.
    definition.steps[1]!.validation = { type: 'no-such-validator' };
    const next = stepBot(definition as BotDefinitionInput, first.state, { text: 'kari@acme.test' }, at);
    expect(next.actions).toContainEqual({ type: 'setContactProperty', name: 'email', value: 'kari@acme.test' });
    // A new object is validated, so the broken copy is refused.
    expect(() => startBot(structuredClone(definition) as BotDefinitionInput, at)).toThrow(/bot definition/);
  });
});
