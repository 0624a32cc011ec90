import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../../core/paths';
import { systemdNotifier } from '../../../core/service/sd-notify';
import { notifyReceiver, type NotifyReceiver } from '../../helpers/notify-receiver';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the systemd notifier (sd_notify over NOTIFY_SOCKET)', function () {
  this.timeout(60_000);
  let receiver: NotifyReceiver;
  beforeEach(async () => (receiver = await notifyReceiver()));
  afterEach(() => receiver.close());

  it('does nothing outside systemd (no NOTIFY_SOCKET)', () => {
    const n = systemdNotifier({ env: {} });
    assert.equal(n.active, false);
    assert.equal(n.watchdogIntervalMs, undefined);
    n.ready('x');
    n.close();
  });

  it('sends READY=1 with a status, WATCHDOG=1 every half WATCHDOG_USEC, then STOPPING=1 and no more pings', async () => {
    const n = systemdNotifier({ env: { NOTIFY_SOCKET: receiver.socketPath, WATCHDOG_USEC: '200000', WATCHDOG_PID: String(process.pid), PATH: process.env['PATH'] } });
    assert.equal(n.watchdogIntervalMs, 100);
    n.ready('playing on profile test');
    await sleep(550);
    n.stopping();
    await receiver.waitFor((m) => m === 'STOPPING=1', 5000);
    const countAtStop = receiver.messages.length;
    await sleep(300);
    n.close();
    assert.equal(receiver.messages.length, countAtStop, 'no ping after STOPPING=1');
    assert.match(receiver.messages[0]!, /^READY=1\nSTATUS=playing on profile test\nMAINPID=\d+$/);
    const pings = receiver.messages.filter((m) => m === 'WATCHDOG=1').length;
    assert.ok(pings >= 3 && pings <= 7, `expected about 5 pings in 550 ms at 100 ms, got ${pings}`);
  });

  it('sends no pings when the watchdog is for another process (WATCHDOG_PID)', async () => {
    const n = systemdNotifier({ env: { NOTIFY_SOCKET: receiver.socketPath, WATCHDOG_USEC: '100000', WATCHDOG_PID: '1', PATH: process.env['PATH'] } });
    assert.equal(n.watchdogIntervalMs, undefined);
    n.ready('x');
    await receiver.waitFor((m) => m.startsWith('READY=1'), 5000);
    await sleep(250);
    n.close();
    assert.deepEqual(receiver.messages.filter((m) => m === 'WATCHDOG=1'), []);
  });

  it('`neurorack start` says READY=1 once it plays, pings the watchdog, and says STOPPING=1 on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(packageRoot, 'bin', 'neurorack.js'), 'start', '--profile', 'virtual', '--no-web'], {
      cwd: packageRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NOTIFY_SOCKET: receiver.socketPath, WATCHDOG_USEC: '400000' },
    });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    try {
      const ready = await receiver.waitFor((m) => m.startsWith('READY=1'), 45_000);
      assert.match(ready, /STATUS=playing on profile virtual/);
      assert.match(stdout, /Neurorack ready in/, 'READY=1 comes after the host is up');
      await receiver.waitFor((m) => m === 'WATCHDOG=1', 5000);
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      await receiver.waitFor((m) => m === 'STOPPING=1', 10_000);
      assert.equal(await exited, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
