/**
 * `edra explore` as installed (bin/edra.js over dist/, the page bundled by npm run build):
 * it prints the URL, serves the page and its bundle, and Ctrl-C (SIGINT) stops it cleanly
 * with exit code 0; a spec the search refuses is refused with exit 2 before anything listens.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, repoRoot, tempDir } from '../cli/helpers.js';
import { request, specCopy } from './helpers.js';

const t = tempDir('edra-explore-cli-');
afterAll(() => t.cleanup());

describe('edra explore on the command line', () => {
  it('serves the built page and stops cleanly on Ctrl-C', async () => {
    const spec = specCopy(t.dir).file;
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'edra.js'), 'explore', spec, '--no-open', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<URL>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /edra explore: (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(stdout);
        if (m) resolve(new URL(m[1]));
      });
      child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const port = Number(url.port);
    const token = url.searchParams.get('token')!;
    const page = await request(port, { path: `/?token=${token}` });
    expect(page.status).toBe(200);
    const js = await request(port, { path: `/app.js?token=${token}` });
    expect(js.status).toBe(200);
    expect(js.body.length).toBeGreaterThan(20_000); // the bundle built by npm run build
    expect((await request(port, { path: '/api/session', headers: { 'x-edra-token': token } })).status).toBe(200);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toContain('edra explore: stopped (interrupted)');
    expect(stderr).toBe('');
    await expect(request(port, { path: '/' })).rejects.toThrow(/ECONNREFUSED/);
  }, 120_000);

  it('refuses a spec the search refuses (exit 2), a bad port and a missing output directory', async () => {
    const wildcard = t.file('wildcard.yaml', `dataset: { path: ${path.join(repoRoot, 'samples/encounters.csv')} }\nattributes: { quasiIdentifiers: [age, sex] }\nmissingValues: wildcard\n`);
    const r = await cli('explore', wildcard, '--no-open', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rule: spec\.searchWildcard/);
    expect((await cli('explore', wildcard, '--port', '70000')).code).toBe(2);
    const missing = await cli('explore', specCopy(t.dir).file, '--out-dir', t.file('no-such-dir'), '--no-open', '--quiet');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/not a directory \[rule: cli\.outDir\]/);
  });
});
