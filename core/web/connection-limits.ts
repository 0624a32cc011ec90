import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import { clientKey } from './pairing-limiter';

/**
 * What one slow or hostile client may hold of the web server. Without these, 1,100 sockets that
 * never finished their headers made the panel unreachable for 85 s (issue #27).
 */
export const CONNECTION_LIMITS = {
  /** Open sockets in all (the server's maxConnections). */
  maxConnections: 256,
  /** Open sockets from one address (IPv6: one /64); a browser opens about 6, plus its websocket. */
  maxPerAddress: 32,
  /** A request's headers must arrive within this. */
  headersTimeoutMs: 10_000,
  /** A whole request (headers and body, an upload included) must arrive within this. */
  requestTimeoutMs: 30_000,
  /** A socket with no traffic is closed after this (websockets are exempt: ws clears it). */
  idleTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  /** How often Node checks the header and request timeouts. */
  checkIntervalMs: 1_000,
} as const;

export type ConnectionLimits = { -readonly [K in keyof typeof CONNECTION_LIMITS]: number };

/** The options of Node's HTTP server that carry the timeouts (given to fastify as `http`). */
export function httpServerOptions(limits: ConnectionLimits): ServerOptions {
  return { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: limits.checkIntervalMs, keepAliveTimeout: limits.keepAliveTimeoutMs };
}

/**
 * Caps open sockets in all and per address: a socket past either cap is destroyed as it is
 * accepted, before a byte of it is parsed. Returns the open count per address (for tests).
 */
export function capConnections(server: Server, limits: ConnectionLimits): Map<string, number> {
  server.maxConnections = limits.maxConnections;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const key = clientKey(socket.remoteAddress);
    const n = (open.get(key) ?? 0) + 1;
    if (n > limits.maxPerAddress) {
      socket.destroy();
      return;
    }
    open.set(key, n);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
  return open;
}
