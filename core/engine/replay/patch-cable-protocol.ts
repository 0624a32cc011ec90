/** One jack event for the patch-cable thread: at `t` ms after the start, set a pin's jack volts. */
export interface CableEvent {
  readonly t: number;
  /** Index of the ADC chip (board order) and its input channel the jack is wired to. */
  readonly chip: number;
  readonly channel: number;
  readonly volts: number;
}

/** What the patch-cable thread is started with. */
export interface PatchCableInit {
  /** The emulated ADC chips' pins (EmulatedI2cGpioHardware.adcPins). */
  readonly adcPins: SharedArrayBuffer;
  readonly dividerRatio: number;
  readonly referenceVolts: number;
  /** performance.timeOrigin + start time of the replay, ms since the epoch (the same instant in every thread). */
  readonly startEpochMs: number;
  readonly events: readonly CableEvent[];
  /**
   * Float64 per event: when it was applied, ms since the epoch (NaN until then), written before
   * the pins change, so any scan that sees the change finds its time already there.
   */
  readonly applied: SharedArrayBuffer;
}
