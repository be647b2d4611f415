/** Talking to an explorer in tests: raw HTTP requests (any Host, any header) and job polling. */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { loadSpec, type LoadedSpec } from '../../src/config/loadSpec.js';
import type { JobJson } from '../../src/contracts/explore.js';
import { startExplore, type ExploreOptions, type RunningExplore } from '../../src/explore/explore.js';
import { repoRoot } from '../cli/helpers.js';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RequestSpec {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One HTTP request to 127.0.0.1:port, exactly as given (Host defaults to 127.0.0.1:port). */
export function request(port: number, r: RequestSpec): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: r.method ?? 'GET', path: r.path, headers: { host: `127.0.0.1:${port}`, ...(r.headers ?? {}) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}

/** An API call with the session's token. */
export function apiCall(x: RunningExplore, p: string, body?: unknown): Promise<Answer> {
  return request(x.port, {
    method: body === undefined ? 'GET' : 'POST',
    path: p,
    headers: { 'x-edra-token': x.token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Polls the job until it ends. */
export async function finishedJob(x: RunningExplore): Promise<JobJson> {
  for (;;) {
    const job = JSON.parse((await apiCall(x, '/api/job')).body) as JobJson;
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A copy of a spec of analyses/ in `dir`, its relative paths made absolute: the explorer
 * writes saved specs beside the spec, and tests write nothing into the repository.
 */
export function specCopy(dir: string, name = 'adult-search.yaml'): LoadedSpec {
  const text = fs.readFileSync(path.join(repoRoot, 'analyses', name), 'utf8').replaceAll('../samples/', `${repoRoot}/samples/`);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return loadSpec(file);
}

/** Starts an explorer on a spec. */
export function explore(loaded: LoadedSpec, options: ExploreOptions = {}): Promise<RunningExplore> {
  return startExplore(loaded, { tabs: { heartbeatTimeoutMs: 60_000 }, ...options });
}
