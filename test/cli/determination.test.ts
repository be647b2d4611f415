/**
 * The determination's life on the bundled sample: anonymize --report (the report of the file
 * written, with both SHA-256 and the verdict re-measured on its bytes), edra verify (intact;
 * a one-byte change in the body; a changed data file; an expired date), edra diff of two runs
 * with different levels (every changed threshold listed; text, JSON, HTML), and a report that
 * embeds the changes since the previous determination (--previous).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, repoRoot, tempDir } from './helpers.js';

const t = tempDir('edra-determination-');
const spec = path.join(repoRoot, 'analyses', 'encounters.yaml');
const sample = path.join(repoRoot, 'samples', 'encounters.csv');
const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

let anonymized: { code: number; stdout: string };
let html: string;
let twin: { reportId: string; bodySha256: string; result: Record<string, any> };

beforeAll(async () => {
  anonymized = await cli('anonymize', spec, '--quiet', '--out', t.file('released.csv'), '--report', t.file('released.html'));
  html = fs.readFileSync(t.file('released.html'), 'utf8');
  twin = JSON.parse(fs.readFileSync(t.file('released.json'), 'utf8'));
}, 120_000);
afterAll(() => t.cleanup());

describe('anonymize --report: the report of the released file', () => {
  it('writes the file and its report; the verdict is re-measured on the bytes written and equals the certified one', () => {
    expect(anonymized.code).toBe(0);
    expect(anonymized.stdout).toMatch(/^report\s+EDRA-[0-9A-F-]+ written to .*released\.html: the file as written, verdict pass \(re-measured lines equal the certified ones\)$/m);
    const r = twin.result;
    expect(r.releasedFile.sha256).toBe(sha(t.file('released.csv')));
    expect(r.releasedFile.input.sha256).toBe(sha(sample));
    expect(r.dataset.sha256).toBe(sha(t.file('released.csv')));
    expect(r.releasedFile.remeasuredEqual).toBe(true);
    expect(r.releasedFile.certified).toEqual(r.thresholds);
    expect(r.releasedFile.levels).toEqual({ age: 2, sex: 0, race: 0, zip: 2 });
    expect(r.transformation.beforeVerdict).toBe('fail');
    expect(r.verdict).toBe('pass');
  });

  it('shows both SHA-256, the transformation and what the recipient loses', () => {
    expect(html).toContain('<strong>This is the released file itself.</strong>');
    expect(html).toContain(`data-edra-fact="released-sha256">${sha(t.file('released.csv'))}<`);
    expect(html).toContain(`data-edra-fact="input-sha256">${sha(sample)}<`);
    expect(html).toContain('its threshold lines equal, value for value, those certified on the input before writing.');
    expect(html).toContain('<h2>7. What the recipient loses</h2>');
    expect(html).toMatch(/<td><code>zip<\/code><\/td><td class="num">2 of 3<\/td><td class="num">298<\/td><td class="num">10<\/td>/);
    // the records read are the input's, not the file's
    expect(html).toContain('all the 4,000 records read');
  });
});

describe('edra verify', () => {
  const run = (...args: string[]) => cli('verify', ...args);

  it('an intact report, with its data file and its input: exit 0', async () => {
    const r = await run(t.file('released.html'), '--data', t.file('released.csv'), '--data', sample, '--on', '2026-01-01');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`integrity    intact: the body's SHA-256 ${twin.bodySha256} matches its digest and its id, and the twin`);
    expect(r.stdout).toContain('same SHA-256 as the data file the report measures');
    expect(r.stdout).toContain('same SHA-256 as the input the released file was made from');
    expect(r.stdout).toMatch(/^status\s+intact \(exit 0\)$/m);
  });

  it('a one-byte change in the body: exit 5 (tampered)', async () => {
    const at = html.indexOf('records analysed');
    const changed = html.slice(0, at) + 'R' + html.slice(at + 1);
    expect(Buffer.byteLength(changed)).toBe(Buffer.byteLength(html));
    const f = t.file('edited.html', changed);
    const r = await run(f, '--json', '--on', '2026-01-01');
    expect(r.code).toBe(5);
    const v = JSON.parse(r.stdout);
    expect(v.status).toBe('tampered');
    expect(v.integrity.problems[0]).toMatch(/the body was changed/);
    // a changed twin beside an intact report is caught too
    fs.copyFileSync(t.file('released.html'), t.file('copy.html'));
    fs.writeFileSync(t.file('copy.json'), JSON.stringify({ ...twin, bodySha256: '0'.repeat(64) }));
    expect((await run(t.file('copy.html'), '--on', '2026-01-01')).code).toBe(5);
  });

  it('a data file changed by one byte: exit 6 (data changed)', async () => {
    const text = fs.readFileSync(t.file('released.csv'), 'utf8');
    const f = t.file('changed.csv', text.replace('Medicaid', 'Medicaie'));
    const r = await run(t.file('released.html'), '--data', f, '--on', '2026-01-01');
    expect(r.code).toBe(6);
    expect(r.stdout).toMatch(/^data\s+CHANGED: .*changed\.csv has SHA-256 [0-9a-f]{64}, which the report does not state$/m);
  });

  it('past the re-evaluation date: exit 7 (expired); the day before it, exit 0', async () => {
    const until = /data-edra-fact="reevaluation-date">(\d{4}-\d{2}-\d{2})</.exec(html)![1];
    const after = new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const r = await run(t.file('released.html'), '--on', after);
    expect(r.code).toBe(7);
    expect(r.stdout).toContain(`EXPIRED: re-evaluation was due by ${until}`);
    expect((await run(t.file('released.html'), '--on', until)).code).toBe(0);
    // tampering outranks the other findings
    expect((await run(t.file('edited.html'), '--on', after)).code).toBe(5);
  });

  it("--spec checks the spec's data as analyze reads it: the input of a released file's report, the data of an analysis", async () => {
    const released = await run(t.file('released.html'), '--spec', spec, '--on', '2026-01-01', '--json');
    expect(released.code).toBe(0);
    expect(JSON.parse(released.stdout).data).toEqual([{ file: '../samples/encounters.csv', sha256: sha(sample), matches: 'input' }]);
    const analysed = await cli('analyze', spec, '--quiet', '--report', t.file('analysis.html'));
    expect([0, 1, 4]).toContain(analysed.code);
    const same = await run(t.file('analysis.html'), '--spec', spec, '--on', '2026-01-01');
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/^data\s+\.\.\/samples\/encounters\.csv: same SHA-256 as the data file the report measures$/m);
    // the same spec over a copy with one value changed: exit 6
    fs.mkdirSync(t.file('moved'), { recursive: true });
    fs.writeFileSync(t.file('moved/encounters.csv'), fs.readFileSync(sample, 'utf8').replace('Medicaid', 'Medicaie'));
    const moved = t.file('moved/spec.yaml', fs.readFileSync(spec, 'utf8').replace('../samples/encounters.csv', 'encounters.csv'));
    expect(fs.readFileSync(moved, 'utf8')).toContain('path: encounters.csv');
    const changed = await run(t.file('analysis.html'), '--spec', moved, '--on', '2026-01-01');
    expect(changed.code).toBe(6);
    expect(changed.stdout).toMatch(/^data\s+CHANGED: encounters\.csv has SHA-256 [0-9a-f]{64}, which the report does not state$/m);
  });

  it('usage and input errors: a bad date (2), a missing report or data file (3)', async () => {
    expect((await run(t.file('released.html'), '--on', 'tomorrow')).code).toBe(2);
    expect((await run(t.file('missing.html'))).code).toBe(3);
    expect((await run(t.file('released.html'), '--data', t.file('missing.csv'))).code).toBe(3);
  });
});

describe("the spec's levels", () => {
  it('a QI or a level the hierarchies do not have is a spec error naming the spec, never a value (exit 2)', async () => {
    const text = fs.readFileSync(spec, 'utf8').replace('../samples/', `${path.join(repoRoot, 'samples')}/`);
    const bad = await cli('analyze', t.file('bad-levels.yaml', text.replace('levels: { age: 2, zip: 2 }', 'levels: { age: 2, zipp: 2 }')));
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe(`edra: ${t.file('bad-levels.yaml')}: spec levels: "zipp" is not a quasi-identifier; did you mean "zip"? [rule: spec.levels]`);
    const high = await cli('anonymize', t.file('high-levels.yaml', text.replace('levels: { age: 2, zip: 2 }', 'levels: { age: 9 }')), '--out', t.file('x.csv'));
    expect(high.code).toBe(2);
    expect(high.stderr).toContain('spec levels: age=9 is not a level of its hierarchy (0..4) [rule: spec.levels]');
    expect(fs.existsSync(t.file('x.csv'))).toBe(false);
  });
});

describe('edra diff and --previous', () => {
  beforeAll(async () => {
    await cli('analyze', spec, '--quiet', '--out', t.file('run1.json'));
    await cli('analyze', spec, '--quiet', '--levels', 'age=1,zip=1', '--out', t.file('run2.json'));
  }, 120_000);

  it('two runs of the sample with different levels: every changed threshold is listed, with the levels and utility', async () => {
    const r = await cli('diff', t.file('run1.json'), t.file('run2.json'), '--json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    const a = JSON.parse(fs.readFileSync(t.file('run1.json'), 'utf8'));
    const b = JSON.parse(fs.readFileSync(t.file('run2.json'), 'utf8'));
    // every line whose value or verdict differs is "changed", and none is missed
    const changedNames = a.thresholds.filter((l: any, i: number) => l.value !== b.thresholds[i].value || l.pass !== b.thresholds[i].pass).map((l: any) => l.name);
    expect(changedNames).toEqual(['population.uniqueness', 'individualRisk.global']);
    expect(d.thresholds.filter((x: any) => x.status === 'changed').map((x: any) => x.name)).toEqual(changedNames);
    const pu = d.thresholds.find((x: any) => x.name === 'population.uniqueness');
    expect(pu.before).toEqual({ limit: 0.01, value: a.thresholds[0].value, pass: true });
    expect(pu.after.pass).toBe(b.thresholds[0].pass);
    expect(d.levels.filter((l: any) => l.before !== l.after)).toEqual([
      { attribute: 'age', before: 2, after: 1 },
      { attribute: 'zip', before: 2, after: 1 },
    ]);
    expect(d.dataChanged).toBe(false);
    expect(d.spec.changed).toBe(false);
    expect(d.classSizes.length).toBeGreaterThan(0);
    expect(d.utility.map((u: any) => u.key)).toEqual(['precision', 'discernibility', 'aecs', 'loss', 'entropy']);
    expect(d.verdict).toBeUndefined();
    const text = await cli('diff', t.file('run1.json'), t.file('run2.json'), '--html', t.file('diff.html'));
    expect(text.stdout).toMatch(/^  CHANGED\s+population\.uniqueness <=: /m);
    expect(text.stdout).toMatch(/^  CHANGED\s+individualRisk\.global <=: /m);
    expect(text.stdout).toMatch(/^levels\s+age 2 -> 1; zip 2 -> 1$/m);
    const page = fs.readFileSync(t.file('diff.html'), 'utf8');
    expect(page).toContain('<h2>9. Changes since the last determination</h2>');
    expect(page).toContain("content=\"default-src 'none'");
  });

  it('analyze --previous embeds the changes in the result and the report (section 9); a twin names its report', async () => {
    const r = await cli('analyze', spec, '--quiet', '--levels', 'age=1,zip=1', '--previous', t.file('released.json'), '--report', t.file('again.html'));
    expect([0, 1, 4]).toContain(r.code);
    const again = JSON.parse(fs.readFileSync(t.file('again.json'), 'utf8'));
    expect(again.result.changes.before.reportId).toBe(twin.reportId);
    expect(again.result.changes.dataChanged).toBe(true); // the released file then, the input now
    const page = fs.readFileSync(t.file('again.html'), 'utf8');
    expect(page).toContain(`(report <code>${twin.reportId}</code>)`);
    expect(page).toContain('the data file changed (SHA-256');
    // a bad previous file fails before any work
    expect((await cli('analyze', spec, '--quiet', '--previous', t.file('nope.json'))).code).toBe(3);
  });
});
