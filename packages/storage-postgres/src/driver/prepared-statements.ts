import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';
import { isStalePlan } from '../errors.js';
import type { RawQuery } from './queryable.js';

// A text is named once it has run this often: one-off statements stay unnamed.
const RUNS_BEFORE_NAMING = 2;
// Texts counted towards naming; past this, counting starts over (it only delays naming).
const MAX_COUNTED = 10_000;

/**
 * Which statements run as named (prepared) statements: node-postgres prepares a named one on
 * each connection the first time it runs there, so Postgres parses and plans it once instead
 * of on every run — most of the cost of a short statement. Parameterized texts get a name
 * from their second run, until `limit` texts have one: no connection ever holds more than
 * `limit` prepared statements of this store, whatever variety of SQL it sees. A name is the
 * text's hash, so two stores sharing a pool (other schemas, other texts) never collide.
 */
export class StatementNames {
  private readonly runs = new Map<string, number>();
  private readonly names = new Map<string, string>();
  private generation = 0;

  constructor(private readonly limit: number) {}

  /** The name to run `sql` under, or `undefined` to run it unnamed. */
  nameOf(sql: string): string | undefined {
    const named = this.names.get(sql);
    if (named !== undefined || this.names.size >= this.limit) return named;
    const runs = (this.runs.get(sql) ?? 0) + 1;
    if (runs < RUNS_BEFORE_NAMING) {
      if (this.runs.size >= MAX_COUNTED) this.runs.clear();
      this.runs.set(sql, runs);
      return undefined;
    }
    this.runs.delete(sql);
    const name = `ik${this.generation}_${createHash('sha1').update(sql).digest('base64url')}`;
    this.names.set(sql, name);
    return name;
  }

  /** After a stale plan: every text gets a new name, so each connection prepares it afresh. */
  renew(): void {
    this.generation++;
    this.names.clear();
    this.runs.clear();
  }

  /** `target`'s `query`, running parameterized statements under their names. */
  over(target: Pick<ClientBase, 'query'>): RawQuery {
    return {
      query: async (sql, params) => {
        const name = params && params.length > 0 ? this.nameOf(sql) : undefined;
        if (name === undefined) return target.query(sql, params);
        try {
          return await target.query({ name, text: sql, values: params });
        } catch (error) {
          if (isStalePlan(error)) this.renew();
          throw error;
        }
      },
    };
  }
}
