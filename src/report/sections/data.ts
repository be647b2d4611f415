/**
 * Data: the file (name, SHA-256, rows), each column with its role and how it is handled, the
 * missing-value policy, and the direct identifiers found and what was done about them.
 * Names and counts only: never a value.
 */
import path from 'node:path';
import type { ColumnRole } from '../../contracts/analysis.js';
import { Figure, fig } from '../figure.js';
import { recordsBasis, type RecordsBasisModel, type SectionContext } from './context.js';

export interface ColumnRow {
  name: string;
  type: string;
  role: ColumnRole;
  roleLabel: string;
  handling: string;
  /** Distinct values (QIs and sensitive attributes). */
  distinct: Figure | null;
  /** Records with the value missing (QIs and sensitive attributes). */
  missing: Figure | null;
}

export interface DataModel {
  path: string;
  /** A table in a remote engine (ClickHouse): grouped there, its digest a fingerprint, not a file's SHA-256. */
  remote: boolean;
  fileName: string;
  format: string;
  sha256: string;
  rows: Figure;
  excluded: Figure;
  analysed: Figure;
  /** Which records are analysed (read, excluded, suppressed), in figures and words. */
  recordsBasis: RecordsBasisModel;
  columns: ColumnRow[];
  roleCounts: { label: string; count: Figure }[];
  missingPolicy: { key: string; label: string; explanation: string };
  /** Columns named as direct identifiers in the spec (present in the data): removed before release, never analysed. */
  identifiersRemoved: string[];
  /** Columns that look like HIPAA identifiers but are not named as such: the expert's check. */
  identifierHints: string[];
  otherWarnings: string[];
  /** The file anonymize wrote, when this report measures it: the input it was made from and the check of its bytes. */
  releasedFile: { path: string; sha256: string; inputPath: string; inputSha256: string; levels: string; remeasuredEqual: boolean } | null;
}

const roleOrder: readonly ColumnRole[] = ['identifying', 'quasiIdentifier', 'sensitive', 'insensitive'];

/** Builds the data section. */
export function dataSection(ctx: SectionContext): DataModel {
  const { result, labels } = ctx;
  const d = result.dataset;
  const basis = recordsBasis(ctx);
  const qiStats = new Map(result.quasiIdentifierStats.map((s) => [s.name, s]));
  const columns = d.columns.map((c): ColumnRow => {
    const qi = qiStats.get(c.name);
    const sens = result.sensitive[c.name];
    return {
      name: c.name,
      type: c.type,
      role: c.role,
      roleLabel: labels.get(`role.${c.role}`),
      handling: labels.get(c.unlisted ? 'handling.unlisted' : `handling.${c.role}`),
      distinct: qi ? fig.count(qi.distinct) : sens ? fig.count(sens.values) : null,
      missing: qi ? fig.count(qi.missing) : sens ? fig.count(sens.missing) : null,
    };
  });
  const warnings = result.warnings;
  return {
    path: d.path,
    remote: d.format === 'clickhouse',
    fileName: path.basename(d.path),
    format: d.format.toUpperCase(),
    sha256: d.sha256,
    rows: fig.count(d.rows),
    excluded: fig.count(d.excludedRecords),
    analysed: basis.analysed,
    recordsBasis: basis,
    columns,
    roleCounts: roleOrder.map((role) => ({ label: labels.get(`role.${role}`), count: fig.count(d.columns.filter((c) => c.role === role).length) })),
    missingPolicy: {
      key: d.missingValues,
      label: labels.get(`missing.${d.missingValues}`),
      explanation: labels.get(`missing.${d.missingValues}.explanation`),
    },
    identifiersRemoved: result.releasedFile?.removedColumns ?? d.columns.filter((c) => c.role === 'identifying').map((c) => c.name),
    identifierHints: warnings
      .filter((w) => w.rule === 'release.identifierLike' || w.rule === 'identifier.hint')
      .map((w) => (w.acknowledged !== undefined ? `${w.message} Acknowledged: ${w.acknowledged}` : w.message)),
    releasedFile: result.releasedFile
      ? {
          path: result.releasedFile.path,
          sha256: result.releasedFile.sha256,
          inputPath: result.releasedFile.input.path,
          inputSha256: result.releasedFile.input.sha256,
          levels: Object.entries(result.releasedFile.levels).map(([q, l]) => `${q} ${l}`).join(', '),
          remeasuredEqual: result.releasedFile.remeasuredEqual,
        }
      : null,
    otherWarnings: warnings.filter((w) => !w.review && w.rule !== 'identifier.present' && w.rule !== 'identifier.hint').map((w) => `${w.message} [${w.rule}]`),
  };
}
