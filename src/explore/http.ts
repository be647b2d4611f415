/**
 * The HTTP plumbing of `edra explore`, on node:http alone: the security headers every answer
 * carries (a Content-Security-Policy that lets the page load nothing but its own script and
 * style from this server and talk to nothing else), bounded JSON bodies, and typed errors that
 * become 4xx answers. No framework: the server has a dozen routes, and node:http is maintained
 * with Node itself (no dependency to vet or update).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Nothing from anywhere but this server: no inline script or style, no frame, no form, no
 * font or image, requests only to this origin.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'none'",
  "font-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers of every answer: the policy, no caching, no referrer (the URL holds the token), no sniffing, no framing. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Largest request body accepted (the page sends levels and settings: a few hundred bytes). */
export const MAX_BODY_BYTES = 64 * 1024;

/** An answer other than 200, with a message that holds no data value. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Sends a body with the security headers. */
export function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...securityHeaders, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Sends a JSON document. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** Sends an error as `{ error }`. */
export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}

/**
 * Reads a JSON body: application/json only (415), at most MAX_BODY_BYTES (413), parsed (400).
 * Rejects with HttpError; the request is drained either way.
 */
export function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') {
      req.resume();
      reject(new HttpError(415, 'expected a JSON body (Content-Type: application/json)'));
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new HttpError(413, `the body exceeds ${limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new HttpError(413, `the body exceeds ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      if (!failed) reject(new HttpError(400, 'the request was cut off'));
      failed = true;
    });
    req.on('end', () => {
      if (failed) return;
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text.length === 0 ? {} : (JSON.parse(text) as unknown));
      } catch {
        reject(new HttpError(400, 'the body is not valid JSON'));
      }
    });
  });
}
