import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildContainer } from '../../../../core/container/build-container';
import { Tokens } from '../../../../core/container/tokens';
import { AdditiveRenderer } from '../../../../core/engine/additive-renderer';
import { fallbackEntries } from '../../../../core/engine/default-entries';
import type { Replay } from '../../../../core/engine/replay/replay-file';
import { runReplay, type ReplayResult } from '../../../../core/engine/replay/replay-runner';
import { runCli } from '../../../helpers/run-cli';
import { centroid } from '../render-engine.test';

/** Gates 1 at 0.2 s (CV1 0 V) and 1.2 s (CV1 5 V), a CV1 sweep between, gate 2 held 2.0-3.0 s. */
const replay: Replay = {
  duration_s: 3.6,
  events: [
    { t: 0.2, type: 'gate', jack: 1, state: 'high' },
    { t: 0.3, type: 'gate', jack: 1, state: 'low' },
    ...Array.from({ length: 11 }, (_, i) => ({ t: 0.6 + i * 0.04, type: 'cv' as const, jack: 1, volts: i * 0.5 })),
    { t: 1.2, type: 'gate', jack: 1, state: 'high' },
    { t: 1.3, type: 'gate', jack: 1, state: 'low' },
    { t: 2.0, type: 'gate', jack: 2, state: 'high' },
    { t: 3.0, type: 'gate', jack: 2, state: 'low' },
  ],
};

async function play(): Promise<ReplayResult> {
  const c = buildContainer({ profile: 'test' });
  return runReplay({ config: c.resolve(Tokens.Rack).config, replay, plugins: c.resolve(Tokens.Plugins), renderer: new AdditiveRenderer(), entries: fallbackEntries() });
}

/** Mono at 22050 from the card's interleaved 48 kHz recording (nearest sample; enough for analysis). */
function mono(r: ReplayResult): Float32Array {
  const frames = r.audio.length / r.channels;
  const n = Math.floor((frames * 22050) / r.sampleRate);
  return Float32Array.from({ length: n }, (_, i) => r.audio[Math.floor((i * r.sampleRate) / 22050) * r.channels]!);
}

function rmsAt(x: Float32Array, fromS: number, toS: number): number {
  let s = 0;
  const a = Math.floor(fromS * 22050);
  const b = Math.floor(toS * 22050);
  for (let i = a; i < b; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / (b - a));
}

describe('replay through the emulated module', function () {
  this.timeout(60000);
  let first: ReplayResult;

  before(async () => {
    first = await play();
  });

  it('sounds every gate, within a block plus the ADC scan of the edge', () => {
    const m = first.metrics;
    assert.equal(m.gate_to_sound_ms.length, 3);
    for (const ms of m.gate_to_sound_ms) assert.ok(ms >= 0 && ms <= m.block_ms + 1000 / 200 + 1, `gate to sound ${ms} ms`);
    assert.equal(m.xruns, 0);
    assert.ok(m.cv_to_audible_ms.length > 0);
  });

  it('hears each gate in the WAV, CV1 moves the spectrum from A towards B, and gate 2 loops', () => {
    const x = mono(first);
    // The recording starts when the instrument is ready; events are relative to that.
    assert.ok(rmsAt(x, 0.1, 0.19) < 1e-3, 'silent before the first gate');
    assert.ok(rmsAt(x, 0.21, 0.4) > 0.01, 'gate 1 at 0.2 s sounds');
    assert.ok(rmsAt(x, 1.21, 1.4) > 0.01, 'gate 1 at 1.2 s sounds');
    const cA = centroid(x.subarray(Math.floor(0.205 * 22050)));
    const cB = centroid(x.subarray(Math.floor(1.205 * 22050)));
    assert.ok(cB > cA * 1.5, `centroid after the sweep ${cB.toFixed(0)} Hz vs before ${cA.toFixed(0)} Hz`);
    // Entry B's impact is shorter than 0.8 s; sound through 2.3-2.9 s is the loop.
    assert.ok(rmsAt(x, 1.9, 1.99) < 1e-3, 'silent before gate 2');
    for (const t of [2.2, 2.5, 2.8]) assert.ok(rmsAt(x, t, t + 0.1) > 0.005, `loop sounding at ${t} s`);
    assert.ok(rmsAt(x, 3.3, 3.5) < 1e-3, 'loop stops after gate 2 falls');
  });

  it('is deterministic: the same replay twice gives identical audio', async () => {
    const second = await play();
    assert.deepEqual(Buffer.from(second.audio.buffer), Buffer.from(first.audio.buffer));
    assert.deepEqual(second.metrics.gate_to_sound_ms, first.metrics.gate_to_sound_ms);
  });

  it('neurorack run writes identical WAV bytes twice and metrics JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nr-run-'));
    writeFileSync(join(dir, 'r.json'), JSON.stringify(replay));
    for (const n of [1, 2]) {
      const res = await runCli(['run', '--profile', 'test', '--replay', join(dir, 'r.json'), '--record', join(dir, `o${n}.wav`), '--metrics', join(dir, `m${n}.json`)]);
      assert.equal(res.code, 0, res.stderr);
    }
    assert.deepEqual(readFileSync(join(dir, 'o1.wav')), readFileSync(join(dir, 'o2.wav')));
    const m = JSON.parse(readFileSync(join(dir, 'm1.json'), 'utf8'));
    for (const k of ['xruns', 'gate_to_sound_ms', 'cv_to_audible_ms', 'cold_start_ms', 'scheduler']) assert.ok(k in m, k);
    assert.ok(Object.keys(m.scheduler).includes('engine-audio'));
    const bad = await runCli(['run', '--replay', join(dir, 'missing.json'), '--metrics', join(dir, 'x.json')]);
    assert.equal(bad.code, 2);
  });
});
