import { ValidationError } from '../../errors/validation-error.js';
import { compileSafeRegex } from '../safe-regex/index.js';
import type { Condition, TextOperator } from './schema.js';
import { normalizeUrlText, normalizeUrlValue, type NormalizedUrl, type UrlPart } from './url.js';
import { contactValue, languageMatches, type ContactFacts, type DeviceType } from './visitor.js';

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

/** Tests a text operator against every value of a field: true when any value satisfies it (then negated). */
function textTest(op: TextOperator, expected: string, path: string): (values: readonly string[]) => boolean {
  const positive = NEGATION[op];
  const test = predicate(positive ?? op, expected, path);
  const negate = positive !== undefined;
  return (values) => values.some(test) !== negate;
}

const quote = (text: string) => JSON.stringify(text);
const none: readonly string[] = [];
const one = (value: string | null): readonly string[] => (value === null ? none : [value]);

function compileUrl(c: Extract<Condition, { on: 'url' }>, path: string): CompiledCondition {
  let part: UrlPart = 'href';
  let expected = c.value;
  if (c.op === 'is' || c.op === 'isNot' || c.op === 'startsWith') {
    const normalized = normalizeUrlValue(c.value, c.op === 'startsWith');
    if ('error' in normalized) throw new ValidationError('chatflow targeting', [{ path: `${path}.value`, message: normalized.error }]);
    ({ part, value: expected } = normalized);
  } else if (c.op !== 'matchesRegex') expected = normalizeUrlText(c.value);
  const test = textTest(c.op, expected, path);
  return {
    path,
    description: `url ${WORDS[c.op]} ${quote(c.value)}`,
    test: (f) => test([f.url[part]]),
    actual: (f) => f.url[part],
  };
}

function compileText(
  c: { op: TextOperator; value?: string | undefined },
  path: string,
  subject: string,
  read: (facts: RequestFacts) => readonly string[],
): CompiledCondition {
  const test = textTest(c.op, c.value ?? '', path);
  const valueText = c.value === undefined ? '' : ` ${quote(c.value)}`;
  return {
    path,
    description: `${subject} ${WORDS[c.op]}${valueText}`,
    test: (f) => test(read(f)),
    actual: (f) => {
      const values = read(f);
      return values.length === 0 ? null : values.join(', ');
    },
  };
}

/** Compiles one condition. Throws `VALIDATION` for a condition the schema would refuse. */
export function compileCondition(c: Condition, path: string): CompiledCondition {
  if (c.on === 'url') return compileUrl(c, path);
  if (c.on === 'query') return compileText(c, path, `query ${quote(c.name)}`, (f) => f.url.query.get(c.name) ?? none);
  switch (c.property) {
    case 'contactProperty':
      return compileText(c, path, `contact ${quote(c.name)}`, (f) => one(contactValue(f.contact, c.name)));
    case 'contact': {
      const known = c.op === 'known';
      return {
        path,
        description: `visitor is ${known ? 'a known' : 'an unknown'} contact`,
        test: (f) => (f.contact !== null) === known,
        actual: (f) => (f.contact !== null ? 'known' : 'unknown'),
      };
    }
    case 'language': {
      const anyAccepted = c.op === 'accepts' || c.op === 'notAccepts';
      const negate = c.op === 'isNot' || c.op === 'notAccepts';
      return {
        path,
        description: `language ${WORDS[c.op]} ${quote(c.value)}`,
        test: (f) => {
          const preferred = f.languages[0];
          const hit = anyAccepted ? f.languages.some((tag) => languageMatches(tag, c.value)) : preferred !== undefined && languageMatches(preferred, c.value);
          return hit !== negate;
        },
        actual: (f) => (f.languages.length === 0 ? null : f.languages.join(', ')),
      };
    }
    case 'device': {
      const negate = c.op === 'isNot';
      return {
        path,
        description: `device ${WORDS[c.op]} ${quote(c.value)}`,
        test: (f) => (f.device === c.value) !== negate,
        actual: (f) => f.device,
      };
    }
  }
}

/** Whether any compiled condition reads the visitor's contact (so `match` must resolve it). */
export function readsContact(c: Condition): boolean {
  return c.on === 'visitor' && (c.property === 'contact' || c.property === 'contactProperty');
}
