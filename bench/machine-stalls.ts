import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A wake of the probe later than it asked: when (epoch ms, when it was due) and by how much. */
export interface MachineStall {
  readonly atMs: number;
  readonly lateMs: number;
}

/** Stalls at least this long are counted in the reports: about the card's buffer less a block and a period. */
export const MACHINE_STALL_MS = 20;

/** What a window of time saw: stalls of MACHINE_STALL_MS or more, and the worst of any length. */
export interface MachineStallFigures {
  readonly stalls: number;
  readonly worstMs: number;
}

/**
 * An independent witness to the machine's own stalls while a benchmark runs: a process of its own
 * (machine-stall-child.ts) that sleeps 2 ms at a time at nice -15 and logs every wake 10 ms or more
 * late. On a shared or virtual machine the whole system sometimes stops for tens of milliseconds
 * (on this project's 2-core machines, quiet, 20-38 ms a few times a minute): every thread of the
 * host stops with it, and an xrun there says more about the machine than the host. The benchmarks
 * report these stalls beside their xruns and count the xruns that came within a second of one;
 * they excuse nothing (the targets stay 0 xruns).
 */
export class MachineStallProbe {
  private constructor(private readonly child: ChildProcess, private readonly file: string) {}

  static start(dir: string): MachineStallProbe {
    const file = join(dir, 'machine-stalls.txt');
    const child = spawn(process.execPath, [join(__dirname, 'machine-stall-child.js'), file], { stdio: 'ignore' });
    child.unref();
    process.once('exit', () => child.kill('SIGKILL')); // never left behind, however the bench ends
    return new MachineStallProbe(child, file);
  }

  /** The stalls logged between two epoch times (ms). */
  stallsBetween(fromMs: number, toMs: number): MachineStall[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8').split('\n').flatMap((line) => {
      const [at, late] = line.split(' ').map(Number);
      return at !== undefined && late !== undefined && Number.isFinite(at) && Number.isFinite(late) && at >= fromMs && at <= toMs ? [{ atMs: at, lateMs: late }] : [];
    });
  }

  figuresBetween(fromMs: number, toMs: number): MachineStallFigures {
    return machineStallFigures(this.stallsBetween(fromMs, toMs));
  }

  stop(): void {
    this.child.kill('SIGKILL');
  }
}

export function machineStallFigures(stalls: readonly MachineStall[]): MachineStallFigures {
  return { stalls: stalls.filter((s) => s.lateMs >= MACHINE_STALL_MS).length, worstMs: stalls.reduce((w, s) => Math.max(w, s.lateMs), 0) };
}

/** Of these xrun times (epoch ms, each known within `withinMs`), how many had a stall of MACHINE_STALL_MS or more within `withinMs` before. */
export function xrunsAtStalls(xrunAtMs: readonly number[], stalls: readonly MachineStall[], withinMs: number): number {
  const big = stalls.filter((s) => s.lateMs >= MACHINE_STALL_MS);
  return xrunAtMs.filter((x) => big.some((s) => s.atMs <= x && s.atMs >= x - withinMs)).length;
}
