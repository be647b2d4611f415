/**
 * `npm run explore:screenshot`: the README's screenshot of edra explore (docs/explore.png), on
 * the Adult sample: the search run from the page, its optimum loaded from the lattice, one QI
 * raised and two nodes pinned. The same Chromium as the browser tests (scripts/chromium.ts),
 * allowed to reach 127.0.0.1 only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSpec } from '../src/config/loadSpec.js';
import { startExplore } from '../src/explore/explore.js';
import { launchChromium } from './chromium.js';

const root = path.resolve(import.meta.dirname, '..');
const out = process.argv[2] ?? path.join(root, 'docs', 'explore.png');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edra-explore-shot-'));
const running = await startExplore(loadSpec(path.join(root, 'analyses', 'adult-search.yaml')), { specArg: 'analyses/adult-search.yaml', outputDir: dir });
const context = await launchChromium(path.join(dir, 'profile'), { width: 1440, height: 1560 }, { loopbackOnly: true });
try {
  const page = await context.newPage();
  await page.goto(running.url);
  await page.waitForSelector('body[data-ready="yes"]');
  await page.click('#run-search');
  await page.waitForSelector('#search-status[data-optimum]', { timeout: 120_000 });
  await page.locator('#front-chart circle.pt.optimum').dispatchEvent('click');
  await page.waitForSelector('body[data-node="3,2,1,1,2,0,0,1"]');
  await page.click('#pin');
  await page.locator('input[data-qi="education"]').fill('3');
  await page.waitForSelector('body[data-node="3,3,1,1,2,0,0,1"]');
  await page.click('#pin');
  await page.locator('input[data-qi="education"]').fill('2');
  await page.waitForSelector('body[data-node="3,2,1,1,2,0,0,1"]');
  await page.waitForSelector('#next-body table');
  await page.screenshot({ path: out });
  process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
} finally {
  await context.close();
  await running.close('done');
  fs.rmSync(dir, { recursive: true, force: true });
}
