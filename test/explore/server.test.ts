/**
 * The explorer's server: bound to loopback only; nothing answered without the session token,
 * to another Host or another Origin; malformed requests get a 4xx and the server goes on;
 * node figures equal analyze --levels; edits are validated as a spec; save, report and
 * anonymize write new files only, through the CLI's engine functions.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/contracts/analysis.js';
import type { ComparisonJson, NextJson, NodeWireJson, SessionJson } from '../../src/contracts/explore.js';
import type { RunningExplore } from '../../src/explore/explore.js';
import { cli, repoRoot, tempDir } from '../cli/helpers.js';
import { loadSpec } from '../../src/config/loadSpec.js';
import { apiCall, explore, finishedJob, request, specCopy } from './helpers.js';
import { expectSameUtility } from '../helpers/sameUtility.js';

const t = tempDir('edra-explore-server-');
let x: RunningExplore;
beforeAll(async () => {
  x = await explore(specCopy(t.dir), { outputDir: t.dir, nextStepsAutoClasses: 1000 });
}, 120_000);
afterAll(async () => {
  await x?.close('test over');
  t.cleanup();
});

const optimum = { age: 3, education: 2, 'marital-status': 1, 'native-country': 1, occupation: 2, race: 0, sex: 0, workclass: 1 };
const levelsArg = (l: Record<string, number>) => Object.entries(l).map(([q, v]) => `${q}=${v}`).join(',');

describe('edra explore: the server', () => {
  it('binds to 127.0.0.1 only: no other interface answers', async () => {
    expect(x.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    for (const address of [...others, '::1']) {
      const refused = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host: address, port: x.port });
        s.once('connect', () => (s.destroy(), resolve(false)));
        s.once('error', () => resolve(true));
      });
      expect(refused, `${address}:${x.port} answered`).toBe(true);
    }
  });

  it('refuses a missing or wrong token, a token in the wrong place, another Host and another Origin', async () => {
    const wrong = x.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    for (const p of ['/', '/app.js', '/app.css', `/?token=${wrong}`, `/app.js?token=${wrong}`]) expect((await request(x.port, { path: p })).status, p).toBe(401);
    expect((await request(x.port, { path: '/api/session' })).status).toBe(401);
    expect((await request(x.port, { path: '/api/session', headers: { 'x-edra-token': wrong } })).status).toBe(401);
    // the API takes the token in its header only, not in the URL
    expect((await request(x.port, { path: `/api/session?token=${x.token}` })).status).toBe(401);
    const refused = await request(x.port, { path: '/api/session' });
    expect(JSON.parse(refused.body)).toEqual({ error: 'no token, no answer' });
    expect((await request(x.port, { path: `/?token=${x.token}`, headers: { host: `evil.example:${x.port}` } })).status).toBe(403);
    expect((await request(x.port, { path: '/api/session', headers: { 'x-edra-token': x.token, host: `attacker.test` } })).status).toBe(403);
    const post = await request(x.port, { method: 'POST', path: '/api/node', headers: { 'x-edra-token': x.token, 'content-type': 'application/json', origin: 'http://evil.example' }, body: '{"levels":{}}' });
    expect(post.status).toBe(403);
    // with the token: the page, its assets and the API
    const page = await request(x.port, { path: `/?token=${x.token}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).not.toMatch(/<script>|style=|https?:\/\/(?!127\.0\.0\.1)/);
    expect((await request(x.port, { path: `/app.js?token=${x.token}` })).headers['content-type']).toMatch(/javascript/);
    expect((await apiCall(x, '/api/session')).status).toBe(200);
  });

  it('answers malformed requests with a 4xx, and goes on', async () => {
    const post = (p: string, body: string, type = 'application/json') => request(x.port, { method: 'POST', path: p, headers: { 'x-edra-token': x.token, 'content-type': type }, body });
    expect((await post('/api/node', '{not json')).status).toBe(400);
    expect((await post('/api/node', '{"levels":{}}', 'text/plain')).status).toBe(415);
    expect((await post('/api/node', JSON.stringify({ levels: {}, pad: 'x'.repeat(70_000) }))).status).toBe(413);
    expect((await post('/api/node', '[1,2]')).status).toBe(400);
    expect((await post('/api/node', '{"levels":{"age":-1}}')).status).toBe(400);
    expect((await post('/api/node', '{"levels":{"age":1.5}}')).status).toBe(400);
    const unknown = await post('/api/node', '{"levels":{"agee":1}}');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).error).toMatch(/"agee" is not a quasi-identifier; did you mean "age"\?/);
    expect((await post('/api/node', '{"levels":{"age":9}}')).status).toBe(400);
    expect((await post('/api/settings', '{"thresholds":{"k":0}}')).status).toBe(400);
    expect((await post('/api/settings', '{"thresholds":{"preset":"bogus"}}')).status).toBe(400);
    expect((await post('/api/settings', '{"thresholds":{"nonsense":1}}')).status).toBe(400);
    expect((await post('/api/settings', '{"suppressionLimit":2}')).status).toBe(400);
    expect((await post('/api/compare', '{"nodes":[]}')).status).toBe(400);
    expect((await post('/api/save', JSON.stringify({ name: '../escape.yaml', levels: {} }))).status).toBe(400);
    expect((await post('/api/save', JSON.stringify({ name: 'x.sh', levels: {} }))).status).toBe(400);
    expect((await post('/api/report', JSON.stringify({ name: '/etc/x.html', levels: {} }))).status).toBe(400);
    expect((await post('/api/heartbeat', '{"tab":"<script>"}')).status).toBe(400);
    expect((await post('/api/nothing', '{}')).status).toBe(404);
    expect((await request(x.port, { method: 'DELETE', path: '/api/session', headers: { 'x-edra-token': x.token } })).status).toBe(405);
    expect((await request(x.port, { method: 'GET', path: '/api/node', headers: { 'x-edra-token': x.token } })).status).toBe(405);
    expect((await request(x.port, { path: '/api/session', headers: { 'x-edra-token': x.token, 'x-big': 'y'.repeat(20_000) } })).status).toBe(431);
    // bytes that are not HTTP at all
    const raw = await new Promise<string>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port: x.port }, () => s.write('\x00\x01GARBAGE / HTTP/9\r\n\r\n'));
      let got = '';
      s.on('data', (d) => (got += d.toString()));
      s.on('close', () => resolve(got));
      s.on('error', () => resolve(got));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect((await apiCall(x, '/api/session')).status).toBe(200);
  });

  it("measures a node as analyze --levels does, with the histogram in bands", async () => {
    const r = await apiCall(x, '/api/node', { levels: optimum });
    expect(r.status).toBe(200);
    const node = JSON.parse(r.body) as NodeWireJson;
    const a = JSON.parse((await cli('analyze', x.session.describe().spec, '--levels', levelsArg(optimum), '--json', '--quiet')).stdout) as AnalysisResult;
    expect(node.thresholds).toEqual(a.thresholds);
    expect([node.k, node.records, node.verdict, node.suppressed]).toEqual([a.k, a.records, a.thresholdsVerdict, a.transformation!.suppressed]);
    expectSameUtility(node.utility, a.transformation!.utility);
    expect(node.risk).toEqual(a.risk);
    expect(node.classes.bands.reduce((s, b) => s + b.records, 0)).toBe(a.records);
    expect(node.classes.bands.reduce((s, b) => s + b.classes, 0)).toBe(a.classes.count);
    expect('sizeHistogram' in node.classes).toBe(false);
    expect(node.elapsedMs).toBeLessThan(1000);
  });

  it('computes what to generalize next unasked only up to the class limit', async () => {
    const big = JSON.parse((await apiCall(x, '/api/next', { levels: { age: 0 } })).body) as NextJson;
    expect(big.steps).toBeUndefined();
    expect(big.skipped?.limit).toBe(1000);
    expect(big.skipped?.classes).toBeGreaterThan(1000);
    const forced = JSON.parse((await apiCall(x, '/api/next', { levels: { age: 0 }, force: true })).body) as NextJson;
    expect(forced.steps).toHaveLength(8);
    const small = JSON.parse((await apiCall(x, '/api/next', { levels: optimum })).body) as NextJson;
    const age = small.steps!.find((s) => s.attribute === 'age')!;
    expect(age.up?.level).toBe(4);
    const a = JSON.parse((await cli('analyze', x.session.describe().spec, '--levels', levelsArg(optimum), '--json', '--quiet')).stdout) as AnalysisResult;
    expect(small.steps!.map((s) => s.contribution)).toEqual(a.qiContribution);
    // the node one level up, as the search evaluates it
    const up = JSON.parse((await apiCall(x, '/api/node', { levels: { ...optimum, age: 4 } })).body) as NodeWireJson;
    expect([age.up!.k, age.up!.feasible]).toEqual([up.k, up.feasible]);
  });

  it('compares pinned nodes line by line', async () => {
    const bottom = { age: 0 };
    const c = JSON.parse((await apiCall(x, '/api/compare', { nodes: [optimum, bottom] })).body) as ComparisonJson;
    const row = (name: string) => c.rows.find((r) => r.name === name)!;
    expect(c.nodes).toHaveLength(2);
    expect(row('k').values).toEqual([5, 1]);
    expect(row('verdict').pass).toEqual([true, false]);
    expect(row('k >= 5').pass).toEqual([true, false]);
    expect(row('age loss').values[1]).toBeCloseTo(0, 12);
  });

  it('edits settings as a spec (validated), saves a new spec that the CLI re-analyzes to the same figures, and never overwrites', async () => {
    const s = JSON.parse((await apiCall(x, '/api/settings', { thresholds: { k: 7, highestRisk: 0.1 }, suppressionLimit: 0.05 })).body) as SessionJson;
    expect(s.edited).toBe(true);
    expect(s.settings).toMatchObject({ thresholds: { k: 7, highestRisk: 0.1 }, suppressionLimit: 0.05 });
    const node = JSON.parse((await apiCall(x, '/api/node', { levels: optimum })).body) as NodeWireJson;
    expect(node.requiredClassSize).toBe(10);
    const saved = await apiCall(x, '/api/save', { name: 'chosen.yaml', levels: optimum });
    expect(saved.status).toBe(200);
    const file = path.join(t.dir, 'chosen.yaml');
    expect(JSON.parse(saved.body)).toEqual({ written: [file] });
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^# Saved by edra .* explore from adult-search\.yaml/);
    expect(text).toContain('# The UCI Adult extract'); // the spec's own comments are kept
    const again = await cli('analyze', file, '--json', '--quiet');
    const a = JSON.parse(again.stdout) as AnalysisResult;
    expect(a.thresholds).toEqual(node.thresholds);
    expectSameUtility(node.utility, a.transformation!.utility);
    expect(a.thresholdsVerdict).toBe(node.verdict);
    expect(again.code).toBe(a.verdict === 'pass' ? 0 : a.verdict === 'needsReview' ? 4 : 1);
    expect((await apiCall(x, '/api/save', { name: 'chosen.yaml', levels: optimum })).status).toBe(409);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    const back = JSON.parse((await apiCall(x, '/api/settings', { thresholds: { k: 5, highestRisk: null }, suppressionLimit: 0.02 })).body) as SessionJson;
    expect(back.edited).toBe(false);
  });

  it('runs the search with progress; writes the report and the released file at a node through the engine', async () => {
    expect((await apiCall(x, '/api/search', {})).status).toBe(202);
    const job = await finishedJob(x);
    expect(job.state).toBe('done');
    expect(job.search!.json.optimum!.levels).toEqual(optimum);
    expect(job.search!.nodes.length).toBe(job.search!.json.lattice.checked);
    expect(job.search!.nodes.filter((n) => n.feasible).length).toBeGreaterThan(0);
    expect(job.total).toBe(6480);

    expect((await apiCall(x, '/api/report', { name: 'at-optimum.html', levels: optimum })).status).toBe(202);
    const report = await finishedJob(x);
    expect(report).toMatchObject({ kind: 'report', state: 'done', verdict: 'pass', written: [path.join(t.dir, 'at-optimum.html'), path.join(t.dir, 'at-optimum.json')] });
    expect(fs.readFileSync(path.join(t.dir, 'at-optimum.html'), 'utf8')).toContain('<section id="transformation"');
    expect((await apiCall(x, '/api/report', { name: 'at-optimum.html', levels: optimum })).status).toBe(409);

    expect((await apiCall(x, '/api/anonymize', { name: 'released.csv', levels: optimum })).status).toBe(202);
    const anon = await finishedJob(x);
    expect(anon).toMatchObject({ kind: 'anonymize', state: 'done', verdict: 'pass', written: [path.join(t.dir, 'released.csv')] });
    const cliOut = t.file('cli-released.csv');
    expect((await cli('anonymize', x.session.describe().spec, '--levels', levelsArg(optimum), '--out', cliOut, '--quiet')).code).toBe(0);
    expect(fs.readFileSync(path.join(t.dir, 'released.csv'), 'utf8')).toBe(fs.readFileSync(cliOut, 'utf8'));
    // a node that fails writes nothing
    expect((await apiCall(x, '/api/anonymize', { name: 'failing.csv', levels: { age: 0 } })).status).toBe(202);
    expect(await finishedJob(x)).toMatchObject({ state: 'done', verdict: 'fail', written: [] });
    expect(fs.existsSync(path.join(t.dir, 'failing.csv'))).toBe(false);
  }, 120_000);
});

describe('edra explore: shutting down', () => {
  it('stops when the last tab says goodbye, and when its heartbeat stops', async () => {
    const d = tempDir('edra-explore-stop-');
    try {
      const a = await explore(specCopy(d.dir), { tabs: { heartbeatTimeoutMs: 60_000, graceMs: 200, sweepMs: 50 } });
      expect((await apiCall(a, '/api/heartbeat', { tab: 'tab-one-0001' })).status).toBe(200);
      expect((await apiCall(a, '/api/heartbeat', { tab: 'tab-two-0002' })).status).toBe(200);
      await apiCall(a, '/api/bye', { tab: 'tab-one-0001' });
      await new Promise((r) => setTimeout(r, 400));
      expect((await apiCall(a, '/api/session')).status).toBe(200); // one tab is still open
      await apiCall(a, '/api/bye', { tab: 'tab-two-0002' });
      expect(await a.closed).toBe('the last tab was closed');
      await expect(apiCall(a, '/api/session')).rejects.toThrow(/ECONNREFUSED/);

      const b = await explore(specCopy(d.dir), { tabs: { heartbeatTimeoutMs: 300, graceMs: 100, sweepMs: 50 } });
      await apiCall(b, '/api/heartbeat', { tab: 'tab-lost-0003' });
      expect(await b.closed).toBe('the last tab was closed');

      const c = await explore(specCopy(d.dir));
      await c.close('interrupted');
      expect(await c.closed).toBe('interrupted');
    } finally {
      d.cleanup();
    }
  }, 120_000);
});

describe('edra explore: the search on worker threads', () => {
  it('starts the workers at the first search, reuses them for the next, finds the in-process optimum, and stops them with the server', async () => {
    const d = tempDir('edra-explore-workers-');
    try {
      const text = fs.readFileSync(path.join(repoRoot, 'analyses', 'adult-search.yaml'), 'utf8').replaceAll('../samples/', `${repoRoot}/samples/`).replace('search:\n', 'search:\n  threads: 2\n');
      const file = path.join(d.dir, 'adult-threads.yaml');
      fs.writeFileSync(file, text);
      const w = await explore(loadSpec(file), { outputDir: d.dir });
      expect(w.session.searchWorkers).toBeUndefined(); // nothing started before a search asks
      expect((await apiCall(w, '/api/search', {})).status).toBe(202);
      const first = await finishedJob(w);
      const pool = w.session.searchWorkers;
      expect(pool?.threads).toBe(2);
      expect((await apiCall(w, '/api/search', {})).status).toBe(202);
      const second = await finishedJob(w);
      expect(w.session.searchWorkers).toBe(pool); // the same workers, not started again
      expect(first.search!.json.optimum!.levels).toEqual(optimum);
      expect(second.search!.json.optimum).toEqual(first.search!.json.optimum);
      await w.close('test over');
      expect(w.session.searchWorkers).toBeUndefined();
    } finally {
      d.cleanup();
    }
  }, 120_000);
});
