/**
 * Launches Debian's Chromium (/usr/bin/chromium, installed by `apt-get install chromium`; never
 * a downloaded browser) through playwright-core, headless, offline, with a fresh profile and
 * nothing that phones home. Used by the report's browser test and by report:sample.
 */
import { chromium, type BrowserContext } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

/** Flags: headless, no sandbox (root in CI), no GPU, no background network, no updates, no sync. */
export const chromiumArgs: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** A persistent context over a fresh user-data directory (the caller creates and removes it). */
export function launchChromium(userDataDir: string, viewport = { width: 1200, height: 900 }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs],
    viewport,
    offline: true,
  });
}
