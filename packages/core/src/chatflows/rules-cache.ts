import type { StorageOperations } from '../storage/storage.js';
import type { Chatflow } from './chatflow.js';
import { Lru } from './lru.js';
import { compileTargeting, type CompiledTargeting } from './targeting/compile.js';

/**
 * Compiled targeting per channel, shared by every scope of one kit and invalidated by a version
 * token kept in the store. Every chatflow change writes a fresh token in the same transaction, so
 * a process notices changes made by any other process sharing the store with one cheap read.
 */
interface Entry {
  version: string | null;
  compiled: CompiledTargeting<Chatflow>;
}

/** Channels kept compiled per kit; the least recently used beyond this are dropped. */
const MAX_CHANNELS = 1000;

/** The state key holding a channel's chatflow version. */
export const versionKey = (channelId: string) => `chatflows:version:${channelId}`;

/** Marks a channel's chatflows as changed; call inside the transaction of the change. */
export async function bumpVersion(tx: StorageOperations, workspaceId: string, channelId: string, version: string): Promise<void> {
  await tx.state.put(workspaceId, versionKey(channelId), version);
}

// Keyed by the kit's runtime object: two kits (or two stores) never share compiled rules.
const caches = new WeakMap<object, Lru<string, Entry>>();

/**
 * The compiled chatflows of a channel, recompiled only when its version changed. The version is
 * read before the chatflows: a change landing in between leaves a newer list under an older
 * version, which the next call recompiles, never the reverse (a stale list kept as current).
 */
export async function compiledChatflows(
  owner: object,
  storage: StorageOperations,
  workspaceId: string,
  channelId: string,
  version: string | null,
): Promise<CompiledTargeting<Chatflow>> {
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new Lru(MAX_CHANNELS)));
  const key = `${workspaceId}\u0000${channelId}`;
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.compiled;
  const { items } = await storage.records.list(workspaceId, 'chatflow', { where: { channelId } });
  const entry = { version, compiled: compileTargeting(items) };
  cache.set(key, entry);
  return entry.compiled;
}
