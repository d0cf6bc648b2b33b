import type { Page } from '../domain/common.js';
import { pageQuerySchema } from '../domain/common.js';
import { isTeamWithin } from '../domain/membership.js';
import { createTeamInput, updateTeamInput, type CreateTeamInput, type Team, type UpdateTeamInput } from '../domain/team.js';
import { ValidationError } from '../errors/validation-error.js';
import { parseInput } from '../errors/parse.js';
import { changedFields, requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import type { StorageOperations } from '../storage/storage.js';
import { actorOf } from '../conversations/status.js';
import { accessSnapshot, releaseLostAccess } from '../permissions/release-lost-access.js';
import { lockDirectory } from '../permissions/directory-lock.js';
import { deleteTeam } from './delete-team.js';

/** Teams (hierarchical via `parentTeamId`). */
export interface TeamsApi {
  /** Creates a team. Members and parent must exist. Admin only. */
  create(input: CreateTeamInput): Promise<Team>;
  /** The team; `NOT_FOUND` when missing. */
  get(id: string): Promise<Team>;
  /** Teams ordered by id. */
  list(query?: { cursor?: string | null; limit?: number }): Promise<Page<Team>>;
  /**
   * Updates a team; a parent that would create a cycle is a `VALIDATION` error. Admin only.
   * Members who lose an inbox by the change (removed from the team, or the team moved) have their
   * conversations there unassigned in the same transaction (reason `access-lost`) and re-routed.
   */
  update(id: string, patch: UpdateTeamInput): Promise<Team>;
  /**
   * Deletes a team and, in the same transaction, every reference to it. Admin only;
   * `NOT_FOUND` when missing; `CONFLICT` while it has sub-teams (move or delete them first:
   * silently re-parenting would change who sees which inbox). What it does to each reference:
   * - inbox members: the team is removed (`inbox.updated`);
   * - routing rules: the team leaves `targets.teams`; a rule left with no target is cleared
   *   (`routing.rule.cleared`), others are saved (`routing.rule.set`);
   * - chatflows: a profile naming the team becomes `null`, a bot handoff to it `to: null` (`chatflow.updated`);
   * - conversations assigned to the team keep their user and get `teamId: null` (`conversation.assigned`, reason `team-deleted`);
   * - members who could see an inbox only through the team lose it: their conversations there are
   *   unassigned (reason `access-lost`) and re-routed by the queue after the commit.
   */
  delete(id: string): Promise<void>;
}

async function checkRefs(tx: StorageOperations, workspaceId: string, team: Team): Promise<void> {
  for (const [i, userId] of team.memberIds.entries()) {
    if (!(await tx.records.get(workspaceId, 'user', userId))) {
      throw new ValidationError('team', [{ path: `memberIds[${i}]`, message: `unknown user "${userId}"` }]);
    }
  }
  if (team.parentTeamId === null) return;
  const teams = (await tx.records.list(workspaceId, 'team')).items;
  if (!teams.some((t) => t.id === team.parentTeamId)) {
    throw new ValidationError('team', [{ path: 'parentTeamId', message: `unknown team "${team.parentTeamId}"` }]);
  }
  if (isTeamWithin(team.parentTeamId, team.id, teams)) {
    throw new ValidationError('team', [{ path: 'parentTeamId', message: 'would make the team its own ancestor' }]);
  }
}

/** Builds the teams API of a scope. */
export function teamsService(scope: Scope): TeamsApi {
  const { workspaceId, runtime } = scope;
  return {
    async create(input) {
      await scope.access.requireAdmin('create teams');
      const parsed = parseInput(createTeamInput, input, 'team');
      const now = runtime.clock.now();
      const team: Team = {
        id: runtime.ids.next('team'),
        workspaceId,
        name: parsed.name,
        memberIds: parsed.memberIds,
        parentTeamId: parsed.parentTeamId ?? null,
        createdAt: now,
        updatedAt: now,
      };
      return scope.mutate(async (tx, events) => {
        await lockDirectory(tx, workspaceId);
        await checkRefs(tx, workspaceId, team);
        await tx.records.put('team', team);
        events.record('team.created', { teamId: team.id });
        return team;
      });
    },
    async get(id) {
      await scope.access.actor();
      return requireFound(await scope.storage.records.get(workspaceId, 'team', id), 'team', id);
    },
    async list(query = {}) {
      await scope.access.actor();
      const { cursor, limit } = parseInput(pageQuerySchema, query, 'team query');
      return scope.storage.records.list(workspaceId, 'team', { cursor: cursor ?? null, limit });
    },
    async update(id, patch) {
      await scope.access.requireAdmin('update teams');
      const parsed = parseInput(updateTeamInput, patch, 'team');
      return scope.mutate(async (tx, events) => {
        await lockDirectory(tx, workspaceId);
        const current = requireFound(await tx.records.get(workspaceId, 'team', id), 'team', id);
        const next: Team = {
          ...current,
          name: parsed.name ?? current.name,
          memberIds: parsed.memberIds ?? current.memberIds,
          parentTeamId: parsed.parentTeamId === undefined ? current.parentTeamId : parsed.parentTeamId,
          updatedAt: runtime.clock.now(),
        };
        await checkRefs(tx, workspaceId, next);
        const before = await accessSnapshot(tx, workspaceId);
        await tx.records.put('team', next);
        events.record('team.updated', { teamId: id, fields: changedFields(patch) });
        await releaseLostAccess(tx, events, workspaceId, before, { now: next.updatedAt, by: actorOf(scope.actorId) });
        return next;
      });
    },
    async delete(id) {
      await scope.access.requireAdmin('delete teams');
      await scope.mutate((tx, events) => deleteTeam(scope, tx, events, id, actorOf(scope.actorId)));
    },
  };
}
