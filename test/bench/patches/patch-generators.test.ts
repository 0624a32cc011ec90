import { strict as assert } from 'node:assert';
import { gateSteps } from '../../../bench/patches/gate-steps';
import { abuse, idle, lfo, ratchet, sequencer, slow } from '../../../bench/patches/matrix-patches';
import type { GeneratedPatch, PatchContext, PatchSpec } from '../../../bench/patches/patch';
import { stale, staleAfter, staleHeld, staleLate, staleReference, VOLTS } from '../../../bench/patches/stale-patches';
import { checkReplay, type ReplayEvent } from '../../../core/engine/replay/replay-file';
import { SchemaRegistry } from '../../../core/schemas/schema-registry';
import { Prng } from '../../../core/synth/prng';

const CTX: PatchContext = { seconds: 12, leadInS: 1, scanHz: 200 };
const SEEDS = [1, 2, 3, 4, 5];
const gen = (p: PatchSpec, seed: number, ctx = CTX): GeneratedPatch => p.build(new Prng(seed), ctx);
const highs = (events: readonly ReplayEvent[], jack: number) => events.filter((e) => e.type === 'gate' && e.jack === jack && e.state === 'high').map((e) => e.t);
const cvs = (events: readonly ReplayEvent[], jack?: number) => events.filter((e): e is Extract<ReplayEvent, { type: 'cv' }> => e.type === 'cv' && (jack === undefined || e.jack === jack));
/** Replay times are rounded to 10 us. */
const EPS = 2e-5;

