/**
 * edra explore in a real browser (the Chromium of the report's browser test, through
 * playwright-core; never skipped): open the page on the Adult sample, change one QI's level
 * and see k and the loss become what `edra analyze --levels` gives; run the search and load
 * its optimum from the lattice; pin two nodes and compare them; save a spec from the page and
 * re-analyze it from the CLI with the same result; a request without the token is refused;
 * the page makes no request outside 127.0.0.1 and logs no error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { AnalysisResult } from '../../src/contracts/analysis.js';
import type { SearchJson } from '../../src/contracts/search.js';
import type { RunningExplore } from '../../src/explore/explore.js';
import { findChromium, launchChromium } from '../../scripts/chromium.js';
import { cli, tempDir } from '../cli/helpers.js';
import { explore, specCopy } from './helpers.js';

const browser = await findChromium().catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
const t = tempDir('edra-explore-browser-');
let x: RunningExplore;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const errors: string[] = [];

/** The raw value of a figure on the page. */
const figure = (name: string) => page.getAttribute(`[data-figure="${name}"]`, 'data-value');
/** Waits until the page shows the node with these levels (QI order). */
const shown = (levels: number[]) => page.waitForSelector(`body[data-node="${levels.join(',')}"]`, { timeout: 30_000 });

async function analyzed(levels: string, spec = x.session.describe().spec): Promise<AnalysisResult> {
  const r = await cli('analyze', spec, ...(levels ? ['--levels', levels] : []), '--json', '--quiet');
  expect(r.code, r.stderr).toBeLessThanOrEqual(1);
  return JSON.parse(r.stdout) as AnalysisResult;
}

