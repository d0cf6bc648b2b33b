import type { Channel } from '../domain/channel.js';
import type { FieldIssue } from '../errors/validation-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { requireFound } from '../kit/require-found.js';
import type { StorageOperations } from '../storage/storage.js';
import type { Chatflow } from './chatflow.js';
import type { UserOrTeam } from './user-or-team.js';
import type { EventRecorder } from '../events/event-recorder.js';
import { bumpVersion } from './rules-cache.js';
import { lockDirectory } from '../permissions/directory-lock.js';

/** The channel type chatflows belong to. */
const CHAT_CHANNEL_TYPE = 'chat';

/** The chat channel of a chatflow: `NOT_FOUND` when missing, `VALIDATION` (at `path`) when not a chat channel. */
export async function requireChatChannel(storage: StorageOperations, workspaceId: string, channelId: string, path = 'channelId'): Promise<Channel> {
  const channel = requireFound(await storage.records.get(workspaceId, 'channel', channelId), 'channel', channelId);
  if (channel.type !== CHAT_CHANNEL_TYPE) {
    throw new ValidationError('chatflow', [{ path, message: `channel "${channelId}" is a ${channel.type} channel; chatflows need a chat channel` }]);
  }
  return channel;
}

/** Every user or team a chatflow names, with the field path that names it. */
function references(chatflow: Chatflow): Array<{ ref: UserOrTeam; path: string }> {
  const refs: Array<{ ref: UserOrTeam; path: string }> = [];
  if (chatflow.profile) refs.push({ ref: chatflow.profile, path: 'profile' });
  chatflow.bot?.steps.forEach((step, i) => {
    if (step.type === 'handoff' && step.to) refs.push({ ref: step.to, path: `bot.steps[${i}].to` });
  });
  return refs;
}

/** Checks that the users and teams a chatflow names exist (inside a transaction); `VALIDATION` naming each unknown one. */
export async function checkReferences(storage: StorageOperations, workspaceId: string, chatflow: Chatflow): Promise<void> {
  const issues: FieldIssue[] = [];
  // Named users and teams must outlive the check: a concurrent delete waits for this commit.
  if (references(chatflow).length > 0) await lockDirectory(storage, workspaceId);
  for (const { ref, path } of references(chatflow)) {
    const found = 'userId' in ref ? await storage.records.get(workspaceId, 'user', ref.userId) : await storage.records.get(workspaceId, 'team', ref.teamId);
    if (!found) {
      const [kind, id] = 'userId' in ref ? ['user', ref.userId] : ['team', ref.teamId];
      issues.push({ path: `${path}.${kind}Id`, message: `unknown ${kind} "${id}"` });
    }
  }
  if (issues.length > 0) throw new ValidationError('chatflow', issues);
}

const sameRef = (a: UserOrTeam | null, b: UserOrTeam) =>
  a !== null && ('userId' in a ? 'userId' in b && a.userId === b.userId : 'teamId' in b && a.teamId === b.teamId);

/**
 * Removes a deleted user or team from every chatflow, in the caller's transaction: a profile
 * naming it becomes `null` (the widget shows no person) and a handoff to it becomes `to: null`
 * (the channel's routing rule decides). Records `chatflow.updated` and bumps each changed
 * channel's compiled-rules version with `version()`.
 */
export async function dropChatflowReference(
  tx: StorageOperations,
  events: EventRecorder,
  workspaceId: string,
  ref: UserOrTeam,
  change: { now: number; version: () => string },
): Promise<void> {
  const channels = new Set<string>();
  for (const chatflow of (await tx.records.list(workspaceId, 'chatflow')).items) {
    const fields: string[] = [];
    let next: Chatflow = chatflow;
    if (sameRef(chatflow.profile, ref)) {
      next = { ...next, profile: null };
      fields.push('profile');
    }
    if (chatflow.bot?.steps.some((s) => s.type === 'handoff' && sameRef(s.to, ref))) {
      const steps = chatflow.bot.steps.map((s) => (s.type === 'handoff' && sameRef(s.to, ref) ? { ...s, to: null } : s));
      next = { ...next, bot: { ...chatflow.bot, steps } };
      fields.push('bot');
    }
    if (fields.length === 0) continue;
    await tx.records.put('chatflow', { ...next, updatedAt: change.now });
    events.record('chatflow.updated', { chatflowId: chatflow.id, channelId: chatflow.channelId, fields });
    channels.add(chatflow.channelId);
  }
  for (const channelId of channels) await bumpVersion(tx, workspaceId, channelId, change.version());
}
