import assert from 'node:assert/strict';
import { StreamResampler } from '../../../core/audio/stream-resampler';

function sine(n: number, freq: number, rate: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin((2 * Math.PI * freq * i) / rate));
}

describe('StreamResampler', () => {
  it('gives the same signal block by block as in one call (state carried across blocks)', async () => {
    const input = sine(22050, 1000, 22050);
    const whole = await StreamResampler.create({ inRate: 22050, outRate: 48000, maxBlockFrames: 22050 });
    const wholeOut = new Float32Array(whole.outputSamplesFor(22050));
    const n = whole.process(input, wholeOut);

    const blocks = await StreamResampler.create({ inRate: 22050, outRate: 48000, maxBlockFrames: 147 });
    const out = new Float32Array(blocks.outputSamplesFor(147));
    const joined: number[] = [];
    for (let i = 0; i < input.length; i += 147) {
      const frames = blocks.process(input.subarray(i, i + 147), out);
      for (let k = 0; k < frames; k++) joined.push(out[k]!);
    }
    assert.ok(Math.abs(joined.length - n) <= 2, `${joined.length} vs ${n}`);
    let worst = 0;
    for (let i = 0; i < Math.min(n, joined.length) - 64; i++) worst = Math.max(worst, Math.abs(joined[i]! - wholeOut[i]!));
    assert.ok(worst < 1e-3, `largest difference ${worst}`);
    whole.destroy();
    blocks.destroy();
  });

  it('refuses a block longer than it was sized for', async () => {
    const r = await StreamResampler.create({ inRate: 22050, outRate: 44100, maxBlockFrames: 64 });
    assert.throws(() => r.process(new Float32Array(65), new Float32Array(1000)), /at most 64/);
    r.destroy();
  });

  it('passes audio through when the rates are equal', async () => {
    const r = await StreamResampler.create({ inRate: 48000, outRate: 48000, maxBlockFrames: 8 });
    const out = new Float32Array(r.outputSamplesFor(4));
    assert.equal(r.process(Float32Array.of(0.1, 0.2, 0.3, 0.4), out), 4);
    assert.deepEqual([...out.subarray(0, 4)], [...Float32Array.of(0.1, 0.2, 0.3, 0.4)]);
  });
});
