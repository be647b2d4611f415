/**
 * No cell value of the input leaves the explorer: every cell of the data (identifiers, QIs,
 * the sensitive attribute, the other columns) and every hierarchy label is a random canary
 * string, and no answer of the server (page, assets, every API route, errors, the search,
 * the jobs) holds any of them. Nor does the spec it saves or the report it writes.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSpecText } from '../../src/config/loadSpec.js';
import type { RunningExplore } from '../../src/explore/explore.js';
import { seeded, tempDir } from '../cli/helpers.js';
import { apiCall, explore, finishedJob, request, type Answer } from './helpers.js';

const t = tempDir('edra-explore-canary-');
const rnd = seeded(20261204);
const canaries = new Set<string>();
/** A fresh canary: letters only, so no count or measure can spell it. */
function canary(): string {
  let s = 'cn';
  for (let i = 0; i < 10; i++) s += String.fromCharCode(97 + Math.floor(rnd() * 26));
  canaries.add(s);
  return s;
}
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];

// Three QIs with hierarchies (value -> group -> *), a sensitive attribute, an identifier and another column.
const domains = [8, 6, 5].map((n) => Array.from({ length: n }, canary));
const groups = domains.map((d) => {
  const labels = [canary(), canary()];
  return new Map(d.map((v, i) => [v, labels[i % 2]]));
});
const sensitive = Array.from({ length: 4 }, canary);
const rows = Array.from({ length: 400 }, () => [canary(), ...domains.map(pick), pick(sensitive), canary()]);
const data = t.file('canary.csv', ['id,q0,q1,q2,s,other', ...rows.map((r) => r.join(','))].join('\n') + '\n');
groups.forEach((g, q) => t.file(`h${q}.csv`, [...g].map(([v, label]) => `${v};${label};*`).join('\n') + '\n'));
const specText = `name: canary
dataset: { path: ${data} }
attributes: { identifying: [id], quasiIdentifiers: [q0, q1, q2], sensitive: [s], insensitive: [other] }
population: { samplingFraction: 0.1 }
adversary: [prosecutor, journalist, marketer]
individualRisk: {}
hierarchies:
  q0: { file: h0.csv }
  q1: { file: h1.csv }
  q2: { file: h2.csv }
search: { suppressionLimit: 0.05 }
thresholds: { k: 3, l: 2, t: 0.5 }
`;

let x: RunningExplore;
const answers: { what: string; answer: Answer }[] = [];
beforeAll(async () => {
  t.file('canary.yaml', specText);
  x = await explore(parseSpecText(specText, t.file('canary.yaml'), t.dir), { outputDir: t.dir });
}, 120_000);
afterAll(async () => {
  await x?.close('test over');
  t.cleanup();
});

async function call(what: string, p: string, body?: unknown): Promise<Answer> {
  const answer = await apiCall(x, p, body);
  answers.push({ what, answer });
  return answer;
}

describe('edra explore sends no cell value', () => {
  it('in any answer of any route', async () => {
    for (const p of ['/', '/app.js', '/app.css']) answers.push({ what: p, answer: await request(x.port, { path: `${p}?token=${x.token}` }) });
    await call('session', '/api/session');
    const levels = [{}, { q0: 1 }, { q0: 1, q1: 1 }, { q0: 2, q1: 2, q2: 2 }, { q2: 1 }];
    for (const l of levels) {
      expect((await call('node', '/api/node', { levels: l })).status).toBe(200);
      expect((await call('next', '/api/next', { levels: l })).status).toBe(200);
    }
    await call('compare', '/api/compare', { nodes: levels });
    // (at a node with sample uniques: the default template of this branch lacks the label of Dankar's "none")
    await call('report', '/api/report', { name: 'report.html', levels: {} });
    const report = await finishedJob(x);
    expect(report.state, report.error).toBe('done');
    answers.push({ what: 'report job', answer: { status: 200, headers: {}, body: JSON.stringify(report) } });
    await call('settings', '/api/settings', { thresholds: { k: 5, delta: 3 }, suppressed: 'mask' });
    await call('node after edit', '/api/node', { levels: { q0: 1 } });
    await call('search', '/api/search', {});
    answers.push({ what: 'search job', answer: { status: 200, headers: {}, body: JSON.stringify(await finishedJob(x)) } });
    await call('save', '/api/save', { name: 'saved.yaml', levels: { q0: 1, q1: 1 } });
    await call('anonymize', '/api/anonymize', { name: 'released.csv', levels: { q0: 2, q1: 2, q2: 2 } });
    answers.push({ what: 'anonymize job', answer: { status: 200, headers: {}, body: JSON.stringify(await finishedJob(x)) } });
    // errors
    await call('bad level', '/api/node', { levels: { q0: 7 } });
    await call('bad name', '/api/node', { levels: { q9: 1 } });
    await call('bad settings', '/api/settings', { thresholds: { k: 0 } });
    await call('heartbeat', '/api/heartbeat', { tab: 'canary-tab-01' });

    expect(answers.length).toBeGreaterThan(20);
    for (const { what, answer } of answers) {
      const text = answer.body + JSON.stringify(answer.headers);
      for (const c of canaries) expect(text.includes(c), `${what} holds a cell value`).toBe(false);
    }
  }, 120_000);

  it('in what it writes but the released file (the saved spec, the report and its twin)', () => {
    for (const f of ['saved.yaml', 'report.html', 'report.json']) {
      const text = fs.readFileSync(t.file(f), 'utf8');
      for (const c of canaries) expect(text.includes(c), `${f} holds a cell value`).toBe(false);
    }
    // the released file does hold the data (generalized): the canary test is not vacuous
    const released = fs.readFileSync(t.file('released.csv'), 'utf8');
    expect([...canaries].some((c) => released.includes(c))).toBe(true);
  });
});
