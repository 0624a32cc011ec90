import type { Prng } from '../../core/synth/prng';
import { standardReplay } from '../latency';
import { lfoAt, LFO_SHAPES, type Lfo, type LfoShape } from './lfo-shapes';
import { span, type PatchContext, type PatchSpec } from './patch';
import { ReplayBuilder } from './replay-builder';

/** The patches of issue #22's matrix that need no particular entries. */
export const idle: PatchSpec = {
  name: 'idle',
  summary: 'no events at all',
  build: (_rng, ctx) => ({ replay: new ReplayBuilder(ctx.seconds).build(), notes: 'no events' }),
};

export const slow: PatchSpec = {
  name: 'slow',
  summary: 'bench:latency\'s patch: CVs every 100 ms, gates at 2 Hz',
  build: (_rng, ctx) => {
    const b = new ReplayBuilder(ctx.seconds);
    const { events } = standardReplay(ctx.seconds - ctx.leadInS, 2) as { events: Array<{ t: number; type: string; jack: number; volts?: number; state?: string }> };
    for (const e of events) {
      if (e.type === 'cv') b.cv(e.t + ctx.leadInS, e.jack, e.volts!);
      else b.gate(e.t + ctx.leadInS, e.jack, e.state === 'high');
    }
    return { replay: b.build(), notes: 'as bench:latency, shifted by the lead-in' };
  },
};

export const lfo: PatchSpec = {
  name: 'lfo',
  summary: 'four LFOs 0.2-10 Hz (sine/saw/square), a new value every ADC scan; gate 1 at 8 Hz',
  build: (rng, ctx) => {
    const b = new ReplayBuilder(ctx.seconds);
    const { from, to } = span(ctx);
    const shapes = shuffled(rng, [...LFO_SHAPES, rng.pick(LFO_SHAPES)]);
    const lfos = shapes.map((shape) => randomLfo(rng, shape, 0.2, 10));
    scanLfos(b, rng, ctx, lfos.map((l, i) => ({ jack: i + 1, lfo: l })), from, to);
    const start = from + rng.uniform(0, 0.125);
    for (let t = start; t < to; t += 1 / 8) b.pulse(t, 1, 1 / 16);
    return { replay: b.build(), notes: describeLfos(lfos.map((l, i) => ({ jack: i + 1, lfo: l }))) };
  },
};

export const sequencer: PatchSpec = {
  name: 'sequencer',
  summary: 'four stepped CVs changing 0-2 ms before each gate, steps at 4-16 Hz, gate 1 high ~half a step',
  build: (rng, ctx) => {
    const b = new ReplayBuilder(ctx.seconds);
    const { from, to } = span(ctx);
    const rates: number[] = [];
    let rate = 0;
    let step = 0;
    for (let t = from + 0.01; t < to; step++) {
      if (step % 16 === 0) rates.push((rate = rng.uniform(4, 16))); // a new tempo every 16 steps
      const period = 1 / rate;
      for (let jack = 1; jack <= 4; jack++) {
        // A step may repeat its value on a jack, as a sequencer's row does.
        if (step === 0 || rng.chance(0.8)) b.cv(t - rng.uniform(0, 0.002), jack, jack === 2 ? rng.uniform(-2, 4) : rng.uniform(-5, 5));
      }
      b.pulse(t, 1, period * rng.uniform(0.4, 0.6));
      t += period;
    }
    return { replay: b.build(), notes: `tempi ${rates.map((r) => r.toFixed(1)).join(', ')} Hz` };
  },
};

export const ratchet: PatchSpec = {
  name: 'ratchet',
  summary: 'bursts of gate 1 at 20 Hz, gate 2 held high (loop), CV2 scrubbing as an LFO, the other CVs fast LFOs',
  build: (rng, ctx) => {
    const b = new ReplayBuilder(ctx.seconds);
    const { from, to } = span(ctx);
    const scrub: Lfo = { shape: rng.pick(['sine', 'saw'] as const), hz: rng.logUniform(0.1, 1), phase: rng.next(), center: 2.5, depth: rng.uniform(1.5, 2.5) };
    const fast = [1, 3, 4].map((jack) => ({ jack, lfo: randomLfo(rng, rng.pick(LFO_SHAPES), 3, 10) }));
    const all = [{ jack: 2, lfo: scrub }, ...fast].sort((x, y) => x.jack - y.jack);
    scanLfos(b, rng, ctx, all, from, to);
    let bursts = 0;
    for (let t = from + rng.uniform(0, 0.2); t < to; bursts++) {
      const n = rng.int(2, 8);
      for (let i = 0; i < n; i++) b.pulse(t + i * 0.05, 1, 0.025);
      t += n * 0.05 + rng.uniform(0.2, 0.8);
    }
    let loops = 0;
    for (let t = from + rng.uniform(0.3, 1.5); t < to; loops++) {
      const hold = Math.min(rng.uniform(1.5, 4), to - t);
      b.pulse(t, 2, hold);
      t += hold + rng.uniform(0.8, 2.5);
    }
    return { replay: b.build(), notes: `${bursts} bursts, ${loops} loops; ${describeLfos(all)}` };
  },
};

export const abuse: PatchSpec = {
  name: 'abuse',
  summary: 'one CV at audio rate (a sine of some hundreds of Hz, 2000 values a second), gate 1 toggling at 1 kHz',
  build: (rng, ctx) => {
    const b = new ReplayBuilder(ctx.seconds);
    const { from, to } = span(ctx);
    const jack = rng.int(1, 4);
    const hz = rng.uniform(200, 900);
    const depth = rng.uniform(2, 5);
    for (let j = 1; j <= 4; j++) if (j !== jack) b.cv(from, j, rng.uniform(-3, 3));
    b.sample(jack, from, to, 1 / 2000, (t) => depth * Math.sin(2 * Math.PI * hz * t));
    for (let t = from; t < to; t += 0.001) b.pulse(t, 1, 0.0005);
    return { replay: b.build(), notes: `CV${jack}: ${hz.toFixed(0)} Hz sine of ${depth.toFixed(1)} V at 2 kHz` };
  },
};

export const MATRIX_PATCHES: readonly PatchSpec[] = [idle, slow, lfo, sequencer, ratchet, abuse];

function randomLfo(rng: Prng, shape: LfoShape, minHz: number, maxHz: number): Lfo {
  const depth = rng.uniform(0.5, 5);
  return { shape, hz: rng.logUniform(minHz, maxHz), phase: rng.next(), depth, center: rng.uniform(-(5 - depth), 5 - depth) };
}

/** Each LFO sampled at the scan rate, on a grid offset at random from the ADC's own. */
function scanLfos(b: ReplayBuilder, rng: Prng, ctx: PatchContext, lfos: ReadonlyArray<{ jack: number; lfo: Lfo }>, from: number, to: number): void {
  const step = 1 / ctx.scanHz;
  for (const { jack, lfo } of lfos) b.sample(jack, from + rng.uniform(0, step), to, step, (t) => lfoAt(lfo, t));
}

function describeLfos(lfos: ReadonlyArray<{ jack: number; lfo: Lfo }>): string {
  return lfos.map(({ jack, lfo: l }) => `CV${jack} ${l.shape} ${l.hz.toFixed(2)} Hz ${l.center.toFixed(1)}±${l.depth.toFixed(1)} V`).join(', ');
}

function shuffled<T>(rng: Prng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
