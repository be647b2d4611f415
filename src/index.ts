/**
 * edra's library API: what the CLI uses, for programs that embed edra.
 */
export { loadSpec, parseSpecText, type LoadedSpec } from './config/loadSpec.js';
export { specSchema, specJsonSchema, type Spec, type SpecInput } from './config/spec.js';
export { analyze, type Analysis, type AnalyzeOptions } from './engine/analyze.js';
export { search, type SearchOptions } from './engine/search.js';
export { planRelease, runRelease } from './engine/release.js';
export { anonymize, type AnonymizeOptions, type AnonymizeSummary } from './engine/anonymize.js';
export type { AnalysisResult, TransformationJson } from './contracts/analysis.js';
export type { ReleaseJson } from './contracts/release.js';
export type { SearchJson } from './contracts/search.js';
export { EdraError, SpecError, DataError, ExitCode } from './errors.js';
export { resolveHierarchy } from './hierarchy/resolve.js';
export type { ResolvedHierarchy } from './model/hierarchy.js';
// Pure measures over typed arrays.
export { frequencyTableOf, recodeTable, type FrequencyTable } from './model/frequencyTable.js';
export { partitionSizes, excludeMissing, wildcardSizes } from './risk/classSizes.js';
export type { ClassSizes } from './model/classSizes.js';
export { summarizeClasses } from './risk/classes.js';
export { prosecutorRisk, minSafeClassSize } from './risk/adversary/prosecutor.js';
export { journalistRisk } from './risk/adversary/journalist.js';
export { marketerRisk } from './risk/adversary/marketer.js';
export { measure, type Verdict, type VerdictInput } from './risk/verdict/verdict.js';
export { populationFrame, type PopulationFrame } from './risk/verdict/frame.js';
export { LINE_KINDS, isMonotone } from './risk/verdict/lineKinds.js';
export * from './risk/sensitive/index.js';
export { Lattice } from './search/lattice.js';
export { utilityMetrics } from './search/utility.js';
export { sampleDiscreteLaplace } from './dp/discreteLaplace.js';
export { sampleDiscreteGaussian } from './dp/discreteGaussian.js';
export { cryptoRandomSource, unsafeSeededSource, type RandomSource } from './dp/randomSource.js';
