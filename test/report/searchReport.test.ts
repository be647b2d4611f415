/**
 * The report of the data at a search optimum (`edra search --report`, `edra analyze --levels
 * --report`) on Adult (30,162 records; 552 suppressed at the optimum) agrees with itself:
 * every figure is over the records kept and says so, the same figure is the same number in
 * every section, and the per-QI contribution neither recommends a QI when none removes a
 * unique nor says "no hierarchy" of a QI that has one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/contracts/analysis.js';
import type { SearchJson } from '../../src/contracts/search.js';
import { cli, repoRoot, tempDir } from '../cli/helpers.js';

const t = tempDir('edra-search-report-');
afterAll(() => t.cleanup());
const adult = path.join(repoRoot, 'analyses', 'adult-search.yaml');

interface Twin {
  result: AnalysisResult;
  report: {
    results: {
      records: number;
      classSizes: { classes: number; bands: { records: number; classes: number }[] };
      riskDistribution: { rows: { values: number[] }[] };
      qiContribution: { strongest: string | null; chart?: unknown; rows: { notGeneralized: string | null }[] };
      search: { optimum: { classes: number; releasedClasses: number; releasedRecords: number; k: number } };
    };
    summary: { records: number; classes: number };
    data: { analysed: number };
  };
}

/** The report's text: tags and charts removed, quotes unescaped, spaces collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

async function report(name: string, ...argv: string[]): Promise<{ html: string; text: string; twin: Twin }> {
  const file = t.file(`${name}.html`);
  const run = await cli(...argv, '--report', file, '--quiet');
  expect(run.code, run.stderr).toBe(0);
  const html = fs.readFileSync(file, 'utf8');
  return { html, text: textOf(html), twin: JSON.parse(fs.readFileSync(t.file(`${name}.json`), 'utf8')) as Twin };
}

/** Every check of a report of Adult at the optimum, the suppressed records dropped. */
function expectConsistent({ html, text, twin }: { html: string; text: string; twin: Twin }): void {
  const r = twin.result;
  expect(r.dataset.rows).toBe(30162);
  expect(r.transformation!.suppressed).toBe(552);
  const n = r.records;
  expect(n).toBe(30162 - 552);
  // the records every figure is over, stated alike, with how the others went
  const basis = 'of the 30,162 records read: 552 suppressed, dropped from the release because their class stayed below 5 records';
  expect(text).toContain(`All figures are over the 29,610 records analysed (${basis}).`);
  expect(text).toContain(`Records analysed 29,610 (${basis})`);
  expect(text).toContain(`29,610 records analysed, ${basis}`);
  expect(text).not.toMatch(/30,162 records analysed(?! before suppression)/);
  const m = twin.report;
  expect([m.summary.records, m.data.analysed, m.results.records]).toEqual([n, n, n]);
  // class-size bands and risk bands over the same n
  expect(m.results.classSizes.bands.reduce((s, b) => s + b.records, 0)).toBe(n);
  expect(m.results.riskDistribution.rows.reduce((s, row) => s + row.values[0], 0)).toBe(n);
  // the classes released are one number everywhere
  const classes = r.classes.count;
  expect(m.summary.classes).toBe(classes);
  expect(m.results.classSizes.bands.reduce((s, b) => s + b.classes, 0)).toBe(classes);
  expect(text).toContain(`in ${classes} classes in all`);
  expect(text).toContain(`The records form ${classes} classes`);
  expect(r.transformation!.after.classes).toBe(classes);
  // no QI recommended when none removes a unique, no all-zero chart, no "no hierarchy" for QIs with one
  expect(r.classes.uniques).toBe(0);
  expect(m.results.qiContribution.strongest).toBeNull();
  expect(html).not.toContain('chart-qi-contribution');
  expect(text).not.toContain('first candidate to generalize');
  expect(text).toContain('With no unique record, dropping a quasi-identifier removes none');
  expect(text).not.toContain('no hierarchy');
  // One level up is measured from the optimum's levels; occupation is at its top (2 of 2).
  expect(m.results.qiContribution.rows.map((row) => row.notGeneralized)).toEqual([null, null, null, null, 'already at the highest level', null, null, null]);}

describe('the report of Adult at the search optimum', () => {
  let search: { html: string; text: string; twin: Twin };
  let searchJson: SearchJson;
  beforeAll(async () => {
    search = await report('search', 'search', adult);
    searchJson = search.twin.result.search!;
  });

  it('edra search --report: one n, one class count, no misleading contribution', () => {
    expectConsistent(search);
  });

  it('the search section tells the classes before suppression from the classes released, which are the analysis figures', () => {
    const opt = searchJson.optimum!;
    const r = search.twin.result;
    expect(opt.suppressed).toBe(552);
    expect(opt.releasedClasses).toBe(r.classes.count);
    expect(opt.releasedRecords).toBe(r.records);
    expect(opt.classes).toBeGreaterThan(opt.releasedClasses);
    expect(opt.k).toBe(r.k);
    const s = search.twin.report.results.search.optimum;
    expect([s.classes, s.releasedClasses, s.releasedRecords]).toEqual([opt.classes, r.classes.count, r.records]);
    expect(search.text).toContain(`Classes after generalization, before suppression ${opt.classes.toLocaleString('en-US')}`);
    expect(search.text).toContain(`Classes released (after suppression) ${r.classes.count} Records released 29,610 k of the classes released 5`);
  });

  it('edra analyze --levels <optimum> --report: the same figures', async () => {
    const levels = Object.entries(searchJson.optimum!.levels)
      .map(([q, l]) => `${q}=${l}`)
      .join(',');
    const analyzed = await report('levels', 'analyze', adult, '--levels', levels);
    expectConsistent(analyzed);
    expect(analyzed.twin.result.classes.count).toBe(search.twin.result.classes.count);
  });

  it('suppressed records masked: n counts them, as one class, and the search JSON agrees', async () => {
    const spec = t.file(
      'adult-mask.yaml',
      fs
        .readFileSync(adult, 'utf8')
        .replace('  metric: loss', '  metric: loss\n  suppressed: mask')
        .replaceAll('../samples/', `${path.join(repoRoot, 'samples')}/`),
    );
    const masked = await report('mask', 'search', spec);
    const r = masked.twin.result;
    const opt = r.search!.optimum!;
    expect(r.transformation!.suppressedAs).toBe('mask');
    expect(r.records).toBe(30162);
    expect(opt.releasedRecords).toBe(30162);
    expect(opt.releasedClasses).toBe(r.classes.count);
    expect(masked.twin.report.results.classSizes.bands.reduce((s, b) => s + b.records, 0)).toBe(30162);
    expect(masked.text).toContain(`All figures are over the 30,162 records analysed (of the 30,162 records read: ${opt.suppressed.toLocaleString('en-US')} suppressed by masking`);
  });
});
