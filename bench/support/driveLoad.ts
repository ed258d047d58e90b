// Why undici and not autocannon: autocannon 9 spreads `tlsOptions` (and its `--ca` files)
// into `tls.connect` and then sets `rejectUnauthorized: false` after them
// (lib/httpClient.js `_connect`), so it accepts a CA but never checks the certificate, and
// no option turns the check back on: pointed at this server while trusting an unrelated
// self-signed CA, it completes every request. undici's `connect.ca` verifies the chain and
// the name (127.0.0.1 is in the certificate's subjectAltName), as a Gatehouse client must.
// Its connections are driven the way autocannon drives its own: one socket each,
// keep-alive, no pipelining, the next request as soon as the last one has answered.
import { Client } from 'undici';
import { closedLoop } from './closedLoop.js';

/** A server to load, and the only certificate the load trusts. */
export interface Target {
  origin: string;
  ca: string;
}

/** One request, sent again and again, and the status that counts as success. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  /** The body, or a function giving each request its own (a new address for every sign-up). */
  body?: string | (() => string);
  expectStatus: number;
}

/** Successful responses per second with `connections` connections, each with one request in flight, for `durationMs`. */
export async function driveLoad(target: Target, request: LoadRequest, settings: { connections: number; durationMs: number }): Promise<number> {
  const clients = Array.from({ length: settings.connections }, () => new Client(target.origin, { connect: { ca: target.ca }, pipelining: 1 }));
  const unexpected = new Map<number, number>();
  try {
    const count = await closedLoop(settings.connections, settings.durationMs, async (worker) => {
      const status = await send(clients[worker]!, request);
      if (status === request.expectStatus) return true;
      unexpected.set(status, (unexpected.get(status) ?? 0) + 1);
      return false;
    });
    // Any other status fails the run: a benchmark measures the success path, and a 401 or
    // a 429 answers faster than the work it stands for.
    if (count.failed > 0) {
      const statuses = [...unexpected].map(([status, times]) => `${status} ×${times}`).join(', ');
      throw new Error(`${request.method} ${target.origin}${request.path} answered ${statuses} instead of ${request.expectStatus}`);
    }
    return count.perSecond;
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
}

// undici's low-level dispatch: no Response object and no body stream, only the status and
// the body read to the end. On two cores the load competes with the server, and request()
// with its streams costs the load more CPU per request than the bare Hono route costs.
function send(client: Client, request: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    let status = 0;
    client.dispatch(
      { method: request.method, path: request.path, headers: request.headers, body: typeof request.body === 'function' ? request.body() : request.body },
      {
        // Its presence is how undici tells this handler API from the legacy one.
        onRequestStart: () => {},
        onResponseStart: (_controller, statusCode) => {
          status = statusCode;
        },
        onResponseEnd: () => resolve(status),
        onResponseError: (_controller, error) => reject(error),
      },
    );
  });
}
