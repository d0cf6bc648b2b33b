// Runs every `*.bench.ts` of this folder in turn, each in its own process (one bench's JIT
// state and garbage never skew another's figures). Fails when any bench fails.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const folder = import.meta.dirname;
const benches = readdirSync(folder).filter((file) => file.endsWith('.bench.ts')).sort();
for (const file of benches) {
  console.log(`\n▶ ${file}`);
  const { status } = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: folder, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
