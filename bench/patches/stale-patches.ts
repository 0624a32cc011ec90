import type { Prng } from '../../core/synth/prng';
import { span, type Entry, type GeneratedPatch, type PatchContext, type PatchSpec } from './patch';
import { ReplayBuilder } from './replay-builder';

/**
 * The sample-and-hold family: CV1 at -5 V (entry A, morph 0) or +5 V (entry B, morph 1) around
 * gate 1's edges, the other CVs held at 0 V (scrub at the start of the impact, no transient
 * shaping, no variation). Gates come every 0.2-0.4 s, long enough for the previous impact's tail to
 * fall well below the next attack, so the first tens of ms after each onset can be told A or B.
 */
export const VOLTS: Record<Entry, number> = { A: -5, B: 5 };

function start(ctx: PatchContext): ReplayBuilder {
  const b = new ReplayBuilder(ctx.seconds);
  for (let jack = 1; jack <= 4; jack++) b.cv(0, jack, jack === 1 ? VOLTS.A : 0);
  return b;
}

/**
 * A to B and back at every gate, starting with B (CV1 rests at A before the first gate); each
 * change `offset()` s from its gate (negative: before it).
 */
function alternating(rng: Prng, ctx: PatchContext, offset: () => number): GeneratedPatch {
  const b = start(ctx);
  const { from, to } = span(ctx);
  const expected: Entry[] = [];
  for (let t = from + 0.2; t < to - 0.1; t += rng.uniform(0.2, 0.4)) {
    const entry: Entry = expected.length % 2 === 0 ? 'B' : 'A';
    b.cv(t + offset(), 1, VOLTS[entry]);
    b.pulse(t, 1, 0.1);
    expected.push(entry);
  }
  return { replay: b.build(), expected, notes: `${expected.length} gates` };
}

/**
 * Gates in blocks that each hold one entry; CV1 switches in the pause between blocks, at least
 * 1.1 s before the next block, so every gate's CV1 has been still for about a second (far beyond
 * any CV-to-audible figure): what each gate must sound like is beyond doubt.
 */
function blocks(rng: Prng, ctx: PatchContext, size: () => number): GeneratedPatch {
  const b = start(ctx);
  const { from, to } = span(ctx);
  const expected: Entry[] = [];
  let entry: Entry = 'A';
  let t = from + 0.2;
  for (let block = 0; t < to - 0.1; block++) {
    if (block > 0) {
      entry = entry === 'A' ? 'B' : 'A';
      b.cv(t, 1, VOLTS[entry]);
      t += rng.uniform(1.1, 1.5);
    }
    for (let n = size(); n > 0 && t < to - 0.1; n--) {
      b.pulse(t, 1, 0.1);
      expected.push(entry);
      t += rng.uniform(0.25, 0.4);
    }
  }
  return { replay: b.build(), expected, notes: `${expected.length} gates` };
}

export const stale: PatchSpec = {
  name: 'stale',
  summary: 'CV1 -5 V / +5 V alternating 0-2 ms before each gate (sample and hold), entries A and B far apart in centroid',
  contrastEntries: true,
  build: (rng, ctx) => alternating(rng, ctx, () => -rng.uniform(0, 0.002)),
};

/** Classifier check: CV1 still for about a second before every gate: no gate may come out stale. */
export const staleHeld: PatchSpec = {
  name: 'stale-held',
  summary: 'check: blocks of 2-5 gates at A or at B, CV1 still for >1 s before each gate (0 stale expected)',
  contrastEntries: true,
  check: true,
  build: (rng, ctx) => blocks(rng, ctx, () => rng.int(2, 5)),
};

/**
 * Measured, with no verdict: each step's CV1 change comes 0.1-2 ms AFTER its gate. Judged against
 * the step's entry a gate that plays the previous step counts stale, but no ADC can tell a change
 * this close after the edge from one at it (an engine that scans the CVs at the edge hears it).
 */
export const staleLate: PatchSpec = {
  name: 'stale-late',
  summary: 'measured: CV1 alternating 0.1-2 ms AFTER each gate (the ADC cannot tell it from a change at the edge)',
  contrastEntries: true,
  check: true,
  build: (rng, ctx) => alternating(rng, ctx, () => rng.uniform(0.0001, 0.002)),
};

