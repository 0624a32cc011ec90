import type { Clock } from '../../scheduler/clock';
import type { GpioEdgeEvent, GpioInput, GpioOutput } from './gpio-line';

type Listener = (event: GpioEdgeEvent) => void;

/**
 * Writes `history` keeps per output line, at least (up to twice as many between trims). The
 * display's DC line changes at every SPI transfer, about 90 times a second: kept whole, a
 * running `npm start` grew by 5,000 objects a minute, for as long as it ran.
 */
export const GPIO_HISTORY_LIMIT = 256;

/**
 * An emulated GPIO controller, as the kernel shows one: a label, a base number and `ngpio` lines.
 * Test controls: `setLevel(offset, v)` drives an input line as a patch cable would (edges reach
 * watchers immediately, timestamped by the clock), `level(offset)` reads what an output line is set
 * to, `history(offset)` lists the latest levels written to an output (at least the last
 * {@link GPIO_HISTORY_LIMIT}), with their times, and `writeCount(offset)` counts them all.
 */
export class EmulatedGpioChip {
  private readonly levels: Array<0 | 1>;
  private readonly listeners = new Map<number, Listener>();
  private readonly writes = new Map<number, { log: Array<{ value: 0 | 1; timeMs: number }>; total: number }>();

  constructor(
    readonly label: string,
    readonly base: number,
    readonly ngpio: number,
    private readonly clock: Clock,
  ) {
    this.levels = new Array<0 | 1>(ngpio).fill(1);
  }

  /** Whether this chip holds the kernel line number `line`. */
  owns(line: number): boolean {
    return line >= this.base && line < this.base + this.ngpio;
  }

  input(line: number): GpioInput {
    const offset = this.offsetOf(line);
    const chip = this;
    return {
      line,
      read: async () => chip.levels[offset]!,
      watch: (listener) => void chip.listeners.set(offset, listener),
      unwatch: () => void chip.listeners.delete(offset),
      close: async () => void chip.listeners.delete(offset),
    };
  }

  output(line: number): GpioOutput {
    const offset = this.offsetOf(line);
    const chip = this;
    return {
      line,
      write: async (value) => {
        chip.levels[offset] = value;
        let line = chip.writes.get(offset);
        if (!line) chip.writes.set(offset, (line = { log: [], total: 0 }));
        line.log.push({ value, timeMs: chip.clock.now() });
        line.total++;
        if (line.log.length >= 2 * GPIO_HISTORY_LIMIT) line.log.splice(0, line.log.length - GPIO_HISTORY_LIMIT);
      },
      close: async () => undefined,
    };
  }

  /** Test control: drive an input line; watchers see the edge if the level changed. */
  setLevel(offset: number, value: 0 | 1): void {
    if (this.levels[offset] === value) return;
    this.levels[offset] = value;
    this.listeners.get(offset)?.({ value, timeMs: this.clock.now() });
  }

  /** Test control: the level of a line (what an output was last set to). */
  level(offset: number): 0 | 1 {
    return this.levels[offset]!;
  }

  /** Test control: the latest levels written to an output line (at least the last GPIO_HISTORY_LIMIT), oldest first. */
  history(offset: number): ReadonlyArray<{ value: 0 | 1; timeMs: number }> {
    return this.writes.get(offset)?.log ?? [];
  }

  /** Test control: how many levels were ever written to an output line (`history` ends with the latest of them). */
  writeCount(offset: number): number {
    return this.writes.get(offset)?.total ?? 0;
  }

  private offsetOf(line: number): number {
    if (!this.owns(line)) throw new RangeError(`line ${line} is not on gpiochip ${this.label} (base ${this.base}, ${this.ngpio} lines)`);
    return line - this.base;
  }
}
