import { describe, expect, it } from 'vitest';
import { zodIssues } from '../../errors/parse.js';
import { targetingSchema } from './schema.js';

/** The issues of a targeting whose first include group is `[ok, condition]`, as `path: message`. */
function issuesOf(condition: unknown): string[] {
  const ok = { on: 'url', op: 'contains', value: '/' };
  const result = targetingSchema.safeParse({ include: [[ok, condition]] });
  return result.success ? [] : zodIssues(result.error).map((i) => `${i.path}: ${i.message}`);
}

describe('targeting validation names the field', () => {
  it.each([
    ['unknown operator', { on: 'url', op: 'equals', value: '/a' }, 'include[0][1].op'],
    ['unknown condition kind', { on: 'cookie', op: 'is', value: 'a' }, 'include[0][1].on'],
    ['unknown visitor property', { on: 'visitor', property: 'age', op: 'is', value: '3' }, 'include[0][1].property'],
    ['empty value', { on: 'url', op: 'contains', value: '' }, 'include[0][1].value: value must not be empty'],
    ['invalid regex', { on: 'url', op: 'matchesRegex', value: '(' }, 'include[0][1].value: invalid regular expression'],
    ['catastrophic regex', { on: 'url', op: 'matchesRegex', value: '^(a+)+$' }, 'include[0][1].value: "(a+)+" repeats'],
    ['catastrophic query regex', { on: 'query', name: 'q', op: 'matchesRegex', value: '(x|xy)*' }, 'include[0][1].value: "(x|xy)*" repeats'],
    ['query in a URL value', { on: 'url', op: 'contains', value: '/a?b=1' }, 'include[0][1].value: URL conditions ignore the query'],
    ['bare word for "is"', { on: 'url', op: 'is', value: 'pricing' }, 'include[0][1].value: expected a path'],
    ['missing query value', { on: 'query', name: 'utm', op: 'is' }, 'include[0][1].value: "is" needs a value'],
    ['value on "present"', { on: 'query', name: 'utm', op: 'present', value: 'x' }, 'include[0][1].value: "present" takes no value'],
    ['empty query name', { on: 'query', name: '', op: 'present' }, 'include[0][1].name'],
    ['missing property value', { on: 'visitor', property: 'contactProperty', name: 'plan', op: 'contains' }, 'include[0][1].value: "contains" needs a value'],
    ['contact operator', { on: 'visitor', property: 'contact', op: 'is' }, 'include[0][1].op'],
    ['language tag', { on: 'visitor', property: 'language', op: 'is', value: 'french!' }, 'include[0][1].value: expected a language tag'],
    ['device', { on: 'visitor', property: 'device', op: 'is', value: 'watch' }, 'include[0][1].value'],
  ])('%s', (_case, condition, expected) => {
    expect(issuesOf(condition).join('\n')).toContain(expected);
  });

  it('refuses empty groups in include and exclude', () => {
    const result = targetingSchema.safeParse({ include: [[]], exclude: [[{ on: 'url', op: 'contains', value: '/' }], []] });
    expect(zodIssues(result.error!).map((i) => i.path)).toEqual(['include[0]', 'exclude[1]']);
  });

  it('defaults to no groups (every page) and lower-cases language tags', () => {
    expect(targetingSchema.parse({})).toEqual({ include: [], exclude: [] });
    const parsed = targetingSchema.parse({ include: [[{ on: 'visitor', property: 'language', op: 'is', value: 'pt-BR' }]] });
    expect(parsed.include[0]![0]).toMatchObject({ value: 'pt-br' });
  });

  it.each([
    { on: 'url', op: 'is', value: 'https://acme.com/pricing' },
    { on: 'url', op: 'startsWith', value: 'blog.acme.com' },
    { on: 'url', op: 'endsWith', value: '.pdf' },
    { on: 'url', op: 'matchesRegex', value: '^https://acme\\.com/blog/\\d+' },
    { on: 'query', name: 'utm_source', op: 'absent' },
    { on: 'visitor', property: 'contact', op: 'unknown' },
    { on: 'visitor', property: 'contactProperty', name: 'plan', op: 'isNot', value: 'free' },
    { on: 'visitor', property: 'language', op: 'accepts', value: '*' },
    { on: 'visitor', property: 'device', op: 'isNot', value: 'mobile' },
  ])('accepts %j', (condition) => {
    expect(issuesOf(condition)).toEqual([]);
  });
});
