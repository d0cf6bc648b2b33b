import { ValidationError } from '../../errors/validation-error.js';
import { compileSafeRegex } from '../safe-regex/index.js';
import type { Condition, TextOperator } from './schema.js';
import { normalizeUrlText, normalizeUrlValue, type NormalizedUrl, type UrlPart } from './url.js';
import { contactValue, languageRange, type ContactFacts, type DeviceType } from './visitor.js';

/** Everything conditions read about one page view, computed once per `match`. */
export interface RequestFacts {
  /** The normalized page URL. */
  url: NormalizedUrl;
  /** The visitor's contact, or `null` when unknown. */
  contact: ContactFacts | null;
  /** Accepted languages, most preferred first. */
  languages: string[];
  /** Device class, or `null` when unknown. */
  device: DeviceType | null;
}

/** A condition ready to evaluate, with what an explanation says about it. */
export interface CompiledCondition {
  /** Field path of the condition, e.g. `targeting.include[0][1]`. */
  path: string;
  /** Its position in its group as written (groups are evaluated cheapest condition first). */
  index: number;
  /** The condition in words, e.g. `url starts with "/blog"`. */
  description: string;
  /** Whether the condition holds for the request. */
  test(facts: RequestFacts): boolean;
  /** The value the condition looked at, for explanations (`null` when absent). */
  actual(facts: RequestFacts): string | null;
}

const WORDS: Record<TextOperator | 'accepts' | 'notAccepts', string> = {
  is: 'is',
  isNot: 'is not',
  contains: 'contains',
  notContains: 'does not contain',
  startsWith: 'starts with',
  endsWith: 'ends with',
  matchesRegex: 'matches',
  present: 'is present',
  absent: 'is absent',
  accepts: 'accepts',
  notAccepts: 'does not accept',
};

// Each negative operator is the exact negation of a positive one, so a missing value (which
// satisfies no positive operator) satisfies every negative one.
const NEGATION: Partial<Record<TextOperator, TextOperator>> = { isNot: 'is', notContains: 'contains', absent: 'present' };

type Predicate = (actual: string) => boolean;

function predicate(op: TextOperator, expected: string, path: string): Predicate {
  switch (op) {
    case 'is':
      return (s) => s === expected;
    case 'contains':
      return (s) => s.includes(expected);
    case 'startsWith':
      return (s) => s.startsWith(expected);
    case 'endsWith':
      return (s) => s.endsWith(expected);
    case 'present':
      return () => true;
    case 'matchesRegex': {
      const result = compileSafeRegex(expected);
      if (!result.ok) throw new ValidationError('chatflow targeting', [{ path: `${path}.value`, message: result.message }]);
      return (s) => result.regex.test(s);
    }
    default:
      throw new ValidationError('chatflow targeting', [{ path: `${path}.op`, message: `unknown operator "${op}"` }]);
  }
}

const quote = (text: string) => JSON.stringify(text);
const none: readonly string[] = [];

/** What a text condition reads: one value (`null` when absent), or every value of a query parameter. */
type TextRead = { one: (facts: RequestFacts) => string | null } | { many: (facts: RequestFacts) => readonly string[] };

/** A positive operator holds when some value satisfies it; a negative one is its exact negation. */
function compileText(op: TextOperator, expected: string, written: string | undefined, at: Position, subject: string, read: TextRead): CompiledCondition {
  const positive = NEGATION[op];
  const holds = predicate(positive ?? op, expected, at.path);
  const negate = positive !== undefined;
  const described = { ...at, description: `${subject} ${WORDS[op]}${written === undefined ? '' : ` ${quote(written)}`}` };
  if ('one' in read) {
    const get = read.one;
    return {
      ...described,
      test: (f) => {
        const value = get(f);
        return (value !== null && holds(value)) !== negate;
      },
      actual: get,
    };
  }
  const get = read.many;
  return {
    ...described,
    test: (f) => {
      for (const value of get(f)) if (holds(value)) return !negate;
      return negate;
    },
    actual: (f) => (get(f).length === 0 ? null : get(f).join(', ')),
  };
}

