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

/** InboxKit names every time field `…At` and stores it as epoch ms. */
const TIME_COLUMN = /At$/;

/**
 * A value as one CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
 * Times (a `Date`, or epoch ms in a `…At` column) are ISO 8601, as spreadsheets read them.
 */
function field(value: unknown, column = ''): string {
  if (value === null || value === undefined) return '';
  const time = value instanceof Date ? value : typeof value === 'number' && TIME_COLUMN.test(column) && Number.isFinite(value) ? new Date(value) : null;
  const text = time ? time.toISOString() : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Streams rows as CSV lines (RFC 4180: CRLF line ends, fields quoted when needed, `null` as
 * an empty field, times as ISO 8601: `Date`s, and numbers in columns named `…At`, which
 * InboxKit rows hold as epoch ms, e.g. `createdAt`): a header line with `columns`, then one line per row,
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
  yield `${columns.map((column) => field(column)).join(',')}\r\n`;
  for await (const row of rows) yield `${columns.map((column) => field(row[column], column)).join(',')}\r\n`;
}
