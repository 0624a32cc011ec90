import type { Replay } from '../../core/engine/replay/replay-file';

/** Issue #22: a gate is stepped when a CV jumped by this much ... */
export const STEP_VOLTS = 0.5;
/** ... within this long before it. */
export const STEP_WINDOW_S = 0.02;

export interface GateStep {
  /** Replay time of the gate's rising edge, s. */
  readonly t: number;
  readonly jack: number;
  /** A CV jumped by STEP_VOLTS or more (one event to the next on a jack) within STEP_WINDOW_S before the gate. */
  readonly stepped: boolean;
  /** The largest such jump, V (0: none in the window). */
  readonly jumpVolts: number;
  /** How long before the gate the latest CV1 change came, s (Infinity: none yet). */
  readonly cv1AgeS: number;
}

/**
 * Every rising gate of a replay in order, as the latency probe counts them (each `high` event on a
 * jack the rack assigns), with whether it is stepped. A CV event at the gate's instant that comes
 * before it in the replay counts as present at the gate. Jacks start at 0 V.
 */
export function gateSteps(replay: Replay, jacks: readonly number[] = [1, 2]): GateStep[] {
  const volts = new Map<number, number>();
  const jumps: Array<{ t: number; size: number }> = [];
  let cv1At = -Infinity;
  const out: GateStep[] = [];
  for (const e of replay.events) {
    if (e.type === 'cv') {
      const size = Math.abs(e.volts - (volts.get(e.jack) ?? 0));
      volts.set(e.jack, e.volts);
      if (size >= STEP_VOLTS) jumps.push({ t: e.t, size });
      if (e.jack === 1 && size > 0) cv1At = e.t;
    } else if (e.type === 'gate' && e.state === 'high' && jacks.includes(e.jack)) {
      while (jumps.length && jumps[0]!.t < e.t - STEP_WINDOW_S) jumps.shift();
      const jumpVolts = jumps.reduce((m, j) => Math.max(m, j.size), 0);
      out.push({ t: e.t, jack: e.jack, stepped: jumpVolts > 0, jumpVolts, cv1AgeS: e.t - cv1At });
    }
  }
  return out;
}

/**
 * The gates with `stepped` as the jacks saw it (metrics' gate_stepped, in the same order, one per
 * counted gate), where the run reports it: a realtime replay's cables can fall behind the file's
 * timeline, and the issue's definition is about the CVs at the jack before the gate. Gates past
 * the reported ones (not reached before the run ended) keep the replay file's judgement.
 */
export function steppedAtTheJacks(gates: readonly GateStep[], atJacks: readonly boolean[] | undefined): GateStep[] {
  if (!atJacks) return [...gates];
  return gates.map((g, k) => (k < atJacks.length && atJacks[k] !== g.stepped ? { ...g, stepped: atJacks[k]! } : g));
}

/**
 * The gates with `cv1AgeS` as the jacks saw it: from each gate's edge as it reached its jack
 * (metrics' gate_at_s) back to CV1's latest step of STEP_VOLTS or more that reached its jack by
 * then (metrics' cv_steps). Issue #22's rule (a change 1 ms or more before the gate is the
 * gate's) is about the jacks: a cable that ran late moved a step of the file 1.09 ms before its
 * gate to 0.89 ms before it. Gates with no such step, or past the reported ones, keep the file's age.
 */
export function cv1AtTheJacks(gates: readonly GateStep[], gateAtS: readonly number[] | undefined, cvSteps: ReadonlyArray<{ jack: number; at_s: number }> | undefined): GateStep[] {
  if (!gateAtS || !cvSteps) return [...gates];
  const cv1 = cvSteps.filter((s) => s.jack === 1).map((s) => s.at_s).sort((a, b) => a - b);
  return gates.map((g, k) => {
    const at = gateAtS[k];
    if (at === undefined) return g;
    let latest: number | undefined;
    for (const s of cv1) {
      if (s > at) break;
      latest = s;
    }
    return latest === undefined ? g : { ...g, cv1AgeS: at - latest };
  });
}
