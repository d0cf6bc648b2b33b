// What `npm publish` would ship for every package under packages/: the build, its types, the
// README and LICENSE, and nothing of the tests. Reads `npm pack --dry-run --json`, so it checks
// the real `files` rules against the real dist/; it needs a build (CI builds before testing).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = readdirSync(join(root, 'packages')).filter((dir) => existsSync(join(root, 'packages', dir, 'package.json')));
const unbuilt = packages.filter((dir) => !existsSync(join(root, 'packages', dir, 'dist', 'index.js')));

interface Packed {
  name: string;
  files: Array<{ path: string }>;
}

/** Every file path an `exports` map points at (`./dist/index.js`, without the `./`). */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return exports.startsWith('./') ? [exports.slice(2)] : [];
  if (exports && typeof exports === 'object') return Object.values(exports).flatMap(exportTargets);
  return [];
}

const TEST_PATH = /(^|\/)(test|tests|__tests__|__fixtures__|fixtures)\/|\.(test|spec)\.[cm]?[jt]sx?(\.map)?$/;

(unbuilt.length ? describe.skip : describe)(
  unbuilt.length ? `package tarballs: skipped, not built (${unbuilt.join(', ')}; run npm run build)` : 'package tarballs',
  () => {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', ...packages.flatMap((dir) => ['-w', `packages/${dir}`])], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    ) as Packed[];

    for (const dir of packages) {
      const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      const paths = () => packed.find((p) => p.name === manifest.name)!.files.map((f) => f.path);

      describe(String(manifest.name), () => {
        it('ships the ESM and CJS builds with their types, every exports target, README and LICENSE', () => {
          const required = ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', ...exportTargets(manifest.exports)];
          expect(paths()).toEqual(expect.arrayContaining([...new Set(required)]));
        });

        it('ships no sources, tests, fixtures, or source maps of tests', () => {
          const files = paths();
          expect(files.filter((path) => path.startsWith('src/') || TEST_PATH.test(path))).toEqual([]);
          // A map lists the sources it was built from: none of them may be a test or a fixture.
          const maps = files.filter((path) => path.endsWith('.map'));
          const testSources = maps.flatMap((path) => (JSON.parse(readFileSync(join(root, 'packages', dir, path), 'utf8')) as { sources: string[] }).sources.filter((s) => TEST_PATH.test(s)));
          expect(testSources).toEqual([]);
        });

        it('declares engines, sideEffects and a license', () => {
          expect(manifest).toMatchObject({ engines: { node: '>=20' }, sideEffects: false, license: 'MIT' });
          expect(manifest.private).not.toBe(true);
        });
      });
    }

    it('storage-postgres ships its SQL migrations', () => {
      const files = packed.find((p) => p.name === '@inboxkit/storage-postgres')!.files.map((f) => f.path);
      const shipped = readdirSync(join(root, 'packages/storage-postgres/migrations')).filter((f) => f.endsWith('.sql'));
      expect(shipped.length).toBeGreaterThan(0);
      expect(files).toEqual(expect.arrayContaining(shipped.map((f) => `migrations/${f}`)));
    });
  },
);

describe('releases (changesets)', () => {
  const config = JSON.parse(readFileSync(join(root, '.changeset/config.json'), 'utf8')) as Record<string, unknown>;
  const publishable = new Set(packages.map((dir) => (JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as { name: string }).name));

  it('writes a changelog and never versions the examples, which are all private', () => {
    expect(config.changelog).toBeTruthy();
    expect(config.privatePackages).toEqual({ version: false, tag: false });
    const examples = readdirSync(join(root, 'examples')).filter((dir) => existsSync(join(root, 'examples', dir, 'package.json')));
    const published = examples.filter((dir) => (JSON.parse(readFileSync(join(root, 'examples', dir, 'package.json'), 'utf8')) as { private?: boolean }).private !== true);
    expect(examples.length).toBeGreaterThan(0);
    expect(published).toEqual([]);
  });

  it('every pending changeset names only publishable packages', () => {
    const named = readdirSync(join(root, '.changeset'))
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .flatMap((f) => {
        const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(root, '.changeset', f), 'utf8'))?.[1] ?? '';
        return [...front.matchAll(/^['"]?([^'":]+)['"]?:\s*(patch|minor|major)\s*$/gm)].map((m) => ({ file: f, name: m[1]! }));
      });
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((n) => !publishable.has(n.name))).toEqual([]);
  });
});
