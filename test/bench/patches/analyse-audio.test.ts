import { strict as assert } from 'node:assert';
import { analyseAudio } from '../../../bench/patches/analyse-audio';
import { buildReferences } from '../../../bench/patches/entry-classifier';
import { gateSteps } from '../../../bench/patches/gate-steps';
import type { Entry } from '../../../bench/patches/patch';
import { staleFigures } from '../../../bench/patches/run-summary';
import { ReplayBuilder } from '../../../bench/patches/replay-builder';
import { spectralCentroid } from '../../../bench/patches/spectral-centroid';
import { Prng } from '../../../core/synth/prng';
import { bright, dark, mixAt, ms, SR } from './synthetic-sounds';

/**
 * A recording as the bench gets it: the card started `startDelayMs` after the replay's first
 * instant and plays `bufferMs` behind the hand-over, gate k sounds `latencyMs[k]` after its edge
 * (what the engine reports), as entry `played[k]`.
 */
function recording(gatesS: readonly number[], latencyMs: readonly number[], played: readonly Entry[], startDelayMs = 230, bufferMs = 31) {
  const x = new Float32Array(Math.ceil((gatesS[gatesS.length - 1]! + 1) * SR));
  gatesS.forEach((t, k) => {
    const at = ms(t * 1000 + latencyMs[k]! + bufferMs - startDelayMs);
    mixAt(x, played[k] === 'A' ? dark(ms(250), 0.4) : bright(ms(250), 0.4, 0.08, k + 1), at);
  });
  return x;
}

describe('bench:patches audio analysis on a synthetic recording', () => {
  const rng = new Prng(5);
  const gatesS = Array.from({ length: 24 }, (_, k) => 1.2 + k * 0.3);
  const expected: Entry[] = gatesS.map((_, k) => (k % 2 === 0 ? 'B' : 'A'));
  const b = new ReplayBuilder(9);
  gatesS.forEach((t, k) => b.cv(t - 0.001, 1, expected[k] === 'A' ? -5 : 5).pulse(t, 1, 0.1));
  const gates = gateSteps(b.build());
  const latency = gatesS.map(() => rng.uniform(2, 6));
  const refs = buildReferences([
    { entry: 'A', centroidHz: spectralCentroid(dark(ms(30), 0.4), 0, ms(30), SR) },
    { entry: 'B', centroidHz: spectralCentroid(bright(ms(30), 0.4, 0.08, 99), 0, ms(30), SR) },
  ]);

  it('aligns the replay on the recording and measures each gate as the engine does', () => {
    const x = recording(gatesS, latency, expected);
    const a = analyseAudio({ x, sampleRate: SR, gates, metricMs: latency });
    assert.ok(Math.abs(a.offsetMs! - (31 - 230)) < 1, `offset ${a.offsetMs}`);
    a.gates.forEach((g, k) => assert.ok(g.audioMs !== undefined && Math.abs(g.audioMs - latency[k]!) < 0.5, `gate ${k}: ${g.audioMs} against ${latency[k]}`));
  });

  it('sees in the audio a gate the engine says was quick but that sounded late', () => {
    const heard = latency.map((l, k) => (k === 7 ? l + 40 : l));
    const a = analyseAudio({ x: recording(gatesS, heard, expected), sampleRate: SR, gates, metricMs: latency });
    assert.ok(Math.abs(a.gates[7]!.audioMs! - heard[7]!) < 0.5, `gate 7 heard at ${a.gates[7]!.audioMs} ms`);
  });

  it('counts no stale gate when every gate plays its own entry, with wide margins', () => {
    const a = analyseAudio({ x: recording(gatesS, latency, expected), sampleRate: SR, gates, metricMs: latency, expected, refs });
    const f = staleFigures(a);
    assert.equal(f.judged, gatesS.length);
    assert.equal(f.stale, 0);
    assert.ok(f.marginMin! > 0.5, `margin ${f.marginMin}`);
    assert.ok(f.rightSound.max! < 7, 'right from the onset');
  });

  it('lines the recording up on the gates as they reached the input when the patch cable ran behind', () => {
    // A cable held off a core plays the rest of the patch late, never squeezed: 4 % slow here,
    // 0.28 s behind by the last gate. The recording follows the gates as they were applied.
    const appliedS = gatesS.map((t) => t + 0.04 * (t - gatesS[0]!));
    const x = recording(appliedS, latency, expected);
    const a = analyseAudio({ x, sampleRate: SR, gates, metricMs: latency, appliedS, expected, refs });
    assert.ok(a.aligned, `aligned on ${a.alignedOn} of ${a.onsetsFound}`);
    assert.ok(Math.abs(a.offsetMs! - (31 - 230)) < 1, `offset ${a.offsetMs}`);
    a.gates.forEach((g, k) => assert.ok(g.audioMs !== undefined && Math.abs(g.audioMs - latency[k]!) < 0.5, `gate ${k}: ${g.audioMs} against ${latency[k]}`));
    assert.equal(staleFigures(a).stale, 0);
    assert.equal(staleFigures(a).judged, gatesS.length);
  });

  it('judges no gate stale from a recording that does not line up with the gates', () => {
    // The gates' times say nothing of this recording (a drifted cable and no applied times):
    // fewer than half of the onsets found agree on an offset, so nothing is judged.
    const appliedS = gatesS.map((t) => t + 0.1 * (t - gatesS[0]!));
    const a = analyseAudio({ x: recording(appliedS, latency, expected), sampleRate: SR, gates, metricMs: latency, expected, refs });
    assert.equal(a.aligned, false, `aligned on ${a.alignedOn} of ${a.onsetsFound} at ${a.offsetMs} ms`);
    assert.equal(staleFigures(a).judged, 0);
  });

  it('counts the gates that played the previous step\'s entry as stale', () => {
    const played = expected.map((e, k): Entry => ([3, 4, 10].includes(k) ? (e === 'A' ? 'B' : 'A') : e));
    const a = analyseAudio({ x: recording(gatesS, latency, played), sampleRate: SR, gates, metricMs: latency, expected, refs });
    assert.deepEqual(a.gates.flatMap((g, k) => (g.stale ? [k] : [])), [3, 4, 10]);
    assert.equal(staleFigures(a).neverRight, 3);
  });
});