// One reader per part, chosen when compiling, so a test does no keyed lookup.
const URL_PART: Record<UrlPart, (facts: RequestFacts) => string> = {
  href: (f) => f.url.href,
  hostPath: (f) => f.url.hostPath,
  path: (f) => f.url.path,
};

function compileUrl(c: Extract<Condition, { on: 'url' }>, at: Position): CompiledCondition {
  let part: UrlPart = 'href';
  let expected = c.value;
  if (c.op === 'is' || c.op === 'isNot' || c.op === 'startsWith') {
    const normalized = normalizeUrlValue(c.value, c.op === 'startsWith');
    if ('error' in normalized) throw new ValidationError('chatflow targeting', [{ path: `${at.path}.value`, message: normalized.error }]);
    ({ part, value: expected } = normalized);
  } else if (c.op !== 'matchesRegex') expected = normalizeUrlText(c.value);
  return compileText(c.op, expected, c.value, at, 'url', { one: URL_PART[part] });
}

/** Whether one of the first `count` tags falls under `range`. */
function anyLanguage(tags: readonly string[], range: (tag: string) => boolean, count: number): boolean {
  for (let i = 0; i < tags.length && i < count; i++) if (range(tags[i]!)) return true;
  return false;
}

/** Where a condition is written: its field path and its index in its group. */
export interface Position {
  /** Field path, e.g. `targeting.include[0][1]`. */
  path: string;
  /** Index in its group. */
  index: number;
}

/** Compiles one condition. Throws `VALIDATION` for a condition the schema would refuse. */
export function compileCondition(c: Condition, at: Position): CompiledCondition {
  if (c.on === 'url') return compileUrl(c, at);
  if (c.on === 'query') return compileText(c.op, c.value ?? '', c.value, at, `query ${quote(c.name)}`, { many: (f) => f.url.query.get(c.name) ?? none });
  switch (c.property) {
    case 'contactProperty':
      return compileText(c.op, c.value ?? '', c.value, at, `contact ${quote(c.name)}`, { one: (f) => contactValue(f.contact, c.name) });
    case 'contact': {
      const known = c.op === 'known';
      return {
        ...at,
        description: `visitor is ${known ? 'a known' : 'an unknown'} contact`,
        test: (f) => (f.contact !== null) === known,
        actual: (f) => (f.contact !== null ? 'known' : 'unknown'),
      };
    }
    case 'language': {
      const anyAccepted = c.op === 'accepts' || c.op === 'notAccepts';
      const negate = c.op === 'isNot' || c.op === 'notAccepts';
      const range = languageRange(c.value);
      return {
        ...at,
        description: `language ${WORDS[c.op]} ${quote(c.value)}`,
        test: (f) => anyLanguage(f.languages, range, anyAccepted ? Infinity : 1) !== negate,
        actual: (f) => (f.languages.length === 0 ? null : f.languages.join(', ')),
      };
    }
    case 'device': {
      const negate = c.op === 'isNot';
      return {
        ...at,
        description: `device ${WORDS[c.op]} ${quote(c.value)}`,
        test: (f) => (f.device === c.value) !== negate,
        actual: (f) => f.device,
      };
    }
  }
}

/**
 * Evaluation cost of a condition, cheapest first: presence and visitor flags, then text
 * comparisons, then language lists, then patterns. Groups are evaluated in this order (AND
 * commutes), so a group usually fails on a cheap condition before reaching a costly one.
 */
export function conditionCost(c: Condition): number {
  if (c.op === 'matchesRegex') return 3;
  if (c.on === 'visitor') return c.property === 'language' ? 2 : c.property === 'contactProperty' ? 1 : 0;
  return c.op === 'present' || c.op === 'absent' ? 0 : 1;
}

/** Whether any compiled condition reads the visitor's contact (so `match` must resolve it). */
export function readsContact(c: Condition): boolean {
  return c.on === 'visitor' && (c.property === 'contact' || c.property === 'contactProperty');
}
