import type { Channel } from '../domain/channel.js';
import type { FieldIssue } from '../errors/validation-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { requireFound } from '../kit/require-found.js';
import type { StorageOperations } from '../storage/storage.js';
import type { Chatflow } from './chatflow.js';
import type { UserOrTeam } from './user-or-team.js';

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

/** Checks that the users and teams a chatflow names exist; `VALIDATION` naming each unknown one. */
export async function checkReferences(storage: StorageOperations, workspaceId: string, chatflow: Chatflow): Promise<void> {
  const issues: FieldIssue[] = [];
  for (const { ref, path } of references(chatflow)) {
    const found = 'userId' in ref ? await storage.records.get(workspaceId, 'user', ref.userId) : await storage.records.get(workspaceId, 'team', ref.teamId);
    if (!found) {
      const [kind, id] = 'userId' in ref ? ['user', ref.userId] : ['team', ref.teamId];
      issues.push({ path: `${path}.${kind}Id`, message: `unknown ${kind} "${id}"` });
    }
  }
  if (issues.length > 0) throw new ValidationError('chatflow', issues);
}
