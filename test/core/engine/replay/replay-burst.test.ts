import { strict as assert } from 'node:assert';
import { runReplay } from '../../../../core/host/replay-runner';
import { TimeQueue } from '../../../../core/engine/replay/time-queue';
// The same burst bench:attacks replays (issue #27: 200,000 events at one instant did not finish in 150 s).
import { burstEvents } from '../../../../bench/attacks/replay-burst';

describe('a replay burst (issue #27)', function () {
  this.timeout(120_000);

  it('200,000 events at one instant play in seconds, not minutes, with no xrun', async () => {
    const started = performance.now();
    const r = await runReplay({ source: { profile: 'test' }, replay: { duration_s: 1, events: burstEvents(200_000) }, record: false });
    const seconds = (performance.now() - started) / 1000;
    assert.ok(seconds < 30, `took ${seconds.toFixed(1)} s`);
    assert.equal(r.metrics.xruns, 0);
    assert.equal(r.metrics.events_ignored, 0);
  });

  it('TimeQueue takes from the front in order, up to a time', () => {
    const q = new TimeQueue();
    for (let i = 0; i < 10_000; i++) q.push(i);
    const got: number[] = [];
    q.drainUpTo(4999.5, (t) => got.push(t));
    assert.equal(got.length, 5000);
    assert.equal(got[4999], 4999);
    assert.equal(q.length, 5000);
    q.drainUpTo(Infinity, (t) => got.push(t));
    assert.deepEqual(got, Array.from({ length: 10_000 }, (_, i) => i));
    assert.equal(q.length, 0);
  });
});
