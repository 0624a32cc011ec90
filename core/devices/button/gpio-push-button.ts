import type { Clock, TimerHandle } from '../../scheduler/clock';
import type { DeviceHealth } from '../device';
import type { GpioInput } from '../gpio/gpio-line';
import { LockoutDebouncer } from '../gpio/lockout-debouncer';
import type { ButtonEvent, PushButton } from './push-button';

export interface GpioPushButtonOptions {
  /** The opened input line (both edges); real (onoff) or emulated. */
  readonly line: GpioInput;
  readonly clock: Clock;
  readonly binding: 'real' | 'emulated';
  readonly activeLow: boolean;
  readonly debounceMs: number;
  readonly longPressMs: number;
  readonly id?: string;
}

/** The push button on a GPIO line, debounced (leading edge) and timed on the injected clock. */
export class GpioPushButton implements PushButton {
  readonly kind = 'button' as const;
  readonly id: string;
  readonly binding: 'real' | 'emulated';
  readonly address: string;
  private readonly listeners = new Set<(event: ButtonEvent) => void>();
  private debouncer: LockoutDebouncer | undefined;
  private downAt: number | undefined;
  private longTimer: TimerHandle | undefined;
  private longFired = false;
  private failure: string | undefined;
  private closed = false;

  constructor(private readonly options: GpioPushButtonOptions) {
    this.id = options.id ?? 'button';
    this.binding = options.binding;
    this.address = `gpio${options.line.line}${options.activeLow ? ' active-low' : ''}`;
  }

  async open(): Promise<void> {
    if (this.debouncer) return;
    const pressed: 0 | 1 = this.options.activeLow ? 0 : 1;
    let level: 0 | 1 = pressed === 0 ? 1 : 0;
    try {
      level = await this.options.line.read();
    } catch (err) {
      this.failure = `${this.address}: ${(err as Error).message}`;
    }
    // A button held at start-up counts as released until it is seen going up and down again.
    const initial: 0 | 1 = level === pressed ? (pressed === 0 ? 1 : 0) : level;
    this.debouncer = new LockoutDebouncer(this.options.clock, this.options.debounceMs, initial, (value, timeMs) =>
      value === pressed ? this.pressed(timeMs) : this.released(timeMs),
    );
    const debouncer = this.debouncer;
    this.options.line.watch((event) => debouncer.input(event.value, event.timeMs));
  }

  health(): DeviceHealth {
    return this.failure ? { status: 'degraded', detail: this.failure } : { status: 'ok', detail: this.address };
  }

  onEvent(listener: (event: ButtonEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  isDown(): boolean {
    return this.downAt !== undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.debouncer?.dispose();
    if (this.longTimer) this.options.clock.clearTimer(this.longTimer);
    this.options.line.unwatch();
    await this.options.line.close().catch(() => undefined);
    this.listeners.clear();
  }

  private pressed(timeMs: number): void {
    this.downAt = timeMs;
    this.longFired = false;
    this.emit({ type: 'down', timeMs });
    const due = timeMs + this.options.longPressMs;
    this.longTimer = this.options.clock.setTimer(() => {
      this.longTimer = undefined;
      this.longFired = true;
      this.emit({ type: 'long-press', timeMs: due, heldMs: this.options.longPressMs });
    }, due - this.options.clock.now());
  }

  private released(timeMs: number): void {
    if (this.downAt === undefined) return;
    const heldMs = timeMs - this.downAt;
    this.downAt = undefined;
    if (this.longTimer) this.options.clock.clearTimer(this.longTimer);
    this.longTimer = undefined;
    this.emit({ type: 'up', timeMs, heldMs });
    if (!this.longFired) this.emit({ type: 'short-press', timeMs, heldMs });
  }

  private emit(event: ButtonEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // a listener's bug must not stop the button
      }
    }
  }
}
