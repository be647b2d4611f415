/**
 * The report in a real browser: a headless Chromium driven by playwright-core, launched once for
 * every assertion. It opens the sample's report (edra analyze --report) and the report of a
 * result with every optional part, checks each section and chart is there and visible, that
 * the page made no network request and logged no console error, takes a screenshot and prints
 * to PDF. The browser is Debian's /usr/bin/chromium when installed, else the one shipped in the
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

/** The browser to drive, or why there is none. */
const browser = await findChromium().catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
const noBrowser =
  browser instanceof Error
    ? `no Chromium to drive: ${systemChromiumPath} is absent and @sparticuz/chromium failed (${browser.message}); run npm ci`
    : '';
const sections = ['summary', 'data', 'adversary', 'methods', 'results', 'transformation', 'controls', 'reproducibility', 'signoff'];

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
    const visits: Record<'sample' | 'full', Visit> = {} as Record<'sample' | 'full', Visit>;

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
      const run = await cli('analyze', path.join(repoRoot, 'analyses', 'encounters.yaml'), '--quiet', '--report', t.file('sample.html'));
      expect(run.code).toBe(0);
      sampleHtml = fs.readFileSync(t.file('sample.html'), 'utf8');
      fs.writeFileSync(t.file('full.html'), renderReport(fullResult()).html);
      context = await launchChromium(t.file('profile'));
      visits.sample = await open(t.file('sample.html'));
      visits.full = await open(t.file('full.html'));
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      t.cleanup();
    });

    it('every section of both reports is present and visible', async () => {
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
        expect(n).toBe(name === 'sample' ? expected : 5);
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
        // nine sections, most starting a page: at least 9, and a report that reads in one sitting
        expect(pages).toBeGreaterThanOrEqual(9);
        expect(pages).toBeLessThanOrEqual(40);
        await page.emulateMedia({ media: 'screen' });
      }
    });
  });
}, 180_000);
