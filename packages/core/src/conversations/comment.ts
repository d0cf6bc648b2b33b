import { commentInput, type Comment, type CommentInput } from '../domain/timeline.js';
import { inboxMemberIds } from '../domain/membership.js';
import { ForbiddenError } from '../errors/forbidden-error.js';
import { parseInput } from '../errors/parse.js';
import { ValidationError } from '../errors/validation-error.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import { autoFollow } from './followers.js';
import { parseMentions } from './mentions.js';

/**
 * Adds an internal note. `@[userId]` mentions must name users of the workspace who can see
 * the inbox (so a mention never leaks a conversation); they are stored on the comment and
 * announced in `comment.created` for notifications.
 */
export async function comment(scope: Scope, conversationId: string, input: CommentInput): Promise<Comment> {
  const { workspaceId, runtime } = scope;
  const parsed = parseInput(commentInput, input, 'comment');
  if (scope.actorId && parsed.authorId !== scope.actorId) throw new ForbiddenError('users comment as themselves only');
  const mentions = parseMentions(parsed.text);
  return scope.mutate(async (tx, events) => {
    const conversation = requireFound(await tx.conversations.get(workspaceId, conversationId), 'conversation', conversationId);
    await scope.access.requireInbox(conversation.inboxId, 'conversation', conversationId, tx);
    if (!(await tx.records.get(workspaceId, 'user', parsed.authorId))) {
      throw new ValidationError('comment', [{ path: 'authorId', message: `unknown user "${parsed.authorId}"` }]);
    }
    if (mentions.length > 0) {
      const [inbox, teams, users] = await Promise.all([
        tx.records.get(workspaceId, 'inbox', conversation.inboxId),
        tx.records.list(workspaceId, 'team'),
        tx.records.list(workspaceId, 'user'),
      ]);
      const members = inboxMemberIds(inbox!, teams.items);
      const admins = new Set(users.items.filter((u) => u.role === 'admin').map((u) => u.id));
      for (const userId of mentions) {
        if (!members.has(userId) && !admins.has(userId)) {
          throw new ValidationError('comment', [{ path: 'text', message: `mentioned user "${userId}" cannot see this inbox` }]);
        }
      }
    }
    const item: Comment = {
      kind: 'comment',
      id: runtime.ids.next('itm'),
      workspaceId,
      conversationId,
      authorId: parsed.authorId,
      text: parsed.text,
      mentions,
      createdAt: runtime.clock.now(),
    };
    await tx.timeline.insert(item);
    events.record('comment.created', {
      conversationId,
      commentId: item.id,
      inboxId: conversation.inboxId,
      authorId: parsed.authorId,
      mentions,
    });
    const follows = [{ userId: parsed.authorId, reason: 'commented' as const }, ...mentions.map((userId) => ({ userId, reason: 'mentioned' as const }))];
    await autoFollow(tx, scope, events, conversation, follows, parsed.authorId);
    return item;
  });
}
