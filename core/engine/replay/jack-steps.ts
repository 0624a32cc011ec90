import { STEP_WINDOW_MS } from '../cv-steps';
import { STEP_VOLTS } from '../render-volts';

/**
 * Issue #22's stepped gate, judged at the jacks: a CV jumped by STEP_VOLTS or more (from one value
 * to the next on a jack) within STEP_WINDOW_MS before the gate, by the times the replay's events
 * really reached the jacks. A realtime replay's patch cables can fall behind their timeline (each
 * event more than 1 ms late moves the rest of the patch), so the replay file's times alone can call
 * a gate 29 ms after a saw's reset not stepped when the jacks saw the reset 12 ms before it.
 * Allocates nothing per event.
 */
export class JackSteps {
  private readonly volts = new Map<number, number>();
  private lastJumpAt = -Infinity;

  /** A CV event applied at `atMs` (jacks start at 0 V); returns whether it was a step. */
  cv(jack: number, volts: number, atMs: number): boolean {
    const step = Math.abs(volts - (this.volts.get(jack) ?? 0)) >= STEP_VOLTS;
    if (step) this.lastJumpAt = atMs;
    this.volts.set(jack, volts);
    return step;
  }

  /** Whether a gate applied at `atMs` is stepped. */
  stepped(atMs: number): boolean {
    return atMs - this.lastJumpAt <= STEP_WINDOW_MS;
  }
}
