/**
 * The report tells threshold lines apart by their kind, model and attribute, never by their
 * name: the same lines under other names read the same; results written before lines carried
 * a kind get it back, when read, from the names the verdict gives.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/contracts/analysis.js';
import type { ThresholdLine } from '../../src/model/thresholdLine.js';
import { readResultFile } from '../../src/report/readResult.js';
import { renderReport } from '../../src/report/render.js';
import { thresholdRows } from '../../src/report/sections/thresholdRows.js';
import { loadReportTemplate } from '../../src/report/templateDir.js';
import { fullResult } from './fixtures.js';

const labels = loadReportTemplate().labels;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edra-report-kinds-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Row {
  label: string;
  limit: number | null;
  status: string | null;
}
interface ReportJson {
  summary: { lines: Row[] };
  adversary: { thresholds: Row[] };
  results: {
    sensitive: { attributes: { name: string; rows: (Row & { measure: string })[] }[] };
    recordsAtRisk: { rows: { label: string; threshold: number }[] };
  };
}
const reportOf = (r: AnalysisResult): ReportJson => renderReport(r).twin.report as unknown as ReportJson;

/** The full fixture with two more attribute lines, so every sensitive row has one. */
function withMoreLines(): AnalysisResult {
  const r = fullResult();
  r.thresholds.push(
    { name: 'sensitive.diagnosis.distinctL', kind: 'distinctL', attribute: 'diagnosis', limit: 2, value: 1, comparison: '>=', pass: false },
    { name: 'sensitive.diagnosis.delta', kind: 'deltaDisclosure', attribute: 'diagnosis', limit: 4, value: 3.7377, comparison: '<', pass: true },
  );
  return r;
}

describe('threshold lines by kind, model and attribute', () => {
  it('lines under names of another scheme read as the same lines, in every section that shows them', () => {
    const named = withMoreLines();
    const renamed = withMoreLines();
    renamed.thresholds = renamed.thresholds.map((l, i) => ({ ...l, name: `line-${i}` }));
    const a = reportOf(named);
    const b = reportOf(renamed);
    expect(b.summary.lines.map((l) => l.label)).toEqual(a.summary.lines.map((l) => l.label));
    expect(b.summary.lines.map((l) => l.label)).toContain('Highest record risk, journalist model');
    expect(b.summary.lines.map((l) => l.label)).toContain('Recursive (c, l = 2)-diversity of diagnosis: c');
    expect(b.adversary.thresholds.map((l) => l.label)).toEqual(a.adversary.thresholds.map((l) => l.label));
    // the attribute table puts each line beside its measure
    const rows = b.results.sensitive.attributes[0].rows;
    expect(rows.map((r) => [r.measure, r.limit, r.status])).toEqual(a.results.sensitive.attributes[0].rows.map((r) => [r.measure, r.limit, r.status]));
    expect(rows.find((r) => r.measure === 't-closeness')).toMatchObject({ limit: 0.9, status: 'PASS' });
    expect(rows.find((r) => r.measure === 'Distinct l-diversity')).toMatchObject({ limit: 2, status: 'FAIL' });
    expect(rows.find((r) => r.measure === 'Delta-disclosure')).toMatchObject({ limit: 4, status: 'PASS' });
    // the individual-risk limit of "records at risk" is the individualRiskMax line's
    expect(b.results.recordsAtRisk.rows.find((r) => r.label === 'Records above the individual-risk threshold')?.threshold).toBe(0.05);
  });

  it('an attribute line belongs to its attribute only, whatever the attribute names look like', () => {
    const r = fullResult();
    const d = r.sensitive.diagnosis;
    r.sensitive = { dx: d, 'dx.t': { ...d, tCloseness: { measure: 'equal', t: 0.5 } } };
    r.thresholds = [
      { name: 'sensitive.dx.t', kind: 'tCloseness', attribute: 'dx', limit: 0.9, value: 0.8125, comparison: '<=', pass: true },
      { name: 'sensitive.dx.t.t', kind: 'tCloseness', attribute: 'dx.t', limit: 0.4, value: 0.5, comparison: '<=', pass: false },
    ];
    r.verdict = 'fail';
    const attrs = reportOf(r).results.sensitive.attributes;
    const t = (name: string) => attrs.find((a) => a.name === name)!.rows.find((x) => x.measure === 't-closeness')!;
    expect(t('dx')).toMatchObject({ limit: 0.9, status: 'PASS' });
    expect(t('dx.t')).toMatchObject({ limit: 0.4, status: 'FAIL' });
    expect(reportOf(r).summary.lines.map((l) => l.label)).toEqual(['t-closeness of dx', 't-closeness of dx.t']);
  });

  it('formats by kind (a count, a probability) and names a risk line by its model', () => {
    const lines: ThresholdLine[] = [
      { name: 'x1', kind: 'highestRisk', model: 'prosecutor', limit: 0.09, value: 1 / 11, comparison: '<=', pass: false },
      { name: 'x2', kind: 'averageRisk', model: 'journalist', limit: 0.05, value: 0.0123456, comparison: '<=', pass: true },
      { name: 'x3', kind: 'k', limit: 5, value: 3, comparison: '>=', pass: false },
      { name: 'x4', kind: 'populationUniqueness', limit: 0.05, value: 0.0123456, comparison: '<=', pass: true },
    ];
    const rows = thresholdRows(lines, labels);
    expect(rows.map((r) => r.label)).toEqual([
      'Highest record risk, prosecutor model',
      'Average record risk, journalist model',
      'Smallest class size (k-anonymity)',
      'Estimated share of the population that is unique',
    ]);
    expect(rows.map((r) => r.value.text)).toEqual(['0.0909', '0.0123', '3', '0.0123']);
  });

  it('a result written before lines had a kind gets it back when read: the report reads the same', () => {
    const typed = withMoreLines();
    const legacy = JSON.parse(JSON.stringify(typed)) as { thresholds: Record<string, unknown>[] };
    for (const l of legacy.thresholds) {
      delete l.kind;
      delete l.model;
      delete l.attribute;
    }
    const file = path.join(tmp, 'legacy.json');
    fs.writeFileSync(file, JSON.stringify(legacy));
    const read = readResultFile(file);
    expect(read.thresholds.map((l) => [l.kind, l.model, l.attribute])).toEqual(typed.thresholds.map((l) => [l.kind, l.model, l.attribute]));
    // the JSON writes Infinity as null; the typed result holds it as a number
    expect(reportOf(read).summary.lines.map((l) => l.label)).toEqual(reportOf(typed).summary.lines.map((l) => l.label));
  });
});
