/**
 * The house's one-way flow (docs/architecture.md): config -> model -> contracts ->
 * data/hierarchy -> risk -> search/dp -> engine -> report/explore/cli. No folder of src/
 * imports one of a higher layer, and folders of one layer do not import each other both ways.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(__dirname, '../../src');

/** Layer of each top-level folder (or file) of src/: lower layers never import higher ones. */
const layers: Record<string, number> = {
  'errors.ts': 0,
  'version.ts': 0,
  config: 1,
  model: 2,
  contracts: 3,
  data: 4,
  hierarchy: 4,
  risk: 5,
  search: 6,
  dp: 6,
  engine: 7,
  report: 8,
  explore: 9,
  cli: 9,
  'index.ts': 10,
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Top-level folder (or file) of src/ a path is in. */
const top = (file: string): string => path.relative(src, file).split(path.sep)[0];

/** Every relative import (static, dynamic, re-export) of every file: [from file, to file]. */
function edges(): [string, string][] {
  const out: [string, string][] = [];
  for (const file of sources(src)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      out.push([file, path.resolve(path.dirname(file), m[1].replace(/\.js$/, '.ts'))]);
    }
  }
  return out;
}

describe('import direction', () => {
  const all = edges();

  it('finds the imports it checks', () => {
    expect(all.length).toBeGreaterThan(300);
    for (const [, to] of all) expect(fs.existsSync(to), `${to} does not exist`).toBe(true);
  });

  it('every folder of src/ has a layer', () => {
    const tops = new Set(sources(src).map(top));
    for (const t of tops) expect(layers[t], `src/${t} has no layer in this test`).toBeDefined();
  });

  it('no lower layer imports a higher one', () => {
    const wrong = all
      .filter(([from, to]) => layers[top(to)] > layers[top(from)])
      .map(([from, to]) => `${path.relative(src, from)} -> ${path.relative(src, to)}`);
    expect(wrong).toEqual([]);
  });

  it('folders of one layer do not import each other both ways', () => {
    const pairs = new Set(all.map(([f, t]) => `${top(f)}>${top(t)}`).filter((p) => p.split('>')[0] !== p.split('>')[1]));
    const both = [...pairs].filter((p) => pairs.has(p.split('>').reverse().join('>')));
    expect(both).toEqual([]);
  });

  it('the pure layers touch no DuckDB, file system or CLI', () => {
    const pure = sources(src).filter((f) => ['model', 'contracts', 'risk'].includes(top(f)) || /search[/\\](evaluator|utility|lattice|strategy)\.ts$/.test(f));
    const impure = pure.filter((f) => /from '(@duckdb\/|node:fs|fs'|commander)/.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(src, f));
    expect(impure).toEqual([]);
  });
});
