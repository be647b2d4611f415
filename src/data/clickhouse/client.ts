/**
 * A ClickHouse client over the server's HTTP interface, with nothing but node:http(s): the
 * query is POSTed, the answer streams back. Not `fetch`: Node 20's fetch re-concatenates its
 * socket buffer on every read when an answer arrives faster than it is consumed (quadratic:
 * 4.8 of 6.7 s for a 17.8 MB frequency table), and its pooled keep-alive sockets race the
 * server's 3 s keep-alive timeout. Every query opens its own connection (a run sends a few). It works with old servers (18.16, Debian's package)
 * since it sends no setting but max_execution_time. Credentials come from the environment
 * (EDRA_CLICKHOUSE_USER, EDRA_CLICKHOUSE_PASSWORD, sent as X-ClickHouse-User / -Key headers),
 * never from the spec, and appear in no message. Errors are one line with a rule and the
 * server's error code, never the server's text (which can quote a value of the data: it is
 * the `detail`, shown only with --show-values).
 */
import { once } from 'node:events';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { DataError, SpecError } from '../../errors.js';

/** What a query received: for the "only aggregates cross the wire" checks and the progress line. */
export interface Received {
  /** The query's purpose, e.g. 'frequency table' (no SQL, no value). */
  purpose: string;
  bytes: number;
  /** Lines of the answer (rows, plus one header line for the *WithNames formats). */
  lines: number;
}

export interface ClickHouseClientOptions {
  /** Base URL of the HTTP interface, e.g. http://127.0.0.1:8123. */
  url: string;
  /** Shown in messages instead of the URL's query string: scheme://host:port. */
  display: string;
  /** Time limit of each query in seconds (server and client). */
  timeoutSeconds: number;
  /** Retries after a transient error. */
  retries: number;
  /** Called once per answer received in full. */
  onReceived?: (r: Received) => void;
  /** Environment to take credentials from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** ClickHouse error codes edra names (ErrorCodes.cpp); the rest are reported by number. */
const knownCodes: Record<number, { rule: string; what: string; transient?: boolean }> = {
  36: { rule: 'clickhouse.badArguments', what: 'a bad argument in the query edra sent' },
  47: { rule: 'clickhouse.unknownColumn', what: 'a column of the spec is not in the table' },
  60: { rule: 'clickhouse.tableMissing', what: 'the table does not exist' },
  62: { rule: 'clickhouse.syntax', what: 'the server does not accept the query edra sent (an older server?)' },
  81: { rule: 'clickhouse.databaseMissing', what: 'the database does not exist' },
  159: { rule: 'clickhouse.timeout', what: 'the query ran longer than dataset.timeoutSeconds' },
  164: { rule: 'clickhouse.readonly', what: 'the user may not run this query' },
  192: { rule: 'clickhouse.auth', what: 'unknown user (set EDRA_CLICKHOUSE_USER)' },
  193: { rule: 'clickhouse.auth', what: 'wrong password (set EDRA_CLICKHOUSE_PASSWORD)' },
  194: { rule: 'clickhouse.auth', what: 'a password is required (set EDRA_CLICKHOUSE_PASSWORD)' },
  202: { rule: 'clickhouse.busy', what: 'too many simultaneous queries', transient: true },
  209: { rule: 'clickhouse.network', what: 'a socket timeout between the servers', transient: true },
  210: { rule: 'clickhouse.network', what: 'a network error between the servers', transient: true },
  241: { rule: 'clickhouse.memory', what: 'the server ran out of memory for the query' },
  279: { rule: 'clickhouse.shards', what: 'no replica of a shard answered', transient: true },
  497: { rule: 'clickhouse.auth', what: 'the user lacks a privilege for the table' },
  516: { rule: 'clickhouse.auth', what: 'authentication failed (EDRA_CLICKHOUSE_USER / EDRA_CLICKHOUSE_PASSWORD)' },
};

/** A ClickHouse error answer: "Code: 60, e.displayText() = DB::Exception: ..." */
function serverCode(text: string): number | undefined {
  const m = /Code: (\d+)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Pause before retry `attempt` (1-based): 0.25 s, 0.5 s, 1 s, ... up to 8 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(8000, 250 * 2 ** (attempt - 1));
}

/** An HTTP client of one ClickHouse server. */
export class ClickHouseClient {
  readonly display: string;
  private readonly options: ClickHouseClientOptions;

  constructor(options: ClickHouseClientOptions) {
    this.options = options;
    this.display = options.display;
  }

  /** Runs a query and returns its whole answer as text (small answers: metadata, counts). */
  async text(sql: string, purpose: string): Promise<string> {
    const res = await this.send(sql, purpose);
    const body = await readText(res).catch((e: unknown) => {
      throw this.networkError(e, purpose);
    });
    this.options.onReceived?.({ purpose, bytes: Buffer.byteLength(body), lines: countLines(body) });
    return body;
  }

