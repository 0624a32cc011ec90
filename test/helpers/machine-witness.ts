import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MACHINE_STALL_MS, MachineStallProbe, type MachineStall } from '../../bench/machine-stalls';
import { heldAsleep, machineExplains, machineNear, underrunVerdict } from '../../bench/underrun-lines';
import { UNDERRUN_RECORDS_KEPT, type UnderrunRecord } from '../../core/devices/audio-out/shared-pcm-ring';

/**
 * The machine's own stalls while a real-clock test runs, from the benchmarks' probes (one process
 * held to each CPU, bench/machine-stalls.ts). A writer that never runs dry by its own fault still
 * does when the machine stops the virtual CPU it is on for longer than the card holds (on these
 * machines, 35-180 ms now and then). A test that says "never runs dry" then asks which of its
 * underruns no stall explains: those are faults, and the others are named in its message.
 */
export class MachineWitness {
  private constructor(private readonly probe: MachineStallProbe, private readonly dir: string, private readonly since: number) {}

  /** Starts the probes; give them a moment (`settle`) before the part of the test that counts. */
  static start(): MachineWitness {
    const dir = mkdtempSync(join(tmpdir(), 'nr-machine-witness-'));
    return new MachineWitness(MachineStallProbe.start(dir), dir, Date.now());
  }

  /** Waits until every probe has begun logging (its file exists), at most `ms`. */
  async settle(ms = 2000): Promise<void> {
    const until = Date.now() + ms;
    while (!this.probe.running() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  }

  private stalls(): MachineStall[] {
    return this.probe.stallsBetween(this.since, Date.now() + 1000);
  }

  /** The machine's stalls of 20 ms or more (MACHINE_STALL_MS) since `fromMs` (epoch ms), on any CPU. */
  stallsSince(fromMs: number): MachineStall[] {
    return this.probe.stallsBetween(fromMs, Date.now() + 1000).filter((s) => s.lateMs >= MACHINE_STALL_MS);
  }

  /**
   * The underruns that are the code's faults: neither a machine stall the probes saw explains
   * them, nor a writer held asleep past the wake it asked for (heldAsleep: the system did not run
   * it, on a CPU the probes may not have been waiting on just then).
   */
  unexplained(records: readonly UnderrunRecord[]): UnderrunRecord[] {
    const stalls = this.stalls();
    return records.filter((u) => !machineExplains(u, stalls) && !heldAsleep(u));
  }

  /** One line per underrun: whose it was, and the machine's stall near it. */
  describe(records: readonly UnderrunRecord[]): string {
    const stalls = this.stalls();
    return records.map((u) => `${underrunVerdict(u)}; ${machineNear(u.dueAt, stalls)}`).join(' | ') || 'none recorded';
  }

  /**
   * Asserts that a device that must never run dry by its own fault did not: each of its xruns is
   * an underrun the card recorded (a block lost on the way is a fault), and a machine stall
   * explains every one.
   */
  assertNoFaultyXruns(path: { readonly xruns: number; underrunRecords(): readonly UnderrunRecord[] }, what = 'the device'): void {
    if (path.xruns === 0) return;
    const records = path.underrunRecords();
    const says = `${what} ran dry ${path.xruns} times: ${this.describe(records)}`;
    assert.ok(records.length >= Math.min(path.xruns, UNDERRUN_RECORDS_KEPT), `${says} (${records.length} of them underruns the card recorded)`);
    assert.deepEqual(this.unexplained(records), [], `${says} (none may come without a stall of the machine or a writer held asleep past its wake)`);
  }

  stop(): void {
    this.probe.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A witness for the tests of the calling `describe`: its probes run from before the first to after the last. */
export function witnessTheMachine(): { readonly current: MachineWitness } {
  let witness: MachineWitness | undefined;
  before(async () => {
    witness = MachineWitness.start();
    await witness.settle();
  });
  after(() => witness?.stop());
  return {
    get current(): MachineWitness {
      if (!witness) throw new Error('witnessTheMachine(): the witness starts in the describe\'s before hook');
      return witness;
    },
  };
}
