import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findDropouts } from '../../../bench/patches/dropouts';
import { readWavFile } from '../../../core/audio/wav-read';
import type { EmulatedPcmSink } from '../../../core/devices/audio-out/emulated-pcm-sink';
import { runReplay } from '../../../core/host/replay-runner';
import type { ReplayEvent } from '../../../core/engine/replay/replay-file';
import { mono, rmsAt } from '../engine/replay/replay-audio';

/**
 * Issue #23: switching models never drops audio. The host plays on the real clock (virtual
 * profile, control thread, audio worker) with gate 2 held (the loop sounds all the time) and
 * gate 1 triggering, while the model switches between the shipped sinc-NSF and FRAVE every
 * second. Judged from the recording: no run of digital silence with sound on both sides (a voice
 * or grain holding on a render not written yet), and the loop sounds in every 100 ms from its
 * start to the end.
 */
describe('model switches while playing: the recording never drops out (issue #23)', function () {
  this.timeout(120_000);

  it('10 switches between sinc-NSF and FRAVE under a held loop and triggers: no dropout, sound in every 100 ms, both models played', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'nr-switch-')), 'take.wav');
    const seconds = 11;
    const events: ReplayEvent[] = [{ t: 0.3, type: 'gate', jack: 2, state: 'high' }];
    for (let t = 0.5; t < seconds - 0.3; t += 0.6) {
      events.push({ t, type: 'gate', jack: 1, state: 'high' }, { t: t + 0.05, type: 'gate', jack: 1, state: 'low' });
    }
    const models = new Set<string>();
    let card: EmulatedPcmSink | undefined;
    const result = await runReplay({
      source: { profile: 'virtual' }, realtime: true, recordTo: out,
      replay: { duration_s: seconds, events },
      switchEvery: { seconds: 1, models: ['frave-impacts-v1', 'sinc-nsf-impacts-v1'] },
      onBooted: async (host) => {
        card = host.emulated?.audio?.card;
        const poll = setInterval(() => models.add(host.live.view().model.id ?? ''), 100);
        return async () => clearInterval(poll);
      },
    });
    assert.deepEqual([...models].filter((m) => m).sort(), ['frave-impacts-v1', 'sinc-nsf-impacts-v1'], 'both models played');
    const wav = readWavFile(out);
    const left = wav.channels[0]!;
    const dropouts = findDropouts(left, wav.sampleRate);
    assert.deepEqual(dropouts.map((d) => `${(d.start / wav.sampleRate).toFixed(3)} s, ${(((d.end - d.start) * 1000) / wav.sampleRate).toFixed(1)} ms`), [], 'runs of silence inside the sound');
    const recorded = left.length / wav.sampleRate;
    const x = mono(left, 1, wav.sampleRate);
    const quiet: string[] = [];
    for (let t = 1; t + 0.1 <= recorded - 0.2; t += 0.1) if (rmsAt(x, t, t + 0.1) < 0.003) quiet.push(t.toFixed(1));
    assert.deepEqual(quiet, [], 'the held loop sounds in every 100 ms');
    // The same checks see a cut made in this recording: 20 ms of silence, and 300 ms of it.
    const cut = left.slice();
    const at = Math.floor(recorded / 2 * wav.sampleRate);
    cut.fill(0, at, at + Math.round(0.02 * wav.sampleRate));
    assert.equal(findDropouts(cut, wav.sampleRate).length, 1, 'a 20 ms cut is found');
    const gap = mono(cut.fill(0, at, at + Math.round(0.3 * wav.sampleRate)), 1, wav.sampleRate);
    assert.ok(rmsAt(gap, recorded / 2 + 0.05, recorded / 2 + 0.15) < 0.003, 'a 300 ms cut reads as quiet');
    console.log(`      ${recorded.toFixed(2)} s recorded, played ${(card!.playedFrames / wav.sampleRate).toFixed(2)} s, underruns ${card!.underruns}, xruns ${result.metrics.xruns}, ${models.size} models heard`);
  });
});
