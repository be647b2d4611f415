/**
 * AnalysisResult fixtures for the report: a minimal one (classes and prosecutor risk only) and a
 * full one with every optional part (sensitive attributes, population estimators, individual
 * risk, SUDA, QI contribution, transformation, search, DP release, report settings in the spec).
 * Hand-written, consistent numbers; no data values anywhere (there is no data).
 */
import type { AnalysisResult } from '../../src/contracts/analysis.js';

/** 1,000 records in 400 classes: sizes 1 x 200, 2 x 100, 3 x 50, 4 x 25, 6 x 25. */
export function minimalResult(): AnalysisResult {
  return {
    edra: '0.1.0',
    spec: 'analyses/minimal.yaml',
    generatedAt: '2026-01-31T09:30:00.000Z',
    dataset: {
      path: '../samples/minimal.csv',
      format: 'csv',
      sha256: 'a'.repeat(64),
      rows: 1000,
      columns: [
        { name: 'id', type: 'VARCHAR', role: 'identifying' },
        { name: 'age', type: 'BIGINT', role: 'quasiIdentifier' },
        { name: 'sex', type: 'VARCHAR', role: 'quasiIdentifier' },
        { name: 'notes', type: 'VARCHAR', role: 'insensitive', unlisted: true },
      ],
      missingValues: 'ownValue',
      excludedRecords: 0,
    },
    records: 1000,
    quasiIdentifiers: ['age', 'sex'],
    quasiIdentifierStats: [
      { name: 'age', distinct: 90, missing: 0 },
      { name: 'sex', distinct: 2, missing: 3 },
    ],
    classes: {
      count: 400,
      minSize: 1,
      maxSize: 6,
      meanSize: 2.5,
      uniques: 200,
      uniqueFraction: 0.2,
      sizeHistogram: [
        [1, 200],
        [2, 100],
        [3, 50],
        [4, 25],
        [6, 25],
      ],
      recordsBelowK: 750,
    },
    k: 1,
    adversaryModels: ['prosecutor'],
    risk: {
      prosecutor: {
        highest: 1,
        lowest: 1 / 6,
        average: 0.4,
        recordsAtHighest: 200,
        recordsAtLowest: 150,
        // risk 1 (200), 1/2 (200), 1/3 (150), 1/4 (100), 1/6 (150)
        recordsAbove: { '0.33': 550, '0.2': 650, '0.09': 800, '0.075': 800, '0.05': 800 },
      },
    },
    sensitive: {},
    population: { size: 1000, samplingFraction: 1, source: 'none', notes: ['population: none given; the data is taken as the population.'] },
    thresholdSettings: { k: 5, highestRisk: 0.2, minClassSizeForHighestRisk: 5, requiredClassSize: 5, averageRisk: 0.075, riskLevels: [0.33, 0.2, 0.09, 0.075, 0.05], preset: 'semiPublic', rationale: 'semi-public release (El Emam 2013).' },
    thresholds: [
      { name: 'k', kind: 'k', limit: 5, value: 1, comparison: '>=', pass: false },
      { name: 'prosecutor.highestRisk', kind: 'highestRisk', model: 'prosecutor', limit: 0.2, value: 1, comparison: '<=', pass: false },
      { name: 'prosecutor.averageRisk', kind: 'averageRisk', model: 'prosecutor', limit: 0.075, value: 0.4, comparison: '<=', pass: false },
    ],
    verdict: 'fail',
    warnings: [{ rule: 'identifier.present', message: 'column "id" is a direct identifier: it is left out of the analysis and must be removed before release' }],
    notes: [],
  };
}

/** The spec text of the full fixture (what `specText` carries). */
export const fullSpecText = `name: Full fixture
description: Every part of the report, exercised.
dataset:
  path: ../samples/full.csv
attributes:
  identifying: [mrn]
  quasiIdentifiers: [age, zip]
  sensitive: [diagnosis]
report:
  recipient: Example Research Institute, outcomes group
  purpose: Readmission modelling
  assumptions:
    - The recipient holds no other extract of the same hospital.
  controls:
    - Signed data use agreement DUA-2026-14 before delivery.
    - No linkage with any other data set.
  validityMonths: 24
  signOff:
    expertName: Dr. Jane Example
    credentials: PhD (Biostatistics)
    organisation: Example Statistics LLC
    date: 2026-02-15
`;

