/**
 * Denial of service: a tiny epsilon or rho made the noise scale astronomical and the release
 * (or an analysis of a spec that merely declares it) ran until killed. The noise scale is
 * bounded by MAX_NOISE_SCALE and the number of draws by MAX_CELLS; beyond either the spec is
 * refused (exit 2) before any data is read: these specs name a data file that does not exist.
 * The runs use the built binary with a timeout, so a regression fails instead of hanging.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_NOISE_SCALE, discreteLaplaceMechanism } from '../../src/dp/mechanism.js';
import { MAX_CELLS } from '../../src/dp/domain.js';
import { rational } from '../../src/dp/rational.js';
import { repoRoot, tempDir } from '../cli/helpers.js';

const t = tempDir('edra-dp-limits-');
afterAll(() => t.cleanup());

const bin = path.join(repoRoot, 'bin', 'edra.js');
function edra(...args: string[]) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: t.dir, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

function spec(name: string, release: string, extra = ''): string {
  return t.file(name, `dataset: { path: no-such-data.csv }\nattributes: { quasiIdentifiers: [sex, age], insensitive: [los] }\n${extra}release:\n${release}`);
}

const count = (budget: string, mechanism = 'discreteLaplace') =>
  `  budget: ${budget}\n  tables:\n    - { name: by_sex, groupBy: [sex], domain: { sex: [F, M] }, mechanism: ${mechanism} }\n`;

describe('the noise scale is bounded', () => {
  it.each([
    ['epsilon 1e-17', count('{ epsilon: 1e-17 }')],
    ['epsilon 1e-300', count('{ epsilon: 1e-300 }')],
    ['rho 1e-300', count('{ rho: 1e-300 }', 'discreteGaussian')],
    ['a sum over bounds of 1e15 at granularity 0.001', `  budget: { epsilon: 1 }\n  tables:\n    - { name: los, statistic: sum, bounds: { column: los, lower: 0, upper: 1e15, granularity: 0.001 } }\n`],
  ])('%s: release and analyze refuse the spec at once (exit 2, release.noiseScale), before reading data', (_, release) => {
    const file = spec('tiny.yaml', release);
    const commands = [['release', file, '--out', 'out.csv'], ...(release.includes('1e-17') || release.includes('rho') ? [['analyze', file]] : [])];
    for (const args of commands) {
      const r = edra(...args);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^edra: (\S+:\d+:\d+: )?spec release\.(budget|tables\.0\.\w+): table "\w+": the noise scale would be .* above the limit of 1e\+12.*\[rule: release\.noiseScale\]\n$/);
      expect(r.ms).toBeLessThan(15_000);
    }
    expect(fs.existsSync(t.file('out.csv'))).toBe(false);
  });

  it(`a scale of exactly ${MAX_NOISE_SCALE} (epsilon 1e-12, sensitivity 1) is planned, with finite figures`, () => {
    const m = discreteLaplaceMechanism(1n, rational(1n, 10n ** 12n));
    expect(m.scale).toBe(1e12);
    expect(Number.isFinite(m.quantile95)).toBe(true);
    expect(m.quantile95).toBeGreaterThan(2.9e12);
    expect(() => discreteLaplaceMechanism(2n, rational(1n, 10n ** 12n))).toThrow(RangeError);
    const r = edra('analyze', spec('edge.yaml', count('{ epsilon: 1e-12 }')));
    expect(r.code).toBe(3); // the plan passes; then the data file is missing
    expect(r.stderr).toMatch(/no-such-data\.csv.*\[rule: data\.unreadable\]/);
  });
});

describe("the sampler's work is bounded", () => {
  it(`more than ${MAX_CELLS} draws over the tables (each under the per-table limit) is refused`, () => {
    const values = Array.from({ length: 6000 }, (_, i) => `v${i}`);
    const table = (name: string) => ({ name, groupBy: ['sex', 'age'], domain: { sex: values, age: values }, epsilon: 0.5 });
    const doc = {
      dataset: { path: 'no-such-data.csv' },
      attributes: { quasiIdentifiers: ['sex', 'age'] },
      release: { budget: { epsilon: 1 }, tables: [table('a'), table('b')] },
    };
    const r = edra('release', t.file('cells.json', JSON.stringify(doc)), '--out', 'cells.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/72000000 noise draws .*\[rule: release\.tooManyCells\]\n$/);
  });

  it('an interval hierarchy declaring millions of bands as a domain is refused, not materialised', () => {
    const r = edra(
      'release',
      spec('bands.yaml', `  budget: { epsilon: 1 }\n  tables:\n    - { name: by_age, groupBy: [age], levels: { age: 1 } }\n`, 'hierarchies:\n  age: { intervals: { width: [0.000001], bottom: 0, top: 1000000000 } }\n'),
      '--out',
      'bands.csv',
    );
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hierarchies\.age\.intervals\.width\.0: more than 1000000 bands .*\[rule: hierarchy\.tooManyBands\]\n$/);
  });
});
