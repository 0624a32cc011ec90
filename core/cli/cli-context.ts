import type { Writable } from 'node:stream';

/** What every CLI command gets: its output streams (tests pass their own) and the working folder. */
export interface CliContext {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly cwd: string;
}
