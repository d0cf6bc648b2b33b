/** Builds a WHERE clause and its `$n` parameters together, so numbering never drifts. */
export class Where {
  private readonly conditions: string[] = [];

  /** `params`: the statement's parameter list, when several clauses share one statement. */
  constructor(readonly params: unknown[] = []) {}

  /** Adds `value` as the next parameter and returns its placeholder (`$3`). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Adds a condition; all are ANDed. */
  and(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** `column = value`, or `column IS NULL` for null; nothing for undefined. */
  equals(column: string, value: string | number | boolean | null | undefined): this {
    if (value === null) return this.and(`${column} IS NULL`);
    if (value === undefined) return this;
    return this.and(`${column} = ${this.param(value)}`);
  }

  /** `column op value` (`<`, `>=`…); nothing for undefined. */
  compare(column: string, op: '<' | '<=' | '>' | '>=', value: number | undefined): this {
    return value === undefined ? this : this.and(`${column} ${op} ${this.param(value)}`);
  }

  /** `column` is one of `values`; an empty list matches nothing; nothing for undefined. */
  oneOf(column: string, values: readonly string[] | undefined): this {
    if (values === undefined) return this;
    if (values.length === 0) return this.and('false');
    // One value stays a plain `=`, the shape every index range handles best.
    if (values.length === 1) return this.equals(column, values[0]);
    return this.and(`${column} = ANY(${this.param([...values])}::text[])`);
  }

  /** The array `column` shares an element with `values` (`&&`, which a GIN index serves); an empty list matches nothing; nothing for undefined. */
  overlaps(column: string, values: readonly string[] | undefined): this {
    if (values === undefined) return this;
    if (values.length === 0) return this.and('false');
    return this.and(`${column} && ${this.param([...values])}::text[]`);
  }

  toString(): string {
    return this.conditions.length === 0 ? 'true' : this.conditions.join(' AND ');
  }
}
