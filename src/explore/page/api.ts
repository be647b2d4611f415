/**
 * The page's only channel: JSON requests to the server that served it, with the session
 * token (read from this page's URL) in a header. It never talks to anything else (the
 * Content-Security-Policy would refuse it anyway).
 */

const token = new URLSearchParams(location.search).get('token') ?? '';

/** This tab's id for the heartbeat (random, not a secret). */
export const tabId = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

/** An answer other than 2xx, with the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** GET (no body) or POST (a JSON body) to an API path; the parsed answer. */
export async function api<T>(path: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-edra-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    cache: 'no-store',
    ...init,
  });
  const text = await res.text();
  const value: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const message = value && typeof value === 'object' && 'error' in value ? String((value as { error: unknown }).error) : `HTTP ${res.status}`;
    throw new ApiError(res.status, message);
  }
  return value as T;
}

/** Beats every 5 s while the tab is open, and says goodbye when it closes. */
export function keepAlive(onLost: () => void): void {
  let failures = 0;
  const beat = () =>
    api('/api/heartbeat', { tab: tabId }).then(
      () => (failures = 0),
      () => {
        if (++failures >= 2) onLost();
      },
    );
  void beat();
  setInterval(beat, 5_000);
  addEventListener('pagehide', () => {
    void fetch('/api/bye', {
      method: 'POST',
      keepalive: true,
      headers: { 'x-edra-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({ tab: tabId }),
    }).catch(() => {});
  });
}
