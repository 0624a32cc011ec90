/** A handle returned by {@link Clock.setTimer}; pass it to {@link Clock.clearTimer}. */
export interface TimerHandle {
  readonly id: number;
}

/**
 * Time as the host sees it. Everything that waits or timestamps (drivers, emulators, the scheduler)
 * takes a Clock by injection, so tests run on a virtual clock faster than real time and
 * deterministically.
 *
 * Obligations:
 * - `now()` is monotonic (never decreases) and in milliseconds, with sub-millisecond precision.
 * - A timer never fires before its due time; timers due at the same time fire in the order they
 *   were set.
 * - `sleep(ms)` resolves no earlier than `now() + ms`.
 * - `real` is true when `now()` is `performance.now()` (real time), so other threads can keep the
 *   same time on their own.
 * - `hold(work)` returns `work`; until it settles, time on a clock that moves only when advanced
 *   stands still (real work such as a model load must not cost virtual time). A real clock cannot
 *   stand still and simply returns `work`.
 * - `advanceTo(t)` resolves once `now() >= t`, having fired every timer due by then: a clock that
 *   moves only when advanced moves itself there; a real clock waits.
 *
 * Code that must behave differently by clock uses these capabilities (or the choices the
 * composition root makes once, core/container/clock-choices.ts), never the clock's class.
 */
export interface Clock {
  readonly real?: boolean;
  now(): number;
  setTimer(callback: () => void, delayMs: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
  sleep(ms: number): Promise<void>;
  hold<T>(work: Promise<T>): Promise<T>;
  advanceTo(targetMs: number): Promise<void>;
}
