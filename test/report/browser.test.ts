/**
 * The report in a real browser: a headless Chromium driven by playwright-core, launched once for
 * every assertion. It opens the main job's reports (edra analyze --report on the sample, and the
 * report of the released file, edra anonymize --report), the Adult search report and the report
 * of a result with every optional part, checks each section and chart is there and visible, that
 * the page made no network request and logged no console error, takes a screenshot and prints
 * to PDF: no page under 30% filled except the last of a section, no table or chart split across
 * pages, the summary alone on page 1 (scripts/pdfLayout.ts measures the PDF itself). The browser
 * is Debian's /usr/bin/chromium when installed, else the one shipped in the
 * npm devDependency @sparticuz/chromium (scripts/chromium.ts), so `npm ci` is all it needs. Never
 * skipped: without either browser the first test fails, saying so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { renderReport } from '../../src/report/render.js';
import { cli, repoRoot, tempDir } from '../cli/helpers.js';
import { fullResult } from './fixtures.js';
import { findChromium, launchChromium, systemChromiumPath } from '../../scripts/chromium.js';
import { markerColor, pdfLayout, splitBlocks, underfilledPages } from '../../scripts/pdfLayout.js';

/** The browser to drive, or why there is none. */
const browser = await findChromium().catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
const noBrowser =
  browser instanceof Error
    ? `no Chromium to drive: ${systemChromiumPath} is absent and @sparticuz/chromium failed (${browser.message}); run npm ci`
    : '';
const sections = ['summary', 'data', 'adversary', 'methods', 'results', 'transformation', 'utility', 'controls', 'changes', 'reproducibility', 'signoff'];
type Name = 'sample' | 'released' | 'adult' | 'full';

