import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSpecText } from '../../src/config/loadSpec.js';
import { defaultControls } from '../../src/config/reportSpec.js';
import type { AnalysisResult } from '../../src/contracts/analysis.js';
import { SpecError } from '../../src/errors.js';
import { fig } from '../../src/report/figure.js';
import { bodyDigest, renderReport, reportIdOf, type JsonValue } from '../../src/report/render.js';
import { defaultTemplateDir } from '../../src/report/templateDir.js';
import { fullResult, minimalResult } from './fixtures.js';

const sectionIds = ['summary', 'data', 'adversary', 'methods', 'results', 'transformation', 'utility', 'controls', 'changes', 'reproducibility', 'signoff'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edra-report-render-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const full = renderReport(fullResult());
const minimal = renderReport(minimalResult());

/** The HTML of one section (from its opening tag to the next section). */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  expect(start).toBeGreaterThan(-1);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
}

/** A template directory holding the given files (the others come from the default). */
function templateDir(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function specError(f: () => unknown): SpecError {
  try {
    f();
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error('expected a SpecError');
}

/** Every number of a JSON value, deeply. */
function numbersOf(v: JsonValue | AnalysisResult, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v);
  else if (Array.isArray(v)) for (const x of v) numbersOf(x as JsonValue, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) numbersOf(x as JsonValue, out);
  return out;
}

describe('the determination report (HTML)', () => {
  it('has the eleven sections, in order, each with a heading and content', () => {
    for (const html of [full.html, minimal.html]) {
      const positions = sectionIds.map((id) => html.indexOf(`<section id="${id}"`));
      expect(positions.every((p) => p > 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      for (const id of sectionIds) {
        const s = section(html, id);
        expect(s).toMatch(/<h2>\d+\. [A-Z]/);
        expect(s.replace(/<[^>]+>/g, '').trim().length).toBeGreaterThan(60);
      }
    }
  });

  it('is one self-contained file: inline CSS, inline SVG, no script, no external URL, a CSP that forbids loading anything', () => {
    for (const html of [full.html, minimal.html]) {
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'`);
      expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|@import|url\(|\bsrc=|https?:\/\/|\/\/cdn|@font-face/i);
      for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^#[a-z-]+$/);
      expect(html).toMatch(/<style>[\s\S]*@page[\s\S]*@top-left \{ content: "[^"]+"; \}[\s\S]*<\/style>/);
    }
  });

  it('renders every chart of the full result as inline SVG with title and axes; the minimal one has the two base charts', () => {
    const ids = (html: string) => [...html.matchAll(/<svg class="chart-svg" id="([\w-]+)"/g)].map((m) => m[1]);
    expect(ids(full.html)).toEqual(['chart-class-sizes', 'chart-risk-distribution', 'chart-qi-contribution', 'chart-dis-suda', 'chart-pareto-front']);
    expect(ids(minimal.html)).toEqual(['chart-class-sizes', 'chart-risk-distribution']);
    for (const svg of full.html.match(/<svg class="chart-svg"[\s\S]*?<\/svg>/g) ?? []) {
      expect(svg).toMatch(/<title id="[\w-]+-title">[^<]+<\/title>/);
      expect(svg).toMatch(/class="axis-title"/);
    }
  });

  it('says "not performed" in plain words for what the analysis did not compute, and shows what it did', () => {
    const r = section(minimal.html, 'results');
    for (const sub of ['5.4', '5.5', '5.6', '5.8', '5.9']) {
      const at = r.indexOf(`<h3 id="results-`, r.indexOf(`>${sub} `) - 30);
      expect(r.slice(at, at + 700)).toMatch(/class="not-performed">(Not performed|Individual risk: not performed)/);
    }
    expect(section(minimal.html, 'transformation')).toContain('Not performed: no generalization or suppression was applied');
    expect(section(minimal.html, 'reproducibility')).toContain('Not recorded in the result');
    const fr = section(full.html, 'results');
    expect(fr).not.toMatch(/class="not-performed"/);
    expect(section(full.html, 'transformation')).toContain('level 0 is the original value');
    expect(section(full.html, 'transformation')).toMatch(/Sample-unique records<\/td><td class="num">700<\/td><td class="num">300</);
    expect(fr).toContain('Test only:</strong> the noise came from a seeded random source');
    expect(fr).toContain('<code>Lap_Z(2)</code>');
    // custodian-only counts are not differentially private: never shown
    expect(full.html).not.toMatch(/4,?242|4,?343/);
  });

  it('the verdict reads in plain words, with each threshold named, required and measured', () => {
    const s = section(full.html, 'summary');
    expect(s).toContain('<strong>4 of 9 thresholds are not met.</strong>');
    expect(s).toContain('<td>Smallest class size (k-anonymity)</td><td class="num">at least 5</td><td class="num">1</td><td><span class="badge">FAIL</span></td>');
    expect(s).toContain('<td>Highest record risk, journalist model</td><td class="num">at most 0.09</td><td class="num">0.02</td><td><span class="badge">PASS</span></td>');
    expect(s).toContain('0.02 (1 in 50)');
    expect(s).toContain('about 1,235 people; Pitman model');
    const pass = renderReport({ ...minimalResult(), thresholds: [{ name: 'k', kind: 'k', limit: 1, value: 1, comparison: '>=', pass: true }], verdict: 'pass' });
    expect(section(pass.html, 'summary')).toContain('<strong>Every threshold is met</strong> (1 of 1)');
    expect(section(pass.html, 'signoff')).not.toContain('The thresholds are not met');
    expect(section(full.html, 'signoff')).toContain('The thresholds are not met');
    const none = renderReport({ ...minimalResult(), thresholds: [], verdict: 'pass' });
    expect(section(none.html, 'summary')).toContain('No threshold was configured.');
  });

  it('the body digest is the SHA-256 it shows, the report id derives from it, and any change to the body changes it', () => {
    expect(full.bodySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(bodyDigest(full.html)).toBe(full.bodySha256);
    expect(full.reportId).toBe(reportIdOf(full.bodySha256));
    expect(full.reportId).toMatch(/^EDRA-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(full.html).toContain(`<span class="digest" data-edra-slot="body-sha256">${full.bodySha256}</span>`);
    expect(full.html).toContain(`<title>Full fixture · Expert Determination report ${full.reportId}</title>`);
    expect(full.html).toContain(`@top-right { content: "Report ${full.reportId}"; }`);
    const tampered = full.html.replace('at least 5', 'at least 4');
    expect(tampered).not.toBe(full.html);
    expect(bodyDigest(tampered)).not.toBe(full.bodySha256);
    expect(bodyDigest('<p>no markers</p>')).toBeNull();
  });

  it('is deterministic: the same result renders to the same bytes; another result to another id', () => {
    expect(renderReport(fullResult()).html).toBe(full.html);
    expect(minimal.reportId).not.toBe(full.reportId);
  });

  it('the JSON twin holds every number of the report and the result it came from', () => {
    const twin = JSON.parse(JSON.stringify(full.twin)) as typeof full.twin;
    expect(twin.format).toBe('edra-report/1');
    expect(twin.reportId).toBe(full.reportId);
    expect(twin.bodySha256).toBe(full.bodySha256);
    const expected = JSON.parse(JSON.stringify(fullResult()));
    // custodian-only counts of the DP release (not differentially private) stay out of the twin
    delete expected.release.tables[0].clampedRecords;
    delete expected.release.tables[0].droppedRecords;
    expect(twin.result).toEqual(expected);
    expect(JSON.stringify(twin)).not.toMatch(/4242|4343|clampedRecords|droppedRecords/);
    const report = twin.report as Record<string, any>;
    expect(report.summary.k).toBe(1);
    expect(report.summary.records).toBe(1943); // result.records: 2,000 read, 20 excluded, 37 suppressed (dropped)
    expect(report.results.classSizes.bands[0]).toEqual({ label: '1', classes: 300, records: 300, belowRequired: true });
    expect(report.results.classSizes.chart).toBeUndefined();
    expect(report.controls.reevaluationDate).toBe('2028-02-15');
    // every figure printed in a numeric cell or a key-figure card is a number of the twin, formatted
    const numbers = numbersOf(twin.report).concat(numbersOf(twin.result));
    const formats = (x: number) => [fig.count(x), fig.estimate(x), fig.risk(x), fig.percent(x), fig.measure(x), fig.integer(x)].map((f) => f.text);
    const printed = new Set<string>();
    for (const html of [full.html]) {
      for (const m of html.matchAll(/<td class="num"[^>]*>([\s\S]*?)<\/td>|<div class="figure">([\s\S]*?)<\/div>/g)) {
        const text = (m[1] ?? m[2]).replace(/<[^>]+>/g, ' ');
        for (const t of text.matchAll(/(about )?\d[\d,]*(\.\d+)?%?/g)) printed.add(t[0]);
      }
    }
    expect(printed.size).toBeGreaterThan(40);
    const missing = [...printed].filter((token) => !numbers.some((x) => formats(x).includes(token)));
    expect(missing).toEqual([]);
  });

  it('fills controls, validity, recipient and sign-off from the spec; defaults when the spec has none', () => {
    const c = section(full.html, 'controls');
    expect(c).toContain('<li>Signed data use agreement DUA-2026-14 before delivery.</li>');
    expect(c).not.toContain(defaultControls[0]);
    expect(c).toContain('valid for <strong>24 months</strong> from 2026-02-15 (the date of sign-off)');
    expect(c).toContain('<strong data-edra-fact="reevaluation-date">2028-02-15</strong>');
    const s = section(full.html, 'signoff');
    expect(s).toContain('<div class="field">Dr. Jane Example</div>');
    expect(s).toContain('<div class="field">PhD (Biostatistics)</div>');
    expect(s).toContain('<div class="field">2026-02-15</div>');
    expect(s).toContain('45 CFR 164.514(b)(1)');
    expect(section(full.html, 'adversary')).toContain('The recipient holds no other extract of the same hospital.');
    const m = section(minimal.html, 'controls');
    for (const control of defaultControls) expect(m).toContain(`<li>${control}</li>`);
    expect(m).toContain("This is edra's standard list");
    expect(m).toContain('valid for <strong>12 months</strong> from 2026-01-31 (the date of the analysis)');
    expect(m).toContain('<strong data-edra-fact="reevaluation-date">2027-01-31</strong>');
    expect(section(minimal.html, 'signoff')).toContain('<div class="field"></div>');
  });

  it('echoes the spec verbatim and the command line', () => {
    const r = section(full.html, 'reproducibility');
    expect(r).toContain('<pre class="spec">name: Full fixture\ndescription: Every part of the report, exercised.\n');
    expect(r).toContain('<code>edra analyze analyses/full.yaml --report out/full.html</code>');
  });

  it('escapes every name and text of the result: markup in a column name or the spec never becomes markup', () => {
    const r = fullResult();
    r.dataset.columns[4].name = '<img src=x onerror=alert(1)>';
    r.name = 'A </title><script>alert(1)</script>';
    r.specText = `${r.specText}# </pre><script>alert(2)</script>\n`;
    const html = renderReport(r).html;
    expect(html).not.toMatch(/<script|<img /);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  it('invalid report settings in the spec text are a spec error naming the key', () => {
    const r = minimalResult();
    r.specText = 'name: x\nreport:\n  validityMonths: 0\n';
    const e = specError(() => renderReport(r));
    expect(e.message).toMatch(/spec report\.validityMonths: .*\[rule: report\.settings\]$/);
    expect(e.exitCode).toBe(2);
  });
});

describe('report settings in the spec (zod)', () => {
  const spec = (report: string) => `dataset: { path: d.csv }\nattributes: { quasiIdentifiers: [a] }\nreport:\n${report}`;
  it('accepts the documented keys and applies defaults', () => {
    const s = parseSpecText(spec('  recipient: R\n  validityMonths: 24\n  signOff: { expertName: E, date: 2026-03-01 }\n')).spec;
    expect(s.report?.validityMonths).toBe(24);
    expect(s.report?.controls).toEqual(defaultControls);
    expect(s.report?.signOff?.date).toBe('2026-03-01');
  });
  it('rejects unknown keys, an empty control list and a bad date', () => {
    expect(() => parseSpecText(spec('  validity: 12\n'))).toThrow(/report/);
    expect(() => parseSpecText(spec('  controls: []\n'))).toThrow(/report\.controls/);
    expect(() => parseSpecText(spec('  signOff: { date: 15/02/2026 }\n'))).toThrow(/report\.signOff\.date/);
  });
});

describe('custom templates (--template)', () => {
  it('a directory with one section and some labels overrides just those; the rest comes from the default', () => {
    const summary = fs.readFileSync(path.join(defaultTemplateDir, 'sections', 'summary.html'), 'utf8').replace('<h2>1. Summary</h2>', '<h2>1. Summary</h2><p class="org">ORG-WORDING</p>');
    const dir = templateDir('org', { 'sections/summary.html': summary, 'labels.json': JSON.stringify({ 'status.pass': 'MET', 'status.fail': 'NOT MET' }) });
    const html = renderReport(fullResult(), { templateDir: dir }).html;
    expect(html).toContain('<p class="org">ORG-WORDING</p>');
    expect(html).toContain('<span class="badge">NOT MET</span>');
    expect(html).not.toContain('<span class="badge">FAIL</span>');
    expect(html).toContain('<h2>2. Data</h2>');
    expect(section(html, 'reproducibility')).toContain('<th>Report template</th><td>org</td>');
    expect(bodyDigest(html)).not.toBe(full.bodySha256);
  });

  it('template errors name the file and line; a missing directory, bad labels, missing markers and an id outside its slot are refused', () => {
    const bad = templateDir('bad', { 'sections/data.html': '<section id="data">\n{{#if data.rows}}\n</section>\n' });
    const e = specError(() => renderReport(minimalResult(), { templateDir: bad }));
    expect(e.message).toMatch(/sections\/data\.html:2: template \{\{#if data\.rows\}\} is never closed \[rule: template\.syntax\]$/);
    expect(specError(() => renderReport(minimalResult(), { templateDir: path.join(tmp, 'nope') })).message).toMatch(/\[rule: cli\.template\]$/);
    const labels = templateDir('labels', { 'labels.json': '["x"]' });
    expect(specError(() => renderReport(minimalResult(), { templateDir: labels })).message).toMatch(/\[rule: template\.labels\]$/);
    const noMarkers = templateDir('nomarkers', { 'report.html': '<html><body>{{meta.title}}</body></html>' });
    expect(specError(() => renderReport(minimalResult(), { templateDir: noMarkers })).message).toMatch(/\[rule: template\.markers\]$/);
    const idInBody = templateDir('idinbody', { 'report.html': '<html><body><!--edra:body-->{{meta.reportId}}<!--/edra:body--></body></html>' });
    expect(specError(() => renderReport(minimalResult(), { templateDir: idInBody })).message).toMatch(/outside a slot.*\[rule: template\.markers\]$/);
  });
});
