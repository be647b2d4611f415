/**
 * The first steps of every command that measures data: open the spec's data (and its
 * population table), check the spec against the columns, and read it in one pass into the
 * encoded frequency table (hashing the file meanwhile). Shared by analyze and search.
 */
import path from 'node:path';
import type { LoadedSpec } from '../config/loadSpec.js';
import { nearestName } from '../config/nearestName.js';
import { SpecError } from '../errors.js';
import type { Database } from '../data/database.js';
import { openSource, type DataSource } from '../data/source.js';
import { encodeQuasiIdentifiers, type EncodedData } from '../data/encode.js';
import { sha256File } from '../data/fileHash.js';
import type { ResultColumn, ResultWarning } from '../contracts/analysis.js';
import { assignRoles } from './columns.js';

/** The data of a run, read once. */
export interface Input {
  source: DataSource;
  /** The data file as the spec names it (for messages and the Result). */
  display: string;
  columns: ResultColumn[];
  warnings: ResultWarning[];
  encoded: EncodedData;
  sha256: string;
  /** Sum of the population table's counts, when the spec gives one. */
  populationTotal?: number;
}

export interface InputOptions {
  onProgress?: (stage: string) => void;
  /** Number the groups (per-record outputs join back on them). */
  numbered?: boolean;
}

/** Opens, checks and reads the spec's data. */
export async function readInput(db: Database, loaded: LoadedSpec, options: InputOptions = {}): Promise<Input> {
  const { spec } = loaded;
  const progress = options.onProgress ?? (() => {});
  const dataFile = path.resolve(loaded.baseDir, spec.dataset.path);
  const display = spec.dataset.path;
  progress(`opening ${display}`);
  const source = await openSource(db, dataFile, display, spec.dataset.format, spec.dataset.csv);
  const { columns, warnings } = assignRoles(spec, source.columns, display);
  checkSensitiveSettings(loaded);
  const popSource = await openPopulationTable(db, loaded);
  checkWeightColumn(loaded, source, display);
  progress(`reading and grouping ${display}`);
  const qis = spec.attributes.quasiIdentifiers;
  const popSpec = spec.population?.table;
  const [encoded, sha256] = await Promise.all([
    encodeQuasiIdentifiers(db, source, qis, {
      population: popSource ? { relation: popSource.relation(qis), count: popSpec?.count, display: popSource.display, format: popSource.format } : undefined,
      sensitive: spec.attributes.sensitive,
      weight: spec.individualRisk?.weight,
      numbered: options.numbered,
    }),
    sha256File(dataFile),
  ]);
  let populationTotal: number | undefined;
  if (popSource) {
    const rows = await db.rows(`SELECT coalesce(sum(pf), 0)::DOUBLE AS t FROM edra_population`);
    populationTotal = Number(rows[0].t);
  }
  return { source, display, columns, warnings, encoded, sha256, ...(populationTotal !== undefined ? { populationTotal } : {}) };
}

/** Settings for a sensitive attribute the spec does not list as sensitive are a spec error. */
function checkSensitiveSettings(loaded: LoadedSpec): void {
  const { spec } = loaded;
  for (const name of Object.keys(spec.sensitive)) {
    if (spec.attributes.sensitive.includes(name)) continue;
    const near = nearestName(name, spec.attributes.sensitive);
    throw new SpecError(`spec sensitive.${name}: "${name}" is not listed in attributes.sensitive${near ? `; did you mean "${near}"?` : ''} [rule: spec.unknownSensitive]`, {
      path: `sensitive.${name}`,
      rule: 'spec.unknownSensitive',
    });
  }
}

/** Opens the population table and checks it has every QI and its count column. */
async function openPopulationTable(db: Database, loaded: LoadedSpec): Promise<DataSource | undefined> {
  const popSpec = loaded.spec.population?.table;
  if (!popSpec) return undefined;
  const pop = await openSource(db, path.resolve(loaded.baseDir, popSpec.path), popSpec.path, popSpec.format, popSpec.csv);
  const missing = loaded.spec.attributes.quasiIdentifiers.filter((q) => !pop.columns.some((c) => c.name === q));
  if (missing.length > 0) {
    throw new SpecError(`population table ${popSpec.path} lacks the quasi-identifier column "${missing[0]}" [rule: spec.populationColumns]`, {
      file: popSpec.path,
      column: missing[0],
      rule: 'spec.populationColumns',
    });
  }
  if (popSpec.count && !pop.columns.some((c) => c.name === popSpec.count)) {
    throw new SpecError(`population table ${popSpec.path} has no count column "${popSpec.count}" [rule: spec.unknownColumn]`, {
      file: popSpec.path,
      column: popSpec.count,
      rule: 'spec.unknownColumn',
    });
  }
  return pop;
}

function checkWeightColumn(loaded: LoadedSpec, source: DataSource, display: string): void {
  const weightColumn = loaded.spec.individualRisk?.weight;
  if (weightColumn === undefined || source.columns.some((c) => c.name === weightColumn)) return;
  const near = nearestName(weightColumn, source.columns.map((c) => c.name));
  throw new SpecError(`spec individualRisk.weight: column "${weightColumn}" is not in ${display}${near ? `; did you mean "${near}"?` : ''} [rule: spec.unknownColumn]`, {
    file: display,
    path: 'individualRisk.weight',
    column: weightColumn,
    rule: 'spec.unknownColumn',
  });
}
