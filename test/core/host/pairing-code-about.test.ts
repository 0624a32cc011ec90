import { strict as assert } from 'node:assert';
import { Host } from '../../../core/host/host';
import { startWeb } from '../../../core/host/start-web';
import { VirtualClock } from '../../../core/scheduler/virtual-clock';
import { formatPairingCode } from '../../../core/web/pairing';

/**
 * The README walk (issue #25): the pairing code was a 4-second toast at start, and every message
 * sends the user to the module's screen for it. It now stays on the About page while it is valid.
 */
describe('the pairing code on the About page while the panel needs one', function () {
  this.timeout(60_000);

  it('shows the valid code on a network-reachable server, none on loopback, and drops it when the server closes', async () => {
    const clock = new VirtualClock();
    const booting = Host.boot({ profile: 'test' }, { clock });
    while (!(await Promise.race([booting.then(() => true), new Promise<false>((r) => setImmediate(() => r(false)))]))) clock.advance(5);
    const host = await booting;
    try {
      const loopback = await startWeb(host, { host: '127.0.0.1', port: 0 });
      assert.equal(host.live.view().about.pairingCode ?? null, null, 'loopback: no code needed, none shown');
      await loopback.server.close();
      const reachable = await startWeb(host, { host: '0.0.0.0', port: 0 });
      const code = reachable.server.pairingCode();
      assert.ok(code, 'a network-reachable server makes a code');
      assert.equal(host.live.view().about.pairingCode, formatPairingCode(code), 'the About page shows the valid code');
      await reachable.server.close();
      assert.equal(host.live.view().about.pairingCode, null, 'gone with the server');
    } finally {
      const stopping = host.stop();
      while (!(await Promise.race([stopping.then(() => true), new Promise<false>((r) => setImmediate(() => r(false)))]))) clock.advance(100);
    }
  });
});
