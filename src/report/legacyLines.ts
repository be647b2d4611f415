/**
 * Threshold lines of results written before lines carried their `kind`: the kind, model and
 * attribute are recovered by comparing each name with the names the verdict gives
 * (src/risk/verdict/lineKinds.ts:lineName) for every kind, model and sensitive attribute of
 * the result, exactly. The report itself reads only kinds.
 */
import { adversaryModels } from '../config/spec.js';
import type { AnalysisResult } from '../contracts/analysis.js';
import type { LineKind, ThresholdLine } from '../model/thresholdLine.js';
import { LINE_KINDS, lineName } from '../risk/verdict/lineKinds.js';

type Where = Pick<ThresholdLine, 'kind' | 'model' | 'attribute'>;

/** Every line name this result's verdict could have written, with its kind, model and attribute. */
function namesOf(result: AnalysisResult): Map<string, Where> {
  const names = new Map<string, Where>();
  const add = (where: Where, l?: number): void => {
    const name = lineName(where.kind, { model: where.model, attribute: where.attribute, l });
    if (!names.has(name)) names.set(name, where);
  };
  const sensitive = Object.entries(result.sensitive ?? {});
  for (const kind of Object.keys(LINE_KINDS) as LineKind[]) {
    if (kind === 'highestRisk' || kind === 'averageRisk') {
      for (const model of adversaryModels) add({ kind, model });
    } else if (kind === 'marketerExpected') {
      add({ kind, model: 'marketer' });
    } else if (['distinctL', 'entropyL', 'recursiveCL', 'tCloseness', 'betaLikeness', 'enhancedBetaLikeness', 'deltaDisclosure'].includes(kind)) {
      for (const [attribute, s] of sensitive) add({ kind, attribute }, s.recursiveCL?.l);
    } else {
      add({ kind });
    }
  }
  return names;
}

/**
 * The result with a kind (and model, attribute) on every threshold line that lacks one and
 * whose name the verdict would give; lines already typed, and names no kind gives, stay as
 * they are (the report then prints the name).
 */
export function withLineKinds(result: AnalysisResult): AnalysisResult {
  const untyped = (l: ThresholdLine): boolean => typeof (l as Partial<ThresholdLine>).kind !== 'string';
  if (!result.thresholds.some(untyped)) return result;
  const names = namesOf(result);
  return {
    ...result,
    thresholds: result.thresholds.map((line) => {
      const where = untyped(line) ? names.get(line.name) : undefined;
      if (!where) return line;
      return { ...line, kind: where.kind, ...(where.model ? { model: where.model } : {}), ...(where.attribute !== undefined ? { attribute: where.attribute } : {}) };
    }),
  };
}