/**
 * Classifier check: each step's CV1 change comes 30-50 ms after its gate, when the gate's sound
 * has started on the previous step's render; judged against the step's entry every attack is
 * stale by construction, so the classifier must call the first 10 ms of each one wrong.
 */
export const staleAfter: PatchSpec = {
  name: 'stale-after',
  summary: 'check: CV1 alternating 30-50 ms after each gate (every attack stale by construction)',
  contrastEntries: true,
  check: true,
  build: (rng, ctx) => alternating(rng, ctx, () => rng.uniform(0.03, 0.05)),
};

/** The reference centroids: one block of gates at A, then one at B. */
export const staleReference: PatchSpec = {
  name: 'stale-reference',
  summary: 'reference centroids: a block of gates at A, then one at B, CV1 still for >1 s before each',
  contrastEntries: true,
  check: true,
  build: (rng, ctx) => {
    const { from, to } = span(ctx);
    const perBlock = Math.max(2, Math.floor((to - from - 1.8) / 0.65));
    return blocks(rng, ctx, () => perBlock);
  },
};

/**
 * Gate 2 held while CV1 steps between A and B every 0.25-0.5 s and CV3 (transient) and CV4
 * (variation) move as LFOs, so that renders follow each other without rest; CV2 puts the loop
 * anywhere in the impact's first 30 %. Judged from the audio (loop-follow.ts): how long after each step
 * the loop sounds like the new entry, against the loop's own references (CV1 rests at A for the
 * loop's first 1.2 s and at B for its last 1.3 s). Six gates at A before the loop put the
 * recording on the replay's time.
 */
export const loopFollowPatch: PatchSpec = {
  name: 'loop',
  summary: 'gate 2 held; CV1 A/B steps every 0.25-0.5 s, CV3 and CV4 LFOs: how soon the loop sounds like each step (from the audio)',
  contrastEntries: true,
  build: (rng, ctx) => {
    const b = start(ctx);
    const { from, to } = span(ctx);
    let t = from + 0.1;
    for (let k = 0; k < 6; k++, t += 0.3) b.pulse(t, 1, 0.05);
    const loopFrom = t + 0.2;
    const loopTo = to - 0.05;
    b.pulse(loopFrom, 2, loopTo - loopFrom);
    const lfo = (jack: number, center: number, depth: number): void => {
      const hz = rng.uniform(2, 8);
      const phase = rng.next();
      b.sample(jack, loopFrom - 0.5, loopTo, 1 / ctx.scanHz, (u) => center + depth * Math.sin(2 * Math.PI * (hz * u + phase)));
    };
    // Where the loop reads: from the start of the impact to 30 % into it (the scrub's 0-1.5 V).
    const scrubVolts = rng.uniform(0, 1.5);
    b.cv(loopFrom - 0.5, 2, scrubVolts);
    // Gentle to wide: the transient's and the variation's LFOs change the sound as much as a
    // performer would, some seeds far more than a sequencer's step of CV1 does.
    lfo(3, 0, rng.uniform(0.5, 4));
    lfo(4, 1.5, rng.uniform(0.3, 3));
    const holds: Array<{ entry: Entry; from: number; to: number }> = [{ entry: 'A', from: loopFrom, to: loopFrom + 1.2 }];
    const steps: Array<{ t: number; entry: Entry; until: number }> = [];
    const lastHold = loopTo - 1.3;
    let entry: Entry = 'A';
    for (let u = loopFrom + 1.2; u < lastHold; u += rng.uniform(0.25, 0.5)) {
      entry = entry === 'A' ? 'B' : 'A';
      steps.push({ t: u, entry, until: 0 });
    }
    if (entry !== 'B') steps.push({ t: lastHold, entry: (entry = 'B'), until: 0 });
    holds.push({ entry: 'B', from: steps[steps.length - 1]!.t, to: loopTo });
    const timed = steps.map((s, k) => ({ ...s, until: steps[k + 1]?.t ?? loopTo }));
    for (const s of timed) b.cv(s.t, 1, VOLTS[s.entry]);
    return { replay: b.build(), loop: { holds, steps: timed }, notes: `${timed.length} CV1 steps under the loop, scrub at ${scrubVolts.toFixed(2)} V` };
  },
};

export const STALE_PATCHES: readonly PatchSpec[] = [stale, loopFollowPatch];
export const STALE_CHECKS: readonly PatchSpec[] = [staleHeld, staleAfter, staleLate];
