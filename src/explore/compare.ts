/**
 * Pinned nodes side by side: one row per figure (the verdict, every threshold line, each
 * adversary model's risk, every loss metric and each QI's loss), one column per node. A
 * tabulation of what the engine measured for each node; nothing is computed here.
 */
import type { ComparisonJson, NodeMeasuresJson } from '../contracts/explore.js';
import { utilityMetrics } from '../search/utility.js';

type Row = ComparisonJson['rows'][number];

/** The comparison of measured nodes (in the order given). */
export function compareNodes(nodes: readonly NodeMeasuresJson[]): ComparisonJson {
  const rows: Row[] = [];
  const add = (group: string, name: string, value: (m: NodeMeasuresJson) => number | string | boolean | null | undefined, pass?: (m: NodeMeasuresJson) => boolean | null) =>
    rows.push({ group, name, values: nodes.map((m) => value(m) ?? null), ...(pass ? { pass: nodes.map(pass) } : {}) });

  add('node', 'verdict', (m) => m.verdict, (m) => m.verdict === 'pass');
  add('node', 'k', (m) => m.k);
  add('node', 'records released', (m) => m.records);
  add('node', 'records suppressed', (m) => m.suppressed);
  add('node', 'classes', (m) => m.classes.count);
  add('node', 'sample uniques', (m) => m.classes.uniques);

  const lineNames = [...new Set(nodes.flatMap((m) => m.thresholds.map((l) => l.name)))];
  for (const name of lineNames) {
    const line = (m: NodeMeasuresJson) => m.thresholds.find((l) => l.name === name);
    const limit = nodes.map(line).find((l) => l)!;
    add('thresholds', `${name} ${limit.comparison} ${limit.limit}`, (m) => line(m)?.value, (m) => line(m)?.pass ?? null);
  }

  for (const model of ['prosecutor', 'journalist'] as const) {
    if (!nodes.some((m) => m.risk[model])) continue;
    add('risk', `${model} highest`, (m) => m.risk[model]?.highest);
    add('risk', `${model} average`, (m) => m.risk[model]?.average);
    add('risk', `${model} records at highest`, (m) => m.risk[model]?.recordsAtHighest);
  }
  if (nodes.some((m) => m.risk.marketer)) add('risk', 'marketer expected', (m) => m.risk.marketer?.expected);

  for (const metric of utilityMetrics) add('loss', metric, (m) => m.utility.values[metric]);
  const qis = nodes[0]?.utility.perQi.map((q) => q.attribute) ?? [];
  qis.forEach((attribute, q) => {
    add('loss per QI', `${attribute} level`, (m) => m.utility.perQi[q].level);
    add('loss per QI', `${attribute} loss`, (m) => m.utility.perQi[q].loss);
  });
  return { nodes: nodes.map((m) => m.levels), rows };
}
