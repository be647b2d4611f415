/**
 * The ClickHouse HTTP client against a stand-in server (node:http on loopback): retries after
 * a transient error, gives up on a permanent one, and never puts the server's text (which can
 * quote a value) or a credential in its message. The real server is in test/clickhouse.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ClickHouseClient, retryDelayMs } from '../../src/data/clickhouse/client.js';
import { DataError, SpecError } from '../../src/errors.js';

let server: Server | undefined;
afterEach(() => server?.close());

/** Serves the answers in turn (status, body); records each request's headers. */
async function standIn(answers: [number, string][]): Promise<{ url: string; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  server = createServer((req, res) => {
    requests.push(req);
    const [status, body] = answers[Math.min(requests.length - 1, answers.length - 1)];
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server!.address() as { port: number }).port}`, requests };
}

const client = (url: string, retries: number, env: NodeJS.ProcessEnv = {}) => new ClickHouseClient({ url, display: 'stand-in', timeoutSeconds: 10, retries, env });

describe('ClickHouseClient', () => {
  it('retries a transient error (too many queries, code 202) and returns the answer', async () => {
    const s = await standIn([[500, 'Code: 202, e.displayText() = DB::Exception: Too many simultaneous queries'], [200, '42\n']]);
    expect(await client(s.url, 2).text('SELECT 42', 'test')).toBe('42\n');
    expect(s.requests).toHaveLength(2);
  });

  it('gives up after its retries with the last error, one line with a rule', async () => {
    const s = await standIn([[500, 'Code: 202, e.displayText() = DB::Exception: Too many simultaneous queries']]);
    const e = await client(s.url, 1).text('SELECT 1', 'test').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DataError);
    expect((e as Error).message).toBe('stand-in: ClickHouse refused the test query: too many simultaneous queries (code 202) [rule: clickhouse.busy]');
    expect(s.requests).toHaveLength(2);
  });

  it('does not retry a permanent error; the server text (it may quote a value) is only the detail', async () => {
    const s = await standIn([[500, "Code: 6, e.displayText() = DB::Exception: Cannot parse string 'SECRET-VALUE' as UInt8"]]);
    const e = (await client(s.url, 3).text('SELECT 1', 'test').catch((x: unknown) => x)) as DataError;
    expect(s.requests).toHaveLength(1);
    expect(e.message).toMatch(/error code 6 \[rule: clickhouse\.error\]$/);
    expect(e.message).not.toContain('SECRET-VALUE');
    expect(e.detail).toContain('SECRET-VALUE');
  });

  it('a missing table is the spec\'s error (exit 2)', async () => {
    const s = await standIn([[404, 'Code: 60, e.displayText() = DB::Exception: Table default.x doesn\'t exist.']]);
    const e = await client(s.url, 0).text('SELECT 1', 'test').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SpecError);
    expect((e as Error).message).toMatch(/\[rule: clickhouse\.tableMissing\]$/);
  });

  it('sends the credentials of the environment as headers, and the time limit to the server', async () => {
    const s = await standIn([[200, 'ok']]);
    await client(s.url, 0, { EDRA_CLICKHOUSE_USER: 'u1', EDRA_CLICKHOUSE_PASSWORD: 'p1' }).text('SELECT 1', 'test');
    expect(s.requests[0].headers['x-clickhouse-user']).toBe('u1');
    expect(s.requests[0].headers['x-clickhouse-key']).toBe('p1');
    expect(s.requests[0].url).toMatch(/max_execution_time=10/);
    expect(s.requests[0].url).toMatch(/wait_end_of_query=1/);
    expect(s.requests[0].url).not.toContain('p1');
  });

  it('waits longer before each retry, up to 8 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(retryDelayMs)).toEqual([250, 500, 1000, 2000, 4000, 8000, 8000]);
  });
});
