import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWavFile } from '../../../../core/audio/wav-read';
import type { EmulatedPcmSink } from '../../../../core/devices/audio-out/emulated-pcm-sink';
import { runReplay } from '../../../../core/host/replay-runner';
import { floorGrowth } from './memory-floor';
import { mono, rmsAt } from './replay-audio';

describe('run --record streams the take to disk (issue #27)', function () {
  this.timeout(180_000);

  it('a 40 s take: the card keeps nothing, memory does not grow with the take, the WAV holds every second and the gates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nr-record-'));
    const out = join(dir, 'take.wav');
    let card: EmulatedPcmSink | undefined;
    const external: number[] = [];
    const seconds = 40;
    const events = Array.from({ length: seconds / 4 }, (_, i) => [
      { t: i * 4 + 0.5, type: 'gate' as const, jack: 1, state: 'high' as const },
      { t: i * 4 + 0.6, type: 'gate' as const, jack: 1, state: 'low' as const },
    ]).flat();
    const result = await runReplay({
      source: { profile: 'test' }, replay: { duration_s: seconds, events }, recordTo: out,
      onBooted: async (host) => {
        card = host.emulated?.audio?.card;
      },
      onSecond: () => external.push(process.memoryUsage().arrayBuffers),
    });
    assert.equal(result.audio.length, 0, 'the take is on disk, not in the result');
    assert.equal(card!.tapeSamples, 0, 'the sound card held no tape');
    // Held in memory, the take (stereo float at the card rate) would grow ~23 MB over these 40 s.
    const grew = floorGrowth(external, 4, 5);
    assert.ok(grew < 8e6, `external memory's floor grew ${(grew / 1e6).toFixed(1)} MB over the take (per second: ${external.map((b) => (b / 1e6).toFixed(0)).join(' ')} MB)`);
    const wav = readWavFile(out);
    assert.ok(Math.abs(wav.mono.length / wav.sampleRate - seconds) < 0.05, `${wav.mono.length / wav.sampleRate} s recorded`);
    const x = mono(wav.mono, 1, wav.sampleRate);
    assert.ok(rmsAt(x, 0.2, 0.45) < 1e-3, 'silent before the first gate');
    for (const t of [0.55, 20.55, 36.55]) assert.ok(rmsAt(x, t, t + 0.15) > 0.005, `the gate at ${t - 0.05} s sounds`);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  });
});
