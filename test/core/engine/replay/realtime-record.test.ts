import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWavFile } from '../../../../core/audio/wav-read';
import type { EmulatedPcmSink } from '../../../../core/devices/audio-out/emulated-pcm-sink';
import { runReplay } from '../../../../core/host/replay-runner';
import { floorGrowth } from './memory-floor';
import { mono, rmsAt } from './replay-audio';

/**
 * Issue #27: `run --realtime --record` held the whole take in the sound card's tape (stereo float at
 * 48 kHz, 1.4 MB a second, doubling as it grew) and wrote it at the end. Now what the card plays
 * goes to the WAV as its recording is collected, as the virtual clock's --record does.
 */
describe('run --realtime --record streams the take to disk (issue #27)', function () {
  this.timeout(180_000);

  it('a 24 s real-time take: the card holds no tape, memory does not grow with the take, the WAV is whole and valid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nr-record-rt-'));
    const out = join(dir, 'take.wav');
    let card: EmulatedPcmSink | undefined;
    const tape: number[] = [];
    const external: number[] = [];
    const seconds = 24;
    const events = Array.from({ length: seconds / 4 }, (_, i) => [
      { t: i * 4 + 0.5, type: 'gate' as const, jack: 1, state: 'high' as const },
      { t: i * 4 + 0.6, type: 'gate' as const, jack: 1, state: 'low' as const },
    ]).flat();
    const result = await runReplay({
      source: { profile: 'virtual' }, replay: { duration_s: seconds, events }, realtime: true, recordTo: out,
      onBooted: async (host) => {
        card = host.emulated?.audio?.card;
      },
      onSecond: () => {
        tape.push(card!.tapeSamples);
        external.push(process.memoryUsage().arrayBuffers);
      },
    });
    assert.equal(result.metrics.clock, 'realtime');
    assert.equal(result.audio.length, 0, 'the take is on disk, not in the result');
    assert.ok(tape.length >= seconds - 1, `${tape.length} seconds sampled`);
    assert.deepEqual([...new Set(tape)], [0], 'the sound card never held a tape');
    assert.equal(card!.tapeSamples, 0, 'nor after the host stopped');
    // Held in memory, the take added 1.4 MB a second, its tape doubling (15 MB of tape at 20 s, 25 MB grown here).
    const grew = floorGrowth(external, 2, 5);
    assert.ok(grew < 8e6, `external memory's floor grew ${(grew / 1e6).toFixed(1)} MB over the take (per second: ${external.map((b) => (b / 1e6).toFixed(0)).join(' ')} MB)`);

    const bytes = readFileSync(out);
    assert.equal(bytes.toString('ascii', 0, 4), 'RIFF');
    assert.equal(bytes.readUInt32LE(4), bytes.length - 8, 'the RIFF size is the file\'s');
    assert.equal(bytes.readUInt32LE(40), bytes.length - 44, 'the data size is the file\'s');
    const wav = readWavFile(out);
    assert.equal(wav.sampleRate, result.sampleRate);
    assert.equal(wav.channels.length, result.channels);
    const recorded = wav.channels[0]!.length / wav.sampleRate;
    console.log(`      ${recorded.toFixed(2)} s recorded, xruns ${result.metrics.xruns}, card underruns ${card!.underruns}, played ${(card!.playedFrames / wav.sampleRate).toFixed(2)} s, external memory +${(grew / 1e6).toFixed(1)} MB`);
    // What the card played: its underruns on a loaded machine (each a stop until refilled) are not time it played.
    assert.ok(recorded >= seconds * 0.8 && recorded < seconds + 3, `${recorded.toFixed(2)} s recorded of a ${seconds} s take`);
    // The gates are in it. Loosely placed: a period an underrun stopped the card is not in the take,
    // so on a loaded machine later sounds come earlier in the file than on the wall clock.
    const x = mono(wav.channels[0]!, 1, wav.sampleRate);
    const gates = events.filter((e) => e.state === 'high').map((e) => e.t);
    const sounding = gates.filter((t) => rmsAt(x, t - 0.4, t + 0.6) > 0.005);
    assert.ok(sounding.length >= gates.length / 2, `gates sounding in the WAV: ${sounding.join(', ')} of ${gates.join(', ')}`);
    assert.ok(rmsAt(x, 0, 0.1) < 1e-3, 'silent before the first gate');
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.startsWith('.')), [], 'no temporary file left');
  });
});
