// A separate process that tries to take a lease and then keeps renewing it, reporting each
// attempt. Usage: lease-holder.ts <databaseUrl> <schema> <lease> <holder> <ttlMs>
import { postgresStorage } from '../../src/index.js';
import { fail, onStop, tell } from './child-io.js';

const [url, schema, lease, holder, ttl] = process.argv.slice(2) as [string, string, string, string, string];
const ttlMs = Number(ttl);
const storage = postgresStorage({ connectionString: url, schema });
let timer: NodeJS.Timeout | undefined;

async function attempt(): Promise<void> {
  try {
    const held = await storage.leases.acquire(lease, holder, ttlMs, Date.now());
    tell({ type: held ? 'held' : 'denied', holder });
  } catch (error) {
    fail(error);
  }
  // Renew well within the TTL, as a real owner of a background job does.
  timer = setTimeout(() => void attempt(), ttlMs / 5);
}

onStop(async () => {
  clearTimeout(timer);
  await storage.close();
});
void attempt();
