import { isIP } from 'node:net';

/** The address the web server binds to unless told otherwise: this machine only. */
export const DEFAULT_BIND_HOST = '127.0.0.1';

/**
 * True when `host` only reaches this machine: 127.0.0.0/8, ::1, ::ffff:127.x or `localhost`.
 * Everything else (0.0.0.0, ::, a LAN address, a host name) is treated as reachable from the
 * network, which turns pairing on.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

/** The Host header names a loopback address (the port, if any, is ignored). */
export function hostHeaderIsLoopback(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const name = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.replace(/:\d+$/, '');
  return isLoopbackHost(name);
}
