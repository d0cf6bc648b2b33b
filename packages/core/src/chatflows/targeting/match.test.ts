import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTargeting, type TargetedChatflow } from './compile.js';
import { matchChatflows } from './match.js';
import { targetingSchema, type TargetingInput, type UrlOperator } from './schema.js';

type Flow = TargetedChatflow;

function flow(id: string, priority: number, targeting: TargetingInput, enabled = true): Flow {
  return { id, name: id.toUpperCase(), priority, enabled, targeting: targetingSchema.parse(targeting) };
}

const url = (op: UrlOperator, value: string) => ({ on: 'url', op, value }) as const;
const query = (name: string) => ({ on: 'query', name, op: 'present' }) as const;
const mobile = { on: 'visitor', property: 'device', op: 'is', value: 'mobile' } as const;

function winner(flows: Flow[], page: string, userAgent?: string): string | null {
  return matchChatflows(compileTargeting(flows), { url: page, visitor: { userAgent } }).chatflow?.id ?? null;
}

describe('include and exclude groups', () => {
  const pricing = flow('a', 1, {
    include: [[url('contains', '/pricing'), query('trial')], [url('startsWith', '/plans')]],
    exclude: [[query('internal')], [url('contains', '/enterprise'), mobile]],
  });
  it.each([
    ['every condition of the first group', 'https://acme.com/pricing?trial=1', 'a'],
    ['only part of the first group', 'https://acme.com/pricing', null],
    ['the second group (groups are OR)', 'https://acme.com/plans/team', 'a'],
    ['neither group', 'https://acme.com/blog', null],
    ['an exclude group vetoes', 'https://acme.com/plans?internal', null],
    ['a partly matching exclude group does not', 'https://acme.com/plans/enterprise', 'a'],
  ])('%s', (_case, page, expected) => {
    expect(winner([pricing], page)).toBe(expected);
  });

  it('an exclude group of several conditions needs them all', () => {
    const ua = 'Mozilla/5.0 (iPhone) Mobile/15E148';
    expect(winner([pricing], 'https://acme.com/plans/enterprise', ua)).toBeNull();
  });

  it('no include groups means every page', () => {
    expect(winner([flow('all', 0, {})], 'https://acme.com/anything')).toBe('all');
  });
});

describe('priority', () => {
  it.each([
    ['the highest priority wins', [flow('low', 1, {}), flow('high', 5, {})], 'high'],
    ['a disabled chatflow never matches', [flow('high', 5, {}, false), flow('low', 1, {})], 'low'],
    ['equal priorities favour the older (smaller id)', [flow('cf_2', 3, {}), flow('cf_1', 3, {})], 'cf_1'],
    ['a non-matching higher priority falls through', [flow('high', 9, { include: [[url('contains', '/blog')]] }), flow('low', 0, {})], 'low'],
    ['negative priorities sort below zero', [flow('neg', -1, {}), flow('zero', 0, {})], 'zero'],
  ])('%s', (_case, flows, expected) => {
    expect(winner(flows, 'https://acme.com/pricing')).toBe(expected);
  });
});

