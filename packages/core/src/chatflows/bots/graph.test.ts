import { describe, expect, it } from 'vitest';
import { validateBotGraph } from './validate.js';

const ask = (id: string, next: string) => ({ id, type: 'question', text: `${id}?`, next });
const say = (id: string, next: string) => ({ id, type: 'message', text: id, next });
const end = (id = 'end') => ({ id, type: 'end' });
const branch = (id: string, next: string, otherwise: string, stepId = 'q') => ({
  id,
  type: 'branch',
  branches: [{ when: [{ source: 'answer', stepId, op: 'is', value: 'yes' }], next }],
  otherwise,
});

const issues = (steps: unknown[]) => validateBotGraph({ steps }).map((i) => `${i.path}: ${i.message}`);

describe('validateBotGraph', () => {
  it('accepts a graph that branches, loops through a question and ends or hands off', () => {
    const steps = [say('hi', 'q'), ask('q', 'b'), branch('b', 'bye', 'again'), say('again', 'q'), { id: 'bye', type: 'handoff' }, end('unused-end')];
    // `unused-end` is unreachable: everything else is valid.
    expect(issues(steps)).toEqual(['steps[5]: step "unused-end" cannot be reached from the first step']);
    expect(issues(steps.slice(0, 5))).toEqual([]);
  });

  it.each([
    ['a dangling next', [say('a', 'nowhere'), end()], 'steps[0].next: no step has id "nowhere"'],
    ['a dangling branch target', [ask('q', 'b'), branch('b', 'x', 'end'), end()], 'steps[1].branches[0].next: no step has id "x"'],
    ['a dangling otherwise', [ask('q', 'b'), branch('b', 'end', 'y'), end()], 'steps[1].otherwise: no step has id "y"'],
    ['a duplicate id', [say('a', 'end'), end(), end()], 'steps[2].id: duplicate step id "end"'],
    ['an unreachable step', [say('a', 'end'), end(), say('orphan', 'end')], 'steps[2]: step "orphan" cannot be reached from the first step'],
    ['a step that cannot finish', [ask('q', 'q2'), ask('q2', 'q')], 'steps[0]: no end or handoff step can be reached from step "q"'],
    [
      'a loop without a question',
      [ask('q', 'a'), say('a', 'b'), branch('b', 'a', 'end'), end()],
      'steps[1]: steps "a" → "b" → "a" loop without a question, so the bot would never wait for an answer',
    ],
    ['a message looping on itself', [say('a', 'a'), end()], 'steps[0]: steps "a" → "a" loop without a question'],
    ['an answer condition on a message', [say('q', 'b'), branch('b', 'end', 'end'), end()], 'steps[1].branches[0].when[0].stepId: no question step has id "q"'],
    [
      'an answer condition on a later question',
      [say('m', 'b'), branch('b', 'q', 'q'), ask('q', 'end'), end()],
      'steps[1].branches[0].when[0].stepId: question "q" is never asked before step "b"',
    ],
    ['no steps', [], 'steps: Too small'],
    ['a bad step id', [{ id: 'no spaces', type: 'end' }], 'steps[0].id: step ids are 1–64 letters'],
    ['an unknown step type', [{ id: 'a', type: 'goto' }], 'steps[0].type'],
    ['an unsafe regex validator', [{ ...ask('q', 'end'), validation: { type: 'regex', pattern: '(a+)+' } }, end()], 'steps[0].validation.pattern: "(a+)+" repeats'],
    ['a number range upside down', [{ ...ask('q', 'end'), validation: { type: 'number', min: 5, max: 1 } }, end()], 'steps[0].validation.max: max must not be below min'],
    [
      'duplicate option labels',
      [{ ...ask('q', 'end'), validation: { type: 'options', options: [{ label: 'Yes' }, { label: 'yes' }] } }, end()],
      'steps[0].validation.options: option labels must be unique',
    ],
    [
      'a comparison without a number',
      [ask('q', 'b'), { ...branch('b', 'end', 'end'), branches: [{ when: [{ source: 'answer', stepId: 'q', op: 'gt', value: 'x' }], next: 'end' }] }, end()],
      'steps[1].branches[0].when[0].value: "gt" compares with a number',
    ],
    ['a handoff to neither user nor team', [{ id: 'h', type: 'handoff', to: { queue: 'x' } }], 'steps[0].to: expected { userId } or { teamId }'],
  ])('reports %s', (_case, steps, expected) => {
    expect(issues(steps).join('\n')).toContain(expected);
  });
});
