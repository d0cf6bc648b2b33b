import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors/validation-error.js';
import { parseInput } from '../../errors/parse.js';
import { compileSafeRegex } from '../safe-regex/index.js';
import { compileTargeting } from './compile.js';
import { matchChatflows } from './match.js';
import { MAX_TARGETING_PATTERN_WEIGHT, targetingSchema } from './schema.js';
import { maximalTargeting, worstCaseUrl } from './worst-case.js';

const chatflow = (id: string, priority: number, hostile: boolean, matchAt?: number) => ({
  id,
  name: id,
  priority,
  enabled: true,
  targeting: targetingSchema.parse(maximalTargeting(hostile, { matchAt })),
});

describe('hostile targeting is bounded', () => {
  it('a whole maximal accepted rule set matches an 8 KB URL correctly, every condition evaluated', () => {
    const url = worstCaseUrl();
    expect(url.length).toBeGreaterThan(8_000);
    const compiled = compileTargeting([chatflow('cf_a', 2, true), chatflow('cf_b', 1, true, 49)]);
    const { chatflow: winner, explanation } = matchChatflows(compiled, { url });
    expect(winner?.id).toBe('cf_b');
    expect(explanation.winner).toMatchObject({ chatflowId: 'cf_b', group: 49 });
    const [passed] = explanation.notMatched;
    expect(passed).toMatchObject({ chatflowId: 'cf_a', outcome: 'not-included' });
    // Every include group of cf_a failed on its last condition, the budget-filling pattern first.
    const failures = passed!.outcome === 'not-included' ? passed!.failures : [];
    expect(failures.map((f) => f.check.path)).toEqual(Array.from({ length: 50 }, (_, g) => `targeting.include[${g}][19]`));
    expect(failures[0]!.check.condition).toMatch(/^url matches "\[a-z\]\{0,\d+\}Y"$/);
  });

  it('refuses at save what the budget cannot bound, naming the field', () => {
    const attack = {
      include: Array.from({ length: 50 }, () => Array.from({ length: 20 }, () => ({ on: 'url', op: 'matchesRegex', value: '[a-z]{0,2400}Z' }))),
    };
    const error = (() => {
      try {
        parseInput(targetingSchema, attack, 'targeting');
      } catch (e) {
        return e;
      }
    })();
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues[0]).toMatchObject({ path: 'include[0][0].value', message: expect.stringContaining('too costly') });
  });

  it('counts every pattern of every group against one budget', () => {
    const small = { on: 'url', op: 'matchesRegex', value: '^https://acme\\.com/docs/[a-z-]+$' };
    const compiled = compileSafeRegex(small.value);
    const weight = compiled.ok ? compiled.weight : Infinity;
    expect(weight).toBe(27); // 22 characters, 2 assertions, `[a-z-]+` = 3
    const within = { include: Array.from({ length: Math.floor(MAX_TARGETING_PATTERN_WEIGHT / weight) }, () => [small]) };
    expect(() => targetingSchema.parse(within)).not.toThrow();
    const over = { ...within, exclude: [[small]] };
    const result = targetingSchema.safeParse(over);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['exclude', 0, 0, 'value']);
  });

  it('compileTargeting refuses an over-budget set that skipped the schema', () => {
    const unchecked = { id: 'cf', name: 'cf', priority: 0, enabled: true, targeting: { include: [[{ on: 'url' as const, op: 'matchesRegex' as const, value: '[a-z]{0,2400}Z' }]], exclude: [] } };
    expect(() => compileTargeting([unchecked])).toThrow(/too costly/);
  });
});
