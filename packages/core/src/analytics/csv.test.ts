import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

async function lines<T extends object>(rows: AsyncIterable<T> | Iterable<T>, columns: ReadonlyArray<keyof T & string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of toCsv(rows, columns)) out.push(line);
  return out;
}

describe('toCsv', () => {
  it('writes a header and one CRLF line per row, quoting only where needed', async () => {
    const rows = [
      { id: 'a', note: 'plain', n: 1, at: null },
      { id: 'b', note: 'comma, "quote"\nand newline', n: 0, at: new Date(Date.UTC(2026, 0, 1)) },
    ];
    expect(await lines(rows, ['id', 'note', 'n', 'at'])).toEqual([
      'id,note,n,at\r\n',
      'a,plain,1,\r\n',
      'b,"comma, ""quote""\nand newline",0,2026-01-01T00:00:00.000Z\r\n',
    ]);
  });

  it('writes epoch ms in …At columns as ISO 8601; other numbers stay numbers', async () => {
    const at = Date.UTC(2026, 10, 2, 9, 30);
    const rows = [{ createdAt: at, closedAt: null, count: at, lastSeenAt: 'soon' }];
    expect(await lines(rows, ['createdAt', 'closedAt', 'count', 'lastSeenAt'])).toEqual([
      'createdAt,closedAt,count,lastSeenAt\r\n',
      `2026-11-02T09:30:00.000Z,,${at},soon\r\n`,
    ]);
  });

  it('writes the header alone for no rows, and reads async iterables lazily', async () => {
    expect(await lines<{ id: string }>([], ['id'])).toEqual(['id\r\n']);
    let pulled = 0;
    async function* source() {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield { id: String(i) };
      }
    }
    const iterator = toCsv(source(), ['id'])[Symbol.asyncIterator]();
    await iterator.next(); // header
    await iterator.next(); // first row
    expect(pulled).toBe(1);
    await iterator.return?.();
  });
});
