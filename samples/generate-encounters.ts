/**
 * Seeded generator of SYNTHETIC hospital encounters (a limited data set look-alike) for
 * demos and tests of edra. No real person is behind any row: names come from short
 * made-up lists, MRNs and ZIP choices are random draws.
 *
 *   npx tsx samples/generate-encounters.ts --rows 4000 --seed 20261122 --out samples/encounters.csv
 *
 * Randomness: mulberry32, a tiny 32-bit PRNG. It is used ONLY to make synthetic data
 * reproducible. It is not cryptographically secure and gives no privacy property; never use
 * it (or this file) to sample, perturb or protect real data.
 *
 * Output is a pure function of (rows, seed): same seed, byte-identical CSV.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const ENCOUNTER_COLUMNS = [
  'encounter_id',
  'mrn',
  'patient_name',
  'age',
  'sex',
  'race',
  'ethnicity',
  'zip',
  'admit_date',
  'discharge_date',
  'diagnosis',
  'payer',
  'length_of_stay',
] as const;

export interface EncounterOptions {
  rows: number;
  seed: number;
}

// ---------------------------------------------------------------------------------------
// PRNG and draws

/** mulberry32: 32-bit state, period 2^32. Synthetic-data use only (see file header). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A categorical distribution over items, drawn by binary search on the cumulative weights. */
class Categorical<T> {
  private readonly cdf: Float64Array;
  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length !== weights.length || items.length === 0) throw new Error('bad categorical');
    this.cdf = new Float64Array(weights.length);
    let s = 0;
    for (let i = 0; i < weights.length; i++) this.cdf[i] = s += weights[i];
    for (let i = 0; i < weights.length; i++) this.cdf[i] /= s;
  }
  draw(rand: () => number): T {
    const u = rand();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

/** Zipf-like weights 1 / (rank + offset)^s. */
function zipfWeights(n: number, s: number, offset = 1): number[] {
  return Array.from({ length: n }, (_, r) => 1 / Math.pow(r + offset, s));
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

// ---------------------------------------------------------------------------------------
// Fixed vocabularies (all synthetic / public code lists)

const FEMALE_FIRST = [
  'Mary', 'Linda', 'Maria', 'Susan', 'Karen', 'Nancy', 'Lisa', 'Emily', 'Sarah', 'Jessica',
  'Ashley', 'Olivia', 'Emma', 'Sofia', 'Grace', 'Chloe', 'Ana', 'Mei', 'Aisha', 'Priya',
  'Hannah', 'Rosa', 'Leah', 'Nora', 'Ruth', 'Alice', 'Julia', 'Keisha', 'Yuna', 'Fatima',
];
const MALE_FIRST = [
  'James', 'John', 'Robert', 'Michael', 'David', 'William', 'Joseph', 'Thomas', 'Daniel', 'Mark',
  'Paul', 'Kevin', 'Brian', 'Jose', 'Carlos', 'Luis', 'Wei', 'Hiroshi', 'Omar', 'Raj',
  'Samuel', 'Noah', 'Liam', 'Ethan', 'Owen', 'Isaac', 'Malik', 'Andre', 'Tuan', 'Ahmed',
];
const LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez',
  'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor',
  'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez',
  'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright',
  'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall',
  'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Kim', 'Patel', 'Chen', 'Okafor',
  "O'Brien", 'Begay',
];

/** OMB race categories (1997 minimum five + multiracial), skewed like a US hospital. */
const RACE = new Categorical(
  [
    'White',
    'Black or African American',
    'Asian',
    'American Indian or Alaska Native',
    'Native Hawaiian or Other Pacific Islander',
    'Two or More Races',
  ],
  [0.64, 0.19, 0.07, 0.015, 0.005, 0.08],
);
const ETHNICITY = new Categorical(['Not Hispanic', 'Hispanic', 'Unknown'], [0.78, 0.17, 0.05]);
const SEX = new Categorical(['F', 'M', 'U'], [0.525, 0.468, 0.007]);

/** ICD-10-CM codes, in rough order of inpatient frequency (drawn Zipf-like). */
const DIAGNOSES = [
  'I10', 'E11.9', 'J18.9', 'A41.9', 'I50.9', 'N17.9', 'J44.1', 'N39.0', 'Z38.00', 'O80',
  'I21.4', 'I48.91', 'U07.1', 'K35.80', 'F32.9', 'E78.5', 'J96.01', 'K85.90', 'L03.115',
  'I63.9', 'E87.1', 'D64.9', 'K57.92', 'R07.9', 'R55', 'S72.001A', 'M17.11', 'K80.20', 'F10.239',
  'E86.0', 'G40.909', 'I26.99', 'J45.901', 'K92.2', 'N18.6', 'E10.10', 'T40.2X1A', 'F20.9',
  'C34.90', 'C50.911', 'I25.10', 'K56.609', 'J15.9', 'M54.5', 'R10.9', 'E03.9', 'G93.40',
  'I61.9', 'K70.30', 'O34.21', 'P07.39', 'J06.9', 'A08.4', 'S06.0X0A', 'Z51.11', 'M86.9',
  'E66.01', 'R50.9', 'F31.9', 'N20.0',
];
const OBSTETRIC = new Set(['O80', 'O34.21']);
const NEWBORN = new Set(['Z38.00', 'P07.39']);
const DIAGNOSIS = new Categorical(DIAGNOSES, zipfWeights(DIAGNOSES.length, 1.05, 1.5));

const PAYERS = ['Medicare', 'Medicaid', 'Commercial', 'Self-pay', 'Other'];
const PAYER_65_PLUS = new Categorical(PAYERS, [0.86, 0.04, 0.07, 0.01, 0.02]);
const PAYER_UNDER_65 = new Categorical(PAYERS, [0.05, 0.27, 0.52, 0.1, 0.06]);

/** Ages 0..99: a birth spike, fewer children and young adults, a bulge at 55-85, a thin tail. */
const AGE = new Categorical(
  Array.from({ length: 100 }, (_, a) => a),
  Array.from({ length: 100 }, (_, a) => {
    if (a === 0) return 9;
    if (a < 18) return 0.8;
    if (a < 45) return 1.2 + (a - 18) * 0.04;
    if (a < 75) return 2.3 + (a - 45) * 0.06;
    if (a < 90) return 4.1 - (a - 75) * 0.17;
    return Math.max(0.15, 1.5 - (a - 90) * 0.15);
  }),
);

/** Length of stay 0..30 days: mode 2, long right tail. */
const LOS = new Categorical(
  Array.from({ length: 31 }, (_, d) => d),
  Array.from({ length: 31 }, (_, d) => (d === 0 ? 0.3 : Math.pow(d, 1.1) * Math.exp(-d / 2.6))),
);

/** 3-digit ZIP prefixes of one synthetic catchment area; the first ones start with 0. */
const ZIP3 = [
  '021', '024', '060', '071', '088', // leading zero (New England / New Jersey)
  '100', '112', '117', '191', '212', '303', '331', '432', '482', '554', '606', '752', '850',
  '900', '941', '981',
];

const START_DAY = Date.UTC(2024, 0, 1) / 86_400_000;
const DAYS_2024_2025 = 731;

function isoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** RFC 4180 quoting: only when the field holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

interface Patient {
  mrn: string;
  name: string;
  age: number;
  sex: string;
  race: string;
  ethnicity: string;
  zip: string;
}

// ---------------------------------------------------------------------------------------
// Generator

/** Yields the CSV, one line (with its '\n') at a time: the header, then `rows` encounters. */
export function* encounterLines({ rows, seed }: EncounterOptions): Generator<string> {
  if (!Number.isInteger(rows) || rows < 0) throw new Error(`rows must be a non-negative integer, got ${rows}`);
  const rand = mulberry32(seed);

  // ZIP pool: ~300 distinct 5-digit codes over the prefixes, shuffled, then Zipf-weighted so
  // a few ZIPs are common and most are rare. Some leading-zero ZIPs land among the heavy ones.
  const zipSet = new Set<string>();
  while (zipSet.size < 300) {
    const prefix = ZIP3[Math.floor(rand() * ZIP3.length)];
    zipSet.add(prefix + String(Math.floor(rand() * 100)).padStart(2, '0'));
  }
  const zips = shuffle([...zipSet].sort(), rand);
  const ZIP = new Categorical(zips, zipfWeights(zips.length, 0.9, 2));

  const patients: Patient[] = [];
  const usedMrns = new Set<string>();
  const newPatient = (): Patient => {
    let mrn: string;
    do mrn = 'MRN' + String(Math.floor(rand() * 10_000_000)).padStart(7, '0');
    while (usedMrns.has(mrn));
    usedMrns.add(mrn);
    const sex = SEX.draw(rand);
    const firstPool = sex === 'F' ? FEMALE_FIRST : sex === 'M' ? MALE_FIRST : rand() < 0.5 ? FEMALE_FIRST : MALE_FIRST;
    const first = firstPool[Math.floor(rand() * firstPool.length)];
    const last = LAST[Math.floor(rand() * LAST.length)];
    const p: Patient = {
      mrn,
      name: `${first} ${last}`,
      age: AGE.draw(rand),
      sex,
      race: rand() < 0.01 ? '' : RACE.draw(rand),
      ethnicity: rand() < 0.01 ? '' : ETHNICITY.draw(rand),
      zip: ZIP.draw(rand),
    };
    patients.push(p);
    return p;
  };

  yield ENCOUNTER_COLUMNS.join(',') + '\n';
  for (let i = 0; i < rows; i++) {
    // ~22% of encounters are readmissions of an earlier patient; frequent flyers come from
    // squaring the uniform (earlier patients are picked more often).
    const p = patients.length > 0 && rand() < 0.22 ? patients[Math.floor(rand() * rand() * patients.length)] : newPatient();

    let diagnosis = DIAGNOSIS.draw(rand);
    if (p.age === 0 && rand() < 0.55) diagnosis = rand() < 0.85 ? 'Z38.00' : 'P07.39';
    for (let tries = 0; tries < 20; tries++) {
      const obOk = !OBSTETRIC.has(diagnosis) || (p.sex === 'F' && p.age >= 15 && p.age <= 49);
      const nbOk = !NEWBORN.has(diagnosis) || p.age === 0;
      if (obOk && nbOk) break;
      diagnosis = DIAGNOSIS.draw(rand);
    }

    const payer = (p.age >= 65 ? PAYER_65_PLUS : PAYER_UNDER_65).draw(rand);
    const los = LOS.draw(rand);
    const admit = START_DAY + Math.floor(rand() * DAYS_2024_2025);

    const fields = [
      'ENC' + String(i + 1).padStart(8, '0'),
      p.mrn,
      p.name,
      String(p.age),
      p.sex,
      p.race,
      p.ethnicity,
      p.zip,
      isoDate(admit),
      isoDate(admit + los),
      diagnosis,
      payer,
      String(los),
    ];
    yield fields.map(csvField).join(',') + '\n';
  }
}

/** Streams the CSV to `out`, honouring back-pressure. */
export async function writeEncounters(opts: EncounterOptions & { out: string }): Promise<void> {
  const stream = createWriteStream(opts.out, { encoding: 'utf8' });
  const finished = new Promise<void>((res, rej) => {
    stream.on('finish', res);
    stream.on('error', rej);
  });
  let buffer = '';
  for (const line of encounterLines(opts)) {
    buffer += line;
    if (buffer.length >= 64 * 1024) {
      if (!stream.write(buffer)) await once(stream, 'drain');
      buffer = '';
    }
  }
  stream.end(buffer);
  await finished;
}

// ---------------------------------------------------------------------------------------
// CLI

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string', default: '4000' },
      seed: { type: 'string', default: '20261122' },
      out: { type: 'string', default: 'samples/encounters.csv' },
    },
  });
  const rows = Number(values.rows);
  const seed = Number(values.seed);
  if (!Number.isInteger(rows) || rows < 0) throw new Error(`--rows must be a non-negative integer, got ${values.rows}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  await writeEncounters({ rows, seed, out: values.out! });
  process.stderr.write(`wrote ${rows} encounters (seed ${seed}) to ${values.out}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
