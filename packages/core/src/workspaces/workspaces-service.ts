import { pageQuerySchema, type Page } from '../domain/common.js';
import { createWorkspaceInput, type CreateWorkspaceInput, type Workspace } from '../domain/workspace.js';
import { parseInput } from '../errors/parse.js';
import { requireFound } from '../kit/require-found.js';
import type { KitRuntime } from '../kit/runtime.js';
import { Scope } from '../kit/scope.js';

/** Creating and listing workspaces (tenants). Host-level: not available through `asUser`. */
export interface WorkspacesApi {
  /** Creates a workspace. */
  create(input: CreateWorkspaceInput): Promise<Workspace>;
  /** The workspace; `NOT_FOUND` when missing. */
  get(id: string): Promise<Workspace>;
  /** Workspaces ordered by id. */
  list(query?: { cursor?: string | null; limit?: number }): Promise<Page<Workspace>>;
  /** Renames a workspace. */
  update(id: string, patch: { name?: string }): Promise<Workspace>;
}

/** Builds the host-level workspaces API. */
export function workspacesService(runtime: KitRuntime): WorkspacesApi {
  const { storage, clock, ids } = runtime;
  return {
    async create(input) {
      const { name } = parseInput(createWorkspaceInput, input, 'workspace');
      const now = clock.now();
      const workspace: Workspace = { id: ids.next('ws'), name, createdAt: now, updatedAt: now };
      await new Scope(runtime, workspace.id, null, true).mutate(async (tx, events) => {
        await tx.workspaces.insert(workspace);
        events.record('workspace.created', { name });
      });
      return workspace;
    },
    async get(id) {
      return requireFound(await storage.workspaces.get(id), 'workspace', id);
    },
    async list(query = {}) {
      const { cursor, limit } = parseInput(pageQuerySchema, query, 'workspace query');
      return storage.workspaces.list({ cursor: cursor ?? null, limit });
    },
    async update(id, patch) {
      const { name } = parseInput(createWorkspaceInput.partial(), patch, 'workspace');
      return new Scope(runtime, id, null).mutate(async (tx) => {
        const current = requireFound(await tx.workspaces.get(id), 'workspace', id);
        const next = { ...current, name: name ?? current.name, updatedAt: clock.now() };
        await tx.workspaces.update(next);
        return next;
      });
    },
  };
}
