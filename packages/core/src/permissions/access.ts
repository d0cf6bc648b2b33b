import { inboxMemberIds } from '../domain/membership.js';
import type { User } from '../domain/user.js';
import { ForbiddenError } from '../errors/forbidden-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { Scope } from '../kit/scope.js';
import type { StorageOperations } from '../storage/storage.js';

/**
 * Permission rules of `ws.asUser(userId)`:
 * - `admin` users may do everything in their workspace.
 * - `agent` users see and act on conversations only in inboxes they are a member of, directly
 *   or through a team (membership flows down: members of a sub-team count as members of the
 *   parent team). A conversation outside those inboxes is reported as `NOT_FOUND`, never leaked.
 * - Agents read users and teams of the workspace; they change only their own profile
 *   and availability. Workspace configuration (users, teams, inboxes, channels) needs `admin`.
 * - Agents see (read and write) a contact only when it has a conversation in an inbox they can
 *   see, or they own it (`permissions/contact-visibility.ts`); others are `NOT_FOUND`.
 * The host's own scope (`kit.workspace(id)`) is unrestricted.
 */
export class Access {
  constructor(private readonly scope: Scope) {}

  /** True when calls are permission-checked. */
  get restricted(): boolean {
    return this.scope.actorId !== null;
  }

  /** The acting user; `FORBIDDEN` when the id is unknown in this workspace. */
  async actor(ops: StorageOperations = this.scope.storage): Promise<User | null> {
    const { actorId, workspaceId } = this.scope;
    // Reads outside a transaction check the workspace like writes do (inside one, mutate already has).
    if (ops === this.scope.storage) await this.scope.requireWorkspace();
    if (actorId === null) return null;
    const user = await ops.records.get(workspaceId, 'user', actorId);
    if (!user) throw new ForbiddenError(`user "${actorId}" is not a member of this workspace`);
    return user;
  }

  /** Throws `FORBIDDEN` unless the actor is the host or an admin. */
  async requireAdmin(action: string): Promise<void> {
    const user = await this.actor();
    if (user && user.role !== 'admin') throw new ForbiddenError(`only admins may ${action}`);
  }

  /** Throws `FORBIDDEN` unless the actor is the host, an admin, or `userId` themself. */
  async requireSelfOrAdmin(userId: string, action: string): Promise<void> {
    const user = await this.actor();
    if (user && user.role !== 'admin' && user.id !== userId) throw new ForbiddenError(`only admins may ${action} of other users`);
  }

  /** Inbox ids the actor may see; `null` means all (host or admin). */
  async visibleInboxIds(ops: StorageOperations = this.scope.storage): Promise<string[] | null> {
    const user = await this.actor(ops);
    if (!user || user.role === 'admin') return null;
    const { workspaceId } = this.scope;
    const [inboxes, teams] = await Promise.all([ops.records.list(workspaceId, 'inbox'), ops.records.list(workspaceId, 'team')]);
    return inboxes.items.filter((inbox) => inboxMemberIds(inbox, teams.items).has(user.id)).map((i) => i.id);
  }

  /**
   * Throws `NOT_FOUND` (not `FORBIDDEN`, so nothing leaks) when the actor may not see `inboxId`.
   * Inside a transaction pass its `tx` as `ops`.
   */
  async requireInbox(inboxId: string, entity: string, id: string, ops: StorageOperations = this.scope.storage): Promise<void> {
    const visible = await this.visibleInboxIds(ops);
    if (visible && !visible.includes(inboxId)) throw new NotFoundError(entity, id);
  }

  /**
   * The user id to record as the actor of a change: the scoped user wins over a passed `by`.
   * A passed `by` must name a user of the workspace (`VALIDATION` naming `by` in `context`).
   */
  async by(passed: string | null | undefined, context: string, ops: StorageOperations = this.scope.storage): Promise<string | null> {
    if (this.scope.actorId !== null) return this.scope.actorId;
    if (passed == null) return null;
    if (!(await ops.records.get(this.scope.workspaceId, 'user', passed))) {
      throw new ValidationError(context, [{ path: 'by', message: `unknown user "${passed}"` }]);
    }
    return passed;
  }
}
