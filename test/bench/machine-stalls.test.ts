import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MACHINE_STALL_MS, MachineStallProbe, machineStallFigures, xrunsAtStalls } from '../../bench/machine-stalls';

describe('bench machine stalls (the benchmarks\' witness to the machine stopping)', () => {
  it('starts a probe held to each CPU where taskset can hold it, each logging to its own file', async function () {
    if (availableParallelism() < 2 || spawnSync('taskset', ['--version']).status !== 0) this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'nr-stalls-'));
    const probe = MachineStallProbe.start(dir);
    try {
      for (let i = 0; i < 100 && readdirSync(dir).length < availableParallelism(); i++) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(readdirSync(dir).sort(), Array.from({ length: availableParallelism() }, (_, cpu) => `machine-stalls-cpu${cpu}.txt`).sort());
    } finally {
      probe.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts the stalls of MACHINE_STALL_MS or more and names the worst of any length', () => {
    assert.deepEqual(machineStallFigures([]), { stalls: 0, worstMs: 0 });
    const figures = machineStallFigures([{ atMs: 1, lateMs: 12 }, { atMs: 2, lateMs: MACHINE_STALL_MS }, { atMs: 3, lateMs: 68.7 }, { atMs: 4, lateMs: 19.9 }]);
    assert.deepEqual(figures, { stalls: 2, worstMs: 68.7 });
  });

  it('counts an xrun as at a stall only when a stall of MACHINE_STALL_MS or more came within the window before it', () => {
    const stalls = [{ atMs: 1000, lateMs: 31.4 }, { atMs: 5000, lateMs: 15 }, { atMs: 9000, lateMs: 40 }];
    // 1200: 200 ms after a big stall; 5100: after a small one only; 8990: before the stall, not after; 10600: 1.6 s after.
    assert.equal(xrunsAtStalls([1200, 5100, 8990, 10600], stalls, 1500), 1);
    assert.equal(xrunsAtStalls([1200, 9100, 10400], stalls, 1500), 3);
    assert.equal(xrunsAtStalls([1200], [], 1500), 0);
  });

  it('reads only the stalls logged inside the window asked for, and none from a log not written yet', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nr-stalls-'));
    try {
      const probe = MachineStallProbe.start(dir);
      probe.stop(); // the log below stands in for what its process writes
      assert.deepEqual(probe.stallsBetween(0, Infinity), [], 'no log yet');
      writeFileSync(join(dir, 'machine-stalls.txt'), '1000 25.5\n2000 12\nnot a line\n3000 40\n');
      assert.deepEqual(probe.stallsBetween(1500, 3000), [{ atMs: 2000, lateMs: 12, cpu: null }, { atMs: 3000, lateMs: 40, cpu: null }]);
      assert.deepEqual(probe.figuresBetween(0, 2500), { stalls: 1, worstMs: 25.5 });
      // The probes held to one CPU each log apart: a stall both saw is one stall.
      writeFileSync(join(dir, 'machine-stalls-cpu0.txt'), '4000 30\n5000 22\n');
      writeFileSync(join(dir, 'machine-stalls-cpu1.txt'), '4003 28\n');
      assert.deepEqual(probe.stallsBetween(3500, 6000), [{ atMs: 4000, lateMs: 30, cpu: 0 }, { atMs: 4003, lateMs: 28, cpu: 1 }, { atMs: 5000, lateMs: 22, cpu: 0 }]);
      assert.deepEqual(probe.figuresBetween(3500, 6000), { stalls: 2, worstMs: 30 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
