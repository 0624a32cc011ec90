import { strict as assert } from 'node:assert';
import { runReplay } from '../../../../core/host/replay-runner';

describe('boot to sound in the replay metrics (virtual profile, real clock, a gate at t=0)', function () {
  this.timeout(120_000);

  it('times Node, the command, each boot step, ready and the first sound the card received, in that order, from the process start', async () => {
    const { metrics } = await runReplay({
      source: { profile: 'virtual' }, realtime: true, record: false,
      replay: { duration_s: 1, events: [{ t: 0, type: 'gate', jack: 1, state: 'high' }, { t: 0.05, type: 'gate', jack: 1, state: 'low' }] },
    });
    const b = metrics.boot_ms;
    assert.deepEqual(Object.keys(b.steps), ['rack', 'devices', 'model', 'bank', 'ready']);
    const order = [b.node, b.command, b.steps['rack']!, b.steps['devices']!, b.steps['model']!, b.steps['bank']!, b.ready, b.first_sound!];
    assert.ok(b.node > 0, 'Node took some time to start');
    for (let i = 1; i < order.length; i++) assert.ok(order[i]! >= order[i - 1]!, `boot marks in order: ${JSON.stringify(b)}`);
    // The control thread's own steps, in the same clock: it starts once the rack is read, and its
    // first render is playable once it has its model, its devices and the audio worker, before ready.
    const c = b.control!;
    assert.deepEqual(Object.keys(c).sort(), ['audio', 'container', 'devices', 'model', 'playable', 'started']);
    assert.ok(c['started']! >= b.steps['rack']! && c['container']! >= c['started']!, `control thread after the rack: ${JSON.stringify(b)}`);
    for (const step of ['devices', 'model', 'audio']) assert.ok(c[step]! >= c['container']! && c[step]! <= c['playable']!, `control step ${step} between its container and its first render: ${JSON.stringify(c)}`);
    assert.ok(c['playable']! <= b.ready, `the first render is playable before the host is ready: ${JSON.stringify(b)}`);
    // The first sound is the gate's: at most the replay's set-up and one render's first chunk after ready.
    assert.ok(b.first_sound! - b.ready < 3000, `first sound ${b.first_sound} ms, ready at ${b.ready} ms`);
    assert.equal(metrics.gate_to_sound_ms.length, 1);
  });

  it('has no first-sound time on the virtual clock (its time is not the process\'s)', async () => {
    const { metrics } = await runReplay({ source: { profile: 'test' }, record: false, replay: { duration_s: 0.5, events: [{ t: 0, type: 'gate', jack: 1, state: 'high' }] } });
    assert.equal(metrics.boot_ms.first_sound, null);
    assert.equal(metrics.boot_ms.control, null, 'the instrument runs on the main thread: no control thread steps');
    assert.ok(metrics.boot_ms.ready >= metrics.boot_ms.command);
  });
});
