import { ConflictError, type BotSession, type BotSessionStore } from '@inboxkit/core';
import type { JournalSource } from '../journal.js';
import type { BotTable } from '../tables/bot-table.js';
import { copy } from '../copy.js';

const newest = (a: BotSession, b: BotSession) => (b.startedAt !== a.startedAt ? b.startedAt > a.startedAt : b.id > a.id);

/** Bot sessions and transitions, kept in the shared `BotTable`; values go in and out as copies. */
export function botStore(journal: JournalSource, table: BotTable): BotSessionStore {
  return {
    async insert(session) {
      if (table.entry(session.workspaceId, session.id)) throw new ConflictError(`bot session "${session.id}" already exists`);
      table.insert(journal(), copy(session));
    },
    async update(session) {
      const entry = table.entry(session.workspaceId, session.id);
      if (!entry) return false;
      table.replace(journal(), entry, copy(session));
      return true;
    },
    async get(workspaceId, id) {
      const entry = table.entry(workspaceId, id);
      return entry ? copy(entry.session) : null;
    },
    async latestForConversation(workspaceId, conversationId) {
      let latest: BotSession | null = null;
      for (const id of table.conversationSessions(workspaceId, conversationId)) {
        const session = table.entry(workspaceId, id)!.session;
        if (!latest || newest(latest, session)) latest = session;
      }
      return latest ? copy(latest) : null;
    },
    async addTransitions(workspaceId, transitions) {
      const rows = copy(transitions);
      const seen = new Set<string>();
      for (const row of rows) {
        const entry = row.workspaceId === workspaceId ? table.entry(workspaceId, row.sessionId) : undefined;
        if (!entry) throw new ConflictError(`bot session "${row.sessionId}" does not exist in workspace "${workspaceId}"`);
        const key = `${row.sessionId}\n${row.index}`;
        if (seen.has(key) || entry.transitions.some((t) => t.index === row.index)) {
          throw new ConflictError(`transition ${row.index} of bot session "${row.sessionId}" already exists`);
        }
        seen.add(key);
      }
      for (const row of rows) table.append(journal(), table.entry(workspaceId, row.sessionId)!, [row]);
    },
    async listTransitions(workspaceId, sessionId) {
      return copy(table.entry(workspaceId, sessionId)?.transitions ?? []);
    },
    async hasInput(workspaceId, sessionId, inputId) {
      return table.entry(workspaceId, sessionId)?.inputs.has(inputId) ?? false;
    },
  };
}
