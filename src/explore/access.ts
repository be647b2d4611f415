/**
 * Who may talk to the explorer: the holder of a random per-session token, through this
 * server's own host name. The token (32 random bytes) is in the URL the CLI prints and opens,
 * and the page sends it in a header with every API call; a page of another origin can neither
 * read the token nor send that header (the server answers no CORS preflight), and other local
 * users cannot guess it. The Host header must name the loopback address and port the server is
 * bound to, so a DNS-rebinding page gets nothing either.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header the page sends the token in. */
export const TOKEN_HEADER = 'x-edra-token';

/** A fresh session token: 32 random bytes, URL-safe base64. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares a presented token with the session's in constant time. */
export function tokenMatches(presented: string | undefined | null, token: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when the request names this server by its loopback address (or localhost) and port. */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** True when a request that says where it comes from comes from this server's page. */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}
