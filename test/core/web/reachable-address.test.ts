import { strict as assert } from 'node:assert';
import type { NetworkInterfaceInfo } from 'node:os';
import { reachableAddress } from '../../../core/web/reachable-address';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  ({ address, family, internal, netmask: '', mac: '00:00:00:00:00:00', cidr: null, ...(family === 'IPv6' ? { scopeid: 0 } : {}) }) as NetworkInterfaceInfo;

describe('reachableAddress: where a browser elsewhere opens the panel (README walk, issue #25)', () => {
  const machine = { lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)], eth0: [nic('fe80::1', 'IPv6'), nic('192.168.1.20', 'IPv4'), nic('2001:db8::20', 'IPv6')] };

  it('gives a wildcard bind the first external IPv4 address, not 0.0.0.0', () => {
    assert.equal(reachableAddress('0.0.0.0', machine, 'neurorack'), '192.168.1.20');
    assert.equal(reachableAddress('::', machine, 'neurorack'), '192.168.1.20');
  });

  it('keeps a named bind address as it is', () => {
    assert.equal(reachableAddress('127.0.0.1', machine, 'neurorack'), '127.0.0.1');
    assert.equal(reachableAddress('192.168.1.20', machine, 'neurorack'), '192.168.1.20');
  });

  it('falls back to a global IPv6 address for ::, then to the host name', () => {
    const v6only = { lo: machine.lo, eth0: [nic('fe80::1', 'IPv6'), nic('2001:db8::20', 'IPv6')] };
    assert.equal(reachableAddress('::', v6only, 'neurorack'), '2001:db8::20');
    assert.equal(reachableAddress('0.0.0.0', v6only, 'neurorack'), 'neurorack');
    assert.equal(reachableAddress('0.0.0.0', { lo: machine.lo }, 'neurorack'), 'neurorack');
  });
});
