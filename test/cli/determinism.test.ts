/**
 * Same input, same spec, same command: the same bytes, apart from the run's timestamp (and in
 * the report what derives from it: the dates shown and the report id, a digest of the body).
 * Checked for analyze --json (with SUDA2 and individual risk on workers), the report HTML and
 * its twin, search --json on worker threads (apart from its elapsed time), anonymize's CSV and
 * Parquet output, and a Parquet --record-risk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, repoRoot, tempDir } from './helpers.js';

const t = tempDir('edra-determinism-');
afterAll(() => t.cleanup());

const encounters = path.join(repoRoot, 'analyses', 'encounters.yaml');
const adult = path.join(repoRoot, 'analyses', 'adult-search.yaml');

/** Runs the same command twice; returns stdout and the named output files of each run. */
async function twice(args: string[], outputs: string[] = []): Promise<{ stdout: string; files: Buffer[] }[]> {
  const runs: { stdout: string; files: Buffer[] }[] = [];
  for (let i = 0; i < 2; i++) {
    const r = await cli(...args);
    expect([0, 1]).toContain(r.code);
    runs.push({ stdout: r.stdout, files: outputs.map((f) => fs.readFileSync(f)) });
  }
  return runs;
}

const timestamp = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g;

describe('byte-identical outputs across runs', () => {
  it('analyze --json: identical apart from generatedAt', async () => {
    const [a, b] = await twice(['analyze', encounters, '--json', '--quiet']);
    expect(JSON.parse(a.stdout).generatedAt).toMatch(timestamp);
    expect(a.stdout.replace(timestamp, 'T')).toBe(b.stdout.replace(timestamp, 'T'));
  });

  it('the report and its twin: identical apart from the run date and the report id derived from it', async () => {
    const html = t.file('r.html');
    const [a, b] = await twice(['analyze', encounters, '--quiet', '--report', html], [html, t.file('r.json')]);
    const normal = (text: string) =>
      text
        .replace(timestamp, 'T')
        .replace(/\d{4}-\d{2}-\d{2}( \d{2}:\d{2} UTC)?/g, 'DATE')
        .replace(/EDRA-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/g, 'ID')
        .replace(/\b[0-9a-f]{64}\b/g, 'SHA');
    for (let f = 0; f < 2; f++) expect(normal(a.files[f].toString('utf8'))).toBe(normal(b.files[f].toString('utf8')));
  });

  it('search --json on 2 worker threads: identical apart from elapsedMs', async () => {
    const [a, b] = await twice(['search', adult, '--json', '--quiet', '--threads', '2']);
    const normal = (text: string) => text.replace(/"elapsedMs": \d+/, '"elapsedMs": 0');
    expect(normal(a.stdout)).toBe(normal(b.stdout));
  });

  it('anonymize (after the search): the CSV and the Parquet output are byte-identical', async () => {
    for (const name of ['a.csv', 'a.parquet']) {
      const out = t.file(name);
      const [a, b] = await twice(['anonymize', adult, '--out', out, '--quiet'], [out]);
      expect(a.files[0].length).toBeGreaterThan(1000);
      expect(a.files[0].equals(b.files[0])).toBe(true);
    }
  });

  it('analyze --record-risk (Parquet): byte-identical', async () => {
    const out = t.file('risk.parquet');
    const [a, b] = await twice(['analyze', encounters, '--quiet', '--record-risk', out], [out]);
    expect(a.files[0].equals(b.files[0])).toBe(true);
  });
});
