import { strict as assert } from 'node:assert';
import { OutputLevels } from '../../../core/engine/output-levels';

const BLOCK = 128;

function sine(amplitude: number): Float32Array {
  return Float32Array.from({ length: BLOCK }, (_, i) => amplitude * Math.sin((2 * Math.PI * i) / 32));
}

describe('OutputLevels (what the meters read, kept where blocks are filled)', () => {
  it('reads silence as 0, a sine as its RMS and peak, and clipping only at full scale', () => {
    const levels = new OutputLevels();
    levels.take(new Float32Array(BLOCK));
    assert.deepEqual([levels.level, levels.peak, levels.clipping], [0, 0, false]);
    levels.take(sine(0.5));
    assert.ok(Math.abs(levels.level - 0.5 / Math.SQRT2) < 1e-3, `RMS ${levels.level}`);
    assert.ok(Math.abs(levels.peak - 0.5) < 1e-6, `peak ${levels.peak}`);
    assert.equal(levels.clipping, false);
    levels.take(sine(1));
    assert.equal(levels.clipping, true);
    levels.take(sine(0.2));
    assert.equal(levels.clipping, false, 'clipping is the newest block\'s');
  });

  it('lets the peak fall by block, not at once, and stop at silence', () => {
    const levels = new OutputLevels();
    levels.take(sine(0.8));
    const peaks: number[] = [];
    for (let i = 0; i < 300; i++) {
      levels.take(new Float32Array(BLOCK));
      peaks.push(levels.peak);
    }
    assert.equal(levels.level, 0);
    assert.ok(peaks[0]! > 0.7 && peaks[0]! < 0.8, `one block later: ${peaks[0]}`);
    assert.ok(peaks.every((p, i) => i === 0 || p <= peaks[i - 1]!), 'it only falls');
    assert.equal(peaks[peaks.length - 1], 0, 'and reaches 0 once below -120 dB instead of decaying for ever');
  });

  it('is read from another thread\'s writes through shared words', () => {
    const words = OutputLevels.allocate(true);
    assert.ok(words.buffer instanceof SharedArrayBuffer);
    const writer = new OutputLevels(words);
    const reader = new OutputLevels(new Float32Array(words.buffer));
    writer.take(sine(0.3));
    assert.ok(Math.abs(reader.peak - 0.3) < 1e-6);
  });
});
