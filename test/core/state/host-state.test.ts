import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NeurorackError } from '../../../core/errors/neurorack-error';
import { bootHostOnVirtualClock, type VirtualBootedHost } from '../../helpers/booted-host';

/** Boots the test profile on a virtual clock with `stateDir`; returns it and the errors it reported. */
async function boot(stateDir: string): Promise<VirtualBootedHost & { errors: NeurorackError[] }> {
  const errors: NeurorackError[] = [];
  const booted = await bootHostOnVirtualClock({ profile: 'test' }, { stateDir, onError: (e) => void errors.push(e) });
  return { ...booted, errors };
}

describe('the host keeps the performer\'s settings and calibration in its state folder', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'nr-host-state-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Entry B, the volume and CV 2's calibration changed, then the host stopped; returns the entry chosen. */
  async function changeAndStop(): Promise<{ bank: string; entry: string }> {
    const first = await boot(dir);
    try {
      const view = first.host.live.view();
      const bank = view.banks[0]!;
      const entry = bank.entries[bank.entries.length - 1]!;
      assert.notEqual(view.bank.entryB, entry, 'the test changes entry B');
      await first.host.live.chooseEntry('B', bank.id, entry);
      await first.host.live.setParam('volume', 0.35);
      await first.host.live.storeCalibration(2, { offset: 0.0125, gain: 1.02 });
      return { bank: bank.id, entry };
    } finally {
      await first.stop();
    }
  }

  it('restores entries A and B, the volume and the CV calibration after a restart', async () => {
    const chosen = await changeAndStop();
    const second = await boot(dir);
    try {
      const view = second.host.live.view();
      assert.equal(view.bank.bankB, chosen.bank);
      assert.equal(view.bank.entryB, chosen.entry);
      assert.equal(view.params.find((p) => p.id === 'volume')!.value, 0.35);
      assert.deepEqual(view.calibration.jacks.find((j) => j.jack === 2), { jack: 2, range: view.calibration.jacks[1]!.range, offset: 0.0125, gain: 1.02 });
      assert.deepEqual(second.errors, []);
    } finally {
      await second.stop();
    }
  });

  it('boots from the previous good copy with a logged NR_STATE_RECOVERED warning when settings.json is torn', async () => {
    await changeAndStop(); // settings.json holds the volume change, settings.prev.json the entry change before it
    truncateSync(join(dir, 'settings.json'), 20);
    const prev = JSON.parse(readFileSync(join(dir, 'settings.prev.json'), 'utf8')) as { value: { entryB: string } };
    const again = await boot(dir);
    try {
      assert.deepEqual(again.errors.map((e) => e.code), ['NR_STATE_RECOVERED']);
      const view = again.host.live.view();
      assert.equal(view.bank.entryB, prev.value.entryB, 'the entry from the previous good copy');
      assert.ok(view.toasts.some((t) => t.code === 'NR_STATE_RECOVERED' && t.level === 'warn'), 'shown on the module too');
      assert.equal(view.calibration.jacks.find((j) => j.jack === 2)!.offset, 0.0125, 'calibration.json was not touched');
    } finally {
      await again.stop();
    }
  });

  it('says NR_STATE_LOST, and starts from the rack\'s values, when neither copy of the calibration is usable', async () => {
    await changeAndStop();
    truncateSync(join(dir, 'calibration.json'), 0);
    const again = await boot(dir);
    try {
      assert.deepEqual(again.errors.map((e) => e.code), ['NR_STATE_LOST']);
      assert.equal(again.host.live.view().calibration.jacks.find((j) => j.jack === 2)!.offset, 0);
    } finally {
      await again.stop();
    }
  });
});
