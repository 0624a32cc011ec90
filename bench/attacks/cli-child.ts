import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { readProc } from '../patches/proc-stats';

/** How a CLI command run by the bench ended, and what it took. */
export interface CliResult {
  /** Exit code; null when a signal ended it. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The bench stopped it at its time limit. */
  readonly timedOut: boolean;
  readonly ms: number;
  /** Peak resident memory (VmHWM, sampled every 20 ms until it exited), bytes. */
  readonly peakRssBytes: number;
  readonly stdout: string;
  readonly stderr: string;
}

const TAIL = 8000;

/**
 * `node bin/neurorack.js ARGS` as a user runs it, watched from outside: its peak memory from
 * /proc (VmHWM, which the kernel keeps, so a sample every 20 ms misses at most the last 20 ms) and
 * the tails of what it printed.
 */
export class CliChild {
  private out = '';
  private err = '';
  private peak = 0;
  private rss = 0;
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;
  private readonly exited: Promise<void>;

  static spawn(root: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): CliChild {
    return new CliChild(spawn(process.execPath, [join(root, 'bin', 'neurorack.js'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } }));
  }

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (d: Buffer) => (this.out = (this.out + d.toString()).slice(-TAIL)));
    child.stderr!.on('data', (d: Buffer) => (this.err = (this.err + d.toString()).slice(-TAIL)));
    this.timer = setInterval(() => this.sample(), 20);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Current and peak resident memory so far, bytes. */
  memory(): { rssBytes: number; peakRssBytes: number } {
    this.sample();
    return { rssBytes: this.rss, peakRssBytes: this.peak };
  }

  get stdout(): string {
    return this.out;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits up to `limitMs` for the command to end; past it, sends `signal` (then SIGKILL after 10 s). */
  async wait(limitMs: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<CliResult> {
    let timedOut = false;
    const limit = setTimeout(() => {
      timedOut = true;
      this.stop(signal);
    }, limitMs);
    await this.exited;
    clearTimeout(limit);
    clearInterval(this.timer);
    return { code: this.child.exitCode, signal: this.child.signalCode, timedOut, ms: performance.now() - this.started, peakRssBytes: this.peak, stdout: this.out, stderr: this.err };
  }

  /** Stops the command now with `signal`, and with SIGKILL if it is still there 10 s later. */
  stop(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (!this.running) return;
    this.child.kill(signal);
    if (signal !== 'SIGKILL') setTimeout(() => this.running && this.child.kill('SIGKILL'), 10_000).unref();
  }

  private sample(): void {
    const p = readProc(this.child.pid!);
    if (!p || !p.peakRss) return;
    this.peak = Math.max(this.peak, p.peakRss);
    this.rss = p.rss;
  }
}

/** The last line of a command's stderr that names a catalogue error (NR_...), else (with `orLast`) its last line. */
export function errorLine(stderr: string, orLast = true): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean).reverse();
  return lines.find((l) => /\bNR_[A-Z_]+\b/.test(l)) ?? (orLast ? lines[0] ?? '' : '');
}
