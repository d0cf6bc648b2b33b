import type { Page } from '../domain/common.js';
import { normalizeEmail, pageQuerySchema } from '../domain/common.js';
import {
  availabilitySchema,
  createUserInput,
  updateUserInput,
  type Availability,
  type CreateUserInput,
  type UpdateUserInput,
  type User,
} from '../domain/user.js';
import { ConflictError } from '../errors/conflict-error.js';
import { parseInput } from '../errors/parse.js';
import { changedFields, requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import type { StorageOperations } from '../storage/storage.js';
import { actorOf } from '../conversations/status.js';
import { deleteUser } from './delete-user.js';

/** Agents of a workspace. */
export interface UsersApi {
  /** Creates a user; `CONFLICT` when the email is taken in the workspace. Admin only. */
  create(input: CreateUserInput): Promise<User>;
  /** The user; `NOT_FOUND` when missing. */
  get(id: string): Promise<User>;
  /** Users ordered by id. */
  list(query?: { cursor?: string | null; limit?: number }): Promise<Page<User>>;
  /** Updates profile fields. Users may update themselves; others need admin. */
  update(id: string, patch: UpdateUserInput): Promise<User>;
  /**
   * Deletes a user and, in the same transaction, every reference to them, so no later edit
   * fails on a dangling id. Admin only; `NOT_FOUND` when missing. What it does to each reference:
   * - inbox members and team members: the user is removed (`inbox.updated` / `team.updated`);
   * - routing rules: the user leaves `targets.users`; a rule left with no target is cleared
   *   (`routing.rule.cleared`: new conversations stay unassigned), others are saved (`routing.rule.set`);
   * - chatflows: a profile naming the user becomes `null`, a bot handoff to them `to: null`
   *   (the routing rule decides) — `chatflow.updated`;
   * - conversations assigned to the user, in any status, are unassigned (the team stays),
   *   recording `conversation.assigned` with reason `user-deleted`; open ones are re-routed by
   *   the queue after the commit;
   * - contacts they own get `ownerId: null` (`contact.updated`);
   * - their notification preferences are deleted. Authored messages and comments keep the id (history).
   */
  delete(id: string): Promise<void>;
  /** Sets availability (`available` | `away`); emits `user.availability.changed` when it changes. */
  setAvailability(id: string, availability: Availability): Promise<User>;
}

async function assertEmailFree(tx: StorageOperations, workspaceId: string, email: string, selfId: string | null) {
  const existing = await tx.records.list(workspaceId, 'user', { where: { email } });
  if (existing.items.some((u) => u.id !== selfId)) throw new ConflictError(`a user with email "${email}" exists`);
}

/** Builds the users API of a scope. */
export function usersService(scope: Scope): UsersApi {
  const { workspaceId, runtime } = scope;
  const api: UsersApi = {
    async create(input) {
      await scope.access.requireAdmin('create users');
      const parsed = parseInput(createUserInput, input, 'user');
      const now = runtime.clock.now();
      const user: User = {
        id: runtime.ids.next('usr'),
        workspaceId,
        name: parsed.name,
        email: normalizeEmail(parsed.email),
        avatarUrl: parsed.avatarUrl ?? null,
        meetingLink: parsed.meetingLink ?? null,
        role: parsed.role,
        availability: parsed.availability,
        workingHours: parsed.workingHours ?? null,
        capacity: { default: parsed.capacity?.default ?? null, inboxes: parsed.capacity?.inboxes ?? {} },
        createdAt: now,
        updatedAt: now,
      };
      return scope.mutate(async (tx, events) => {
        await assertEmailFree(tx, workspaceId, user.email, null);
        await tx.records.put('user', user);
        events.record('user.created', { userId: user.id });
        return user;
      });
    },
    async get(id) {
      await scope.access.actor();
      return requireFound(await scope.storage.records.get(workspaceId, 'user', id), 'user', id);
    },
    async list(query = {}) {
      await scope.access.actor();
      const { cursor, limit } = parseInput(pageQuerySchema, query, 'user query');
      return scope.storage.records.list(workspaceId, 'user', { cursor: cursor ?? null, limit });
    },
    async update(id, patch) {
      await scope.access.requireSelfOrAdmin(id, 'update the profile');
      const parsed = parseInput(updateUserInput, patch, 'user');
      if (parsed.role !== undefined) await scope.access.requireAdmin('change roles');
      return scope.mutate(async (tx, events) => {
        const current = requireFound(await tx.records.get(workspaceId, 'user', id), 'user', id);
        const email = parsed.email === undefined ? current.email : normalizeEmail(parsed.email);
        if (email !== current.email) await assertEmailFree(tx, workspaceId, email, id);
        const next: User = {
          ...current,
          name: parsed.name ?? current.name,
          email,
          avatarUrl: parsed.avatarUrl === undefined ? current.avatarUrl : parsed.avatarUrl,
          meetingLink: parsed.meetingLink === undefined ? current.meetingLink : parsed.meetingLink,
          role: parsed.role ?? current.role,
          availability: parsed.availability ?? current.availability,
          workingHours: parsed.workingHours === undefined ? current.workingHours : parsed.workingHours,
          capacity: parsed.capacity ? { ...current.capacity, ...parsed.capacity } : current.capacity,
          updatedAt: runtime.clock.now(),
        };
        await tx.records.put('user', next);
        events.record('user.updated', { userId: id, fields: changedFields(patch) });
        if (next.availability !== current.availability) {
          events.record('user.availability.changed', { userId: id, availability: next.availability });
        }
        return next;
      });
    },
    async delete(id) {
      await scope.access.requireAdmin('delete users');
      await scope.mutate((tx, events) => deleteUser(scope, tx, events, id, actorOf(scope.actorId)));
    },
    async setAvailability(id, availability) {
      parseInput(availabilitySchema, availability, 'availability');
      return api.update(id, { availability });
    },
  };
  return api;
}
