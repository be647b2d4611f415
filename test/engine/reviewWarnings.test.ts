/**
 * Review warnings end to end: released columns that look like HIPAA identifiers (a full date,
 * a 5-digit ZIP code, free text) make a passing analysis "needs review" (exit 4) until each is
 * generalized, removed or acknowledged with a reason; the reason reaches the summary and the
 * report. Also: a threshold that cannot fail, and the report's release context.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../cli/helpers.js';

const t = tempDir('edra-review-');
afterAll(() => t.cleanup());

// 40 records: age in two values (20 each), a 5-digit ZIP (2 values), a full date, a free-text note.
const rows = ['id,age,zip,visit_date,note,payer'];
for (let i = 0; i < 40; i++) {
  const day = String(1 + (i % 28)).padStart(2, '0');
  rows.push(`${i},${i % 2 ? 40 : 60},${i % 2 ? '02134' : '02139'},2024-03-${day},patient reports mild pain after a fall,${i % 3 ? 'Medicare' : 'Other'}`);
}
const data = t.file('visits.csv', rows.join('\n') + '\n');

function spec(extra: string, attributes = 'identifying: [id]\n  quasiIdentifiers: [age, zip]\n  insensitive: [visit_date, note, payer]'): string {
  return t.file(
    `s${Math.random().toString(36).slice(2)}.yaml`,
    `dataset: { path: ${data} }\nattributes:\n  ${attributes}\nadversary: [prosecutor]\nhierarchies:\n  zip: { mask: { levels: [5, 3, 0] } }\nthresholds: { k: 5 }\n${extra}`,
  );
}

describe('release.identifierLike', () => {
  it('flags a released full date, a 5-digit ZIP and free text: every threshold met, exit 4 (needs review)', async () => {
    const r = await cli('analyze', spec(''), '--json', '--quiet');
    expect(r.code).toBe(4);
    const doc = JSON.parse(r.stdout);
    expect(doc.thresholdsVerdict).toBe('pass');
    expect(doc.verdict).toBe('needsReview');
    const hints = doc.warnings.filter((w: { rule: string }) => w.rule === 'release.identifierLike');
    expect(hints.map((w: { subject: string }) => w.subject)).toEqual(['zip', 'visit_date', 'note']);
    expect(hints.every((w: { review: boolean }) => w.review)).toBe(true);
    const [zip, date, note] = hints.map((w: { message: string }) => w.message);
    expect(zip).toContain('ZIP code (by 100% of the 40 values checked)');
    expect(date).toMatch(/full date \(more than the year\) \(by its name, its type DATE, 100% of the 40 values checked\)/);
    expect(note).toContain('free text');
    // never a value
    for (const w of hints) expect(w.message).not.toMatch(/02134|02139|2024-03|mild pain/);
    const text = await cli('analyze', spec(''), '--quiet');
    expect(text.code).toBe(4);
    expect(text.stdout).toMatch(/^review OPEN\s+released column "zip"/m);
    expect(text.stdout).toMatch(/^verdict\s+NEEDS REVIEW \(every threshold met; 3 review warnings open/m);
  });

  it('is silent once the ZIP is generalized and the date and the note are removed: exit 0', async () => {
    const s = spec('levels: { zip: 1 }\n', 'identifying: [id, visit_date, note]\n  quasiIdentifiers: [age, zip]\n  insensitive: [payer]');
    const r = await cli('analyze', s, '--json', '--quiet');
    const doc = JSON.parse(r.stdout);
    expect(doc.warnings.filter((w: { review?: boolean }) => w.review)).toEqual([]);
    expect(doc.verdict).toBe('pass');
    expect(r.code).toBe(0);
  });

  it('acknowledged each with a reason: exit 0, and the report prints the reasons', async () => {
    const acks = ['zip', 'visit_date', 'note'].map((c) => `  - { rule: release.identifierLike, subject: ${c}, reason: "reviewed for ${c}: released under the agreement" }`).join('\n');
    const s = spec(`acknowledgements:\n${acks}\n`);
    const r = await cli('analyze', s, '--quiet', '--report', t.file('ack.html'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^review ACKNOWLEDGED\s+released column "note".*Reason: reviewed for note: released under the agreement$/m);
    const html = fs.readFileSync(t.file('ack.html'), 'utf8');
    expect(html).toContain('<strong>Reason given:</strong> reviewed for visit_date: released under the agreement');
    expect(html).toContain('<span class="badge">ACKNOWLEDGED</span>');
    expect(html).not.toContain('<span class="badge">OPEN</span>');
  });

  it('an acknowledgement of one column leaves the others open', async () => {
    const r = await cli('analyze', spec('acknowledgements:\n  - { rule: release.identifierLike, subject: zip, reason: "the ZIP codes are large" }\n'), '--json', '--quiet');
    expect(r.code).toBe(4);
    const open = JSON.parse(r.stdout).warnings.filter((w: { review?: boolean; acknowledged?: string }) => w.review && w.acknowledged === undefined);
    expect(open.map((w: { subject: string }) => w.subject)).toEqual(['visit_date', 'note']);
  });
});

describe('threshold.cannotFail and the release context, end to end', () => {
  const attributes = 'identifying: [id, visit_date, note]\n  quasiIdentifiers: [age, zip]\n  insensitive: [payer]';

  it('a journalist threshold above pi is flagged and keeps the verdict at needs review; the report states the context, not the preset', async () => {
    const s = t.file(
      'journalist.yaml',
      `releaseContext: dataUseAgreement\ndataset: { path: ${data} }\nattributes:\n  ${attributes}\npopulation: { samplingFraction: 0.01 }\nadversary: [journalist]\nhierarchies:\n  zip: { mask: { levels: [5, 3, 0] } }\nlevels: { zip: 1 }\nthresholds: { preset: public }\n`,
    );
    const r = await cli('analyze', s, '--json', '--quiet', '--report', t.file('journalist.html'));
    expect(r.code).toBe(4);
    const doc = JSON.parse(r.stdout);
    const rules = doc.warnings.filter((w: { review?: boolean }) => w.review).map((w: { rule: string; subject: string }) => `${w.rule}:${w.subject}`);
    expect(rules).toEqual(['context.presetMismatch:thresholds.preset', 'threshold.cannotFail:journalist.highestRisk', 'threshold.cannotFail:journalist.averageRisk']);
    // the preset's population-uniqueness bound applies (a population is known), with its source
    expect(doc.thresholds.map((l: { name: string }) => l.name)).toContain('population.uniqueness');
    expect(doc.thresholdSettings.sources['population.uniqueness']).toMatch(/^preset public: public-use files, Howe et al/);
    const html = fs.readFileSync(t.file('journalist.html'), 'utf8');
    expect(html).toContain('<strong>Release context:</strong> Release under a data use agreement.');
    expect(html).not.toContain('Public release, no agreement');
    expect(html).toContain('<p class="verdict review"><strong>Needs review.</strong>');
    expect(html).toContain('preset public is the precedent for a public release, but the release context is a release under a data use agreement');
  });

  it('a journalist threshold below pi, and a prosecutor one, are not flagged', async () => {
    const s = t.file(
      'prosecutor.yaml',
      `releaseContext: dataUseAgreement\ndataset: { path: ${data} }\nattributes:\n  ${attributes}\npopulation: { samplingFraction: 0.01 }\nadversary: [prosecutor, journalist]\nhierarchies:\n  zip: { mask: { levels: [5, 3, 0] } }\nlevels: { zip: 1 }\nthresholds: { preset: semiPublic, highestRisk: 0.005, averageRisk: 0.004 }\n`,
    );
    const r = await cli('analyze', s, '--json', '--quiet');
    const doc = JSON.parse(r.stdout);
    expect(doc.warnings.filter((w: { rule: string }) => w.rule === 'threshold.cannotFail')).toEqual([]);
    expect(doc.warnings.filter((w: { rule: string }) => w.rule.startsWith('context.'))).toEqual([]);
  });
});