/** 2,000 records; every optional part present. */
export function fullResult(): AnalysisResult {
  const base = minimalResult();
  return {
    ...base,
    spec: 'analyses/full.yaml',
    name: 'Full fixture',
    specText: fullSpecText,
    commandLine: 'edra analyze analyses/full.yaml --report out/full.html',
    dataset: {
      path: '../samples/full.csv',
      format: 'csv',
      sha256: 'b'.repeat(64),
      rows: 2000,
      columns: [
        { name: 'mrn', type: 'VARCHAR', role: 'identifying' },
        { name: 'age', type: 'BIGINT', role: 'quasiIdentifier' },
        { name: 'zip', type: 'VARCHAR', role: 'quasiIdentifier' },
        { name: 'diagnosis', type: 'VARCHAR', role: 'sensitive' },
        { name: 'admit_date', type: 'DATE', role: 'insensitive' },
      ],
      missingValues: 'exclude',
      excludedRecords: 20,
    },
    records: 1943,
    quasiIdentifiers: ['age', 'zip'],
    quasiIdentifierStats: [
      { name: 'age', distinct: 80, missing: 20 },
      { name: 'zip', distinct: 120, missing: 0 },
    ],
    classes: {
      count: 600,
      minSize: 1,
      maxSize: 120,
      meanSize: 3.3,
      uniques: 300,
      uniqueFraction: 300 / 1980,
      sizeHistogram: [
        [1, 300],
        [2, 150],
        [3, 100],
        [7, 30],
        [12, 10],
        [25, 9],
        [120, 1],
      ],
      recordsBelowK: 900,
    },
    k: 1,
    adversaryModels: ['prosecutor', 'journalist', 'marketer'],
    risk: {
      prosecutor: {
        highest: 1,
        lowest: 1 / 120,
        average: 600 / 1980,
        recordsAtHighest: 300,
        recordsAtLowest: 120,
        recordsAbove: { '0.33': 600, '0.2': 900, '0.09': 1110, '0.075': 1110, '0.05': 1230 },
      },
      journalist: {
        highest: 0.02,
        lowest: 1 / 12000,
        average: 0.0061,
        recordsAtHighest: 300,
        recordsAtLowest: 120,
        recordsAbove: { '0.33': 0, '0.2': 0, '0.09': 0, '0.075': 0, '0.05': 0 },
        populationSize: 198000,
      },
      marketer: { expected: 0.0061 },
    },
    sensitive: {
      diagnosis: {
        type: 'VARCHAR',
        values: 42,
        missing: 5,
        missingValues: 'ownValue',
        excludedRecords: 0,
        distinctL: 1,
        entropyL: 1,
        recursiveCL: { l: 2, c: null },
        tCloseness: { measure: 'hierarchical', t: 0.8125 },
        betaLikeness: { basic: 41.5, enhanced: null },
        deltaDisclosure: 3.7377,
      },
    },
    population: {
      size: 198000,
      samplingFraction: 0.01,
      source: 'samplingFraction',
      uniqueness: {
        pitman: { count: 1234.56, fraction: 1234.56 / 198000, valid: true },
        zayatz: { count: 5000, fraction: 5000 / 198000, valid: true },
        snb: { count: null, fraction: null, valid: false, note: 'the c_2 equation has no solution' },
        dankar: { count: 1234.56, fraction: 1234.56 / 198000, valid: true },
        dankarModel: 'pitman',
      },
      notes: ['SNB: the c_2 equation has no solution.'],
    },
    individualRisk: {
      global: 0.0123,
      expectedReidentifications: 24.354,
      max: 0.0466,
      recordsAbove: { '0.33': 0, '0.2': 0, '0.09': 0, '0.075': 0, '0.05': 0 },
      weights: '1 / samplingFraction = 100 per record',
      classesAtSampleSize: 0,
    },
    suda: {
      maxMsuSize: 2,
      disFraction: 0.01,
      recordsWithMsu: 290,
      maxSudaScore: 2,
      meanSudaScore: 0.21,
      maxDisScore: 0.1523,
      meanDisScore: 0.0118,
      disScoreHistogram: [
        [0, 1690],
        [0.001, 0],
        [0.01, 0],
        [0.05, 200],
        [0.1, 70],
        [0.2, 20],
        [0.5, 0],
        [1, 0],
      ],
      msuBySize: [40, 260],
    },
    thresholdSettings: { k: 5, highestRisk: 0.09, minClassSizeForHighestRisk: 12, requiredClassSize: 12, averageRisk: 0.05, riskLevels: [0.33, 0.2, 0.09, 0.075, 0.05], preset: 'public', rationale: 'public release (El Emam 2013).' },
    thresholds: [
      { name: 'k', kind: 'k', limit: 5, value: 1, comparison: '>=', pass: false },
      { name: 'prosecutor.highestRisk', kind: 'highestRisk', model: 'prosecutor', limit: 0.09, value: 1, comparison: '<=', pass: false },
      { name: 'prosecutor.averageRisk', kind: 'averageRisk', model: 'prosecutor', limit: 0.05, value: 600 / 1980, comparison: '<=', pass: false },
      { name: 'journalist.highestRisk', kind: 'highestRisk', model: 'journalist', limit: 0.09, value: 0.02, comparison: '<=', pass: true },
      { name: 'journalist.averageRisk', kind: 'averageRisk', model: 'journalist', limit: 0.05, value: 0.0061, comparison: '<=', pass: true },
      { name: 'marketer.expected', kind: 'marketerExpected', model: 'marketer', limit: 0.05, value: 0.0061, comparison: '<=', pass: true },
      { name: 'sensitive.diagnosis.t', kind: 'tCloseness', attribute: 'diagnosis', limit: 0.9, value: 0.8125, comparison: '<=', pass: true },
      { name: 'sensitive.diagnosis.recursiveCL(l=2).c', kind: 'recursiveCL', attribute: 'diagnosis', limit: 3, value: Number.POSITIVE_INFINITY, comparison: '<', pass: false },
      { name: 'individualRisk.max', kind: 'individualRiskMax', limit: 0.05, value: 0.0466, comparison: '<=', pass: true },
    ],
    verdict: 'fail',
    warnings: [
      { rule: 'identifier.present', message: 'column "mrn" is a direct identifier: it is left out of the analysis and must be removed before release' },
      { rule: 'identifier.hint', message: 'column "admit_date" (insensitive) is named like a full date (more than the year): check it is not a HIPAA identifier, or make it a QI' },
    ],
    notes: ['missing values: records with a missing QI are left out (policy "exclude").'],
    qiContribution: [
      { attribute: 'age', dropped: { k: 3, sampleUniques: 12 }, generalized: { level: 1, k: 1, sampleUniques: 90 } },
      { attribute: 'zip', dropped: { k: 1, sampleUniques: 150 } },
    ],
    transformation: {
      levels: { age: 2, zip: 0 },
      heights: { age: 4, zip: 5 },
      hierarchies: [
        { attribute: 'age', kind: 'intervals', height: 4, sizes: [80, 16, 8, 4, 1] },
        { attribute: 'zip', kind: 'mask', height: 5, sizes: [120, 40, 12, 3, 1, 1] },
      ],
      suppressed: 37,
      suppressedAs: 'drop',
      suppressionLimit: 0.05,
      requiredClassSize: 12,
      before: { k: 1, classes: 900, sampleUniques: 700, prosecutorHighest: 1, prosecutorAverage: 0.45, journalistHighest: 0.05, marketerExpected: 0.009 },
      after: { k: 1, classes: 600, sampleUniques: 300, prosecutorHighest: 1, prosecutorAverage: 600 / 1980, journalistHighest: 0.02, marketerExpected: 0.0061 },
    },
    search: {
      lattice: { nodes: 30, checked: 17, heights: { age: 4, zip: 5 } },
      hierarchies: [
        { attribute: 'age', kind: 'intervals', height: 4, sizes: [80, 16, 8, 4, 1] },
        { attribute: 'zip', kind: 'mask', height: 5, sizes: [120, 40, 12, 3, 1, 1] },
      ],
      optimum: { levels: { age: 2, zip: 0 }, metric: 'loss', utility: 0.2875, suppressed: 37, classes: 614, releasedClasses: 600, releasedRecords: 1943, k: 1, tiedWith: 0 },
      front: [
        { levels: { age: 1, zip: 0 }, utility: 0.125, highestRisk: 1 },
        { levels: { age: 2, zip: 0 }, utility: 0.2875, highestRisk: 0.5 },
        { levels: { age: 2, zip: 2 }, utility: 0.55, highestRisk: 0.0833 },
      ],
      metric: 'loss',
      suppressionLimit: 0.05,
      models: ['k >= 5', 't-closeness of diagnosis <= 0.9'],
      threads: 2,
      elapsedMs: 1534,
      notes: ['suppressed records are left out of the released table.'],
    },
    release: {
      neighbours: 'addRemove',
      budget: { unit: 'epsilon', spent: 1, total: 1.5 },
      tables: [
        {
          name: 'by_age',
          groupBy: ['age'],
          statistic: 'count',
          cells: 16,
          mechanism: 'discreteLaplace',
          scale: 2,
          epsilon: 0.5,
          interval95: 6,
          postProcessing: ['clamp at 0'],
          levels: { age: 1 },
          sensitivity: { l1: 1, l2: 1 },
          noise: 'Lap_Z(2)',
          expectedAbsoluteError: 1.6,
          expectedRelativeError: 0.0129,
          clampedRecords: 4242,
          droppedRecords: 4343,
        },
        {
          name: 'stay_by_zip',
          groupBy: ['zip'],
          statistic: 'mean',
          cells: 120,
          mechanism: 'discreteGaussian',
          scale: 30,
          rho: 0.125,
          interval95: 58.8,
          postProcessing: [],
          bounds: { column: 'length_of_stay', lower: 0, upper: 30, granularity: 1 },
          countScale: 2,
          countInterval95: 4,
        },
      ],
      unsafeSeed: true,
      produced: true,
      privacyUnit: { column: null, maxRecords: 1 },
      accounting: { composition: 'basic composition (sum of epsilons)', exactSpent: '1', exactTotal: '3/2' },
      randomSource: 'seeded xoshiro (unsafe, tests only)',
      output: { file: 'out/release.csv', format: 'csv', rows: 256 },
      notes: ['cells come from the declared domain, never from the data.'],
    },
  };
}
