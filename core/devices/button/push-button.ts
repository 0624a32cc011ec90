import type { Device } from '../device';

export type ButtonEventType = 'down' | 'up' | 'short-press' | 'long-press';

export interface ButtonEvent {
  readonly type: ButtonEventType;
  /** Clock ms: of the edge for down/up/short-press, of the threshold for long-press. */
  readonly timeMs: number;
  /** For up, short-press and long-press: how long it was (or had been) held, ms. */
  readonly heldMs?: number;
}

/**
 * The panel's push button.
 *
 * Obligations:
 * - Debounced: bounces shorter than the debounce time produce no events.
 * - Every press gives `down`, later `up`, and exactly one of `short-press` (right after `up`, when
 *   held for less than the long-press time) or `long-press` (as soon as the long-press time is
 *   reached, while still held, so the UI can react without waiting for release).
 * - Listener errors never stop delivery.
 */
export interface PushButton extends Device {
  readonly kind: 'button';
  onEvent(listener: (event: ButtonEvent) => void): () => void;
  isDown(): boolean;
}
