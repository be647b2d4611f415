import type { Spec } from '../config/spec.js';
import { nearestName } from '../config/nearestName.js';
import { SpecError } from '../errors.js';
import type { SourceColumn } from '../data/source.js';
import { columnSuggestion } from '../data/columnNames.js';
import type { ColumnRole, ResultColumn, ResultWarning } from '../contracts/analysis.js';

/**
 * Matches the spec's attribute roles to the data's columns, by name exactly as written in
 * the header (the columns released that look like HIPAA identifiers are
 * src/engine/releasedColumns.ts). An unknown QI, sensitive or insensitive column is a spec error naming the
 * nearest column. An identifying column that is absent is fine (already removed) unless a
 * column has its name up to case (it would be released under the other spelling) or is a
 * near-miss of it. Suggestions quote a name only when the names are known to be a header.
 */
export function assignRoles(spec: Spec, columns: readonly SourceColumn[], dataFile: string, namesMayBeData = false): { columns: ResultColumn[]; warnings: ResultWarning[] } {
  const names = columns.map((c) => c.name);
  const present = new Set(names);
  const roleOf = new Map<string, ColumnRole>();
  const roles: [keyof Spec['attributes'], ColumnRole][] = [
    ['identifying', 'identifying'],
    ['quasiIdentifiers', 'quasiIdentifier'],
    ['sensitive', 'sensitive'],
    ['insensitive', 'insensitive'],
  ];
  for (const [key, role] of roles) {
    spec.attributes[key].forEach((name, i) => {
      if (!present.has(name)) {
        const sameButCase = names.find((n) => n.toLowerCase() === name.toLowerCase());
        if (role === 'identifying' && sameButCase === undefined) {
          const near = nearestName(name, names);
          if (near === undefined || roleOf.has(near) || spec.attributes.identifying.includes(near)) return;
        }
        const s = columnSuggestion(name, names, namesMayBeData);
        const why = role === 'identifying' && sameButCase !== undefined && !namesMayBeData
          ? `; names are matched exactly, so the column "${sameButCase}" would be released [rule: spec.unknownColumn]`
          : `${s.hint} [rule: spec.unknownColumn]`;
        throw new SpecError(
          `spec attributes.${key}.${i}: column "${name}" is not in ${dataFile}${why}`,
          { file: dataFile, path: `attributes.${key}.${i}`, column: name, rule: 'spec.unknownColumn' },
          s.detail,
        );
      }
      roleOf.set(name, role);
    });
  }
  const warnings: ResultWarning[] = [];
  const out = columns.map((c): ResultColumn => {
    const role = roleOf.get(c.name);
    if (role === 'identifying') {
      warnings.push({
        rule: 'identifier.present',
        message: `column "${c.name}" is a direct identifier: it is left out of the analysis and must be removed before release`,
      });
    }
    return role ? { name: c.name, type: c.type, role } : { name: c.name, type: c.type, role: 'insensitive', unlisted: true };
  });
  return { columns: out, warnings };
}
