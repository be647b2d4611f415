/**
 * The explorer's node utility (NodeUtilityJson, src/search/utilityReport.ts) against the
 * determination's (UtilityJson, src/search/qiUtility.ts) of the same transformation: the five
 * metrics to the last bit, and per QI the level, height and Iyengar loss (one computation:
 * utilityReport.ts:utilityParts). Per-QI precision differs by definition: the explorer's counts a
 * suppressed record as 1 (the part of the Precision metric), the determination's is l / h.
 */
import { expect } from 'vitest';
import type { NodeUtilityJson } from '../../src/contracts/measures.js';
import type { UtilityJson } from '../../src/contracts/utility.js';

export function expectSameUtility(node: NodeUtilityJson, t: UtilityJson | undefined): void {
  expect(t).toBeDefined();
  expect(node.values).toEqual(t!.metrics);
  expect(node.suppressed).toBe(t!.suppressed);
  expect(node.perQi.map((q) => [q.attribute, q.level, q.height, q.loss])).toEqual(t!.qis.map((q) => [q.attribute, q.level, q.height, q.loss]));
}
