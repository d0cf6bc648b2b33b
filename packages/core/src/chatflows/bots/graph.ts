import type { BotStep } from './schema.js';

/** A graph problem, with a path relative to `steps`. */
export interface GraphIssue {
  path: Array<string | number>;
  message: string;
}

interface Edge {
  to: string;
  /** Where the reference is written, relative to the step. */
  path: Array<string | number>;
}

/** The steps a step can go to next, with where each reference is written. */
function successors(step: BotStep): Edge[] {
  switch (step.type) {
    case 'message':
    case 'question':
      return [{ to: step.next, path: ['next'] }];
    case 'branch':
      return [...step.branches.map((b, j) => ({ to: b.next, path: ['branches', j, 'next'] })), { to: step.otherwise, path: ['otherwise'] }];
    default:
      return [];
  }
}

/** Ids reachable from `starts` following `next` (forward) — the starts included. */
function reachable(starts: string[], next: (id: string) => string[]): Set<string> {
  const seen = new Set(starts);
  const queue = [...starts];
  while (queue.length > 0) {
    for (const id of next(queue.pop()!)) {
      if (seen.has(id)) continue;
      seen.add(id);
      queue.push(id);
    }
  }
  return seen;
}

/** A loop through message and branch steps only, as ids (first id repeated at the end), or `null`. */
function loopWithoutQuestion(steps: BotStep[], byId: Map<string, BotStep>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (id: string): string[] | null => {
    const step = byId.get(id)!;
    if (step.type === 'question' || state.get(id) === 'done') return null;
    if (state.get(id) === 'open') return [...trail.slice(trail.indexOf(id)), id];
    state.set(id, 'open');
    trail.push(id);
    for (const edge of successors(step)) {
      const loop = visit(edge.to);
      if (loop) return loop;
    }
    trail.pop();
    state.set(id, 'done');
    return null;
  };
  for (const step of steps) {
    const loop = visit(step.id);
    if (loop) return loop;
  }
  return null;
}

/**
 * Checks a bot's steps as a graph: unique ids, no dangling references, answer conditions that
 * name a question coming earlier, every step reachable from the first, an end or handoff
 * reachable from every step, and no loop without a question (it would spin without waiting).
 */
export function botGraphIssues(steps: BotStep[]): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const byId = new Map<string, BotStep>();
  steps.forEach((step, i) => {
    if (byId.has(step.id)) issues.push({ path: [i, 'id'], message: `duplicate step id "${step.id}"` });
    else byId.set(step.id, step);
  });
  steps.forEach((step, i) => {
    for (const edge of successors(step)) {
      if (!byId.has(edge.to)) issues.push({ path: [i, ...edge.path], message: `no step has id "${edge.to}"` });
    }
  });
  // The checks below need a well-formed, non-empty graph (zod runs refinements after a failed `min`).
  if (issues.length > 0 || steps.length === 0) return issues;

  const forward = (id: string) => successors(byId.get(id)!).map((e) => e.to);
  const fromStart = reachable([steps[0]!.id], forward);
  const predecessors = new Map<string, string[]>();
  for (const step of steps) for (const edge of successors(step)) predecessors.set(edge.to, [...(predecessors.get(edge.to) ?? []), step.id]);
  const terminals = steps.filter((s) => s.type === 'end' || s.type === 'handoff').map((s) => s.id);
  const canFinish = reachable(terminals, (id) => predecessors.get(id) ?? []);

  steps.forEach((step, i) => {
    if (!fromStart.has(step.id)) issues.push({ path: [i], message: `step "${step.id}" cannot be reached from the first step` });
    if (!canFinish.has(step.id)) issues.push({ path: [i], message: `no end or handoff step can be reached from step "${step.id}"` });
    if (step.type !== 'branch') return;
    step.branches.forEach((branch, j) =>
      branch.when.forEach((c, k) => {
        if (c.source !== 'answer') return;
        const asked = byId.get(c.stepId);
        const problem =
          asked?.type !== 'question' ? `no question step has id "${c.stepId}"`
          : !reachable([asked.id], forward).has(step.id) ? `question "${c.stepId}" is never asked before step "${step.id}"`
          : null;
        if (problem) issues.push({ path: [i, 'branches', j, 'when', k, 'stepId'], message: problem });
      }),
    );
  });

  const loop = loopWithoutQuestion(steps, byId);
  if (loop) {
    const at = steps.findIndex((s) => s.id === loop[0]);
    issues.push({ path: [at], message: `steps ${loop.map((id) => `"${id}"`).join(' → ')} loop without a question, so the bot would never wait for an answer` });
  }
  return issues;
}
