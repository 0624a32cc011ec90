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
  /**
   * The start signal: Int32 [0] is 0 until the replay starts (1) or the cable is unplugged before
   * it (2), Float64 [1] the replay's start, performance.timeOrigin + start time, ms since the epoch
   * (the same instant in every thread), written before [0].
   */
  readonly start: SharedArrayBuffer;
  readonly events: readonly CableEvent[];
  /**
   * Float64 per event: when it was applied, ms since the epoch (NaN until then), written before
   * the pins change, so any scan that sees the change finds its time already there.
   */
  readonly applied: SharedArrayBuffer;
}

/** The start signal's states (PatchCableInit.start, Int32 [0]). */
export const enum CableStart {
  waiting = 0,
  go = 1,
  unplugged = 2,
}
