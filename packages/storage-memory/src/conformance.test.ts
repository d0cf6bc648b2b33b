import { memoryStorage } from '@inboxkit/storage-memory';
import { runStorageConformance } from '@inboxkit/storage-testkit';

// The reference store runs the whole suite, every capability on, with no skips.
runStorageConformance({
  name: 'memory',
  create: async () => ({ storage: memoryStorage(), cleanup: async () => {} }),
});
