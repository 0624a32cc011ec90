import type { Device } from '../device';

export interface GateEvent {
  /** 1 or 2, as on the panel. */
  readonly jack: number;
  readonly edge: 'rising' | 'falling';
  /** When the edge was seen (clock ms): the conversion time for ADC gates, arrival for GPIO ones. */
  readonly timeMs: number;
}

/**
 * The gate inputs.
 *
 * Obligations:
 * - Each listener gets every accepted edge once, in time order, rising and falling alternating per
 *   jack (never two risings in a row).
 * - Debounced: after an accepted edge, changes shorter than the debounce time (ADC gates: the
 *   re-arm time after a rising edge) produce no event.
 * - `isHigh(jack)` is the debounced level now. Listener errors never stop delivery.
 * - When the underlying lines or ADC fail, no spurious edges are produced and `health()` says so.
 */
export interface GateInputs extends Device {
  readonly kind: 'gate';
  readonly jacks: readonly number[];
  onEdge(listener: (event: GateEvent) => void): () => void;
  isHigh(jack: number): boolean;
}
