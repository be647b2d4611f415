/**
 * The measured node: key figures, every threshold line, the risk under each attacker model,
 * the information loss, the class sizes, the sensitive attributes and the population
 * estimates. Each figure carries its raw value in data-value (as the server sent it).
 */
import type { NodeWireJson } from '../../contracts/explore.js';
import type { RecordRiskSummary } from '../../contracts/measures.js';
import { histogramChart, perQiChart } from './charts.js';
import { byId, fill, h } from './dom.js';
import { fmtCount, fmtMeasure, fmtPercent } from './format.js';

/** A figure with its raw value. */
function figure(name: string, value: number | null | undefined, text: string): HTMLElement {
  return h('span', { 'data-figure': name, 'data-value': value === null || value === undefined ? '' : String(value) }, text);
}

function kpi(label: string, name: string, value: number | null | undefined, text: string, sub?: string): HTMLElement {
  return h('div', { className: 'kpi' }, h('div', { className: 'label' }, label), h('div', { className: 'value' }, figure(name, value, text)), sub ? h('div', { className: 'sub' }, sub) : null);
}

/** The strongest model's risk summary: prosecutor, else journalist. */
function strongest(node: NodeWireJson): { model: string; risk: RecordRiskSummary } | undefined {
  if (node.risk.prosecutor) return { model: 'prosecutor', risk: node.risk.prosecutor };
  if (node.risk.journalist) return { model: 'journalist', risk: node.risk.journalist };
  return undefined;
}

/** The header's verdict and the key figures. */
export function renderKpis(node: NodeWireJson, highestRiskLimit: number | undefined): void {
  const badge = byId('verdict');
  badge.className = `badge ${node.verdict}`;
  badge.textContent = node.verdict === 'pass' ? 'PASS' : 'FAIL';
  badge.setAttribute('data-value', node.verdict);
  fill(byId('timing'), `measured in ${node.elapsedMs} ms`);
  const s = strongest(node);
  const level = highestRiskLimit ?? 0.2;
  const atRisk = s ? (s.risk.recordsAbove[String(level)] ?? null) : null;
  fill(
    byId('kpis'),
    kpi('k', 'k', node.k, fmtCount(node.k), `required ${node.requiredClassSize}`),
    kpi('records released', 'records', node.records, fmtCount(node.records), `of ${fmtCount(node.inputRecords)}`),
    kpi('suppressed', 'suppressed', node.suppressed, fmtCount(node.suppressed), node.overLimit ? `${fmtCount(node.belowRequired)} below ${node.requiredClassSize}: over the limit ${fmtCount(node.maxSuppressed)}` : `limit ${fmtCount(node.maxSuppressed)} (${node.suppressedAs})`),
    kpi('classes', 'classes', node.classes.count, fmtCount(node.classes.count), `${fmtCount(node.classes.uniques)} sample uniques`),
    kpi('highest risk', 'highestRisk', s?.risk.highest, s ? fmtMeasure(s.risk.highest) : '–', s?.model),
    kpi('records at risk', 'recordsAtRisk', atRisk, fmtCount(atRisk), `risk above ${level}`),
    kpi(node.utility.metric, 'loss', node.utility.values[node.utility.metric], fmtMeasure(node.utility.values[node.utility.metric]), 'information loss'),
  );
}

/** Every threshold line. */
export function renderLines(node: NodeWireJson): void {
  const rows = node.thresholds.map((l) =>
    h(
      'tr',
      { 'data-line': l.name },
      h('td', {}, l.name),
      h('td', {}, figure(`line:${l.name}`, l.value, fmtMeasure(l.value))),
      h('td', {}, `${l.comparison} ${fmtMeasure(l.limit)}`),
      h('td', { className: l.pass ? 'pass' : 'fail' }, l.pass ? 'pass' : 'fail'),
    ),
  );
  fill(
    byId('lines-body'),
    rows.length ? h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'line'), h('th', {}, 'value'), h('th', {}, 'must be'), h('th', {}, ''))), h('tbody', {}, ...rows)) : h('p', { className: 'hint' }, 'No threshold is configured: no determination can rest on this node.'),
    node.notes.length ? h('ul', { className: 'notes' }, ...node.notes.map((n) => h('li', {}, n))) : null,
  );
}

