import type { AnalysisResult } from '../contracts/analysis.js';
import type { RecordRiskSummary } from '../contracts/measures.js';
import { transformationLines } from './utilitySummary.js';

/** PASS, FAIL (thresholds not met), NEEDS REVIEW (n review warnings open). */
function verdictText(r: AnalysisResult, open: number): string {
  if (r.verdict === 'fail') return 'FAIL (thresholds not met)';
  if (r.verdict === 'needsReview') return `NEEDS REVIEW (every threshold met; ${open} review warning${open === 1 ? '' : 's'} open: resolve, or acknowledge in the spec with a reason)`;
  return 'PASS';
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4))));

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}

/** The human-readable summary of `edra analyze` (counts and measures only). */
export function formatSummary(r: AnalysisResult): string {
  const out: string[] = [];
  const c = r.classes;
  out.push(`edra ${r.edra}: ${r.name ?? r.spec}`);
  out.push(
    `dataset      ${r.dataset.path} (${r.dataset.format}, ${r.dataset.rows} rows, ${r.dataset.columns.length} columns, sha256 ${r.dataset.sha256.slice(0, 12)})`,
  );
  out.push(`QIs          ${r.quasiIdentifiers.join(', ')} (missing values: ${r.dataset.missingValues}${r.dataset.excludedRecords ? `, ${r.dataset.excludedRecords} records excluded` : ''})`);
  out.push(`population   N = ${num(r.population.size)}, sampling fraction ${num(r.population.samplingFraction)} (${r.population.source})`);
  out.push(`classes      ${c.count} (size ${c.minSize}-${c.maxSize}, mean ${c.meanSize.toFixed(2)}); sample uniques ${c.uniques} (${pct(c.uniqueFraction)})`);
  out.push(`k            ${r.k}${c.recordsBelowK !== undefined ? `; records in classes smaller than ${r.thresholdSettings.k}: ${c.recordsBelowK} (${pct(c.recordsBelowK / Math.max(1, r.dataset.rows - r.dataset.excludedRecords))})` : ''}`);
  out.push('');
  const levels = r.thresholdSettings.riskLevels;
  const rows: string[][] = [['risk', 'highest', 'lowest', 'average', '@highest', '@lowest', ...levels.map((t) => `>${t}`)]];
  const add = (name: string, s: RecordRiskSummary | undefined) => {
    if (!s) return;
    rows.push([name, num(s.highest), num(s.lowest), num(s.average), String(s.recordsAtHighest), String(s.recordsAtLowest), ...levels.map((t) => String(s.recordsAbove[String(t)] ?? 0))]);
  };
  add('prosecutor', r.risk.prosecutor);
  add('journalist', r.risk.journalist);
  if (rows.length > 1) out.push(...table(rows));
  if (r.risk.marketer) out.push(`marketer     expected fraction re-identified ${num(r.risk.marketer.expected)}`);
  const u = r.population.uniqueness;
  if (u) {
    const est = (e: { count: number | null; fraction: number | null }) => (e.count === null ? 'undefined' : `${num(Math.round(e.count))} (${pct(e.fraction ?? 0)})`);
    out.push(
      `population uniques  Dankar ${est(u.dankar)} [${u.dankarModel ?? 'none'}]; Pitman ${est(u.pitman)}; Zayatz ${est(u.zayatz)}; SNB ${est(u.snb)}`,
    );
  }
  const ir = r.individualRisk;
  if (ir) {
    out.push(
      `individual risk     global ${num(ir.global)}, expected re-identifications ${num(ir.expectedReidentifications)}, max ${num(ir.max)} (weights: ${ir.weights})`,
    );
  }
  if (r.suda) {
    const sd = r.suda;
    out.push(
      `SUDA2 (MSU <= ${sd.maxMsuSize})  records with an MSU ${sd.recordsWithMsu}; SUDA score max ${num(sd.maxSudaScore)}, mean ${num(sd.meanSudaScore)}; DIS-SUDA (f = ${sd.disFraction}) max ${num(sd.maxDisScore)}, mean ${num(sd.meanDisScore)}`,
    );
  }
  const sens = Object.entries(r.sensitive ?? {});
  if (sens.length > 0) {
    out.push('');
    const srows: string[][] = [['sensitive', 'values', 'distinct l', 'entropy l', 'rec. c (l)', 't (distance)', 'beta', 'enh. beta', 'delta']];
    const opt = (x: number | null) => (x === null ? 'none' : num(x));
    for (const [name, s] of sens) {
      srows.push([
        name,
        String(s.values),
        String(s.distinctL),
        opt(s.entropyL),
        `${opt(s.recursiveCL.c)} (${s.recursiveCL.l})`,
        `${num(s.tCloseness.t)} (${s.tCloseness.measure})`,
        num(s.betaLikeness.basic),
        opt(s.betaLikeness.enhanced),
        num(s.deltaDisclosure),
      ]);
    }
    out.push(...table(srows));
  }
  out.push('');
  out.push(...transformationLines(r));
  if (r.thresholds.length > 0) {
    out.push(r.transformation ? 'thresholds (the data as released)' : 'thresholds');
    for (const t of r.thresholds) out.push(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.name} ${t.comparison} ${t.limit}  (value ${num(t.value)})`);
  }
  const reviews = r.warnings.filter((w) => w.review);
  const open = reviews.filter((w) => w.acknowledged === undefined);
  for (const w of open) out.push(`review OPEN          ${w.message}`);
  for (const w of reviews.filter((x) => x.acknowledged !== undefined)) out.push(`review ACKNOWLEDGED  ${w.message} Reason: ${w.acknowledged}`);
  out.push(`verdict      ${verdictText(r, open.length)}`);
  for (const w of r.warnings.filter((x) => !x.review)) out.push(`warning: ${w.message}`);
  for (const n of r.notes) out.push(`note: ${n}`);
  for (const n of r.population.notes ?? []) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}
