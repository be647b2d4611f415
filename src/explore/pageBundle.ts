/**
 * Bundles the page (src/explore/page: plain TypeScript and d3) into one script and one style
 * sheet with esbuild: at build time (`npm run build` runs scripts/build-page.ts, which writes
 * dist/explore/page/), or in memory when edra runs from its sources (tests, tsx). esbuild is a
 * devDependency, loaded only here: an installed edra serves the bundle built with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The page's source folder (beside this file when running from src). */
export const pageSourceDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'page');

export interface PageBundle {
  js: string;
  css: string;
}

/** Bundles src/explore/page/main.ts (with d3) and reads its style sheet. */
export async function bundlePage(sourceDir = pageSourceDir): Promise<PageBundle> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [path.join(sourceDir, 'main.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    legalComments: 'eof',
    logLevel: 'silent',
  });
  const js = out.outputFiles[0].text;
  const css = fs.readFileSync(path.join(sourceDir, 'style.css'), 'utf8');
  return { js, css };
}
