/**
 * Progress goes to stderr only when stderr is a terminal and --quiet is not given.
 * createProgress writes to process.stderr directly, so it is spied on here.
 */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli, repoRoot } from './helpers.js';

const specPath = path.join(repoRoot, 'analyses', 'encounters-prosecutor.yaml');
const samplePath = path.join(repoRoot, 'samples', 'encounters.csv');
const originalIsTTY = process.stderr.isTTY;

function captureStderr(isTTY: boolean): { text: () => string } {
  let text = '';
  Object.defineProperty(process.stderr, 'isTTY', { value: isTTY, configurable: true, writable: true });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  });
  return { text: () => text };
}

afterEach(() => {
  vi.restoreAllMocks();
  Object.defineProperty(process.stderr, 'isTTY', { value: originalIsTTY, configurable: true, writable: true });
});

describe('progress on stderr', () => {
  it('is shown on a terminal (so the checks below can fail)', async () => {
    const err = captureStderr(true);
    const r = await cli('analyze', specPath);
    expect(r.code).toBe(1);
    expect(err.text()).toMatch(/edra: .*(opening|reading|computing)/);
  });

  it('--quiet: nothing on a terminal, for analyze and profile', async () => {
    const err = captureStderr(true);
    const r = await cli('analyze', specPath, '--quiet');
    const p = await cli('profile', samplePath, '--quiet');
    expect(r.code).toBe(1);
    expect(p.code).toBe(0);
    expect(err.text()).toBe('');
    expect(r.stderr).toBe('');
    expect(p.stderr).toBe('');
  });

  it('non-TTY stderr: no progress even without --quiet', async () => {
    const err = captureStderr(false);
    const r = await cli('analyze', specPath, '--json');
    const p = await cli('profile', samplePath);
    expect(r.code).toBe(1);
    expect(p.code).toBe(0);
    expect(err.text()).toBe('');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).verdict).toBe('fail'); // stdout stays a clean JSON document
  });
});
