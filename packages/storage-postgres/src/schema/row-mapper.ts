/**
 * How a field is stored: `ms` is an epoch-ms `bigint` (node-postgres returns those as
 * strings, so they are read back with `Number`), `json` a `jsonb` sent as JSON text,
 * `texts` a `text[]` (a string array, sent and read as an array).
 */
export type Codec = 'text' | 'ms' | 'int' | 'bool' | 'json' | 'texts';

/** `[field, column, codec]`: one field of a domain object and where it lives. */
export type FieldSpec = readonly [field: string, column: string, codec: Codec];

function encode(value: unknown, codec: Codec): unknown {
  if (codec === 'json') return value === undefined ? null : JSON.stringify(value);
  if (codec === 'texts') return value ?? [];
  return value ?? null;
}

function decode(value: unknown, codec: Codec): unknown {
  if (value === null || value === undefined) return null;
  if (codec === 'ms' || codec === 'int') return Number(value);
  return value;
}

/**
 * Maps one domain type to the real columns of its table. Fields the spec does not know (added
 * to the domain after this schema version) go to the `extra` jsonb column and come back on
 * read, so a newer core never loses data on an older schema.
 */
export class RowMapper<T extends object> {
  /** Column names in parameter order: the spec's columns, then `extra`. */
  readonly columns: readonly string[];
  private readonly known: ReadonlySet<string>;
  // SQL text is built once per mapper (one per storage), not once per write.
  private readonly insertText: string;
  private readonly updateTexts = new Map<string, string>();

  constructor(
    private readonly table: string,
    private readonly fields: readonly FieldSpec[],
  ) {
    this.columns = [...fields.map(([, column]) => column), 'extra'];
    this.known = new Set(fields.map(([field]) => field));
    this.insertText = this.insertManySql(1);
  }

  /** Parameter values of `value`, in `columns` order. */
  values(value: T): unknown[] {
    const record = value as Record<string, unknown>;
    const extra: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(record)) {
      if (!this.known.has(key) && v !== undefined) extra[key] = v;
    }
    return [...this.fields.map(([field, , codec]) => encode(record[field], codec)), JSON.stringify(extra)];
  }

  private placeholder(index: number, offset = 0): string {
    const codec = this.fields[index]?.[2] ?? 'json';
    const n = offset + index + 1;
    if (codec === 'json') return `$${n}::jsonb`;
    return codec === 'texts' ? `$${n}::text[]` : `$${n}`;
  }

  /** Most rows one `insertManySql` statement takes: its parameters stay under the protocol's 65 535. */
  get maxRowsPerInsert(): number {
    return Math.floor(65_535 / this.columns.length);
  }

  /**
   * `insertSql` for `rows` rows in one statement; its parameters are each row's `values()`,
   * concatenated. A skipped row (rowCount below `rows`) means a unique key exists.
   */
  insertManySql(rows: number): string {
    const width = this.columns.length;
    const tuples = Array.from({ length: rows }, (_, r) => `(${this.columns.map((_, i) => this.placeholder(i, r * width)).join(', ')})`);
    return `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`;
  }

  /** `INSERT … ON CONFLICT DO NOTHING`: a skipped row (rowCount 0) means a unique key exists. */
  insertSql(): string {
    return this.insertText;
  }

  /** `UPDATE` of every non-key column, matching the key columns; takes `values()` as is. */
  updateSql(keyColumns: readonly string[]): string {
    const cacheKey = keyColumns.join(',');
    const cached = this.updateTexts.get(cacheKey);
    if (cached !== undefined) return cached;
    const sets: string[] = [];
    const where: string[] = [];
    this.columns.forEach((column, i) => {
      (keyColumns.includes(column) ? where : sets).push(`${column} = ${this.placeholder(i)}`);
    });
    const sql = `UPDATE ${this.table} SET ${sets.join(', ')} WHERE ${where.join(' AND ')}`;
    this.updateTexts.set(cacheKey, sql);
    return sql;
  }

  /** The domain object of a row: `extra` first, so real columns win. */
  fromRow(row: Record<string, unknown>): T {
    const result: Record<string, unknown> = { ...((row.extra as Record<string, unknown> | null) ?? {}) };
    for (const [field, column, codec] of this.fields) result[field] = decode(row[column], codec);
    return result as T;
  }
}
