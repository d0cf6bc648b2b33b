import {
  contactSearchText,
  conversationSearchText,
  searchTokens,
  timelineSearchText,
  type Contact,
  type Conversation,
  type SearchMatch,
  type TimelineItem,
} from '@inboxkit/core';
import { MultiMap } from '../indexes/multi-map.js';
import { Postings } from './postings.js';

// How much one match weighs per field: subject over contact over messages (see `SearchStore`).
const SUBJECT_WEIGHT = 1;
const CONTACT_WEIGHT = 0.4;
const BODY_WEIGHT = 0.1;

/** Occurrences count with diminishing returns, so one long message cannot drown a subject match. */
const weigh = (weight: number, occurrences: number | undefined) => (occurrences ? weight * (1 + Math.log(occurrences)) : 0);

class WorkspaceSearch {
  /** Keyed by conversation id. */
  readonly subjects = new Postings();
  /** Keyed by conversation id: every message and comment of the conversation. */
  readonly bodies = new Postings();
  /** Keyed by contact id: a contact's words count for each of its conversations. */
  readonly contacts = new Postings();
  readonly conversationsOf = new MultiMap<string, string>();

  /** Adds each matching conversation's score for `token` to `scores`. */
  scoreToken(token: string, scores = new Map<string, number>()): Map<string, number> {
    const add = (id: string, score: number) => scores.set(id, (scores.get(id) ?? 0) + score);
    for (const [id, n] of this.subjects.documents(token)) add(id, weigh(SUBJECT_WEIGHT, n));
    for (const [contactId, n] of this.contacts.documents(token)) {
      for (const id of this.conversationsOf.get(contactId)) add(id, weigh(CONTACT_WEIGHT, n));
    }
    for (const [id, n] of this.bodies.documents(token)) add(id, weigh(BODY_WEIGHT, n));
    return scores;
  }

  /**
   * Each conversation's score summed over the tokens starting with `prefix`. Tokens are added
   * in sorted order, which new tokens of other documents cannot reorder: an unchanged
   * conversation's floating-point sum stays bit-identical between pages.
   */
  scorePrefix(prefix: string): Map<string, number> {
    const tokens = new Set([this.subjects, this.contacts, this.bodies].flatMap((field) => [...field.tokensWithPrefix(prefix)]));
    const scores = new Map<string, number>();
    for (const token of [...tokens].sort()) this.scoreToken(token, scores);
    return scores;
  }
}

/**
 * The memory store's full-text index: inverted indexes of subjects, contacts and timeline text
 * per workspace. The tables call its `*Changed` methods from their `replace`, the one write
 * each has, so the index always equals a function of the stored rows: a rollback, which
 * replays `replace` with the previous rows, puts the index back as it was.
 */
export class SearchIndex {
  private readonly workspaces = new Map<string, WorkspaceSearch>();

  private workspace(workspaceId: string): WorkspaceSearch {
    let workspace = this.workspaces.get(workspaceId);
    if (!workspace) this.workspaces.set(workspaceId, (workspace = new WorkspaceSearch()));
    return workspace;
  }

  /** A conversation row was replaced (`undefined`: absent before / after). */
  conversationChanged(previous: Conversation | undefined, next: Conversation | undefined): void {
    if (previous && next && previous.subject === next.subject && previous.contactId === next.contactId) return;
    if (previous) {
      const workspace = this.workspace(previous.workspaceId);
      workspace.subjects.change(previous.id, searchTokens(conversationSearchText(previous)), -1);
      workspace.conversationsOf.remove(previous.contactId, previous.id);
    }
    if (next) {
      const workspace = this.workspace(next.workspaceId);
      workspace.subjects.change(next.id, searchTokens(conversationSearchText(next)), 1);
      workspace.conversationsOf.add(next.contactId, next.id);
    }
  }

  /** A timeline item was replaced. */
  itemChanged(previous: TimelineItem | undefined, next: TimelineItem | undefined): void {
    if (previous && next && previous.conversationId === next.conversationId && timelineSearchText(previous) === timelineSearchText(next)) return;
    if (previous) this.workspace(previous.workspaceId).bodies.change(previous.conversationId, searchTokens(timelineSearchText(previous)), -1);
    if (next) this.workspace(next.workspaceId).bodies.change(next.conversationId, searchTokens(timelineSearchText(next)), 1);
  }

  /** A contact row was replaced. */
  contactChanged(previous: Contact | undefined, next: Contact | undefined): void {
    if (previous && next && contactSearchText(previous) === contactSearchText(next)) return;
    if (previous) this.workspace(previous.workspaceId).contacts.change(previous.id, searchTokens(contactSearchText(previous)), -1);
    if (next) this.workspace(next.workspaceId).contacts.change(next.id, searchTokens(contactSearchText(next)), 1);
  }

  /**
   * The conversations matching every term and the prefix, with their scores: each term's
   * score summed in the match's term order, so a conversation whose rows did not change
   * scores the same on every call (what keeps cursors stable).
   */
  matches(workspaceId: string, match: SearchMatch): Map<string, number> {
    const workspace = this.workspaces.get(workspaceId);
    if (!workspace) return new Map();
    const perTerm: Map<string, number>[] = match.terms.map((term) => workspace.scoreToken(term));
    if (match.prefix !== null) perTerm.push(workspace.scorePrefix(match.prefix));
    if (perTerm.length === 1) return perTerm[0]!;
    const [smallest] = [...perTerm].sort((a, b) => a.size - b.size);
    const scores = new Map<string, number>();
    for (const id of smallest?.keys() ?? []) {
      let total = 0;
      let all = true;
      for (const term of perTerm) {
        const score = term.get(id);
        if (score === undefined) {
          all = false;
          break;
        }
        total += score;
      }
      if (all) scores.set(id, total);
    }
    return scores;
  }
}
