import type { BotSession, BotTransitionRecord } from '@inboxkit/core';
import type { Journal } from '../journal.js';

/** What the table keeps of one session: the row, its transitions, and the inputs that moved it. */
interface SessionEntry {
  session: BotSession;
  transitions: BotTransitionRecord[];
  inputs: Set<string>;
}

/**
 * Bot sessions per workspace, with their transitions and a per-conversation list of session
 * ids. Shared by the bot store (writes, journaled) and analytics (reads). Rows are stored as
 * given: the store copies on the way in and out.
 */
export class BotTable {
  private readonly workspaces = new Map<string, { sessions: Map<string, SessionEntry>; byConversation: Map<string, string[]> }>();

  private workspace(workspaceId: string) {
    let ws = this.workspaces.get(workspaceId);
    if (!ws) this.workspaces.set(workspaceId, (ws = { sessions: new Map(), byConversation: new Map() }));
    return ws;
  }

  /** The entry of a session, or `undefined`. */
  entry(workspaceId: string, id: string): SessionEntry | undefined {
    return this.workspaces.get(workspaceId)?.sessions.get(id);
  }

  /** Every session entry of a workspace, in no particular order. */
  entries(workspaceId: string): Iterable<SessionEntry> {
    return this.workspaces.get(workspaceId)?.sessions.values() ?? [];
  }

  /** Session ids of a conversation, oldest insert first. */
  conversationSessions(workspaceId: string, conversationId: string): readonly string[] {
    return this.workspaces.get(workspaceId)?.byConversation.get(conversationId) ?? [];
  }

  /** Adds a new session (the caller checked the id is free). */
  insert(journal: Journal, session: BotSession): void {
    const ws = this.workspace(session.workspaceId);
    ws.sessions.set(session.id, { session, transitions: [], inputs: new Set() });
    const ids = ws.byConversation.get(session.conversationId) ?? [];
    ws.byConversation.set(session.conversationId, [...ids, session.id]);
    journal.record(() => {
      ws.sessions.delete(session.id);
      if (ids.length) ws.byConversation.set(session.conversationId, ids);
      else ws.byConversation.delete(session.conversationId);
    });
  }

  /** Replaces the row of an existing session. */
  replace(journal: Journal, entry: SessionEntry, session: BotSession): void {
    const previous = entry.session;
    entry.session = session;
    journal.record(() => (entry.session = previous));
  }

  /** Appends transitions to an entry (the caller checked their indexes are free). */
  append(journal: Journal, entry: SessionEntry, transitions: BotTransitionRecord[]): void {
    const added = transitions.map((t) => t.inputId).filter((id): id is string => id !== null && !entry.inputs.has(id));
    entry.transitions.push(...transitions);
    entry.transitions.sort((a, b) => a.index - b.index);
    for (const id of added) entry.inputs.add(id);
    journal.record(() => {
      entry.transitions = entry.transitions.filter((t) => !transitions.includes(t));
      for (const id of added) entry.inputs.delete(id);
    });
  }

  /** Removes every session of a conversation with its transitions (a deleted conversation). */
  removeConversation(journal: Journal, workspaceId: string, conversationId: string): void {
    const ws = this.workspaces.get(workspaceId);
    const ids = ws?.byConversation.get(conversationId);
    if (!ws || !ids) return;
    const entries = ids.map((id) => ws.sessions.get(id)!);
    ws.byConversation.delete(conversationId);
    for (const id of ids) ws.sessions.delete(id);
    journal.record(() => {
      ws.byConversation.set(conversationId, ids);
      for (const entry of entries) ws.sessions.set(entry.session.id, entry);
    });
  }
}
