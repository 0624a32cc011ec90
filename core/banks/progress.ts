import { SingleBar } from 'cli-progress';
import type { Writable } from 'node:stream';

/** Progress of a long job, one tick per item. */
export interface Progress {
  start(total: number, label: string): void;
  tick(item: string): void;
  stop(): void;
}

/** Reports nothing: for tests, pipes and library callers. */
export const silentProgress: Progress = { start() {}, tick() {}, stop() {} };

/**
 * A cli-progress bar on `stream` when it is a terminal, otherwise silent (so logs and tests never
 * see bar redraws).
 */
export function progressFor(stream: Writable): Progress {
  if (!(stream as Writable & { isTTY?: boolean }).isTTY) return silentProgress;
  const bar = new SingleBar({
    stream: stream as NodeJS.WritableStream,
    format: '{label} [{bar}] {value}/{total} {item}',
    hideCursor: true,
    clearOnComplete: true,
  });
  return {
    start: (total, label) => bar.start(total, 0, { label, item: '' }),
    tick: (item) => bar.increment(1, { item }),
    stop: () => bar.stop(),
  };
}
