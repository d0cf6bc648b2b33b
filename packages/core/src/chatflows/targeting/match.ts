import type { CompiledChatflow, CompiledTargeting, TargetedChatflow } from './compile.js';
import type { CompiledCondition, RequestFacts } from './conditions.js';
import { explanationText } from './explain.js';
import { DEVICE_TYPES } from './schema.js';
import { normalizeUrl } from './url.js';
import { deviceFromUserAgent, parseLanguages, type DeviceType, type TargetingVisitor } from './visitor.js';

/** How one condition evaluated. */
export interface ConditionCheck {
  /** Field path of the condition, e.g. `targeting.include[0][1]`. */
  path: string;
  /** The condition in words. */
  condition: string;
  /** The value it looked at (`null` when absent). */
  actual: string | null;
  /** Whether it held. */
  matched: boolean;
}

/** Which chatflow a verdict is about. */
export interface VerdictSubject {
  /** Chatflow id. */
  chatflowId: string;
  /** Chatflow name. */
  name: string;
  /** Its priority. */
  priority: number;
}

/** The chatflow that shows, and the include group that decided (`null`: it has none, so it shows everywhere). */
export interface MatchedVerdict extends VerdictSubject {
  outcome: 'matched';
  /** Index of the first include group whose conditions all held, or `null` for "every page". */
  group: number | null;
  /** That group's conditions. */
  checks: ConditionCheck[];
}

/** Why a chatflow did not show. */
export type RejectedVerdict = VerdictSubject &
  (
    | { outcome: 'disabled' }
    /** No include group held: for each group, its first condition that failed. */
    | { outcome: 'not-included'; failures: Array<{ group: number; check: ConditionCheck }> }
    /** An exclude group held: its index and conditions. */
    | { outcome: 'excluded'; group: number; checks: ConditionCheck[] }
  );

/**
 * Why `match` chose what it chose: structured for code, with `text` for people. `winner`,
 * `notMatched` and `text` are computed on first read (then kept), so a caller that never reads
 * them pays nothing; they are ordinary enumerable properties for `JSON.stringify` and copies.
 */
export interface MatchExplanation {
  /** `invalid-url` when the URL is not an absolute http(s) URL (then nothing matches). */
  readonly outcome: 'matched' | 'no-match' | 'invalid-url';
  /** The normalized URL the conditions saw, or `null` when invalid. */
  readonly url: string | null;
  /** The chatflow that won and the group that decided, or `null`. */
  readonly winner: MatchedVerdict | null;
  /** Every chatflow evaluated before the winner (all of them when none won), in priority order, with why it did not match. */
  readonly notMatched: RejectedVerdict[];
  /** The same, in sentences. */
  readonly text: string;
}

/** A page view to match. */
export interface MatchRequest {
  /** The page URL (absolute http or https). */
  url: string;
  /** What is known about the visitor. */
  visitor?: TargetingVisitor | null;
}

/** The outcome of `matchChatflows`. */
export interface TargetingMatch<T extends TargetedChatflow = TargetedChatflow> {
  /** The chatflow that shows, or `null`. */
  chatflow: T | null;
  /** Why. */
  explanation: MatchExplanation;
}

function visitorFacts(visitor: TargetingVisitor | null | undefined): Omit<RequestFacts, 'url'> {
  const v = visitor && typeof visitor === 'object' ? visitor : {};
  const contact = v.contact && typeof v.contact === 'object' ? v.contact : null;
  const device = (DEVICE_TYPES as readonly unknown[]).includes(v.device) ? (v.device as DeviceType) : deviceFromUserAgent(v.userAgent);
  return { contact, languages: parseLanguages(v.language), device };
}

const check = (c: CompiledCondition, facts: RequestFacts, matched: boolean): ConditionCheck => ({
  path: c.path,
  condition: c.description,
  actual: c.actual(facts),
  matched,
});

