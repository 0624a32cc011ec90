import type { Clock, TimerHandle } from '../../scheduler/clock';

/**
 * Leading-edge debouncing on the injected clock: an edge is accepted at once (no added latency,
 * which matters for gate-to-sound time), then changes are ignored for `debounceMs`; if the line
 * ends the lockout at a level other than the accepted one, that level is accepted then.
 */
export class LockoutDebouncer {
  private accepted: 0 | 1;
  private raw: 0 | 1;
  private lockedUntil = -Infinity;
  private timer: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly debounceMs: number,
    initial: 0 | 1,
    private readonly onAccept: (value: 0 | 1, timeMs: number) => void,
  ) {
    this.accepted = initial;
    this.raw = initial;
  }

  get level(): 0 | 1 {
    return this.accepted;
  }

  input(value: 0 | 1, timeMs: number): void {
    this.raw = value;
    if (timeMs < this.lockedUntil) {
      if (!this.timer) this.timer = this.clock.setTimer(() => this.endLockout(), this.lockedUntil - this.clock.now());
      return;
    }
    if (value !== this.accepted) this.accept(value, timeMs);
  }

  dispose(): void {
    if (this.timer) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  private endLockout(): void {
    this.timer = undefined;
    if (this.raw !== this.accepted) this.accept(this.raw, this.lockedUntil);
  }

  private accept(value: 0 | 1, timeMs: number): void {
    this.accepted = value;
    this.lockedUntil = timeMs + this.debounceMs;
    this.onAccept(value, timeMs);
  }
}
