import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyIndex } from '../../src/risk/keyIndex.js';

describe('KeyIndex', () => {
  it('numbers distinct keys densely in order of first appearance, the same key the same id, afresh after each reset', () => {
    const index = new KeyIndex(4);
    const keySets = fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constantFrom(2 ** 32, 2 ** 32 + 1, 2 ** 52 + 3, 2 ** 53 - 1)), { maxLength: 200 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(keySets, (sets) => {
        for (const keys of sets) {
          index.reset(keys.length);
          const expected = new Map<number, number>();
          for (const k of keys) {
            if (!expected.has(k)) expected.set(k, expected.size);
            expect(index.idOf(k)).toBe(expected.get(k));
          }
          expect(index.size).toBe(expected.size);
        }
      }),
    );
  });

  it('grows when reset for more keys than it was made for', () => {
    const index = new KeyIndex(2);
    index.reset(10_000);
    for (let k = 0; k < 10_000; k++) expect(index.idOf(k * 4294967297)).toBe(k);
    for (let k = 0; k < 10_000; k++) expect(index.idOf(k * 4294967297)).toBe(k);
    expect(index.size).toBe(10_000);
  });
});
