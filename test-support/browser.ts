/**
 * Headless Chromium for the end-to-end suites (shared by every package's browser tests).
 * Uses Debian's `/usr/bin/chromium` (or `CHROMIUM_PATH`) driven by playwright-core: no
 * browser is downloaded. Outside CI a missing binary skips the suite with a reason; in CI
 * (`CI=true`) it fails instead, because CI runs every suite.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Where the Chromium binary is expected. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether browser suites can run here; in CI a missing browser is an error, not a skip. */
export const chromiumAvailable = existsSync(chromiumPath) || process.env.CI === 'true';

/** The reason printed when a browser suite is skipped. */
export const chromiumSkipReason = `Chromium not found at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH); browser suite skipped`;

if (!chromiumAvailable) console.warn(chromiumSkipReason);

/** Launches headless Chromium with the flags this machine needs (closed network, root, no GPU). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A folder for screenshots and other test artifacts (`test-artifacts/<suite>`, git-ignored). */
export function artifactDir(suite: string): string {
  const dir = join(process.cwd(), 'test-artifacts', suite);
  mkdirSync(dir, { recursive: true });
  return dir;
}
