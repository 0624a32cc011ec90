// Stand-ins for patch cables: per CV jack an LFO (sine, triangle, square) or an attack-decay
// envelope fired by gate 1, added to the knob's value and clamped to the jack's range.

export const MOD_TICK_MS = 20;

export function lfoValue(shape, phase) {
  const p = phase - Math.floor(phase);
  if (shape === 'triangle') return p < 0.5 ? 4 * p - 1 : 3 - 4 * p;
  if (shape === 'square') return p < 0.5 ? 1 : -1;
  return Math.sin(2 * Math.PI * p);
}

/** Envelope level at `t` ms after its trigger: linear attack, exponential-ish decay. */
export function envelopeValue(t, attackMs, decayMs) {
  if (t < 0) return 0;
  if (t < attackMs) return t / attackMs;
  const d = (t - attackMs) / Math.max(1, decayMs);
  return d >= 5 ? 0 : Math.exp(-d * 1.5);
}

export class Modulator {
  constructor() {
    this.mode = 'off';
    this.shape = 'sine';
    this.rateHz = 0.5;
    this.depth = 2;
    this.attackMs = 10;
    this.decayMs = 400;
    this.triggeredAt = -Infinity;
  }

  /** Volts to add at time `now` (ms). */
  offset(now) {
    if (this.mode === 'lfo') return this.depth * lfoValue(this.shape, (now / 1000) * this.rateHz);
    if (this.mode === 'env') return this.depth * envelopeValue(now - this.triggeredAt, this.attackMs, this.decayMs);
    return 0;
  }

  trigger(now) {
    this.triggeredAt = now;
  }
}
