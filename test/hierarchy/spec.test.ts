import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hierarchiesSchema, hierarchySpecSchema } from '../../src/config/hierarchySpec.js';
import { specSchema } from '../../src/config/spec.js';

describe('hierarchies spec schema', () => {
  it('parses every form and applies the defaults', () => {
    const parsed = hierarchiesSchema.parse({
      a: { file: 'hierarchies/age.csv' },
      b: { mask: { levels: [5, 3, 1, 0] } },
      c: { intervals: { width: [5, 10], bottom: 18, top: 90 }, top: false },
      d: { dates: {} },
      e: { groups: [{ G: ['x', 'y'] }] },
    });
    expect(parsed).toEqual({
      a: { file: 'hierarchies/age.csv', delimiter: ';' },
      b: { mask: { levels: [5, 3, 1, 0] }, top: true },
      c: { intervals: { width: [5, 10], bottom: 18, top: 90 }, top: false },
      d: { dates: { levels: ['month', 'quarter', 'year', 'decade'] }, top: true },
      e: { groups: [{ G: ['x', 'y'] }], top: true },
    });
  });
  it('rejects two forms, unknown keys, and malformed entries', () => {
    const bad = [
      { mask: { levels: [3] }, dates: {} },
      { file: 'x.csv', top: true },
      { intervals: { width: [5], cuts: [[1]] } },
      { intervals: {} },
      { intervals: { cuts: [[1]], origin: 3 } },
      { intervals: { width: [0] } },
      { mask: { levels: [] } },
      { mask: { levels: [2.5] } },
      { dates: { levels: ['week'] } },
      { groups: [] },
      { groups: [{ G: [] }] },
    ];
    for (const b of bad) expect(hierarchySpecSchema.safeParse(b).success, JSON.stringify(b)).toBe(false);
  });
  it('is plugged into the spec, defaulting to no hierarchy', () => {
    const base = { dataset: { path: 'x.csv' }, attributes: { quasiIdentifiers: ['age'] } };
    expect(specSchema.parse(base).hierarchies).toEqual({});
    expect(specSchema.parse({ ...base, hierarchies: { age: { intervals: { width: [10] } } } }).hierarchies.age).toEqual({ intervals: { width: [10] }, top: true });
  });
  it('exports a JSON Schema with a description on every key', () => {
    const keys: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node === null || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.properties && typeof o.properties === 'object') {
        for (const [key, sub] of Object.entries(o.properties as Record<string, Record<string, unknown>>)) {
          keys.push(key);
          expect(typeof sub.description, key).toBe('string');
        }
      }
      Object.values(o).forEach(walk);
    };
    walk(z.toJSONSchema(hierarchiesSchema, { io: 'input', target: 'draft-2020-12' }));
    expect(new Set(keys)).toEqual(new Set(['file', 'delimiter', 'mask', 'levels', 'top', 'intervals', 'width', 'origin', 'cuts', 'bottom', 'dates', 'groups']));
  });
});
