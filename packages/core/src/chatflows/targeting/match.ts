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

/** Why `match` chose what it chose: structured for code, with `text` for people. */
export interface MatchExplanation {
  /** `invalid-url` when the URL is not an absolute http(s) URL (then nothing matches). */
  outcome: 'matched' | 'no-match' | 'invalid-url';
  /** The normalized URL the conditions saw, or `null` when invalid. */
  url: string | null;
  /** The chatflow that won and the group that decided, or `null`. */
  winner: MatchedVerdict | null;
  /** Every chatflow evaluated before the winner (all of them when none won), in priority order, with why it did not match. */
  notMatched: RejectedVerdict[];
  /** The same, in sentences. */
  text: string;
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

/**
 * Evaluates groups in order, stopping at the first whose conditions all hold (`holding`, or -1);
 * `failing` has, for each group before it, the index of its first failed condition.
 */
function evaluateGroups(groups: CompiledCondition[][], facts: RequestFacts): { holding: number; failing: number[] } {
  const failing: number[] = [];
  for (let g = 0; g < groups.length; g++) {
    const failed = groups[g]!.findIndex((c) => !c.test(facts));
    if (failed === -1) return { holding: g, failing };
    failing.push(failed);
  }
  return { holding: -1, failing };
}

/**
 * Finds the chatflow that shows on a page: the first, in priority order, that is enabled, has an
 * include group whose conditions all hold (or no include groups), and no exclude group that
 * holds. Pure and deterministic; never throws, whatever the URL and visitor.
 */
export function matchChatflows<T extends TargetedChatflow>(compiled: CompiledTargeting<T>, request: MatchRequest): TargetingMatch<T> {
  const url = normalizeUrl(typeof request.url === 'string' ? request.url : '');
  if (!url) {
    const explanation: MatchExplanation = { outcome: 'invalid-url', url: null, winner: null, notMatched: [], text: '' };
    return { chatflow: null, explanation: { ...explanation, text: explanationText(explanation) } };
  }
  const facts: RequestFacts = { url, ...visitorFacts(request.visitor) };
  const notMatched: RejectedVerdict[] = [];
  let winner: { entry: CompiledChatflow<T>; verdict: MatchedVerdict } | null = null;
  for (const entry of compiled.chatflows) {
    const { id: chatflowId, name, priority, enabled } = entry.chatflow;
    const subject = { chatflowId, name, priority };
    if (!enabled) {
      notMatched.push({ ...subject, outcome: 'disabled' });
      continue;
    }
    const include = evaluateGroups(entry.include, facts);
    if (include.holding === -1 && entry.include.length > 0) {
      const failures = include.failing.map((i, group) => ({ group, check: check(entry.include[group]![i]!, facts, false) }));
      notMatched.push({ ...subject, outcome: 'not-included', failures });
      continue;
    }
    const included = entry.include.length === 0 ? null : include.holding;
    const excluded = evaluateGroups(entry.exclude, facts).holding;
    if (excluded !== -1) {
      notMatched.push({ ...subject, outcome: 'excluded', group: excluded, checks: entry.exclude[excluded]!.map((c) => check(c, facts, true)) });
      continue;
    }
    const checks = included === null ? [] : entry.include[included]!.map((c) => check(c, facts, true));
    winner = { entry, verdict: { ...subject, outcome: 'matched', group: included, checks } };
    break;
  }
  const explanation: MatchExplanation = {
    outcome: winner ? 'matched' : 'no-match',
    url: url.href,
    winner: winner?.verdict ?? null,
    notMatched,
    text: '',
  };
  explanation.text = explanationText(explanation);
  return { chatflow: winner?.entry.chatflow ?? null, explanation };
}
