/**
 * The population frame: N, the sampling fraction pi, and how each class's population size
 * F_k is obtained. Decided once per run, from the spec and the records of the input before
 * any exclusion or suppression, and used unchanged by every measure of the run (the
 * analysis, each search node, anonymize, the report), so one document never shows two
 * journalist risks for the same data.
 *
 * - population.samplingFraction pi: N = rows / pi.
 * - population.size N: pi = rows / N (an error when N < rows).
 * - both: N and pi as given (the frame certified for a file before its records were
 *   suppressed: re-analysing the released file in it gives the figures that were certified).
 * - population.table: F_k from the table's counts; N = population.size, else the table total;
 *   pi = rows / N.
 * - nothing: the data is the population, pi = 1, N = rows, F_k = f_k.
 *
 * `rows` are all the records of the input. Records left out of the classes by
 * `missingValues: exclude`, or suppressed by a transformation, were sampled at the same rate,
 * so they do not change pi: every kept record keeps its Horvitz-Thompson weight 1/pi and a
 * kept class its estimate F_k = f_k / pi (the sum of its records' weights).
 */
import type { ClassSizes } from '../../model/classSizes.js';
import type { PopulationSource } from '../../contracts/measures.js';

export interface PopulationFrame {
  /** How F_k is obtained. */
  readonly source: PopulationSource;
  /** N: the population size. */
  readonly size: number;
  /** pi = rows / N: the sampling fraction (1 when the data is the population). */
  readonly samplingFraction: number;
  /** The records of the input the frame was decided on (before exclusion and suppression). */
  readonly rows: number;
}

/** The spec's population section (as much of it as the frame needs). */
export interface PopulationSpec {
  size?: number;
  samplingFraction?: number;
  table?: unknown;
}

/** Why a frame cannot be decided (the caller turns it into a spec error). */
export class FrameError extends Error {
  constructor(
    message: string,
    readonly rule: string,
  ) {
    super(message);
  }
}

/**
 * Decides the frame. `tableTotal` is the sum of the population table's counts (when the spec
 * gives a table).
 */
export function populationFrame(population: PopulationSpec | undefined, rows: number, tableTotal?: number): PopulationFrame {
  if (population?.table !== undefined) {
    const size = population.size ?? tableTotal ?? 0;
    if (!(size >= rows) || size <= 0) throw new FrameError(`the population (${size}) is smaller than the ${rows} records of the data`, 'spec.populationSize');
    return { source: 'populationTable', size, samplingFraction: rows / size, rows };
  }
  if (population?.size !== undefined && population.samplingFraction !== undefined) {
    // A sample at pi of N holds about pi N records; a released subset of it holds fewer.
    const sample = population.samplingFraction * population.size;
    if (rows > Math.ceil(sample - 1e-9 * sample)) {
      throw new FrameError(`the ${rows} records of the data exceed a sample at samplingFraction ${population.samplingFraction} of population.size ${population.size} (${sample} records)`, 'spec.populationFrame');
    }
    return { source: population.samplingFraction === 1 ? 'none' : 'samplingFraction', size: population.size, samplingFraction: population.samplingFraction, rows };
  }
  if (population?.size !== undefined) {
    if (population.size < rows) throw new FrameError(`spec population.size (${population.size}) is smaller than the ${rows} records of the data`, 'spec.populationSize');
    return { source: population.size === rows ? 'none' : 'samplingFraction', size: population.size, samplingFraction: rows / population.size, rows };
  }
  const pi = population?.samplingFraction ?? 1;
  return { source: pi === 1 ? 'none' : 'samplingFraction', size: rows / pi, samplingFraction: pi, rows };
}

/** Whether the frame knows a population beyond the data (journalist and marketer then differ from prosecutor). */
export function knowsPopulation(frame: PopulationFrame): boolean {
  return frame.source !== 'none';
}

/**
 * F_k per class: f_k / pi (the Horvitz-Thompson estimate), or, with a population table, its
 * count for the class. A class absent from the table or counted below its sample size
 * contradicts it: F is then set to f (the sample is a lower bound) and counted.
 *
 * Over RiskGroups (one entry per distinct size, no table) it gives F per entry.
 *
 * @param tableCounts population count per class (-1 where the table has no row), with a table.
 */
export function classPopulationSizes(frame: PopulationFrame, cs: Pick<ClassSizes, 'sizes'>, tableCounts?: ArrayLike<number>): { sizes: Float64Array; inconsistent: number } {
  const sizes = new Float64Array(cs.sizes.length);
  let inconsistent = 0;
  if (frame.source === 'populationTable' && tableCounts) {
    for (let c = 0; c < sizes.length; c++) {
      const F = tableCounts[c];
      if (F < cs.sizes[c]) {
        inconsistent++;
        sizes[c] = cs.sizes[c];
      } else sizes[c] = F;
    }
  } else {
    const pi = frame.samplingFraction;
    for (let c = 0; c < sizes.length; c++) sizes[c] = cs.sizes[c] / pi;
  }
  return { sizes, inconsistent };
}