  /** Runs a query and streams its answer to `sink` (a writable file), counting what came. */
  async stream(sql: string, purpose: string, sink: NodeJS.WritableStream): Promise<Received> {
    const res = await this.send(sql, purpose);
    let bytes = 0;
    let lines = 0;
    try {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        if (!sink.write(chunk)) await once(sink, 'drain');
      }
    } catch (e) {
      throw this.networkError(e, purpose);
    }
    // An error in the middle of a streamed answer arrives as text at its end.
    const received = { purpose, bytes, lines };
    this.options.onReceived?.(received);
    return received;
  }

  /** POSTs the query, retrying transient failures; returns the (2xx) response. */
  private async send(sql: string, purpose: string): Promise<IncomingMessage> {
    const { retries, timeoutSeconds } = this.options;
    const url = new URL(this.options.url);
    url.searchParams.set('max_execution_time', String(Math.ceil(timeoutSeconds)));
    // The server buffers the whole answer before sending it, so an error in the middle of a
    // query is an HTTP error, never a 200 whose body ends in an error text.
    url.searchParams.set('wait_end_of_query', '1');
    const env = this.options.env ?? process.env;
    const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8' };
    if (env.EDRA_CLICKHOUSE_USER) headers['X-ClickHouse-User'] = env.EDRA_CLICKHOUSE_USER;
    if (env.EDRA_CLICKHOUSE_PASSWORD) headers['X-ClickHouse-Key'] = env.EDRA_CLICKHOUSE_PASSWORD;
    let last: Error | undefined;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, retryDelayMs(attempt)));
      let res: IncomingMessage;
      try {
        // The client's limit is a little above the server's, so the server's own message wins.
        res = await post(url, sql, headers, AbortSignal.timeout(timeoutSeconds * 1000 + 5000));
      } catch (e) {
        last = this.networkError(e, purpose);
        if (isTimeout(e)) throw last;
        continue; // connection refused or reset: the server may be restarting
      }
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return res;
      const body = await readText(res).catch(() => '');
      const code = serverCode(body);
      const known = code !== undefined ? knownCodes[code] : undefined;
      const error = this.serverError(status, code, body, purpose);
      if (known?.transient || status === 503) {
        last = error;
        continue;
      }
      throw error;
    }
    throw last ?? new DataError(`${this.display}: ClickHouse did not answer [rule: clickhouse.unreachable]`, { file: this.display, rule: 'clickhouse.unreachable' });
  }

  private serverError(status: number, code: number | undefined, body: string, purpose: string): DataError | SpecError {
    const known = code !== undefined ? knownCodes[code] : undefined;
    const rule = known?.rule ?? (status === 401 || status === 403 ? 'clickhouse.auth' : 'clickhouse.error');
    const what = known?.what ?? `the server answered HTTP ${status}${code !== undefined ? ` with error code ${code}` : ''}`;
    const message = `${this.display}: ClickHouse refused the ${purpose} query: ${what}${code !== undefined && known ? ` (code ${code})` : ''} [rule: ${rule}]`;
    const location = { file: this.display, rule };
    // A missing table or database is the spec's error (exit 2); the rest is about the data source (exit 3).
    return rule === 'clickhouse.tableMissing' || rule === 'clickhouse.databaseMissing' ? new SpecError(message, location, body.trim()) : new DataError(message, location, body.trim());
  }

  private networkError(e: unknown, purpose: string): DataError {
    if (isTimeout(e)) {
      return new DataError(`${this.display}: the ${purpose} query got no answer within ${this.options.timeoutSeconds} s (dataset.timeoutSeconds) [rule: clickhouse.timeout]`, {
        file: this.display,
        rule: 'clickhouse.timeout',
      });
    }
    const inner = (e as { cause?: { code?: string; message?: string } }).cause;
    const cause = inner?.code ?? (e as NodeJS.ErrnoException).code;
    const why = cause === 'ECONNREFUSED' ? 'connection refused' : cause === 'ENOTFOUND' ? 'unknown host' : cause ? cause : inner?.message ? inner.message : 'no answer';
    return new DataError(`${this.display}: cannot reach the ClickHouse server (${why}; tried ${this.options.retries + 1} time(s)) [rule: clickhouse.unreachable]`, {
      file: this.display,
      rule: 'clickhouse.unreachable',
    });
  }
}

/** One POST on a connection of its own (no keep-alive); resolves with the response head. */
function post(url: URL, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, { method: 'POST', headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, agent: false, signal }, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

async function readText(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function isTimeout(e: unknown): boolean {
  const name = (e as { name?: string }).name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
