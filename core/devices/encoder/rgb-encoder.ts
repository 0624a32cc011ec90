import type { Device } from '../device';

export interface TurnEvent {
  /** Detents since the previous event: positive clockwise. */
  readonly delta: number;
  /** Detents since open(). */
  readonly position: number;
  readonly timeMs: number;
}

/**
 * The RGB rotary encoder.
 *
 * Obligations:
 * - `open()` checks the chip (a wrong chip id or no answer leaves the device `missing` with the
 *   reason, never a rejection) and sets up the encoder and the LED.
 * - Turns are reported as `turn` events with the change since the last one; no detent is lost
 *   while fewer than 128 detents pass between two polls (see CountExtender).
 * - `poll()` reads the count once; `start()` polls every pollMs on the injected clock.
 * - `setColor(r, g, b)` (0..255 each) sets the LED; it never rejects. A colour asked for while
 *   the chip is away is applied once it is back.
 * - After a fault clears, the chip is re-set-up if it lost its configuration.
 */
export interface RgbEncoder extends Device {
  readonly kind: 'encoder';
  onTurn(listener: (event: TurnEvent) => void): () => void;
  position(): number;
  poll(): Promise<void>;
  start(): void;
  stop(): void;
  setColor(r: number, g: number, b: number): Promise<void>;
}
