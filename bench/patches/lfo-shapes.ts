/** LFO waveforms over phase in cycles, each in [-1, 1]. */
export type LfoShape = 'sine' | 'saw' | 'square';
export const LFO_SHAPES: readonly LfoShape[] = ['sine', 'saw', 'square'];

export function lfoValue(shape: LfoShape, cycles: number): number {
  const frac = cycles - Math.floor(cycles);
  switch (shape) {
    case 'sine':
      return Math.sin(2 * Math.PI * cycles);
    case 'saw':
      return 2 * frac - 1; // ramps up, falls at each cycle's end
    case 'square':
      return frac < 0.5 ? 1 : -1;
  }
}

/** One LFO patched into a jack: `center + depth * shape(hz * t + phase)`. */
export interface Lfo {
  readonly shape: LfoShape;
  readonly hz: number;
  readonly phase: number;
  readonly center: number;
  readonly depth: number;
}

export function lfoAt(l: Lfo, t: number): number {
  return l.center + l.depth * lfoValue(l.shape, l.hz * t + l.phase);
}
