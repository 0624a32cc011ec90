import { strict as assert } from 'node:assert';
import type { Host } from '../../../core/host/host';
import { audioProgress } from '../../../core/service/audio-progress';
import { systemdNotifier, type ServiceNotifier } from '../../../core/service/sd-notify';
import { bootHost, type BootedHost } from '../../helpers/booted-host';
import { notifyReceiver, type NotifyReceiver } from '../../helpers/notify-receiver';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** WATCHDOG_USEC 400 ms: the notifier checks (and may ping) every 200 ms. */
const WATCHDOG_MS = 400;

describe('the watchdog proves audio (virtual profile, real clock, a fake NOTIFY_SOCKET)', function () {
  this.timeout(120_000);
  let booted: BootedHost;
  let host: Host;
  let receiver: NotifyReceiver;
  let notifier: ServiceNotifier;

  before(async () => {
    booted = await bootHost({ profile: 'virtual' }, { recordAudio: false });
    host = booted.host;
    receiver = await notifyReceiver();
    notifier = systemdNotifier({ env: { NOTIFY_SOCKET: receiver.socketPath, WATCHDOG_USEC: String(WATCHDOG_MS * 1000), PATH: process.env['PATH'] } });
    notifier.ready('playing', audioProgress(() => host.audio.blocksProduced));
    await receiver.waitFor((m) => m.startsWith('READY=1'), 30_000); // the notifier's helper has started
  });

  after(async () => {
    notifier.close();
    receiver.close();
    await booted.stop();
  });

  const pingTimes = (from: number, to = Infinity): number[] => receiver.times.filter((t, i) => receiver.messages[i] === 'WATCHDOG=1' && t >= from && t < to);

  it('pings while the audio worker produces blocks', async () => {
    const from = Date.now();
    const blocks = host.audio.blocksProduced;
    await sleep(1200);
    assert.ok(host.audio.blocksProduced > blocks, 'the worker filled blocks meanwhile');
    await sleep(100); // the last ones read
    const pings = pingTimes(from, from + 1200);
    assert.ok(pings.length >= 4, `about 6 pings in 1.2 s at 200 ms, got ${pings.length}`);
  });

  it('stops pinging within the watchdog interval when the audio worker stops producing (the emulated card disconnected), and resumes when it comes back', async () => {
    const card = host.emulated!.audio!.card;
    await receiver.waitFor((m) => m === 'WATCHDOG=1', 2000);
    const stalled = Date.now();
    card.disconnect();
    await sleep(1500);
    const counter = host.audio.blocksProduced;
    await sleep(300);
    assert.equal(host.audio.blocksProduced, counter, 'the worker produces nothing while the card is gone');
    const late = pingTimes(stalled + WATCHDOG_MS);
    assert.deepEqual(late, [], `no ping later than ${WATCHDOG_MS} ms after the stall; pings at +${pingTimes(stalled).map((t) => Math.round(t - stalled)).join(', +')} ms`);
    const back = Date.now();
    card.reconnect();
    await sleep(1500);
    assert.ok(pingTimes(back).length >= 2, 'pings again once blocks flow');
  });

  it('sends no ping while the main loop hangs, though the audio worker keeps playing', async () => {
    await receiver.waitFor((m) => m === 'WATCHDOG=1', 2000);
    const blocks = host.audio.blocksProduced;
    const hung = Date.now();
    const until = performance.now() + 1500;
    while (performance.now() < until); // the main thread is stuck (an endless loop, a blocked call)
    const resumed = Date.now();
    assert.ok(host.audio.blocksProduced > blocks, 'the audio worker played on meanwhile');
    await sleep(800);
    // A ping sent just before the hang may be read up to 100 ms into it.
    assert.deepEqual(pingTimes(hung + 100, resumed), [], 'nothing reached the socket while the loop was stuck');
    assert.ok(pingTimes(resumed).length >= 1, 'pings again once the loop turns');
  });
});
