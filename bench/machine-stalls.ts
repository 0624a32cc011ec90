import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

/** A wake of a probe later than it asked: when (epoch ms, when it was due), by how much, and on which CPU (null: a probe not held to one). */
export interface MachineStall {
  readonly atMs: number;
  readonly lateMs: number;
  readonly cpu?: number | null;
}

/** Stalls at least this long are counted in the reports: about the card's buffer less a block and a period. */
export const MACHINE_STALL_MS = 20;

/** What a window of time saw: stalls of MACHINE_STALL_MS or more, and the worst of any length. */
export interface MachineStallFigures {
  readonly stalls: number;
  readonly worstMs: number;
}

const LOG = /^machine-stalls(?:-cpu(\d+))?\.txt$/;

/** A probe's sleep (machine-stall-child.ts): it stamps a stall when that sleep was due, so the stall may have begun this much before. */
export const PROBE_SLEEP_MS = 2;

/**
 * Whether a stall of MACHINE_STALL_MS or more (seen by a probe on any CPU) overlapped
 * [fromMs, toMs] (epoch ms): every thread on the stalled CPU stopped during that span.
 */
export function stallOverlapping(fromMs: number, toMs: number, stalls: readonly MachineStall[]): boolean {
  return stalls.some((s) => s.lateMs >= MACHINE_STALL_MS && s.atMs - PROBE_SLEEP_MS <= toMs && s.atMs + s.lateMs >= fromMs);
}

/**
 * An independent witness to the machine's own stalls while a benchmark runs: processes of its own
 * (machine-stall-child.ts), one held to each CPU (taskset) where it can be, that sleep 2 ms at a
 * time at nice -15 and log every wake 10 ms or more late. On a shared or virtual machine the whole
 * system sometimes stops for tens of milliseconds (on this project's 2-core machines, quiet, 20-38
 * ms a few times a minute), and one virtual CPU alone now and then: every thread of the host on it
 * stops, its timers with it, and a probe on the other CPU sees nothing. An xrun there says more
 * about the machine than the host. The benchmarks report these stalls beside their xruns and
 * count the xruns that came within a second of one; they excuse nothing (the targets stay 0 xruns).
 */
export class MachineStallProbe {
  private constructor(private readonly children: readonly ChildProcess[], private readonly dir: string, private readonly files: readonly string[]) {}

  static start(dir: string): MachineStallProbe {
    const child = join(__dirname, 'machine-stall-child.js');
    const cpus = availableParallelism();
    const pinned = cpus > 1 && hasTaskset();
    const files = pinned ? Array.from({ length: cpus }, (_, cpu) => join(dir, `machine-stalls-cpu${cpu}.txt`)) : [join(dir, 'machine-stalls.txt')];
    const children = files.map((file, cpu) => (pinned ? spawn('taskset', ['--cpu-list', String(cpu), process.execPath, child, file], { stdio: 'ignore' }) : spawn(process.execPath, [child, file], { stdio: 'ignore' })));
    for (const c of children) c.unref();
    process.once('exit', () => children.forEach((c) => c.kill('SIGKILL'))); // never left behind, however the bench ends
    return new MachineStallProbe(children, dir, files);
  }

  /** Whether every probe has begun (each creates its log as it starts probing). */
  running(): boolean {
    return this.files.every((f) => existsSync(f));
  }

  /** The stalls logged between two epoch times (ms), by every probe, in time order. */
  stallsBetween(fromMs: number, toMs: number): MachineStall[] {
    if (!existsSync(this.dir)) return [];
    const stalls = readdirSync(this.dir).flatMap((name) => {
      const m = LOG.exec(name);
      if (!m) return [];
      const cpu = m[1] === undefined ? null : Number(m[1]);
      return readFileSync(join(this.dir, name), 'utf8').split('\n').flatMap((line) => {
        const [at, late] = line.split(' ').map(Number);
        return at !== undefined && late !== undefined && Number.isFinite(at) && Number.isFinite(late) && at >= fromMs && at <= toMs ? [{ atMs: at, lateMs: late, cpu }] : [];
      });
    });
    return stalls.sort((a, b) => a.atMs - b.atMs);
  }

  figuresBetween(fromMs: number, toMs: number): MachineStallFigures {
    return machineStallFigures(this.stallsBetween(fromMs, toMs));
  }

  stop(): void {
    for (const c of this.children) c.kill('SIGKILL');
  }
}

/** Whether util-linux's taskset is there to hold a probe to one CPU. */
function hasTaskset(): boolean {
  return spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Counts stalls of MACHINE_STALL_MS or more, once each however many CPUs' probes saw it (the same
 * stall is wakes of probes on other CPUs that overlap in time), and names the worst of any length.
 */
export function machineStallFigures(stalls: readonly MachineStall[]): MachineStallFigures {
  const big = stalls.filter((s) => s.lateMs >= MACHINE_STALL_MS).sort((a, b) => a.atMs - b.atMs);
  let count = 0;
  let last: MachineStall | undefined;
  for (const s of big) {
    const sameStall = last !== undefined && s.atMs <= last.atMs + last.lateMs && s.cpu != null && last.cpu != null && s.cpu !== last.cpu;
    if (!sameStall) {
      count++;
      last = s;
    }
  }
  return { stalls: count, worstMs: stalls.reduce((w, s) => Math.max(w, s.lateMs), 0) };
}

/** Of these xrun times (epoch ms, each known within `withinMs`), how many had a stall of MACHINE_STALL_MS or more within `withinMs` before. */
export function xrunsAtStalls(xrunAtMs: readonly number[], stalls: readonly MachineStall[], withinMs: number): number {
  const big = stalls.filter((s) => s.lateMs >= MACHINE_STALL_MS);
  return xrunAtMs.filter((x) => big.some((s) => s.atMs <= x && s.atMs >= x - withinMs)).length;
}
