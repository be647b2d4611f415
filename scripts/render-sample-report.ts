/**
 * Renders the report of the sample's released file (the main job: `edra anonymize
 * analyses/encounters.yaml --out ... --report ...`) and a picture of its whole first printed
 * page for the README: docs/report.png. Run with `npm run report:sample` (Debian's chromium when
 * installed, else @sparticuz/chromium's: see chromium.ts). Prints the PDF's page count and the
 * fill of each page (scripts/pdfLayout.ts). Pass a directory to also keep the HTML, twin, the
 * released file and the PDF there.
 *
 * The picture is the print layout (print media, Letter at 96 px per inch, the @page margins as
 * padding, the running header and page number drawn as on paper) of page 1, which holds the
 * masthead and the summary alone (the data section starts page 2).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../src/cli/program.js';
import { findChromium, launchChromium } from './chromium.js';
import { pdfLayout, reportMargins, underfilledPages } from './pdfLayout.js';

const root = path.resolve(import.meta.dirname, '..');
const keep = process.argv[2] ? path.resolve(process.argv[2]) : undefined;

/** The report's sections, in order (the page-fill rule exempts the last page of each). */
const reportSections = ['summary', 'data', 'adversary', 'methods', 'results', 'transformation', 'utility', 'controls', 'changes', 'reproducibility', 'signoff'];

async function main(): Promise<number> {
  try {
    await findChromium();
  } catch (e) {
    process.stderr.write(`render-sample-report: no Chromium (${e instanceof Error ? e.message : String(e)}); run npm ci\n`);
    return 1;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'edra-sample-report-'));
  try {
    const out = keep ?? work;
    fs.mkdirSync(out, { recursive: true });
    const html = path.join(out, 'encounters-report.html');
    const code = await runCli(['anonymize', path.join('analyses', 'encounters.yaml'), '--quiet', '--out', path.join(out, 'encounters-released.csv'), '--report', html], {
      stdout: () => undefined,
      stderr: (t) => process.stderr.write(t),
    });
    if (code !== 0) {
      process.stderr.write(`render-sample-report: anonymize exited ${code}\n`);
      return code;
    }
    const context = await launchChromium(path.join(work, 'profile'), { width: 816, height: 1056 });
    try {
      const page = await context.newPage();
      await page.goto(`file://${html}`, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'Letter', printBackground: true, preferCSSPageSize: true, outline: true, tagged: true });
      const layout = pdfLayout(pdf);
      if (keep) fs.writeFileSync(path.join(out, 'encounters-report.pdf'), pdf);
      const header = await page.evaluate(`[document.querySelector('meta[name="edra-report-id"]').content, document.querySelector('.masthead .meta strong').textContent]`);
      const [id, file] = header as [string, string];
      await page.addStyleTag({
        content: `main > section:not(#summary) { display: none !important; }
          body { padding: ${reportMargins.top}px 15mm ${reportMargins.bottom}px; min-height: 1056px; position: relative; }
          .edra-page-box { position: absolute; left: 15mm; right: 15mm; font: 9pt system-ui, sans-serif; color: #5a616b; display: flex; justify-content: space-between; }`,
      });
      await page.evaluate(`(() => {
        const top = document.createElement('div'); top.className = 'edra-page-box'; top.style.top = '9mm';
        top.innerHTML = '<span></span><span></span>'; top.children[0].textContent = ${JSON.stringify(file)}; top.children[1].textContent = 'Report ' + ${JSON.stringify(id)};
        const bottom = document.createElement('div'); bottom.className = 'edra-page-box'; bottom.style.bottom = '7mm';
        bottom.innerHTML = '<span>HIPAA Expert Determination: re-identification risk report</span><span></span>'; bottom.children[1].textContent = 'Page 1 of ${layout.pages.length}';
        document.body.append(top, bottom);
      })()`);
      const png = path.join(root, 'docs', 'report.png');
      await page.screenshot({ path: png, clip: { x: 0, y: 0, width: 816, height: 1056 } });
      const short = underfilledPages(layout, reportSections).map((p) => p.page);
      process.stdout.write(
        `wrote ${path.relative(root, png)}${keep ? ` and ${path.relative(root, out)}/encounters-report.{html,json,pdf}` : ''}\n` +
          `PDF: ${layout.pages.length} pages; fill ${layout.pages.map((p) => `${Math.round(100 * p.fill)}%`).join(' ')}; pages under 30% that are not the last of a section: ${short.length ? short.join(', ') : 'none'}\n`,
      );
    } finally {
      await context.close();
    }
    return 0;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
