import type { IncomingMessage, Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import { clientKey } from './pairing-limiter';

/**
 * What one slow or hostile client may hold of the web server. Without these, 1,100 sockets that
 * never finished their headers made the panel unreachable for 85 s (issue #27).
 */
export const CONNECTION_LIMITS = {
  /** Open sockets in all; at the cap a new socket replaces the oldest that has not sent a request. */
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
 * Caps open sockets per address (a socket past the cap is destroyed as it is accepted, before a
 * byte of it is parsed) and in all. At the cap in all, a new socket takes the place of the oldest
 * socket that has not yet sent a whole request's headers (a slowloris socket, held open by sending
 * nothing or a byte at a time): many addresses holding every slot that way (35 loopback addresses
 * reconnecting made the panel unreachable) cannot keep out a browser, whose request comes at once.
 * Only when every open socket has sent a request is the new one refused. Node's own
 * `maxConnections` stays as a hard ceiling a little above the cap, for sockets still closing.
 * Returns the open count per address (for tests).
 */
export function capConnections(server: Server, limits: ConnectionLimits): Map<string, number> {
  server.maxConnections = limits.maxConnections + Math.max(16, Math.ceil(limits.maxConnections / 8));
  const open = new Map<string, number>();
  /** Open sockets that have not sent a whole request's headers yet, oldest first. */
  const unproven = new Set<Socket>();
  let total = 0;
  const proven = (req: IncomingMessage): void => void unproven.delete(req.socket);
  server.on('request', proven);
  server.on('upgrade', proven);
  server.on('connection', (socket: Socket) => {
    const key = clientKey(socket.remoteAddress);
    const n = (open.get(key) ?? 0) + 1;
    if (n > limits.maxPerAddress) {
      socket.destroy();
      return;
    }
    if (total >= limits.maxConnections) {
      const oldest = unproven.values().next();
      if (oldest.done) {
        socket.destroy();
        return;
      }
      unproven.delete(oldest.value);
      oldest.value.destroy();
    }
    open.set(key, n);
    total++;
    unproven.add(socket);
    socket.once('close', () => {
      total--;
      unproven.delete(socket);
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
  return open;
}
