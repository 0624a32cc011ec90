import { networkInterfaces } from 'node:os';

/**
 * An IPv4 address of this machine that is not loopback: connecting to it, the host sees a
 * non-loopback source, as a stranger on the LAN would be seen (loopback sources are exempt from
 * the pairing limiter's global window). undefined when the machine has none.
 */
export function nonLoopbackAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal && !a.address.startsWith('127.')) return a.address;
  }
  return undefined;
}
