import path from 'node:path';
import type { DataFormat } from '../config/spec.js';
import { SpecError } from '../errors.js';

const byExtension: Record<string, DataFormat> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.arrow': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
  '.arrows': 'arrow',
};

/** The format of a data file: the one declared, or the one its extension names. */
export function detectFormat(file: string, declared?: DataFormat): DataFormat {
  if (declared) return declared;
  let ext = path.extname(file).toLowerCase();
  if (ext === '.gz' || ext === '.zst') ext = path.extname(file.slice(0, -ext.length)).toLowerCase();
  const format = byExtension[ext];
  if (!format) {
    throw new SpecError(`${file}: cannot tell the format from the extension "${ext}" [rule: spec.format]; set dataset.format (profile: --format) to one of csv, tsv, parquet, json, ndjson, arrow`, {
      file,
      path: 'dataset.format',
      rule: 'spec.format',
    });
  }
  return format;
}
