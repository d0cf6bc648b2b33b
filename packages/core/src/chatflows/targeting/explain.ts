import type { ConditionCheck, MatchExplanation, RejectedVerdict, VerdictSubject } from './match.js';

const was = (c: ConditionCheck) => (c.actual === null ? 'absent' : JSON.stringify(c.actual));
const conditions = (checks: ConditionCheck[]) => checks.map((c) => `${c.condition} (was ${was(c)})`).join(' and ');
const subject = (v: VerdictSubject) => `"${v.name}" (${v.chatflowId}, priority ${v.priority})`;

function rejected(v: RejectedVerdict): string {
  switch (v.outcome) {
    case 'disabled':
      return `${subject(v)} is disabled.`;
    case 'excluded':
      return `${subject(v)} is excluded by exclude group ${v.group}: ${conditions(v.checks)}.`;
    case 'not-included': {
      const groups = v.failures.map((f) => `group ${f.group} failed on ${f.check.condition} (was ${was(f.check)})`);
      return `${subject(v)} matched no include group: ${groups.join('; ')}.`;
    }
  }
}

/** The explanation in sentences, one per line: the decision first, then each chatflow passed over. */
export function explanationText(e: Omit<MatchExplanation, 'text'>): string {
  if (e.outcome === 'invalid-url') return 'No chatflow shows: the URL is not an absolute http(s) URL.';
  const lines: string[] = [];
  const w = e.winner;
  if (w) {
    const why = w.group === null ? 'it has no include groups, so it shows on every page' : `include group ${w.group} matched: ${conditions(w.checks)}`;
    lines.push(`Chatflow ${subject(w)} shows on ${e.url}: ${why}.`);
  } else {
    lines.push(e.notMatched.length === 0 ? `No chatflow shows on ${e.url}: the channel has none.` : `No chatflow shows on ${e.url}.`);
  }
  if (e.notMatched.length > 0) {
    lines.push(w ? 'Higher-priority chatflows that did not match:' : 'Chatflows that did not match:');
    for (const v of e.notMatched) lines.push(`- ${rejected(v)}`);
  }
  return lines.join('\n');
}
