import type { Clock } from '../../scheduler/clock';
import type { DeviceHealth } from '../device';
import type { GpioInput } from '../gpio/gpio-line';
import { LockoutDebouncer } from '../gpio/lockout-debouncer';
import type { GateEvent, GateInputs } from './gate-inputs';
import { GateListeners } from './gate-listeners';

export interface GpioGatesOptions {
  /** Opened input lines (both edges) by jack number; real (onoff) or emulated lines alike. */
  readonly lines: ReadonlyMap<number, GpioInput>;
  readonly debounceMs: number;
  readonly clock: Clock;
  readonly binding: 'real' | 'emulated';
  /** A gate input stage that inverts (transistor to ground) reads 0 when the gate is high. */
  readonly activeLow?: boolean;
  readonly id?: string;
}

/** Gates on GPIO inputs with edge interrupts, debounced on the injected clock (leading edge). */
export class GpioGates implements GateInputs {
  readonly kind = 'gate' as const;
  readonly id: string;
  readonly binding: 'real' | 'emulated';
  readonly address: string;
  readonly jacks: readonly number[];
  private readonly listeners = new GateListeners();
  private readonly debouncers = new Map<number, LockoutDebouncer>();
  private failure: string | undefined;
  private closed = false;

  constructor(private readonly options: GpioGatesOptions) {
    this.id = options.id ?? 'gates';
    this.binding = options.binding;
    this.jacks = [...options.lines.keys()].sort((a, b) => a - b);
    this.address = this.jacks.map((j) => `gate${j}=gpio${options.lines.get(j)!.line}`).join(' ');
  }

  async open(): Promise<void> {
    const active = this.options.activeLow ? 0 : 1;
    for (const jack of this.jacks) {
      if (this.debouncers.has(jack)) continue;
      const line = this.options.lines.get(jack)!;
      let level: 0 | 1 = active === 1 ? 0 : 1;
      try {
        level = await line.read();
      } catch (err) {
        this.failure = `gate${jack} gpio${line.line}: ${(err as Error).message}`;
      }
      const debouncer = new LockoutDebouncer(this.options.clock, this.options.debounceMs, level, (value, timeMs) => {
        this.listeners.emit({ jack, edge: value === active ? 'rising' : 'falling', timeMs });
      });
      this.debouncers.set(jack, debouncer);
      line.watch((event) => debouncer.input(event.value, event.timeMs));
    }
  }

  health(): DeviceHealth {
    return this.failure ? { status: 'degraded', detail: this.failure } : { status: 'ok', detail: this.address };
  }

  onEdge(listener: (event: GateEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  isHigh(jack: number): boolean {
    const level = this.debouncers.get(jack)?.level;
    return level !== undefined && level === (this.options.activeLow ? 0 : 1);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const d of this.debouncers.values()) d.dispose();
    for (const line of this.options.lines.values()) {
      line.unwatch();
      await line.close().catch(() => undefined);
    }
    this.listeners.clear();
  }
}
