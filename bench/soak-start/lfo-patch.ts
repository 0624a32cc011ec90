import type { PanelClient } from '../panel-client';

/** How often the panel sends modulated CVs (web/js/modulators.js MOD_TICK_MS). */
export const LFO_TICK_MS = 20;
/** The panel sends a CV only when it moved at least this much (web/js/panel.js CV_SEND_MIN_STEP). */
const CV_SEND_MIN_STEP = 0.005;

export type LfoShape = 'sine' | 'saw' | 'square';

export interface Lfo {
  readonly jack: number;
  readonly shape: LfoShape;
  readonly hz: number;
  /** Centre and depth, volts (the jack's range is -5..+5 V). */
  readonly centre: number;
  readonly depth: number;
}

/** The soak's patch: all four CVs as continuous LFOs from 0.2 to 10 Hz, and gate 1 as a clock. */
export const LFO_PATCH: { readonly lfos: readonly Lfo[]; readonly gateHz: number; readonly gateHighMs: number } = {
  lfos: [
    { jack: 1, shape: 'sine', hz: 0.2, centre: 0, depth: 4.5 },
    { jack: 2, shape: 'saw', hz: 1.3, centre: 0, depth: 4 },
    { jack: 3, shape: 'square', hz: 3.7, centre: 0.5, depth: 3 },
    { jack: 4, shape: 'sine', hz: 10, centre: -0.5, depth: 2.5 },
  ],
  gateHz: 3,
  gateHighMs: 40,
};

export function lfoVolts(lfo: Lfo, seconds: number): number {
  const phase = seconds * lfo.hz - Math.floor(seconds * lfo.hz);
  const unit = lfo.shape === 'sine' ? Math.sin(2 * Math.PI * phase) : lfo.shape === 'saw' ? 2 * phase - 1 : phase < 0.5 ? 1 : -1;
  return Math.min(5, Math.max(-5, lfo.centre + lfo.depth * unit));
}

/**
 * Plays the patch through the panel's own control messages, as the browser panel's modulators and
 * clock do: every LFO_TICK_MS each CV that moved, and gate 1 high for gateHighMs at gateHz.
 * Returns the function that stops it (and leaves the gate low).
 */
export function playLfoPatch(socket: PanelClient, patch = LFO_PATCH): () => void {
  const t0 = performance.now();
  const sent = new Map<number, number>();
  const cvTimer = setInterval(() => {
    const s = (performance.now() - t0) / 1000;
    for (const lfo of patch.lfos) {
      const v = Number(lfoVolts(lfo, s).toFixed(3));
      const last = sent.get(lfo.jack);
      if (last !== undefined && Math.abs(v - last) < CV_SEND_MIN_STEP) continue;
      sent.set(lfo.jack, v);
      socket.control({ type: 'cv', jack: lfo.jack, volts: v });
    }
  }, LFO_TICK_MS);
  let low: NodeJS.Timeout | undefined;
  const gateTimer = setInterval(() => {
    socket.control({ type: 'gate', jack: 1, state: 'high' });
    low = setTimeout(() => socket.control({ type: 'gate', jack: 1, state: 'low' }), patch.gateHighMs);
  }, 1000 / patch.gateHz);
  return () => {
    clearInterval(cvTimer);
    clearInterval(gateTimer);
    if (low) clearTimeout(low);
    socket.control({ type: 'gate', jack: 1, state: 'low' });
  };
}
