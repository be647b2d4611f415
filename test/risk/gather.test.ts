import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gather } from '../../src/risk/gather.js';

describe('gather', () => {
  it('reads values through the index, and `missing` where the index is negative', () => {
    expect(Array.from(gather(Int32Array.of(10, 20, 30), Int32Array.of(2, -1, 0, 0)))).toEqual([30, -1, 10, 10]);
    expect(Array.from(gather([5, 6], [1, -1], 99))).toEqual([6, 99]);
  });

  it('equals Int32Array.from with a callback, which it replaces', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 50 }), fc.array(fc.nat(), { maxLength: 100 }), (values, raw) => {
        const index = Int32Array.from(raw.map((r) => r % values.length));
        expect(gather(values, index)).toEqual(Int32Array.from(index, (i) => values[i]));
      }),
    );
  });
});
