import { nearestName } from '../config/nearestName.js';
import { SpecError } from '../errors.js';

/**
 * Every declared hierarchy must belong to a quasi-identifier: a hierarchy for any other
 * column is a spec error (rule spec.unknownHierarchy), with a "did you mean" when a QI name
 * is a plausible typo of it (src/config/nearestName.ts). `file` is the spec file as shown.
 */
export function checkHierarchyAttributes(hierarchies: Readonly<Record<string, unknown>>, quasiIdentifiers: readonly string[], file: string): void {
  for (const name of Object.keys(hierarchies)) {
    if (quasiIdentifiers.includes(name)) continue;
    const near = nearestName(name, quasiIdentifiers);
    throw new SpecError(
      `${file}: spec hierarchies.${name}: "${name}" is not listed in attributes.quasiIdentifiers${near ? `; did you mean "${near}"?` : ''} [rule: spec.unknownHierarchy]`,
      { file, path: `hierarchies.${name}`, column: name, rule: 'spec.unknownHierarchy' },
    );
  }
}
