import { zodIssues } from '../../errors/parse.js';
import type { FieldIssue } from '../../errors/validation-error.js';
import { botDefinitionSchema } from './schema.js';

/**
 * Validates a bot definition — shape and graph: no dangling step ids, every step reachable, an
 * end or handoff reachable from every step, no loop without a question. Returns every issue
 * with its path (`steps[2].next`); an empty list means valid. Never throws.
 */
export function validateBotGraph(definition: unknown): FieldIssue[] {
  const result = botDefinitionSchema.safeParse(definition);
  return result.success ? [] : zodIssues(result.error);
}