describe('explanation', () => {
  const flows = [
    flow('blog', 9, { include: [[url('startsWith', '/blog')], [query('ref')]] }),
    flow('off', 8, {}, false),
    flow('promo', 7, { exclude: [[query('internal')]] }),
    flow('pricing', 5, { include: [[url('contains', '/blog')], [url('is', '/pricing'), query('internal')]] }),
    flow('fallback', 0, {}),
  ];
  const result = matchChatflows(compileTargeting(flows), { url: 'https://acme.com/pricing/?internal=1' });

  it('names the winner and the condition group that decided', () => {
    expect(result.explanation).toMatchObject({ outcome: 'matched', url: 'https://acme.com/pricing' });
    expect(result.explanation.winner).toEqual({
      chatflowId: 'pricing',
      name: 'PRICING',
      priority: 5,
      outcome: 'matched',
      group: 1,
      checks: [
        { path: 'targeting.include[1][0]', condition: 'url is "/pricing"', actual: '/pricing', matched: true },
        { path: 'targeting.include[1][1]', condition: 'query "internal" is present', actual: '1', matched: true },
      ],
    });
  });

  it('says why each higher-priority chatflow did not match, in priority order', () => {
    expect(result.explanation.notMatched).toEqual([
      {
        chatflowId: 'blog',
        name: 'BLOG',
        priority: 9,
        outcome: 'not-included',
        failures: [
          { group: 0, check: { path: 'targeting.include[0][0]', condition: 'url starts with "/blog"', actual: '/pricing', matched: false } },
          { group: 1, check: { path: 'targeting.include[1][0]', condition: 'query "ref" is present', actual: null, matched: false } },
        ],
      },
      { chatflowId: 'off', name: 'OFF', priority: 8, outcome: 'disabled' },
      {
        chatflowId: 'promo',
        name: 'PROMO',
        priority: 7,
        outcome: 'excluded',
        group: 0,
        checks: [{ path: 'targeting.exclude[0][0]', condition: 'query "internal" is present', actual: '1', matched: true }],
      },
    ]);
  });

  it('reads as sentences', () => {
    expect(result.explanation.text.split('\n')).toEqual([
      'Chatflow "PRICING" (pricing, priority 5) shows on https://acme.com/pricing: include group 1 matched: url is "/pricing" (was "/pricing") and query "internal" is present (was "1").',
      'Higher-priority chatflows that did not match:',
      '- "BLOG" (blog, priority 9) matched no include group: group 0 failed on url starts with "/blog" (was "/pricing"); group 1 failed on query "ref" is present (was absent).',
      '- "OFF" (off, priority 8) is disabled.',
      '- "PROMO" (promo, priority 7) is excluded by exclude group 0: query "internal" is present (was "1").',
    ]);
  });

  it.each([
    ['a chatflow without include groups', [flow('all', 0, {})], 'https://acme.com/', 'it has no include groups, so it shows on every page'],
    ['no chatflow at all', [], 'https://acme.com/', 'No chatflow shows on https://acme.com/: the channel has none.'],
    ['no chatflow matching', [flow('blog', 1, { include: [[url('contains', '/blog')]] })], 'https://acme.com/', 'Chatflows that did not match:'],
    ['an invalid URL', [flow('all', 0, {})], 'not a url', 'the URL is not an absolute http(s) URL'],
  ])('covers %s', (_case, flowList, page, phrase) => {
    expect(matchChatflows(compileTargeting(flowList), { url: page }).explanation.text).toContain(phrase);
  });

  it('reports conditions in written order although groups run cheapest first', () => {
    const french = { on: 'visitor', property: 'language', op: 'is', value: 'fr' } as const;
    const ordered = [flow('x', 1, { include: [[french, url('contains', '/blog')]] }), flow('y', 0, { include: [[french, url('contains', '/')]] })];
    const explain = (language: string) => matchChatflows(compileTargeting(ordered), { url: 'https://acme.com/', visitor: { language } }).explanation;
    expect(explain('fr').winner?.checks.map((c) => c.path)).toEqual(['targeting.include[0][0]', 'targeting.include[0][1]']);
    // Both conditions of "x" fail for a German visitor: the one written first is reported.
    expect(explain('de').notMatched[0]).toMatchObject({ outcome: 'not-included', failures: [{ group: 0, check: { path: 'targeting.include[0][0]' } }] });
  });

  it('is built on first read, then kept, and serializes like a plain object', () => {
    const { explanation } = matchChatflows(compileTargeting(flows), { url: 'https://acme.com/pricing/?internal=1' });
    expect(explanation.notMatched).toBe(explanation.notMatched);
    expect(JSON.parse(JSON.stringify(explanation))).toEqual({ ...result.explanation });
    expect(Object.keys(structuredClone(explanation))).toEqual(['outcome', 'url', 'winner', 'notMatched', 'text']);
  });

  it('matches nothing on an invalid URL, even a chatflow for every page', () => {
    const invalid = matchChatflows(compileTargeting([flow('all', 0, {})]), { url: '/relative' });
    expect(invalid).toMatchObject({ chatflow: null, explanation: { outcome: 'invalid-url', url: null, winner: null, notMatched: [] } });
  });
});

describe('compileTargeting', () => {
  const known = { on: 'visitor', property: 'contact', op: 'known' } as const;
  const plan = { on: 'visitor', property: 'contactProperty', name: 'plan', op: 'present' } as const;
  const french = { on: 'visitor', property: 'language', op: 'is', value: 'fr' } as const;
  it.each([
    ['an include on the contact', { include: [[known]] }, true, true],
    ['an exclude on a contact property', { exclude: [[plan]] }, true, true],
    ['a disabled chatflow', { include: [[known]] }, false, false],
    ['no contact condition', { include: [[french]] }, true, false],
  ])('needsContact with %s', (_case, targeting: TargetingInput, enabled, needs) => {
    expect(compileTargeting([flow('a', 0, targeting, enabled)]).needsContact).toBe(needs);
  });
});

describe('match properties', () => {
  const compiled = compileTargeting([
    flow('regex', 4, { include: [[url('matchesRegex', '^https?://[^/]+/(docs|blog)/.*\\d$')]] }),
    flow('fr', 3, { include: [[{ on: 'visitor', property: 'language', op: 'accepts', value: 'fr' }, { on: 'visitor', property: 'contact', op: 'known' }]] }),
    flow('plan', 2, { include: [[{ on: 'visitor', property: 'contactProperty', name: 'plan', op: 'is', value: 'pro' }]], exclude: [[mobile]] }),
    flow('query', 1, { include: [[{ on: 'query', name: 'q', op: 'contains', value: 'a' }]] }),
  ]);
  const anyUrl = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string({ unit: 'binary' }));
  const anyVisitor = fc.option(
    fc.record(
      {
        contact: fc.option(fc.record({ email: fc.option(fc.string()), name: fc.option(fc.string()), phone: fc.option(fc.string()), properties: fc.dictionary(fc.string(), fc.anything()) })),
        language: fc.option(fc.string()),
        device: fc.option(fc.constantFrom('desktop', 'mobile', 'tablet', 'watch')),
        userAgent: fc.option(fc.string()),
      },
      { requiredKeys: [] },
    ),
  );

  it('never throws and is deterministic for any URL and visitor', () => {
    fc.assert(
      fc.property(anyUrl, anyVisitor, (page, visitor) => {
        const input = { url: page, visitor: visitor as Parameters<typeof matchChatflows>[1]['visitor'] };
        const first = matchChatflows(compiled, input);
        expect(matchChatflows(compiled, input)).toEqual(first);
        expect(first.explanation.notMatched.length + (first.chatflow ? 1 : 0)).toBeLessThanOrEqual(4);
      }),
      { numRuns: 1000 },
    );
  });
});