/** Risk under each attacker model, with the records above each level. */
export function renderRisk(node: NodeWireJson): void {
  const models = (['prosecutor', 'journalist'] as const).filter((m) => node.risk[m]);
  const levels = models.length ? Object.keys(node.risk[models[0]]!.recordsAbove).sort((a, b) => Number(b) - Number(a)) : [];
  const head = h('tr', {}, h('th', {}, 'model'), h('th', {}, 'highest'), h('th', {}, 'average'), h('th', {}, '@ highest'), ...levels.map((t) => h('th', {}, `> ${t}`)));
  const rows = models.map((m) => {
    const r = node.risk[m]!;
    return h('tr', {}, h('td', {}, m), h('td', {}, figure(`${m}.highest`, r.highest, fmtMeasure(r.highest))), h('td', {}, figure(`${m}.average`, r.average, fmtMeasure(r.average))), h('td', {}, fmtCount(r.recordsAtHighest)), ...levels.map((t) => h('td', {}, fmtCount(r.recordsAbove[t]))));
  });
  if (node.risk.marketer) rows.push(h('tr', {}, h('td', {}, 'marketer'), h('td', {}, ''), h('td', {}, figure('marketer.expected', node.risk.marketer.expected, fmtMeasure(node.risk.marketer.expected))), h('td', {}, ''), ...levels.map(() => h('td', {}, ''))));
  fill(byId('risk-body'), h('div', { className: 'scroll' }, h('table', {}, h('thead', {}, head), h('tbody', {}, ...rows))), h('p', { className: 'hint' }, 'columns "> t": records whose risk exceeds t (records at risk).'));
}

/** The five metrics and the per-QI chart. */
export function renderLoss(node: NodeWireJson): void {
  const u = node.utility;
  const names = Object.keys(u.values) as (keyof typeof u.values)[];
  const table = h(
    'table',
    { className: 'metrics' },
    h('thead', {}, h('tr', {}, ...names.map((name) => h('th', {}, name === u.metric ? `${name} ★` : name)))),
    h('tbody', {}, h('tr', {}, ...names.map((name) => h('td', {}, figure(`utility.${name}`, u.values[name], fmtMeasure(u.values[name])))))),
  );
  const chart = h('div', {});
  fill(byId('loss-body'), table, chart, h('p', { className: 'hint' }, `★ the metric the search minimises; ${fmtCount(u.suppressed)} suppressed records count as fully generalized.`));
  perQiChart(chart, node);
}

/** Records by class-size band. */
export function renderHistogram(node: NodeWireJson): void {
  const chart = h('div', {});
  fill(byId('hist-body'), chart, h('p', { className: 'hint' }, `${fmtCount(node.classes.count)} classes, sizes ${fmtCount(node.classes.minSize)} to ${fmtCount(node.classes.maxSize)}, mean ${fmtMeasure(node.classes.meanSize)}; no class is named, only counted.`));
  histogramChart(chart, node.classes.bands, node.requiredClassSize);
}

/** Sensitive attributes and population estimates (hidden when there are none). */
export function renderExtras(node: NodeWireJson): void {
  const sens = Object.entries(node.sensitive);
  const sCard = byId('sensitive');
  sCard.hidden = sens.length === 0;
  if (sens.length) {
    const head = h('tr', {}, ...['attribute', 'distinct l', 'entropy l', 'recursive c', 't', 'beta', 'enhanced beta', 'delta'].map((x) => h('th', {}, x)));
    const rows = sens.map(([name, r]) =>
      h('tr', {}, h('td', {}, name), h('td', {}, fmtCount(r.distinctL)), h('td', {}, fmtMeasure(r.entropyL)), h('td', {}, fmtMeasure(r.recursiveCL.c)), h('td', {}, fmtMeasure(r.tCloseness.t)), h('td', {}, fmtMeasure(r.betaLikeness.basic)), h('td', {}, fmtMeasure(r.betaLikeness.enhanced)), h('td', {}, fmtMeasure(r.deltaDisclosure))),
    );
    fill(byId('sensitive-body'), h('div', { className: 'scroll' }, h('table', {}, h('thead', {}, head), h('tbody', {}, ...rows))));
  }
  const pCard = byId('population');
  pCard.hidden = !node.uniqueness && !node.individualRisk;
  const parts: HTMLElement[] = [];
  if (node.uniqueness) {
    const u = node.uniqueness;
    const row = (name: string, e: { fraction: number | null; count: number | null }) => h('tr', {}, h('td', {}, name), h('td', {}, fmtCount(e.count)), h('td', {}, e.fraction === null ? '–' : fmtPercent(e.fraction)));
    parts.push(h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'population uniques'), h('th', {}, 'count'), h('th', {}, 'fraction'))), h('tbody', {}, row('Pitman', u.pitman), row('Zayatz', u.zayatz), row('SNB', u.snb), row(`Dankar rule (${u.dankarModel ?? '–'})`, u.dankar))));
  }
  if (node.individualRisk) {
    const ir = node.individualRisk;
    parts.push(h('p', {}, `individual risk: max ${fmtMeasure(ir.max)}, global ${fmtMeasure(ir.global)}, expected re-identifications ${fmtMeasure(ir.expectedReidentifications)} (weights: ${ir.weights})`));
  }
  fill(byId('population-body'), ...parts);
}
