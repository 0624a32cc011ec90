import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Replay } from '../../../core/engine/replay/replay-file';
import { runReplay, type ReplayResult } from '../../../core/host/replay-runner';
import { runCli } from '../../helpers/run-cli';
import { centroid } from '../engine/render-engine.test';
import { mono, rmsAt } from '../engine/replay/replay-audio';

/** Entry A is a dark membrane hit (1.1 s), entry B a bright one (0.9 s), both from the wood-and-skins bank. */
const ENTRIES = { bank: 'wood-and-skins', a: 'membrane-0005', b: 'membrane-0003' };

/**
 * CV1 to -5 V (entry A) at once; gates 1 at 0.4 s and, after a CV1 sweep to +5 V (entry B), at
 * 1.6 s; gate 2 held 2.6-3.6 s; a button press at 3.8 s opens the menu, a turn at 4.1 s moves it.
 */
const replay: Replay = {
  duration_s: 4.4,
  events: [
    { t: 0, type: 'cv', jack: 1, volts: -5 },
    { t: 0.4, type: 'gate', jack: 1, state: 'high' },
    { t: 0.5, type: 'gate', jack: 1, state: 'low' },
    ...Array.from({ length: 11 }, (_, i) => ({ t: 0.8 + i * 0.04, type: 'cv' as const, jack: 1, volts: -5 + i })),
    { t: 1.6, type: 'gate', jack: 1, state: 'high' },
    { t: 1.7, type: 'gate', jack: 1, state: 'low' },
    { t: 2.6, type: 'gate', jack: 2, state: 'high' },
    { t: 3.6, type: 'gate', jack: 2, state: 'low' },
    { t: 3.8, type: 'button', state: 'down' },
    { t: 3.86, type: 'button', state: 'up' },
    { t: 4.1, type: 'encoder', delta: 1 },
  ],
};

function play(framesDir?: string): Promise<ReplayResult> {
  return runReplay({ source: { profile: 'test' }, replay, entries: ENTRIES, framesDir });
}

