/**
 * Launches a headless Chromium through playwright-core, offline, with a fresh profile and
 * nothing that phones home. Used by the report's browser test and by report:sample.
 *
 * Which Chromium: Debian's /usr/bin/chromium when it is installed, else the one shipped inside
 * the npm devDependency @sparticuz/chromium, whose executablePath() unpacks it (with its fonts
 * and SwiftShader) into os.tmpdir() on first use, about 1.5 s, and reuses it after. Never a
 * browser downloaded at run time: `npm ci` alone is enough.
 */
import fs from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium), preferred when present. */
export const systemChromiumPath = '/usr/bin/chromium';

/** Our flags: headless, no sandbox (root in CI), no GPU, no background network, no updates, no sync. */
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

export interface ChromiumBinary {
  /** The executable to launch. */
  path: string;
  /** Where it comes from: Debian's package or the npm package. */
  source: 'system' | 'npm';
  /** The flags to launch it with. */
  args: string[];
}

/** `base` then `ours`, one flag per switch name: where both set a switch, ours wins. */
export function mergeArgs(base: readonly string[], ours: readonly string[]): string[] {
  const name = (a: string) => a.split('=')[0];
  const mine = new Set(ours.map(name));
  return [...base.filter((a) => !mine.has(name(a))), ...ours];
}

/**
 * The Chromium to drive: Debian's with our flags, else the npm package's (unpacked on first
 * call) with its recommended flags merged with ours. Rejects only if neither can be had.
 */
export async function findChromium(): Promise<ChromiumBinary> {
  if (fs.existsSync(systemChromiumPath)) return { path: systemChromiumPath, source: 'system', args: [...chromiumArgs] };
  const { default: packaged } = await import('@sparticuz/chromium');
  // no GPU, as our flags say: its flags then turn WebGL off instead of selecting SwiftShader
  packaged.setGraphicsMode = false;
  return { path: await packaged.executablePath(), source: 'npm', args: mergeArgs(packaged.args, chromiumArgs) };
}

/** The path of the Chromium that launchChromium starts (see findChromium). */
export async function chromiumExecutablePath(): Promise<string> {
  return (await findChromium()).path;
}

/**
 * A persistent context over a fresh user-data directory (the caller creates and removes it),
 * offline. `loopbackOnly` instead lets the page reach 127.0.0.1 (edra explore's server) and
 * aborts every other request (the caller still sees it in its request log).
 */
export async function launchChromium(userDataDir: string, viewport = { width: 1200, height: 900 }, options: { loopbackOnly?: boolean } = {}): Promise<BrowserContext> {
  const { path: executablePath, args } = await findChromium();
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args,
    viewport,
    offline: !options.loopbackOnly,
  });
  if (options.loopbackOnly) {
    await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient')));
  }
  return context;
}
