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
