import { strict as assert } from 'node:assert';
import { DESCRIPTOR_SAMPLE_RATE, extractDescriptors } from '../../../../core/descriptors';
import type { RenderSample } from '../../../../core/engine/render-sampler';
import { FollowMeter } from '../../../../core/host/follow/follow-meter';
import { generateImpact } from '../../../../core/synth/generate-impact';
import { waitFor } from '../../../helpers/wait-for';

describe('FollowMeter', function () {
  this.timeout(30_000);
  const impact = generateImpact(7);
  const frames = extractDescriptors(impact, DESCRIPTOR_SAMPLE_RATE).frames.map((f) => Array.from(f));

  it('scores each newest render on its own thread, asking for one render at a time and keeping none', async () => {
    let asked = 0;
    let outstanding = 0;
    let most = 0;
    const handed: Float32Array[] = [];
    const meter = new FollowMeter({
      minIntervalMs: 0,
      nextRender: async (after) => {
        asked++;
        outstanding++;
        most = Math.max(most, outstanding);
        await new Promise((r) => setTimeout(r, 2));
        outstanding--;
        const audio = impact.slice();
        handed.push(audio);
        return { version: after + 1, modelId: 'test', frames, audio } satisfies RenderSample;
      },
    });
    meter.start();
    try {
      await waitFor('20 renders scored', () => meter.count, { until: (count) => count >= 20, timeoutMs: 20_000 });
      assert.equal(most, 1, 'never more than one render asked for');
      assert.equal(meter.reading!.r, 1, 'a render that is exactly its curves');
      assert.ok(meter.reading!.version >= 20);
      // Each render's samples went to the thread, not copied: nothing here holds them any more.
      assert.ok(handed.slice(0, -1).every((a) => a.byteLength === 0), 'audio transferred to the meter thread');
      assert.ok(asked - meter.count <= 1);
    } finally {
      await meter.stop();
    }
  });

  it('skips renders too long to measure and stops at once when the engine does', async () => {
    let calls = 0;
    const meter = new FollowMeter({
      minIntervalMs: 0,
      maxSamples: 1000,
      nextRender: async (after) => {
        if (++calls > 3) throw new Error('engine stopped');
        return { version: after + 1, modelId: 'test', frames, audio: impact.slice() };
      },
    });
    meter.start();
    await waitFor('the fourth render asked for', () => calls, { until: (n) => n > 3 });
    assert.equal(meter.count, 0);
    assert.equal(meter.reading, null);
    await meter.stop();
  });
});
