import { ValidationError } from '../errors/validation-error.js';

/**
 * The variables a snippet body may use, written `{{contact.name}}` (spaces inside the braces are
 * allowed: `{{ contact.name }}`). A fixed set, so a typo fails when the snippet is saved, not
 * when an agent sends it:
 * - `contact.name`, `contact.firstName` (the name's first word), `contact.email`: the
 *   conversation's contact;
 * - `agent.name`, `agent.email`: the user rendering the snippet;
 * - `inbox.name`: the conversation's inbox;
 * - `conversation.subject`: the conversation's subject.
 */
export const SNIPPET_VARIABLES = [
  'contact.name',
  'contact.firstName',
  'contact.email',
  'agent.name',
  'agent.email',
  'inbox.name',
  'conversation.subject',
] as const;
/** A variable a snippet body may use. */
export type SnippetVariable = (typeof SNIPPET_VARIABLES)[number];

/** One piece of a parsed body: literal text, or a variable to fill in. */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'variable'; name: SnippetVariable };

/** The values a render fills in; a missing or `null` value renders as the empty string. */
export type SnippetValues = Partial<Record<SnippetVariable, string | null>>;

const KNOWN: ReadonlySet<string> = new Set(SNIPPET_VARIABLES);
// What a placeholder may hold: `word.word`, optionally padded with spaces.
const PLACEHOLDER = /^\s*([A-Za-z]+\.[A-Za-z]+)\s*$/;

type Scan = { parts: TemplatePart[]; error: null } | { parts: null; error: string };

function scan(body: string): Scan {
  const parts: TemplatePart[] = [];
  let at = 0;
  for (;;) {
    const open = body.indexOf('{{', at);
    if (open === -1) break;
    const close = body.indexOf('}}', open + 2);
    if (close === -1) return { parts: null, error: `"{{" at character ${open} is never closed with "}}"` };
    const inner = body.slice(open + 2, close);
    const name = PLACEHOLDER.exec(inner)?.[1];
    if (name === undefined) return { parts: null, error: `"{{${inner}}}" at character ${open} is not a variable (write {{contact.name}})` };
    if (!KNOWN.has(name)) return { parts: null, error: `unknown variable {{${name}}}; known: ${SNIPPET_VARIABLES.join(', ')}` };
    if (open > at) parts.push({ kind: 'text', text: body.slice(at, open) });
    parts.push({ kind: 'variable', name: name as SnippetVariable });
    at = close + 2;
  }
  if (at < body.length) parts.push({ kind: 'text', text: body.slice(at) });
  return { parts, error: null };
}

/**
 * What is wrong with a snippet body, or `null` when it parses: an unknown variable (named), or
 * a malformed placeholder — a `{{` with no `}}` after it, or braces around anything but a
 * variable name. There is no escape for a literal `{{`; a lone `}}` is plain text. Pure.
 */
export function templateError(body: string): string | null {
  return scan(body).error;
}

/** Splits a snippet body into text and variables; `VALIDATION` naming `body` when `templateError` finds a problem. Pure. */
export function parseTemplate(body: string): TemplatePart[] {
  const result = scan(body);
  if (result.error !== null) throw new ValidationError('snippet', [{ path: 'body', message: result.error }]);
  return result.parts;
}

/**
 * Fills a parsed body in, in one pass: a value is inserted as is and never parsed again (a
 * contact named `{{agent.email}}` renders as that text), and nothing is HTML-escaped or
 * interpreted, because the result is plain text. Pure.
 */
export function renderTemplate(parts: readonly TemplatePart[], values: SnippetValues): string {
  return parts.map((part) => (part.kind === 'text' ? part.text : (values[part.name] ?? ''))).join('');
}

/** The first word of a name (`"Ada Lovelace"` → `"Ada"`), or `null` for none. Pure. */
export function firstNameOf(name: string | null): string | null {
  return name?.trim().split(/\s+/)[0] || null;
}
