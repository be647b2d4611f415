/**
 * Renders the sample's determination report (analyses/encounters.yaml) and a screenshot of its
 * first screen for the README: docs/report.png. Run with `npm run report:sample` (Debian's
 * chromium when installed, else @sparticuz/chromium's: see chromium.ts). Pass a directory to also
 * keep the HTML, twin and PDF there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../src/cli/program.js';
import { findChromium, launchChromium } from './chromium.js';

const root = path.resolve(import.meta.dirname, '..');
const keep = process.argv[2] ? path.resolve(process.argv[2]) : undefined;

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
    const code = await runCli(['analyze', path.join('analyses', 'encounters.yaml'), '--quiet', '--report', html], {
      stdout: () => undefined,
      stderr: (t) => process.stderr.write(t),
    });
    if (code > 1) return code;
    const context = await launchChromium(path.join(work, 'profile'), { width: 1100, height: 1500 });
    try {
      const page = await context.newPage();
      await page.goto(`file://${html}`, { waitUntil: 'load' });
      const png = path.join(root, 'docs', 'report.png');
      await page.screenshot({ path: png, clip: { x: 0, y: 0, width: 1100, height: 1500 } });
      if (keep) await page.pdf({ path: path.join(out, 'encounters-report.pdf'), format: 'Letter', printBackground: true, preferCSSPageSize: true });
      process.stdout.write(`wrote ${path.relative(root, png)}${keep ? ` and ${path.relative(root, out)}/encounters-report.{html,json,pdf}` : ''}\n`);
    } finally {
      await context.close();
    }
    return 0;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