/** Pages of a PDF (page objects, not the page tree). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

interface Visit {
  page: Page;
  requests: string[];
  errors: string[];
}

describe('the report in Chromium', () => {
  // outside the describe below, so that it runs (and fails, saying why) before that beforeAll
  it("has a Chromium to drive (Debian's or @sparticuz/chromium's)", () => {
    if (browser instanceof Error) expect.fail(noBrowser);
    expect(fs.statSync(browser.path).mode & 0o111, `${browser.path} is not executable`).not.toBe(0);
  });

  describe('both reports, opened once', () => {
    const t = tempDir('edra-report-browser-');
    let context: BrowserContext;
    let sampleHtml: string;
    const visits: Record<Name, Visit> = {} as Record<Name, Visit>;
    const htmlOf: Partial<Record<Name, string>> = {};

    async function open(file: string): Promise<Visit> {
      const page = await context.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      return { page, requests, errors };
    }

    beforeAll(async () => {
      if (noBrowser) throw new Error(noBrowser);
      const main = path.join(repoRoot, 'analyses', 'encounters.yaml');
      const run = await cli('analyze', main, '--quiet', '--report', t.file('sample.html'));
      expect(run.code).toBe(0);
      const released = await cli('anonymize', main, '--quiet', '--out', t.file('released.csv'), '--report', t.file('released.html'));
      expect(released.code).toBe(0);
      const adult = await cli('search', path.join(repoRoot, 'analyses', 'adult-search.yaml'), '--quiet', '--report', t.file('adult.html'));
      expect(adult.code).toBe(0);
      sampleHtml = fs.readFileSync(t.file('sample.html'), 'utf8');
      fs.writeFileSync(t.file('full.html'), renderReport(fullResult()).html);
      context = await launchChromium(t.file('profile'));
      for (const name of ['sample', 'released', 'adult', 'full'] as const) {
        htmlOf[name] = fs.readFileSync(t.file(`${name}.html`), 'utf8');
        visits[name] = await open(t.file(`${name}.html`));
      }
    }, 400_000);

    afterAll(async () => {
      await context?.close();
      t.cleanup();
    });

    it('every section of every report is present and visible', async () => {
      for (const { page } of Object.values(visits)) {
        for (const id of sections) {
          const s = page.locator(`section#${id}`);
          await expect(s.isVisible()).resolves.toBe(true);
          const box = await s.boundingBox();
          expect(box?.height ?? 0).toBeGreaterThan(80);
          await expect(s.locator('h2').first().isVisible()).resolves.toBe(true);
        }
        const ids = await page.locator('section.report-section').evaluateAll((els) => els.map((e) => e.id));
        expect(ids).toEqual(sections);
      }
    });

    it('every chart is present, visible and drawn, with its title; the sample has at least three', async () => {
      const expected = (sampleHtml.match(/<svg class="chart-svg"/g) ?? []).length;
      expect(expected).toBeGreaterThanOrEqual(3);
      for (const [name, { page }] of Object.entries(visits)) {
        const charts = page.locator('figure.chart svg.chart-svg');
        const n = await charts.count();
        expect(n).toBe(name === 'full' ? 5 : (htmlOf[name as Name]!.match(/<svg class="chart-svg"/g) ?? []).length);
        if (name !== 'full') expect(n).toBeGreaterThanOrEqual(3);
        for (let i = 0; i < n; i++) {
          const chart = charts.nth(i);
          await expect(chart.isVisible()).resolves.toBe(true);
          const box = await chart.boundingBox();
          expect(box!.width).toBeGreaterThan(400);
          expect(box!.height).toBeGreaterThan(100);
          expect(await chart.locator('.bar, .point').count()).toBeGreaterThan(0);
          expect((await chart.locator('text.chart-title').textContent())?.length).toBeGreaterThan(10);
          await expect(chart.locator('xpath=ancestor::figure/figcaption').isVisible()).resolves.toBe(true);
        }
      }
    });

    it('made no network request and logged no console error; nothing overflows the page width', async () => {
      for (const [name, v] of Object.entries(visits)) {
        expect(v.requests).toEqual([`file://${t.file(`${name}.html`)}`]);
        expect(v.errors).toEqual([]);
        const overflow = (await v.page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
        expect(overflow).toBeLessThanOrEqual(0);
        // no font, image or stylesheet was loaded from anywhere
        const resources = (await v.page.evaluate("performance.getEntriesByType('resource').map((e) => e.name)")) as string[];
        expect(resources).toEqual([]);
      }
    });

    it('takes a screenshot and prints to PDF with a sane page count; print hides the navigation', async () => {
      for (const [name, { page }] of Object.entries(visits)) {
        const png = await page.screenshot({ fullPage: true });
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        expect(png.length).toBeGreaterThan(100_000);
        await page.emulateMedia({ media: 'print' });
        await expect(page.locator('nav.toc').isVisible()).resolves.toBe(false);
        const pdf = await page.pdf({ format: 'Letter', printBackground: true, preferCSSPageSize: true });
        fs.writeFileSync(t.file(`${name}.pdf`), pdf);
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        const pages = pdfPages(pdf);
        // eleven sections, flowing from page 2 on: a report that reads in one sitting
        expect(pages).toBeGreaterThanOrEqual(8);
        expect(pages).toBeLessThanOrEqual(40);
        await page.emulateMedia({ media: 'screen' });
      }
    });

    it('the printed sample and Adult reports: no page under 30% filled but the last of a section, no table or chart split, the summary alone on page 1', async () => {
      for (const name of ['released', 'adult'] as const) {
        const page = await context.newPage();
        await page.goto(`file://${t.file(`${name}.html`)}`, { waitUntil: 'load' });
        // a marker of a colour of its own at the start and at the end of every table and chart
        const colors = Array.from({ length: 400 }, (_, i) => [markerColor(i, false), markerColor(i, true)]);
        const blocks = (await page.evaluate(`((colors) => {
          const blocks = [...document.querySelectorAll('table, figure.chart')];
          blocks.forEach((e, i) => {
            const mark = (c) => { const s = document.createElement('span'); s.style.cssText = 'display:inline-block;width:2px;height:2px;background:rgb(' + c.join(',') + ')'; return s; };
            const cells = e.querySelectorAll('td, figcaption');
            (e.querySelector('th, td') ?? e).prepend(mark(colors[i][0]));
            (cells[cells.length - 1] ?? e).append(mark(colors[i][1]));
          });
          return blocks.length;
        })(${JSON.stringify(colors)})`)) as number;
        expect(blocks).toBeGreaterThan(15);
        await page.emulateMedia({ media: 'print' });
        // nothing is wider than Letter's content width (703 px): Chromium would shrink every page to fit
        await page.setViewportSize({ width: 703, height: 900 });
        expect((await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number, `${name}: wider than the page`).toBeLessThanOrEqual(0);
        const pdf = await page.pdf({ format: 'Letter', printBackground: true, preferCSSPageSize: true, outline: true, tagged: true });
        await page.close();
        const layout = pdfLayout(pdf);
        const fills = layout.pages.map((p) => Math.round(100 * p.fill));
        expect(underfilledPages(layout, sections), `${name}: page fill ${fills.join(' ')}`).toEqual([]);
        expect(splitBlocks(layout, blocks), `${name}: [block, start page, end page] split`).toEqual([]);
        // page 1: the masthead and the summary, whole; the data section starts page 2
        const startPage = (id: string) => layout.pages.find((p) => p.anchors.some((a) => a.id === id))?.page;
        expect(startPage('summary')).toBe(1);
        expect(startPage('data')).toBe(2);
        expect(layout.pages[0].fill, `${name}: page 1 fill`).toBeGreaterThan(0.5);
        expect(layout.size).toEqual([612, 792]); // Letter
      }
    });

    it('the report of the released file states both SHA-256 and the re-measured verdict', async () => {
      const { page } = visits.released;
      await expect(page.locator('section#data p.verdict.pass strong').first().textContent()).resolves.toBe('This is the released file itself.');
      await expect(page.locator('[data-edra-fact="released-sha256"]').isVisible()).resolves.toBe(true);
      await expect(page.locator('[data-edra-fact="input-sha256"]').isVisible()).resolves.toBe(true);
      await expect(page.locator('section#utility figure.chart svg .bar').count()).resolves.toBe(8);
    });
  });
}, 400_000);
