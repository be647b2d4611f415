/**
 * What a run may do with a dataset that stays in a remote engine. Every measure stands on
 * the grouped answer and works; what needs the records themselves is refused before any
 * query: the per-record risk file, the anonymized file and the DP release (their records
 * would have to leave the warehouse, which is what a remote dataset is for avoiding; writing
 * them into a table of the warehouse is a follow-up: docs/scale.md).
 */
import type { LoadedSpec } from '../config/loadSpec.js';
import type { FileDataset } from '../config/spec.js';
import { SpecError } from '../errors.js';

/** The spec's dataset when it is a file; a SpecError [rule: dataset.remoteRecords] naming `what` otherwise. */
export function fileDatasetOf(loaded: LoadedSpec, what: string): FileDataset {
  const d = loaded.spec.dataset;
  if (d.engine === 'duckdb') return d;
  throw new SpecError(
    `${loaded.file}: ${what} needs the records, and dataset.engine is ${d.engine}: the records of ${d.database}.${d.table} do not leave the server (measure it with analyze or search; docs/scale.md) [rule: dataset.remoteRecords]`,
    { file: loaded.file, path: 'dataset.engine', rule: 'dataset.remoteRecords' },
  );
}
