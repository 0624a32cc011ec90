import type { Host } from '../../core/host/host';
import type { SteppedClock } from './wait-for';

/** A performer's gestures on a booted host's emulated panel, each given the virtual time it takes. */
export interface PanelGestures {
  /** A short press of the encoder's button: held 60 ms, then 120 ms for the page to answer. */
  press(): Promise<void>;
  /** Turns the encoder `detents` (negative: back), then 120 ms for the page to answer. */
  turn(detents: number): Promise<void>;
}

/** Gestures on `host`'s emulated panel (a profile with emulated devices), timed on `clock`. */
export function panelGestures(host: Host, clock: SteppedClock): PanelGestures {
  const panel = () => host.emulated!.panel;
  return {
    async press() {
      panel().setButton(true);
      await clock.advance(60);
      panel().setButton(false);
      await clock.advance(120);
    },
    async turn(detents) {
      panel().turnEncoder(detents);
      await clock.advance(120);
    },
  };
}
