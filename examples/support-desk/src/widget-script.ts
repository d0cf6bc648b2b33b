import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The chat widget as built by `@inboxkit/adapter-chat` (`dist/widget.js`), read through node's
 * package resolution. The adapter finds it by itself when it runs from its build; the desk
 * passes it explicitly so it also works when the adapter's TypeScript sources are loaded (tsx
 * picks up the monorepo's path mappings).
 */
export async function builtWidgetScript(): Promise<string> {
  const root = dirname(createRequire(import.meta.url).resolve('@inboxkit/adapter-chat/package.json'));
  const path = join(root, 'dist', 'widget.js');
  return readFile(path, 'utf8').catch(() => {
    throw new Error(`the chat widget is not built (${path}): run \`npm run build\` first (\`npm run demo\` does)`);
  });
}
