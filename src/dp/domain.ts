/**
 * The cells of a released table: the full cross-product of its group-by columns' declared
 * domains.
 *
 * Why the full product: a table that lists only the combinations present in the data
 * releases, through which rows exist, whether anyone has a given combination; that is a
 * membership disclosure no noise on the counts repairs (an empty cell would be dropped with
 * certainty). Every cell of the declared product is therefore released, noise included, empty
 * or not, and the product is taken from the spec (declared values or hierarchy labels),
 * never from the data.
 *
 * Cells are numbered in mixed radix, the last group-by column varying fastest.
 */
import { SpecError } from '../errors.js';

/** Label of one domain value; null is the missing value. */
export type DomainValue = string | null;

/** The declared cells of one table. */
export interface CellDomain {
  readonly columns: readonly string[];
  /** values[j] = the declared domain of column j, in release order. */
  readonly values: readonly (readonly DomainValue[])[];
  /** Number of cells: the product of the domain sizes (1 for a table without group-by). */
  readonly size: number;
  /** Cell index of a combination of domain positions (one per column). */
  cellOf(positions: readonly number[]): number;
  /** The labels of cell `cell`, one per column. */
  labelsOf(cell: number): DomainValue[];
}

/** At most this many cells per table (a larger product is almost surely a spec mistake). */
export const MAX_CELLS = 50_000_000;

/** Builds the cross-product domain; SpecError `release.tooManyCells` beyond MAX_CELLS, `release.duplicateDomainValue` for a repeated value. */
export function cellDomain(table: string, columns: readonly string[], values: readonly (readonly DomainValue[])[]): CellDomain {
  let size = 1;
  values.forEach((vals, j) => {
    if (new Set(vals).size !== vals.length) {
      throw new SpecError(`release table "${table}": the domain of "${columns[j]}" lists a value twice [rule: release.duplicateDomainValue]`, {
        path: `release.tables.${table}.domain.${columns[j]}`,
        column: columns[j],
        rule: 'release.duplicateDomainValue',
      });
    }
    size *= vals.length;
  });
  if (size > MAX_CELLS) {
    throw new SpecError(`release table "${table}": ${size} cells (the product of its domains) exceeds ${MAX_CELLS} [rule: release.tooManyCells]`, {
      path: `release.tables.${table}`,
      rule: 'release.tooManyCells',
    });
  }
  const radix = values.map((v) => v.length);
  return {
    columns,
    values,
    size,
    cellOf(positions) {
      let cell = 0;
      for (let j = 0; j < radix.length; j++) cell = cell * radix[j] + positions[j];
      return cell;
    },
    labelsOf(cell) {
      const out: DomainValue[] = new Array(radix.length);
      for (let j = radix.length - 1; j >= 0; j--) {
        out[j] = values[j][cell % radix[j]];
        cell = Math.floor(cell / radix[j]);
      }
      return out;
    },
  };
}
