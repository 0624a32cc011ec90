import { hostname, networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/**
 * The address a browser elsewhere opens the panel at: the bind address itself, except for a
 * wildcard bind (`0.0.0.0`, `::`), which no browser can open. Then the machine's first external
 * IPv4 address (IPv6 for `::` when there is no IPv4), else its host name. `interfaces`: for tests.
 */
export function reachableAddress(bindHost: string, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(), host: string = hostname()): string {
  if (bindHost !== '0.0.0.0' && bindHost !== '::') return bindHost;
  const external = Object.values(interfaces).flatMap((list) => list ?? []).filter((i) => !i.internal);
  const v4 = external.find((i) => i.family === 'IPv4');
  if (v4) return v4.address;
  const v6 = bindHost === '::' ? external.find((i) => i.family === 'IPv6' && !i.address.startsWith('fe80:')) : undefined;
  return v6?.address ?? host;
}