describe('bench:patches generators', () => {
  const schemas = new SchemaRegistry();

  it('every patch is a valid replay, quiet during the lead-in, the same for a seed and new for another', () => {
    for (const p of [idle, slow, lfo, sequencer, ratchet, abuse, stale, staleHeld, staleLate, staleAfter, staleReference]) {
      const a = gen(p, 7);
      checkReplay(JSON.parse(JSON.stringify(a.replay)), p.name, schemas);
      assert.equal(a.replay.duration_s, CTX.seconds);
      assert.ok(a.replay.events.every((e) => e.t >= CTX.leadInS || (e.type === 'cv' && e.t === 0)), `${p.name}: nothing but resting CVs before the lead-in ends`);
      assert.deepEqual(gen(p, 7).replay, a.replay, `${p.name}: same seed, same replay`);
      if (![idle, slow].includes(p)) assert.notDeepEqual(gen(p, 8).replay, a.replay, `${p.name}: another seed, another replay`);
      assert.ok(cvs(a.replay.events).every((e) => e.volts >= -5 && e.volts <= 5), `${p.name}: CVs within the jacks' range`);
    }
  });

  it('lfo: every jack gets a new value at every ADC scan, the three shapes appear, gate 1 at 8 Hz', () => {
    for (const seed of SEEDS) {
      const p = gen(lfo, seed);
      for (let jack = 1; jack <= 4; jack++) {
        const t = cvs(p.replay.events, jack).map((e) => e.t);
        assert.ok(t.length > (CTX.seconds - 1.5) * 200 * 0.95, `jack ${jack}: ${t.length} values`);
        for (let i = 1; i < t.length; i++) assert.ok(Math.abs(t[i]! - t[i - 1]! - 1 / CTX.scanHz) < EPS, `jack ${jack} steps by one scan`);
      }
      for (const shape of ['sine', 'saw', 'square']) assert.match(p.notes, new RegExp(shape), `seed ${seed}: a ${shape}`);
      const hz = [...p.notes.matchAll(/ ([\d.]+) Hz/g)].map((m) => Number(m[1]));
      assert.ok(hz.length === 4 && hz.every((f) => f >= 0.2 && f <= 10), p.notes);
      const g = highs(p.replay.events, 1);
      for (let i = 1; i < g.length; i++) assert.ok(Math.abs(g[i]! - g[i - 1]! - 0.125) < EPS);
    }
  });

  it('sequencer: each CV changes 0-2 ms before a gate, steps at 4-16 Hz, gate 1 high about half a step', () => {
    for (const seed of SEEDS) {
      const { events } = gen(sequencer, seed).replay;
      const g = highs(events, 1);
      const lows = events.filter((e) => e.type === 'gate' && e.state === 'low').map((e) => e.t);
      for (let i = 1; i < g.length; i++) {
        const step = g[i]! - g[i - 1]!;
        assert.ok(step >= 1 / 16 - EPS && step <= 1 / 4 + EPS, `step ${step}`);
        const high = lows[i - 1]! - g[i - 1]!;
        assert.ok(high >= 0.4 * step - EPS && high <= 0.6 * step + EPS, `high ${high} of ${step}`);
      }
      for (const e of cvs(events)) {
        const next = g.find((t) => t >= e.t - EPS)!;
        assert.ok(next - e.t >= -EPS && next - e.t <= 0.002 + EPS, `CV at ${e.t} is ${((next - e.t) * 1000).toFixed(3)} ms before its gate`);
      }
      const steps = gateSteps({ duration_s: CTX.seconds, events });
      assert.ok(steps.filter((s) => s.stepped).length >= 0.9 * steps.length, 'almost every step jumps a CV by 0.5 V or more');
    }
  });

  it('ratchet: bursts at 20 Hz on gate 1, gate 2 held for the loop, CV2 slow and the rest fast', () => {
    for (const seed of SEEDS) {
      const p = gen(ratchet, seed);
      const g = highs(p.replay.events, 1);
      const gaps = g.slice(1).map((t, i) => t - g[i]!);
      assert.ok(gaps.some((d) => Math.abs(d - 0.05) < EPS), 'repeats 50 ms apart');
      assert.ok(gaps.every((d) => Math.abs(d - 0.05) < EPS || d >= 0.25 - EPS), 'bursts apart by at least 0.2 s of rest');
      assert.ok(highs(p.replay.events, 2).length >= 1, 'gate 2 loops');
      const cv2 = /CV2 \w+ ([\d.]+) Hz/.exec(p.notes)!;
      assert.ok(Number(cv2[1]) <= 1, p.notes);
    }
  });

  it('abuse: one CV at 2000 values a second, gate 1 rising every 1 ms', () => {
    const p = gen(abuse, 3);
    const jack = Number(/CV(\d)/.exec(p.notes)![1]);
    const fast = cvs(p.replay.events, jack);
    assert.ok(Math.abs(fast[101]!.t - fast[100]!.t - 0.0005) < EPS);
    const g = highs(p.replay.events, 1);
    assert.ok(g.length > (CTX.seconds - 1.5) * 1000 * 0.95 && Math.abs(g[11]! - g[10]! - 0.001) < EPS);
  });

  describe('the stale family', () => {
    /** CV1 at each gate (events at the gate's instant count), and where its last change was. */
    const atGates = (p: GeneratedPatch) => {
      const out: Array<{ t: number; volts: number; changedS: number; nextChangeS: number }> = [];
      let volts = 0;
      let changed = -Infinity;
      const ev = p.replay.events;
      ev.forEach((e, i) => {
        if (e.type === 'cv' && e.jack === 1) [volts, changed] = [e.volts, e.t];
        if (e.type === 'gate' && e.state === 'high') {
          const next = ev.slice(i + 1).find((x) => x.type === 'cv' && x.jack === 1);
          out.push({ t: e.t, volts, changedS: e.t - changed, nextChangeS: next ? next.t - e.t : Infinity });
        }
      });
      return out;
    };

    it('stale: CV1 alternates -5 V / +5 V, changed 0-2 ms before each gate, and each gate expects the entry its CV1 holds', () => {
      for (const seed of SEEDS) {
        const p = gen(stale, seed);
        const g = atGates(p);
        assert.equal(p.expected!.length, g.length);
        g.forEach((x, k) => {
          assert.ok(x.changedS >= -EPS && x.changedS <= 0.002 + EPS, `gate ${k}: changed ${x.changedS * 1000} ms before`);
          assert.equal(x.volts, VOLTS[p.expected![k]!]);
          assert.equal(p.expected![k], k % 2 === 0 ? 'B' : 'A');
        });
        for (let k = 1; k < g.length; k++) assert.ok(g[k]!.t - g[k - 1]!.t >= 0.2 - EPS && g[k]!.t - g[k - 1]!.t <= 0.4 + EPS);
        assert.ok(cvs(p.replay.events).filter((e) => e.jack !== 1).every((e) => e.volts === 0), 'other CVs rest at 0 V');
      }
    });

    it('stale-late and stale-after: the change comes 0.1-2 ms or 30-50 ms after each gate, so each gate holds the other entry than expected', () => {
      for (const seed of SEEDS) {
        for (const [spec, lo, hi] of [[staleLate, 0.0001, 0.002], [staleAfter, 0.03, 0.05]] as const) {
          const p = gen(spec, seed);
          atGates(p).forEach((x, k) => {
            assert.ok(x.nextChangeS >= lo - EPS && x.nextChangeS <= hi + EPS, `${spec.name} gate ${k}: change ${x.nextChangeS * 1000} ms after`);
            assert.notEqual(x.volts, VOLTS[p.expected![k]!], 'at the gate CV1 still holds the previous step');
          });
        }
      }
    });

    it('stale-held and the reference: CV1 still for over a second before every gate, as expected', () => {
      for (const seed of SEEDS) {
        for (const spec of [staleHeld, staleReference]) {
          const p = gen(spec, seed);
          const g = atGates(p);
          g.forEach((x, k) => {
            assert.equal(x.volts, VOLTS[p.expected![k]!]);
            assert.ok(k === 0 || x.changedS >= 1.0 || g[k - 1]!.volts === x.volts, `${spec.name} gate ${k}: CV1 changed ${x.changedS} s before`);
            assert.ok(x.changedS >= 1.0 || x.volts === VOLTS.A, `${spec.name} gate ${k}`);
          });
          assert.ok(p.expected!.includes('A') && p.expected!.includes('B'), `${spec.name}: both entries`);
        }
        const ref = gen(staleReference, seed, { ...CTX, seconds: 12 }).expected!;
        assert.equal(ref.lastIndexOf('A') + 1, ref.indexOf('B'), 'the reference: one block of A, then B');
      }
    });
  });
});
