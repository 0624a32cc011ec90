/**
 * The test controls of the emulated panel, as a patch cable and a hand would use them. Events
 * enter at the chips (a CV sets the emulated jack voltage that the ADS1015 converts), so whatever
 * drives the panel exercises the real drivers.
 */
export interface VirtualPanel {
  /** Jack 1..4, volts at the jack. */
  setCvVolts(jack: number, volts: number): void;
  /** Jack 1..2: a gate at `highVolts` (default 5 V) or 0 V (ADC gates), or the line level (GPIO). */
  setGate(jack: number, high: boolean): void;
  setButton(down: boolean): void;
  turnEncoder(detents: number): void;
  /** What the encoder's LED shows, 0..255 per colour. */
  ledColor(): { r: number; g: number; b: number };
}

/** Gate jack volts the panel applies for a high gate. */
export const PANEL_GATE_HIGH_VOLTS = 5;
