// Idle connections stay open long enough to fill in a form: on a 400 ms round-trip link a new
// TCP connection per page costs a round trip more (Node's default closes after 5 s idle).
import type { Server } from 'node:http';

/** Seconds an idle keep-alive connection is kept (longer than a step of a form takes). */
export const KEEP_ALIVE_SECONDS = 120;

/** Keeps idle connections open between a visitor's pages. */
export function keepConnections(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_SECONDS * 1000;
  // Must exceed keepAliveTimeout, or a request arriving as the connection idles out is dropped.
  server.headersTimeout = (KEEP_ALIVE_SECONDS + 5) * 1000;
}
