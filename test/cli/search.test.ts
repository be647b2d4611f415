import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, repoRoot, tempDir } from './helpers.js';
import { loadSpec } from '../../src/config/loadSpec.js';
import { openDatabase } from '../../src/data/database.js';
import { prepareSearch } from '../../src/engine/search.js';
import { NodeEvaluator } from '../../src/search/evaluator.js';
import { Lattice } from '../../src/search/lattice.js';
import { sameUtility } from '../../src/search/utility.js';
import type { SearchJson } from '../../src/contracts/search.js';

const adult = path.join(repoRoot, 'analyses', 'adult-search.yaml');
const tmp = tempDir('edra-search-');
afterAll(() => tmp.cleanup());

/** The Adult spec with other search settings / thresholds, written beside the data. */
function adultSpec(name: string, search: string, thresholds = 'k: 5'): string {
  const text = fs
    .readFileSync(adult, 'utf8')
    .replace(/search:\n(  .*\n)+/, `search:\n${search}\n`)
    .replace(/thresholds:\n(  .*\n?)+/, `thresholds:\n  ${thresholds}\n`)
    .replaceAll('../samples/', `${path.join(repoRoot, 'samples')}/`);
  return tmp.file(name, text);
}

describe('edra search on Adult (8 QIs, ARX hierarchies, 6480 nodes)', () => {
  it('returns the exhaustive optimum, checking a fraction of the lattice (k = 5, 2% suppression)', async () => {
    const run = await cli('search', adult, '--json', '--threads', '1');
    expect(run.code).toBe(0);
    const s = JSON.parse(run.stdout) as SearchJson;
    expect(s.lattice.nodes).toBe(6480);
    expect(s.lattice.heights).toEqual({ age: 4, education: 3, 'marital-status': 2, 'native-country': 2, occupation: 2, race: 1, sex: 1, workclass: 2 });
    expect(s.lattice.checked).toBeLessThan(s.lattice.nodes / 4);
    expect(s.optimum).not.toBeNull();
    expect(s.optimum!.k).toBeGreaterThanOrEqual(5);
    expect(s.optimum!.suppressed).toBeLessThanOrEqual(Math.floor(0.02 * 30162));

    // Exhaustive check: evaluate every node.
    const loaded = loadSpec(adult);
    const db = await openDatabase();
    try {
      const prepared = await prepareSearch(db, loaded);
      const lattice = new Lattice(prepared.payload.heights);
      const ev = new NodeEvaluator(prepared.payload);
      let best: { node: number; utility: number } | undefined;
      let ties = 0;
      for (let x = 0; x < lattice.size; x++) {
        const o = ev.evaluate(x, lattice.levels(x));
        if (!o.feasible) continue;
        if (!best || (o.utility < best.utility && !sameUtility(o.utility, best.utility))) {
          best = { node: x, utility: o.utility };
          ties = 0;
        } else if (sameUtility(o.utility, best.utility)) {
          ties++;
          if (lattice.levelSum(x) < lattice.levelSum(best.node)) best = { node: x, utility: o.utility };
        }
      }
      expect(s.optimum!.levels).toEqual(lattice.named(best!.node, prepared.hierarchies.map((h) => h.attribute)));
      expect(sameUtility(s.optimum!.utility, best!.utility)).toBe(true);
      expect(s.optimum!.tiedWith).toBe(ties);
    } finally {
      db.close();
    }
  });

  it('finds the same optimum on 2 worker threads', async () => {
    const one = JSON.parse((await cli('search', adult, '--json', '--threads', '1')).stdout) as SearchJson;
    const two = JSON.parse((await cli('search', adult, '--json', '--threads', '2')).stdout) as SearchJson;
    expect(two.threads).toBe(2);
    expect(two.optimum).toEqual(one.optimum);
  });

  it('every metric gives an optimum that meets the thresholds; no suppression allowed means no record suppressed', async () => {
    for (const metric of ['precision', 'discernibility', 'aecs', 'entropy']) {
      const spec = adultSpec(`adult-${metric}.yaml`, `  suppressionLimit: 0\n  metric: ${metric}`);
      const run = await cli('search', spec, '--json');
      expect(run.code, metric).toBe(0);
      const s = JSON.parse(run.stdout) as SearchJson;
      expect(s.metric).toBe(metric);
      expect(s.optimum!.suppressed).toBe(0);
      expect(s.optimum!.k).toBeGreaterThanOrEqual(5);
    }
  });

  it('exits 1 with a null optimum when no node meets the thresholds', async () => {
    const spec = adultSpec('adult-impossible.yaml', '  suppressionLimit: 0', 'k: 40000');
    const run = await cli('search', spec, '--json');
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as SearchJson).optimum).toBeNull();
    expect((await cli('search', spec)).stdout).toMatch(/no generalization meets every threshold/);
  });

  it('enforces l-diversity of a sensitive attribute on every node', async () => {
    const spec = adultSpec('adult-l.yaml', '  suppressionLimit: 0.02', 'k: 5\n  l: 2')
      .toString();
    fs.writeFileSync(spec, fs.readFileSync(spec, 'utf8').replace('insensitive: [salary-class]', 'sensitive: [salary-class]'));
    const run = await cli('search', spec, '--json');
    expect(run.code).toBe(0);
    const s = JSON.parse(run.stdout) as SearchJson;
    expect(s.models).toContain('sensitive.salary-class.distinctL >= 2');
    // The optimum re-analyzed with --levels passes distinct 2-diversity.
    const levels = Object.entries(s.optimum!.levels).map(([q, l]) => `${q}=${l}`).join(',');
    const again = await cli('analyze', spec, '--json', '--levels', levels, '--quiet');
    expect(again.code).toBe(0);
    const r = JSON.parse(again.stdout);
    expect(r.sensitive['salary-class'].distinctL).toBeGreaterThanOrEqual(2);
    expect(r.transformation.suppressed).toBe(s.optimum!.suppressed);
  });
});

