/**
 * Reads an analysis result (`edra analyze --out results.json`) or a report's JSON twin for
 * `edra report`, and checks it has the fields the report reads. Never the data: only the JSON.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AnalysisResult } from '../contracts/analysis.js';
import { DataError } from '../errors.js';
import { withLineKinds } from './legacyLines.js';
import { optionalSections, populationUniqueness, presetShape, releaseContextShape } from './resultSections.js';

const count = z.number().min(0);
const recordRisk = z.looseObject({ highest: z.number(), average: z.number(), recordsAbove: z.record(z.string(), z.number()) });

/** The fields the report reads; other fields pass through unchecked. */
const resultShape = z.looseObject({
  edra: z.string(),
  spec: z.string(),
  name: z.string().optional(),
  generatedAt: z.string(),
  dataset: z.looseObject({
    path: z.string(),
    format: z.string(),
    sha256: z.string(),
    rows: count,
    columns: z.array(z.looseObject({ name: z.string(), type: z.string(), role: z.enum(['identifying', 'quasiIdentifier', 'sensitive', 'insensitive']) })),
    missingValues: z.enum(['ownValue', 'exclude', 'wildcard']),
    excludedRecords: count,
  }),
  releaseContext: releaseContextShape,
  quasiIdentifiers: z.array(z.string()),
  quasiIdentifierStats: z.array(z.looseObject({ name: z.string(), distinct: count, missing: count })),
  classes: z.looseObject({ count, minSize: count, maxSize: count, meanSize: count, uniques: count, uniqueFraction: count, sizeHistogram: z.array(z.tuple([count, count])) }),
  k: count,
  adversaryModels: z.array(z.enum(['prosecutor', 'journalist', 'marketer'])),
  risk: z.looseObject({ prosecutor: recordRisk.optional(), journalist: recordRisk.optional(), marketer: z.looseObject({ expected: z.number() }).optional() }),
  population: z.looseObject({
    size: z.number(),
    samplingFraction: z.number(),
    source: z.enum(['samplingFraction', 'populationTable', 'none']),
    uniqueness: populationUniqueness,
    notes: z.array(z.string()),
  }),
  thresholdSettings: z.looseObject({ riskLevels: z.array(z.number()), preset: presetShape }),
  thresholds: z.array(z.looseObject({ name: z.string(), limit: z.number(), value: z.number().nullable(), comparison: z.enum(['>=', '<=', '<']), pass: z.boolean() })),
  verdict: z.enum(['pass', 'fail', 'needsReview']),
  warnings: z.array(z.looseObject({ rule: z.string(), message: z.string() })),
  notes: z.array(z.string()),
  ...optionalSections,
  specText: z.string().optional(),
  commandLine: z.string().optional(),
});

/**
 * Reads a result file (or a report twin, whose `result` it takes); threshold lines of older
 * results get their kind (src/report/legacyLines.ts).
 * Throws DataError [rule: report.input] (exit 3) when the file is missing, not JSON, or not a result.
 */
export function readResultFile(file: string): AnalysisResult {
  return readResultDocument(file).result;
}

/** As readResultFile, with the report id when the file is a report twin. */
export function readResultDocument(file: string): { result: AnalysisResult; reportId?: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DataError(`${file}: cannot read the result: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')} [rule: report.input]`, { file, rule: 'report.input' });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new DataError(`${file}: not valid JSON (expected the output of edra analyze --out) [rule: report.input]`, { file, rule: 'report.input' });
  }
  let reportId: string | undefined;
  if (typeof doc === 'object' && doc !== null && (doc as { format?: unknown }).format === 'edra-report/1') {
    const id = (doc as { reportId?: unknown }).reportId;
    if (typeof id === 'string') reportId = id;
    doc = (doc as { result?: unknown }).result;
  }
  const parsed = resultShape.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
    throw new DataError(`${file}: not an edra analysis result (${where}: ${issue.message}) [rule: report.input]`, { file, path: where, rule: 'report.input' });
  }
  // Results written before threshold lines carried their kind: recover it from the name.
  return { result: withLineKinds(doc as AnalysisResult), ...(reportId ? { reportId } : {}) };
}
