import type { ConversationExportRow } from '../storage/analytics-store.js';

/** The columns of a conversation export, in the order `toCsv` writes them by default for it. */
export const conversationExportColumns = [
  'conversationId',
  'inboxId',
  'channelId',
  'channelType',
  'assigneeId',
  'teamId',
  'contactId',
  'status',
  'createdAt',
  'firstIncomingAt',
  'firstResponseAt',
  'closedAt',
  'incomingMessages',
  'userMessages',
  'botMessages',
] as const satisfies ReadonlyArray<keyof ConversationExportRow>;

/** A value as one CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Streams rows as CSV lines (RFC 4180: CRLF line ends, fields quoted when needed, `null` as
 * an empty field, `Date`s as ISO 8601): a header line with `columns`, then one line per row,
 * read one row at a time so an export of any size never sits in memory. Values are written
 * as they are: spreadsheet formulas (`=…`) are not neutralized, so pass only trusted text.
 *
 * @example
 * for await (const line of toCsv(ws.analytics.exportConversations({ from, to }), conversationExportColumns)) out.write(line);
 */
export async function* toCsv<T extends object>(
  rows: AsyncIterable<T> | Iterable<T>,
  columns: ReadonlyArray<keyof T & string>,
): AsyncGenerator<string, void, undefined> {
  yield `${columns.map(field).join(',')}\r\n`;
  for await (const row of rows) yield `${columns.map((column) => field(row[column])).join(',')}\r\n`;
}
