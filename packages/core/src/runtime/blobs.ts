/** Where attachment bytes live. Metadata stays in `Storage`. */
export interface BlobStore {
  /** Stores bytes under `key` (overwrites). */
  put(key: string, data: Uint8Array, meta: { contentType: string }): Promise<void>;
  /** The bytes, or `null`. */
  get(key: string): Promise<Uint8Array | null>;
  /** Deletes the bytes. Idempotent. */
  delete(key: string): Promise<void>;
}

/** In-memory blobs: the default, for tests and demos. Use a durable store in production. */
export function memoryBlobs(): BlobStore {
  const map = new Map<string, Uint8Array>();
  return {
    async put(key, data) {
      map.set(key, data.slice());
    },
    async get(key) {
      return map.get(key)?.slice() ?? null;
    },
    async delete(key) {
      map.delete(key);
    },
  };
}
