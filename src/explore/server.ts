/**
 * The explorer's local web server (node:http): bound to 127.0.0.1 only, answering nothing
 * without the session token (in the URL for the page and its two assets, in a header for the
 * API), nothing to another Host (DNS rebinding) or Origin, bodies of at most 64 KiB, every
 * malformed request a 4xx and never a crash. It stops on close() (Ctrl-C) or when the last
 * tab has gone (src/explore/tabs.ts).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { EdraError, SpecError } from '../errors.js';
import { hostAllowed, newToken, originAllowed, TOKEN_HEADER, tokenMatches } from './access.js';
import type { PageAssets } from './assets.js';
import { HttpError, readJsonBody, send, sendError, sendJson } from './http.js';
import { parseRequest, type ExploreSession } from './session.js';
import { TabWatch, type TabWatchOptions } from './tabs.js';

export interface ExploreServerOptions {
  /** Port on 127.0.0.1 (default: one the system picks). */
  port?: number;
  /** The session token (default: a fresh random one). */
  token?: string;
  tabs?: TabWatchOptions;
  /** Unexpected errors' messages in answers (they may quote data). */
  showValues?: boolean;
}

export interface ExploreServer {
  /** The page's URL, token included. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Resolves with the reason once the server has stopped. */
  readonly closed: Promise<string>;
  /** Stops the server (open connections are cut). */
  close(reason: string): Promise<void>;
}

const tabSchema = z.strictObject({ tab: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });

type Handler = (body: unknown) => unknown;

/** The API: POST routes take a JSON body, GET routes none. */
function routes(session: ExploreSession, tabs: TabWatch): { get: Record<string, () => unknown>; post: Record<string, Handler> } {
  return {
    get: {
      '/api/session': () => session.describe(),
      '/api/job': () => session.jobs.current(),
    },
    post: {
      '/api/node': (b) => session.node(b),
      '/api/next': (b) => session.next(b),
      '/api/settings': (b) => session.applySettings(b),
      '/api/compare': (b) => session.compare(b),
      '/api/search': () => session.startSearch(),
      '/api/save': (b) => session.save(b),
      '/api/report': (b) => session.startReport(b),
      '/api/anonymize': (b) => session.startAnonymize(b),
      '/api/heartbeat': (b) => {
        tabs.beat(parseRequest(tabSchema, b).tab);
        return { tabs: tabs.tabs };
      },
      '/api/bye': (b) => {
        tabs.bye(parseRequest(tabSchema, b).tab);
        return { tabs: tabs.tabs };
      },
    },
  };
}

/** Starts the server on 127.0.0.1. Rejects with SpecError when the port is taken. */
export async function startExploreServer(session: ExploreSession, assets: PageAssets, options: ExploreServerOptions = {}): Promise<ExploreServer> {
  const token = options.token ?? newToken();
  let port = 0;
  let resolveClosed!: (reason: string) => void;
  const closed = new Promise<string>((r) => (resolveClosed = r));
  let stopping: Promise<void> | undefined;
  // Idempotent: Ctrl-C, the last tab and the caller may all ask.
  const close = (reason: string): Promise<void> => (stopping ??= stop(reason));
  const tabs = new TabWatch(options.tabs ?? {}, () => void close('the last tab was closed'), () => session.jobs.busy && session.jobs.current()?.kind !== 'search');
  const api = routes(session, tabs);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostAllowed(req, port)) return sendError(res, 403, 'wrong host');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const p = url.pathname;
    const isApi = p.startsWith('/api/');
    const presented = isApi ? req.headers[TOKEN_HEADER] : url.searchParams.get('token');
    if (!tokenMatches(Array.isArray(presented) ? presented[0] : presented, token)) return sendError(res, 401, 'no token, no answer');
    if (!originAllowed(req, port)) return sendError(res, 403, 'wrong origin');
    const method = req.method ?? 'GET';
    if (!isApi) {
      if (method !== 'GET') return sendError(res, 405, 'method not allowed');
      if (p === '/') return send(res, 200, 'text/html; charset=utf-8', assets.html(token));
      if (p === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', assets.js);
      if (p === '/app.css') return send(res, 200, 'text/css; charset=utf-8', assets.css);
      return sendError(res, 404, 'not found');
    }
    const getter = api.get[p];
    const poster = api.post[p];
    if (!getter && !poster) return sendError(res, 404, 'not found');
    if (getter && method === 'GET') return sendJson(res, 200, getter() ?? null);
    if (!poster || method !== 'POST') return sendError(res, 405, 'method not allowed');
    const body = await readJsonBody(req);
    const out = poster(body);
    return sendJson(res, out && typeof out === 'object' && 'state' in out ? 202 : 200, out);
  };

  const server = http.createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) return sendError(res, e.status, e.message);
      // Spec and data errors name the file and the rule, never a value (as the CLI prints them).
      if (e instanceof EdraError) return sendError(res, e instanceof SpecError ? 400 : 422, e.message);
      const err = e instanceof Error ? e : new Error(String(e));
      sendError(res, 500, `internal error (${err.name})${options.showValues ? `: ${err.message}` : ''}`);
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 64;
  // Garbage that is not HTTP: a 400 and the socket closed, never an exception.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });

  async function stop(reason: string): Promise<void> {
    tabs.stop();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await session.dispose();
    resolveClosed(reason);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'EADDRINUSE' ? new SpecError(`--port ${options.port}: the port is in use on 127.0.0.1 [rule: cli.port]`, { rule: 'cli.port' }) : e);
    });
    server.listen({ port: options.port ?? 0, host: '127.0.0.1', exclusive: true }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/?token=${token}`, port, token, closed, close };
}
