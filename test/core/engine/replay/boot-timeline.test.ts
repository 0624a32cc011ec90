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
    // The first sound is the gate's: at most the replay's set-up and one render's first chunk after ready.
    assert.ok(b.first_sound! - b.ready < 3000, `first sound ${b.first_sound} ms, ready at ${b.ready} ms`);
    assert.equal(metrics.gate_to_sound_ms.length, 1);
  });

  it('has no first-sound time on the virtual clock (its time is not the process\'s)', async () => {
    const { metrics } = await runReplay({ source: { profile: 'test' }, record: false, replay: { duration_s: 0.5, events: [{ t: 0, type: 'gate', jack: 1, state: 'high' }] } });
    assert.equal(metrics.boot_ms.first_sound, null);
    assert.ok(metrics.boot_ms.ready >= metrics.boot_ms.command);
  });
});
