/**
 * What changed between two analyses (`edra diff before.json after.json`, and the report's
 * "changes since the last determination" of `analyze --previous`): the data file's hash, the
 * spec text line by line, every threshold line, key figures, the class-size histogram, the
 * hierarchy levels, the information loss and the warnings. Pure: two PHI-free results in, one
 * PHI-free DiffJson out (the spec text holds no data value).
 */
import type { AnalysisResult } from '../contracts/analysis.js';
import type { DiffJson, DiffSide, FigureChange, ThresholdChange } from '../contracts/diff.js';
import type { UtilityMetric } from '../contracts/search.js';
import { utilityMetricNames } from '../config/searchSpec.js';

/** The key figures compared, by the path they are read from. */
const figurePaths: readonly [string, (r: AnalysisResult) => number | null | undefined][] = [
  ['records', (r) => r.records],
  ['k', (r) => r.k],
  ['classes.count', (r) => r.classes.count],
  ['classes.uniques', (r) => r.classes.uniques],
  ['classes.uniqueFraction', (r) => r.classes.uniqueFraction],
  ['risk.prosecutor.highest', (r) => r.risk.prosecutor?.highest],
  ['risk.prosecutor.average', (r) => r.risk.prosecutor?.average],
  ['risk.journalist.highest', (r) => r.risk.journalist?.highest],
  ['risk.journalist.average', (r) => r.risk.journalist?.average],
  ['risk.marketer.expected', (r) => r.risk.marketer?.expected],
  ['population.uniqueness.dankar', (r) => r.population.uniqueness?.dankar.fraction],
  ['population.uniqueness.pitman', (r) => r.population.uniqueness?.pitman.fraction],
  ['population.uniqueness.zayatz', (r) => r.population.uniqueness?.zayatz.fraction],
  ['population.uniqueness.snb', (r) => r.population.uniqueness?.snb.fraction],
  ['individualRisk.max', (r) => r.individualRisk?.max],
  ['individualRisk.global', (r) => r.individualRisk?.global],
  ['suda.maxDisScore', (r) => r.suda?.maxDisScore],
  ['transformation.suppressed', (r) => r.transformation?.suppressed],
];

/** One side's identity. */
function side(r: AnalysisResult, reportId?: string): DiffSide {
  return {
    generatedAt: r.generatedAt,
    spec: r.spec,
    ...(r.name ? { name: r.name } : {}),
    dataSha256: r.dataset.sha256,
    rows: r.dataset.rows,
    verdict: r.verdict,
    ...(reportId ? { reportId } : {}),
  };
}

const same = (a: number | null, b: number | null): boolean => (a === null || b === null ? a === b : a === b || (Number.isNaN(a) && Number.isNaN(b)));

/** Line diff of two texts (longest common subsequence; spec files are short). */
export function lineDiff(a: string, b: string): { op: '=' | '-' | '+'; text: string }[] {
  const x = a.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const y = b.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const m = x.length;
  const n = y.length;
  const lcs: Int32Array[] = Array.from({ length: m + 1 }, () => new Int32Array(n + 1));
  for (let i = m - 1; i >= 0; i--) for (let j = n - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: { op: '=' | '-' | '+'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < m || j < n) {
    if (i < m && j < n && x[i] === y[j]) {
      out.push({ op: '=', text: x[i] });
      i++;
      j++;
    } else if (j < n && (i === m || lcs[i][j + 1] >= lcs[i + 1][j])) out.push({ op: '+', text: y[j++] });
    else out.push({ op: '-', text: x[i++] });
  }
  return out;
}

function thresholdChanges(a: AnalysisResult, b: AnalysisResult): ThresholdChange[] {
  const before = new Map(a.thresholds.map((l) => [l.name, l]));
  const after = new Map(b.thresholds.map((l) => [l.name, l]));
  const names = [...after.keys(), ...[...before.keys()].filter((n) => !after.has(n))];
  return names.map((name) => {
    const x = before.get(name);
    const y = after.get(name);
    const view = (l: typeof x) => (l ? { limit: l.limit, value: l.value, pass: l.pass } : undefined);
    const status: ThresholdChange['status'] = !x ? 'added' : !y ? 'removed' : x.limit === y.limit && same(x.value, y.value) && x.pass === y.pass ? 'same' : 'changed';
    const l = (y ?? x)!;
    return {
      name,
      kind: l.kind,
      ...(l.model ? { model: l.model } : {}),
      ...(l.attribute !== undefined ? { attribute: l.attribute } : {}),
      comparison: l.comparison,
      ...(x ? { before: view(x) } : {}),
      ...(y ? { after: view(y) } : {}),
      status,
    };
  });
}

function histogramChanges(a: AnalysisResult, b: AnalysisResult): DiffJson['classSizes'] {
  const x = new Map(a.classes.sizeHistogram);
  const y = new Map(b.classes.sizeHistogram);
  const sizes = [...new Set([...x.keys(), ...y.keys()])].sort((p, q) => p - q);
  return sizes.map((size) => ({ size, before: x.get(size) ?? 0, after: y.get(size) ?? 0 })).filter((r) => r.before !== r.after);
}

const warningKey = (w: { rule: string; subject?: string }) => (w.subject ? `${w.rule} (${w.subject})` : w.rule);

/** Compares two results; `reportIds` names them when they were read from report twins. */
export function diffResults(before: AnalysisResult, after: AnalysisResult, reportIds: { before?: string; after?: string } = {}): DiffJson {
  const specA = before.specText ?? '';
  const specB = after.specText ?? '';
  const specLines = specA === specB ? [] : lineDiff(specA, specB);
  const thresholds = thresholdChanges(before, after);
  const figures: FigureChange[] = figurePaths
    .map(([key, get]) => ({ key, before: get(before) ?? null, after: get(after) ?? null }))
    .filter((f) => f.before !== null || f.after !== null);
  const classSizes = histogramChanges(before, after);
  const la = before.transformation?.levels ?? {};
  const lb = after.transformation?.levels ?? {};
  const levels = [...new Set([...before.quasiIdentifiers, ...after.quasiIdentifiers])].map((attribute) => ({ attribute, before: la[attribute] ?? 0, after: lb[attribute] ?? 0 }));
  const metric = (r: AnalysisResult, m: UtilityMetric) => r.transformation?.utility?.metrics[m] ?? null;
  const utility = utilityMetricNames.map((m) => ({ key: m, before: metric(before, m), after: metric(after, m) })).filter((f) => f.before !== null || f.after !== null);
  const wa = new Set(before.warnings.map(warningKey));
  const wb = new Set(after.warnings.map(warningKey));
  const warnings = { added: [...wb].filter((k) => !wa.has(k)), removed: [...wa].filter((k) => !wb.has(k)) };
  const dataChanged = before.dataset.sha256 !== after.dataset.sha256;
  const differences =
    thresholds.filter((t) => t.status !== 'same').length +
    figures.filter((f) => !same(f.before, f.after)).length +
    classSizes.length +
    levels.filter((l) => l.before !== l.after).length +
    utility.filter((f) => !same(f.before, f.after)).length +
    warnings.added.length +
    warnings.removed.length +
    (specLines.length > 0 ? 1 : 0) +
    (dataChanged ? 1 : 0) +
    (before.verdict !== after.verdict ? 1 : 0);
  return {
    before: side(before, reportIds.before),
    after: side(after, reportIds.after),
    dataChanged,
    spec: { changed: specLines.length > 0, lines: specLines },
    thresholds,
    figures,
    classSizes,
    levels,
    utility,
    warnings,
    differences,
  };
}
