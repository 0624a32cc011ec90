/** A GPIO line resolved to the kernel's number (see gpio-numbering), as the drivers use it. */

export type Edge = 'rising' | 'falling' | 'both';

/** A level change, timestamped by the host's Clock when the event reached the driver (ms). */
export interface GpioEdgeEvent {
  readonly value: 0 | 1;
  readonly timeMs: number;
}

/**
 * An input line.
 * Obligations: `read()` returns the current level; `watch()` delivers every edge of the configured
 * kind in order, each once; `unwatch()` stops delivery; `close()` releases the line (idempotent).
 */
export interface GpioInput {
  readonly line: number;
  read(): Promise<0 | 1>;
  watch(listener: (event: GpioEdgeEvent) => void): void;
  unwatch(): void;
  close(): Promise<void>;
}

/** An output line. Obligations: `write()` resolves once the level is set; `close()` is idempotent. */
export interface GpioOutput {
  readonly line: number;
  write(value: 0 | 1): Promise<void>;
  close(): Promise<void>;
}