/** Index of the first group whose conditions all hold, or -1. Allocation-free: this is the hot path. */
function firstHolding(groups: CompiledCondition[][], facts: RequestFacts): number {
  groups: for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    for (let i = 0; i < group.length; i++) if (!group[i]!.test(facts)) continue groups;
    return g;
  }
  return -1;
}

/** The first condition of a group (as written) that does not hold, or `undefined` when all hold. */
function firstFailed(group: CompiledCondition[], facts: RequestFacts): CompiledCondition | undefined {
  for (const c of group) if (!c.test(facts)) return c;
  return undefined;
}

/**
 * Why a chatflow passed over by `matchChatflows` did not match: evaluated again, in written
 * order, only when the explanation is read.
 */
function rejected(entry: CompiledChatflow, facts: RequestFacts): RejectedVerdict {
  const { id: chatflowId, name, priority, enabled } = entry.chatflow;
  if (!enabled) return { chatflowId, name, priority, outcome: 'disabled' };
  const { include, exclude } = entry.written;
  const failures: Array<{ group: number; check: ConditionCheck }> = [];
  for (let g = 0; g < include.length; g++) {
    const failed = firstFailed(include[g]!, facts);
    if (!failed) break;
    failures.push({ group: g, check: check(failed, facts, false) });
  }
  if (include.length > 0 && failures.length === include.length) return { chatflowId, name, priority, outcome: 'not-included', failures };
  const group = exclude.findIndex((conditions) => !firstFailed(conditions, facts));
  return { chatflowId, name, priority, outcome: 'excluded', group, checks: exclude[group]!.map((c) => check(c, facts, true)) };
}

/** An explanation whose details are built on first read (see `MatchExplanation`). */
function lazyExplanation(
  outcome: MatchExplanation['outcome'],
  url: string | null,
  details: () => Pick<MatchExplanation, 'winner' | 'notMatched'>,
): MatchExplanation {
  let built: Pick<MatchExplanation, 'winner' | 'notMatched'> | undefined;
  let text: string | undefined;
  const read = () => (built ??= details());
  const explanation = { outcome, url } as MatchExplanation;
  return Object.defineProperties(explanation, {
    winner: { enumerable: true, get: () => read().winner },
    notMatched: { enumerable: true, get: () => read().notMatched },
    text: { enumerable: true, get: () => (text ??= explanationText(explanation)) },
  });
}

/**
 * Finds the chatflow that shows on a page: the first, in priority order, that is enabled, has an
 * include group whose conditions all hold (or no include groups), and no exclude group that
 * holds. Pure and deterministic; never throws, whatever the URL and visitor.
 */
export function matchChatflows<T extends TargetedChatflow>(compiled: CompiledTargeting<T>, request: MatchRequest): TargetingMatch<T> {
  const url = normalizeUrl(typeof request.url === 'string' ? request.url : '');
  if (!url) return { chatflow: null, explanation: lazyExplanation('invalid-url', null, () => ({ winner: null, notMatched: [] })) };
  const facts: RequestFacts = { url, ...visitorFacts(request.visitor) };
  const entries = compiled.chatflows;
  let won = -1;
  let group: number | null = null;
  for (let k = 0; k < entries.length && won === -1; k++) {
    const entry = entries[k]!;
    if (!entry.chatflow.enabled) continue;
    const included = entry.include.length === 0 ? null : firstHolding(entry.include, facts);
    if (included === -1 || firstHolding(entry.exclude, facts) !== -1) continue;
    won = k;
    group = included;
  }
  const winner = won === -1 ? null : entries[won]!;
  const explanation = lazyExplanation(winner ? 'matched' : 'no-match', url.href, () => ({
    winner: winner && {
      chatflowId: winner.chatflow.id,
      name: winner.chatflow.name,
      priority: winner.chatflow.priority,
      outcome: 'matched',
      group,
      checks: group === null ? [] : winner.written.include[group]!.map((c) => check(c, facts, true)),
    },
    notMatched: entries.slice(0, winner ? won : entries.length).map((entry) => rejected(entry, facts)),
  }));
  return { chatflow: winner?.chatflow ?? null, explanation };
}
