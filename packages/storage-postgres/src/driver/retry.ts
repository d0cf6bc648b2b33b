import { isStalePlan, isTransactionConflict } from '../errors.js';

/** Runs of one transaction (or one statement) before a deadlock is reported after all. */
export const MAX_CONFLICT_ATTEMPTS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` again when it failed on a deadlock or serialization failure (or a prepared
 * statement a schema change outdated, which the next run prepares afresh), at most
 * `MAX_CONFLICT_ATTEMPTS` times in all. Postgres has already rolled the loser back, so a new
 * run starts clean; the jittered pause keeps the two losers from colliding in step again.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  for (let run = 1; ; run++) {
    try {
      return await attempt();
    } catch (error) {
      if (run >= MAX_CONFLICT_ATTEMPTS || !(isTransactionConflict(error) || isStalePlan(error))) throw error;
      await sleep(run * (5 + Math.random() * 20));
    }
  }
}