describe('edra explore in Chromium', () => {
  it('has a Chromium to drive', () => {
    if (browser instanceof Error) expect.fail(`no Chromium to drive (${browser.message}); run npm ci`);
  });

  describe('the page on Adult', () => {
    beforeAll(async () => {
      if (browser instanceof Error) throw browser;
      x = await explore(specCopy(t.dir), { outputDir: t.dir });
      context = await launchChromium(t.file('profile'), { width: 1440, height: 1000 }, { loopbackOnly: true });
      page = await context.newPage();
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      await page.goto(x.url);
      await page.waitForSelector('body[data-ready="yes"]', { timeout: 60_000 });
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await x?.close('test over');
      t.cleanup();
    });

    it('opens at the bottom node with the figures of edra analyze', async () => {
      const a = await analyzed('age=0');
      expect(Number(await figure('k'))).toBe(a.k);
      expect(Number(await figure('loss'))).toBe(a.transformation!.utility!.metrics.loss);
      expect(await page.getAttribute('#verdict', 'data-value')).toBe(a.thresholdsVerdict);
    });

    it("changing one QI's level re-measures: k and the loss are those of analyze --levels", async () => {
      await page.locator('input[data-qi="age"]').fill('3');
      await shown([3, 0, 0, 0, 0, 0, 0, 0]);
      const a = await analyzed('age=3');
      expect(Number(await figure('k'))).toBe(a.k);
      expect(Number(await figure('loss'))).toBe(a.transformation!.utility!.metrics.loss);
      expect(Number(await figure('records'))).toBe(a.records);
      expect(await page.textContent('[data-level-label="age"]')).toMatch(/^level 3 of 4 · 5 groups$/);
      const line = await page.getAttribute('[data-figure="line:k"]', 'data-value');
      expect(Number(line)).toBe(a.thresholds.find((l) => l.name === 'k')!.value);
    });

    it('runs the search from the page and loads the optimum from the lattice', async () => {
      await page.click('#run-search');
      await page.waitForSelector('#search-status[data-optimum]', { timeout: 60_000 });
      const optimum = await page.getAttribute('#search-status', 'data-optimum');
      expect(optimum).toBe('age=3, education=2, marital-status=1, native-country=1, occupation=2, race=0, sex=0, workclass=1');
      // One point per node the search evaluated: as many as `edra search` checks on the same spec.
      const searched = await cli('search', x.session.describe().spec, '--json');
      expect(searched.code, searched.stderr).toBe(0);
      const json = JSON.parse(searched.stdout) as SearchJson;
      expect(json.lattice.checked).toBeLessThan(json.lattice.nodes);
      expect(await page.locator('#lattice-chart circle.pt').count()).toBe(json.lattice.checked);
      await page.locator('#front-chart circle.pt.optimum').dispatchEvent('click');
      await shown([3, 2, 1, 1, 2, 0, 0, 1]);
      expect(await figure('k')).toBe('5');
      expect(await page.getAttribute('#verdict', 'data-value')).toBe('pass');
    });

    it('pins two nodes and compares them side by side', async () => {
      await page.click('#pin');
      await page.locator('input[data-qi="age"]').fill('4');
      await shown([4, 2, 1, 1, 2, 0, 0, 1]);
      await page.click('#pin');
      await page.waitForSelector('#comparison');
      const k = await page.locator('#comparison tr[data-row="k"] td[data-value]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
      const a = await analyzed('age=3,education=2,marital-status=1,native-country=1,occupation=2,workclass=1');
      const b = await analyzed('age=4,education=2,marital-status=1,native-country=1,occupation=2,workclass=1');
      expect(k).toEqual([String(a.k), String(b.k)]);
      const loss = await page.locator('#comparison tr[data-row="loss"] td[data-value]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
      expect(loss).toEqual([a.transformation!.utility!.metrics.loss, b.transformation!.utility!.metrics.loss]);
      expect(await page.locator('.pin').count()).toBe(2);
    });

    it('saves a spec with an edited threshold that the CLI re-analyzes with the same result', async () => {
      await page.fill('#th-k', '10');
      await page.dispatchEvent('#th-k', 'change');
      await page.waitForSelector('.kpi:has([data-figure="k"]) .sub:text-is("required 10")', { timeout: 30_000 });
      await page.fill('#keep-name', 'from-the-page');
      await page.click('#save-spec');
      await page.waitForSelector('#keep-status:has-text("saved")');
      const file = path.join(t.dir, 'from-the-page.yaml');
      expect(fs.existsSync(file)).toBe(true);
      const a = await analyzed('', file);
      expect(a.thresholdSettings.k).toBe(10);
      expect(a.transformation!.levels).toEqual({ age: 4, education: 2, 'marital-status': 1, 'native-country': 1, occupation: 2, race: 0, sex: 0, workclass: 1 });
      expect(Number(await figure('k'))).toBe(a.k);
      expect(Number(await figure('loss'))).toBe(a.transformation!.utility!.metrics.loss);
      expect(await page.getAttribute('#verdict', 'data-value')).toBe(a.thresholdsVerdict);
      // saving again under the same name is refused, the file kept
      await page.click('#save-spec');
      await page.waitForSelector('#keep-status.error:has-text("exists")');
    });

    it('refuses a request without the token, from the page itself', async () => {
      const status = await page.evaluate(async () => (await fetch('/api/session')).status);
      expect(status).toBe(401);
      const bare = await context.newPage();
      const res = await bare.goto(x.url.replace(/\?token=.*/, ''));
      expect(res?.status()).toBe(401);
      await bare.close();
    });

    it('closing the last tab stops the server', async () => {
      const d = tempDir('edra-explore-close-');
      try {
        const y = await explore(specCopy(d.dir), { tabs: { graceMs: 300, sweepMs: 50 } });
        const tab = await context.newPage();
        await tab.goto(y.url);
        await tab.waitForSelector('body[data-ready="yes"]', { timeout: 60_000 });
        await tab.close({ runBeforeUnload: true });
        const outcome = await Promise.race([y.closed, new Promise<string>((r) => setTimeout(() => r('still serving after 20 s'), 20_000))]);
        if (outcome !== 'the last tab was closed') await y.close('test over');
        expect(outcome).toBe('the last tab was closed');
      } finally {
        d.cleanup();
      }
    }, 60_000);

    it('made no request outside 127.0.0.1 and logged no error', () => {
      const origin = `http://127.0.0.1:${x.port}`;
      expect(requests.length).toBeGreaterThan(10);
      expect(requests.filter((u) => !u.startsWith(`${origin}/`))).toEqual([]);
      // the browser logs the two refusals the tests above asked for (no token: 401; an existing file: 409)
      expect(errors.filter((e) => !/status of (401|409)/.test(e))).toEqual([]);
      expect(errors.length).toBeLessThanOrEqual(3);
    });
  });
}, 300_000);