describe('edra search with population and individual-risk thresholds', () => {
  it('enforces individual risk per node; the optimum re-analyzed with --levels passes the same lines', async () => {
    const text = fs
      .readFileSync(path.join(repoRoot, 'analyses', 'encounters.yaml'), 'utf8')
      .replace('../samples/', `${path.join(repoRoot, 'samples')}/`)
      .replace(/^levels: .*$/m, '')
      .replace('  globalRisk: 0.01\n', '  globalRisk: 0.01\n  individualRisk: 0.02\n');
    const spec = tmp.file('encounters-ir.yaml', text);
    const run = await cli('search', spec, '--json');
    expect(run.code).toBe(0);
    const s = JSON.parse(run.stdout) as SearchJson;
    expect(s.models).toContain('individualRisk.max <= 0.02');
    expect(Object.values(s.optimum!.levels).some((l) => l > 0)).toBe(true);
    const levels = Object.entries(s.optimum!.levels).map(([q, l]) => `${q}=${l}`).join(',');
    const again = await cli('analyze', spec, '--json', '--quiet', '--levels', levels);
    expect(again.code).toBe(0);
    const r = JSON.parse(again.stdout);
    expect(r.individualRisk.max).toBeLessThanOrEqual(0.02);
    // No search section: no suppression, so the analysis sees the search's classes.
    expect(s.optimum!.suppressed).toBe(0);
    expect(r.classes.count).toBe(s.optimum!.classes);
  });
});

describe('edra search --report', () => {
  it('reports the data at the optimum, with the search section and the transformation', async () => {
    const html = tmp.file('adult-report.html');
    const run = await cli('search', adult, '--report', html, '--quiet');
    expect(run.code).toBe(0);
    const text = fs.readFileSync(html, 'utf8');
    expect(text).toMatch(/The lattice has 6,?480 combinations of hierarchy levels/);
    const twin = JSON.parse(fs.readFileSync(`${html.slice(0, -5)}.json`, 'utf8'));
    expect(twin.result.search.optimum.k).toBeGreaterThanOrEqual(5);
    expect(twin.result.transformation.levels).toEqual(twin.result.search.optimum.levels);
    expect(JSON.stringify(twin)).toMatch(/"suppressed":\s*\d+/);
    expect((await cli('search', adult, '--template', 'x')).code).toBe(2);
  });
});

describe('edra analyze --levels', () => {
  it('measures the generalized data and reports before/after risk', async () => {
    const run = await cli('analyze', adult, '--json', '--levels', 'age=3,education=2,marital-status=1,native-country=1,occupation=2,workclass=1', '--quiet');
    const r = JSON.parse(run.stdout);
    expect(r.transformation.levels).toEqual({ age: 3, education: 2, 'marital-status': 1, 'native-country': 1, occupation: 2, race: 0, sex: 0, workclass: 1 });
    expect(r.transformation.before.k).toBe(1);
    expect(r.transformation.after.k).toBe(r.k);
    expect(r.transformation.after.classes).toBeLessThan(r.transformation.before.classes);
    expect(r.classes.count).toBe(r.transformation.after.classes);
    expect(r.dataset.rows).toBe(30162);
  });

  it('rejects an unknown QI or a level above the height (exit 2)', async () => {
    const bad = await cli('analyze', adult, '--levels', 'agee=1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/did you mean "age"/);
    const high = await cli('analyze', adult, '--levels', 'race=2');
    expect(high.code).toBe(2);
    expect(high.stderr).toMatch(/cli\.levels/);
    expect((await cli('analyze', adult, '--levels', 'age')).code).toBe(2);
  });
});

describe('edra anonymize', () => {
  it('writes the optimum; the output re-analyzed meets k = 5', async () => {
    const out = tmp.file('adult-anon.csv');
    const run = await cli('anonymize', adult, '--out', out, '--json', '--quiet');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.pass).toBe(true);
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines.length - 1).toBe(summary.rows);
    expect(summary.rows).toBe(30162 - summary.suppressed);
    expect(lines[0]).toBe('sex,age,race,marital-status,education,native-country,workclass,occupation,salary-class');
    const spec = tmp.file(
      'reanalyze.yaml',
      `dataset: { path: ${out} }\nattributes:\n  quasiIdentifiers: [age, education, marital-status, native-country, occupation, race, sex, workclass]\n  insensitive: [salary-class]\nadversary: [prosecutor]\nthresholds: { k: 5 }\n`,
    );
    const again = await cli('analyze', spec, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).k).toBeGreaterThanOrEqual(5);
  });

  it('masks suppressed records when asked, and writes Parquet', async () => {
    const spec = adultSpec('adult-mask.yaml', '  suppressionLimit: 0.02\n  suppressed: mask');
    const out = tmp.file('adult-anon.parquet');
    const run = await cli('anonymize', spec, '--out', out, '--json');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.rows).toBe(30162);
    expect(summary.suppressed).toBeGreaterThan(0);
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
  });

  it('refuses levels that fail the thresholds: exit 1, nothing written', async () => {
    const out = tmp.file('adult-fail.csv');
    const run = await cli('anonymize', adult, '--out', out, '--levels', 'age=1');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/nothing written/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(tmp.dir).filter((f) => f.includes('edra-tmp'))).toEqual([]);
  });
});