describe('replay through the booted host (test profile, shipped model, virtual clock)', function () {
  this.timeout(120_000);
  let first: ReplayResult;
  let framesDir: string;

  before(async () => {
    framesDir = mkdtempSync(join(tmpdir(), 'nr-frames-'));
    first = await play(framesDir);
  });

  it('plays the shipped model and sounds every gate within a block plus the ADC scan of the edge', () => {
    const m = first.metrics;
    assert.equal(m.model, 'sinc-nsf-impacts-v1');
    assert.equal(m.gate_to_sound_ms.length, 3);
    assert.deepEqual(m.gate_at_s, [0.4, 1.6, 2.6], 'each counted gate at the instant it reached the input (virtual clock: its replay time)');
    for (const ms of m.gate_to_sound_ms) assert.ok(ms >= 0 && ms <= m.block_ms + 1000 / 200 + 1, `gate to sound ${ms} ms`);
    assert.equal(m.xruns, 0);
    assert.equal(m.events_ignored, 0, 'encoder and button events are played, not skipped');
    assert.ok(m.cv_to_audible_ms.length > 0);
    // CV1's first value (5 V from the jack's 0 V) and its sweep's 1 V stairs are steps; each reached the jack at its replay time.
    const cvTimes = replay.events.filter((e) => e.type === 'cv').map((e) => e.t);
    assert.deepEqual(m.cv_steps.map((c) => c.t), cvTimes.filter((_, k) => k !== 1), 'every CV1 event but the sweep\'s first (-5 V again)');
    assert.ok(m.cv_steps.every((c) => c.jack === 1 && Math.abs(c.at_s - c.t) < 1e-6), 'applied at their replay times (virtual clock)');
  });

  it('hears each gate in the WAV, CV1 moves the spectrum from A towards B, and gate 2 loops', () => {
    const x = mono(first.audio, first.channels, first.sampleRate);
    assert.ok(rmsAt(x, 0.2, 0.39) < 1e-3, 'silent before the first gate');
    assert.ok(rmsAt(x, 0.41, 0.6) > 0.005, 'gate 1 at 0.4 s sounds');
    assert.ok(rmsAt(x, 1.61, 1.8) > 0.005, 'gate 1 at 1.6 s sounds');
    const cA = centroid(x.subarray(Math.floor(0.405 * 22050), Math.floor(1.0 * 22050)));
    const cB = centroid(x.subarray(Math.floor(1.605 * 22050), Math.floor(2.2 * 22050)));
    assert.ok(cB > cA * 1.5, `centroid after the sweep ${cB.toFixed(0)} Hz vs before ${cA.toFixed(0)} Hz`);
    // Entry B lasts 0.88 s (to 2.48 s): sound through 2.8-3.5 s is the loop.
    assert.ok(rmsAt(x, 2.52, 2.59) < 1e-3, 'silent before gate 2');
    for (const t of [2.8, 3.1, 3.4]) assert.ok(rmsAt(x, t, t + 0.1) > 0.002, `loop sounding at ${t} s`);
    assert.ok(rmsAt(x, 3.8, 4.0) < 1e-3, 'loop stops after gate 2 falls');
  });

  it('writes a PNG each time the screen changed: the button opened the menu and the turn moved it', () => {
    assert.ok(first.frames.length >= 2, `${first.frames.length} frames`);
    const names = readdirSync(framesDir).filter((f) => f.endsWith('.png'));
    assert.equal(names.length, first.frames.length);
    const png = readFileSync(first.frames[first.frames.length - 1]!);
    assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
    const times = first.frames.map((f) => Number(/-(\d+)ms\.png$/.exec(f)![1]));
    assert.ok(times.some((t) => t > 3800 && t < 4050), `a frame after the press (${times.join(', ')})`);
    assert.ok(times.some((t) => t > 4100), `a frame after the turn (${times.join(', ')})`);
  });

  it('is deterministic: the same replay twice gives identical audio and metrics', async () => {
    const second = await play();
    assert.equal(second.audio.length, first.audio.length);
    assert.deepEqual(Buffer.from(second.audio.buffer, second.audio.byteOffset, second.audio.byteLength), Buffer.from(first.audio.buffer, first.audio.byteOffset, first.audio.byteLength));
    assert.deepEqual(second.metrics.gate_to_sound_ms, first.metrics.gate_to_sound_ms);
    assert.deepEqual(second.metrics.cv_to_audible_ms, first.metrics.cv_to_audible_ms);
  });

  it('neurorack run writes identical WAV bytes twice, metrics JSON and frames; bad input exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nr-run-'));
    writeFileSync(join(dir, 'r.json'), JSON.stringify(replay));
    for (const n of [1, 2]) {
      const res = await runCli(['run', '--profile', 'test', '--replay', join(dir, 'r.json'), '--bank', ENTRIES.bank, '--entry-a', ENTRIES.a, '--entry-b', ENTRIES.b,
        '--record', join(dir, `o${n}.wav`), '--metrics', join(dir, `m${n}.json`), ...(n === 1 ? ['--frames', join(dir, 'frames')] : [])]);
      assert.equal(res.code, 0, res.stderr);
    }
    assert.deepEqual(readFileSync(join(dir, 'o1.wav')), readFileSync(join(dir, 'o2.wav')));
    const m = JSON.parse(readFileSync(join(dir, 'm1.json'), 'utf8'));
    for (const k of ['xruns', 'gate_to_sound_ms', 'cv_to_audible_ms', 'cold_start_ms', 'scheduler', 'screen_frames']) assert.ok(k in m, k);
    assert.ok(Object.keys(m.scheduler).includes('engine-audio'));
    assert.ok(readdirSync(join(dir, 'frames')).length >= 2);
    const missing = await runCli(['run', '--replay', join(dir, 'missing.json'), '--metrics', join(dir, 'x.json')]);
    assert.equal(missing.code, 2);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ duration_s: 1, events: [{ t: 0.5, type: 'encoder', delta: 'x' }] }));
    const bad = await runCli(['run', '--replay', join(dir, 'bad.json'), '--metrics', join(dir, 'x.json')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.json/);
  });
});
