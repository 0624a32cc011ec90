import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WaveFile } from 'wavefile';
import { WavStreamWriter } from '../../../core/audio/wav-stream-writer';

describe('WavStreamWriter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nr-wav-stream-'));

  it('writes, in pieces, the bytes a whole 16-bit WAV of the same samples has (clamped)', async () => {
    const samples = Float32Array.from({ length: 100_003 * 2 }, (_, i) => Math.sin(i / 7) * 1.3);
    const w = await WavStreamWriter.open(join(dir, 'a.wav'), 48000, 2);
    for (let i = 0; i < samples.length; i += 999) w.write(samples.subarray(i, Math.min(samples.length, i + 999)));
    assert.equal(existsSync(join(dir, 'a.wav')), false, 'nothing at the target before close');
    await w.close();
    const pcm = Int16Array.from(samples, (s) => Math.round(Math.max(-1, Math.min(1, s)) * 32767));
    const whole = new WaveFile();
    whole.fromScratch(2, 48000, '16', pcm);
    assert.deepEqual(readFileSync(join(dir, 'a.wav')), Buffer.from(whole.toBuffer()));
    assert.deepEqual(readdirSync(dir), ['a.wav']);
  });

  it('abort leaves the old file and no temporary file', async () => {
    const w = await WavStreamWriter.open(join(dir, 'a.wav'), 22050, 1);
    const before = readFileSync(join(dir, 'a.wav'));
    w.write(new Float32Array(70_000));
    await w.abort();
    assert.deepEqual(readFileSync(join(dir, 'a.wav')), before);
    assert.deepEqual(readdirSync(dir), ['a.wav']);
  });
});
