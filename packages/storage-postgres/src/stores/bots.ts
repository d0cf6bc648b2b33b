import type { BotSessionStore, BotTransitionRecord } from '@inboxkit/core';
import { conflict } from '../errors.js';
import type { StoreContext } from './context.js';

interface TransitionRow {
  workspace_id: string;
  session_id: string;
  idx: number;
  chatflow_id: string;
  at: string | number;
  from_step: string | null;
  to_step: string | null;
  via: BotTransitionRecord['via'];
  input_id: string | null;
}

const fromRow = (row: TransitionRow): BotTransitionRecord => ({
  workspaceId: row.workspace_id,
  sessionId: row.session_id,
  index: Number(row.idx),
  chatflowId: row.chatflow_id,
  at: Number(row.at),
  from: row.from_step,
  to: row.to_step,
  via: row.via,
  inputId: row.input_id,
});

/** Bot sessions and their transitions (migration 0003). */
export function botStore({ db, t }: StoreContext): BotSessionStore {
  const map = t.botSession;
  return {
    async insert(session) {
      const { rowCount } = await db.query(map.insertSql(), map.values(session));
      if (rowCount === 0) throw conflict(`bot session "${session.id}" exists`);
    },
    async update(session) {
      const { rowCount } = await db.query(map.updateSql(['workspace_id', 'id']), map.values(session));
      return rowCount > 0;
    },
    async get(workspaceId, id) {
      const { rows } = await db.query(`SELECT * FROM ${t.botSessions} WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
      return rows[0] ? map.fromRow(rows[0]) : null;
    },
    async latestForConversation(workspaceId, conversationId) {
      const { rows } = await db.query(
        `SELECT * FROM ${t.botSessions} WHERE workspace_id = $1 AND conversation_id = $2
         ORDER BY started_at DESC, id DESC LIMIT 1`,
        [workspaceId, conversationId],
      );
      return rows[0] ? map.fromRow(rows[0]) : null;
    },
    async addTransitions(workspaceId, transitions) {
      if (transitions.length === 0) return;
      // Only rows of this workspace whose session exists go in; a skipped row is the contract's CONFLICT.
      const { rowCount } = await db.query(
        `INSERT INTO ${t.botTransitions} (workspace_id, session_id, idx, chatflow_id, at, from_step, to_step, via, input_id)
         SELECT $1, r.session_id, r.idx, r.chatflow_id, r.at, r.from_step, r.to_step, r.via, r.input_id
         FROM jsonb_to_recordset($2::jsonb) AS r (workspace_id text, session_id text, idx integer, chatflow_id text, at bigint,
              from_step text, to_step text, via text, input_id text)
         WHERE r.workspace_id = $1 AND EXISTS (SELECT 1 FROM ${t.botSessions} s WHERE s.workspace_id = $1 AND s.id = r.session_id)
         ON CONFLICT DO NOTHING`,
        [
          workspaceId,
          JSON.stringify(
            transitions.map((tr) => ({
              workspace_id: tr.workspaceId,
              session_id: tr.sessionId,
              idx: tr.index,
              chatflow_id: tr.chatflowId,
              at: tr.at,
              from_step: tr.from,
              to_step: tr.to,
              via: tr.via,
              input_id: tr.inputId,
            })),
          ),
        ],
      );
      if (rowCount !== transitions.length) throw conflict(`bot transitions of workspace "${workspaceId}" exist already or have no session`);
    },
    async listTransitions(workspaceId, sessionId) {
      const { rows } = await db.query<TransitionRow>(
        `SELECT * FROM ${t.botTransitions} WHERE workspace_id = $1 AND session_id = $2 ORDER BY idx`,
        [workspaceId, sessionId],
      );
      return rows.map(fromRow);
    },
    async hasInput(workspaceId, sessionId, inputId) {
      const { rows } = await db.query(
        `SELECT 1 FROM ${t.botTransitions} WHERE workspace_id = $1 AND session_id = $2 AND input_id = $3 LIMIT 1`,
        [workspaceId, sessionId, inputId],
      );
      return rows.length > 0;
    },
  };
}
