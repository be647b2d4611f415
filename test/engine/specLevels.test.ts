/**
 * The spec's `levels` (what `edra explore` writes with "save as spec"): analyze measures that
 * node as `--levels` would, `--levels` overrides it, anonymize writes it without searching,
 * search notes that it explores every node anyway, and a level out of range is a spec error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/contracts/analysis.js';
import type { SearchJson } from '../../src/contracts/search.js';
import { cli, repoRoot, tempDir } from '../cli/helpers.js';

const t = tempDir('edra-spec-levels-');
afterAll(() => t.cleanup());
const adult = fs.readFileSync(path.join(repoRoot, 'analyses/adult-search.yaml'), 'utf8').replaceAll('../samples/', `${repoRoot}/samples/`);
const levels = 'age=3,education=2,marital-status=1,native-country=1,occupation=2,workclass=1';
const spec = t.file('levels.yaml', `${adult}\nlevels: { age: 3, education: 2, marital-status: 1, native-country: 1, occupation: 2, workclass: 1 }\n`);

describe("the spec's levels", () => {
  it('analyze measures the node as --levels does, and --levels overrides them', async () => {
    const bySpec = await cli('analyze', spec, '--json', '--quiet');
    const byFlag = await cli('analyze', path.join(repoRoot, 'analyses/adult-search.yaml'), '--levels', levels, '--json', '--quiet');
    expect(bySpec.code).toBe(0);
    const a = JSON.parse(bySpec.stdout) as AnalysisResult;
    const b = JSON.parse(byFlag.stdout) as AnalysisResult;
    expect(a.transformation?.levels).toEqual(b.transformation?.levels);
    expect(a.thresholds).toEqual(b.thresholds);
    expect(a.transformation?.utility).toEqual(b.transformation?.utility);
    expect(a.k).toBe(5);
    const over = JSON.parse((await cli('analyze', spec, '--levels', 'age=0', '--json', '--quiet')).stdout) as AnalysisResult;
    expect(over.transformation?.levels.age).toBe(0);
    expect(over.transformation?.levels.education).toBe(0);
  });

  it('anonymize writes them without searching; search explores every node and says so', async () => {
    const out = t.file('out.csv');
    const r = await cli('anonymize', spec, '--out', out, '--json', '--quiet');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { levels: Record<string, number>; search?: unknown };
    expect(summary.search).toBeUndefined();
    expect(summary.levels.age).toBe(3);
    expect(fs.existsSync(out)).toBe(true);
    const s = JSON.parse((await cli('search', spec, '--json', '--quiet')).stdout) as SearchJson;
    expect(s.notes.some((n) => n.includes("spec's levels are not used by the search"))).toBe(true);
  });

  it('a level beyond its hierarchy is a spec error (exit 2)', async () => {
    const bad = t.file('bad.yaml', `${adult}\nlevels: { age: 9 }\n`);
    const r = await cli('analyze', bad, '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/age=9 is not a level of its hierarchy/);
  });
});
