import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweepStaleTemps } from '../../../core/host/stale-temp-sweep';

/**
 * Issue #27 point 6: temporary files left by a kill were never cleaned. A write cleans its own
 * target's leftovers, but a file never written again (a recording, an uninstalled bank) kept them;
 * `neurorack start` now sweeps the folders it writes once it plays.
 */
describe('sweepStaleTemps: what killed writes left in the host\'s folders', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'nr-sweep-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('removes stale temporaries in the state, rack, bank and timbre folders, and keeps fresh ones, live writers\' and other files', async () => {
    const state = join(root, 'state');
    const banks = join(root, 'banks', 'my-bank');
    const timbres = join(root, 'timbres', 'frave-impacts-v1');
    const racks = join(root, 'racks');
    for (const d of [state, banks, timbres, racks]) mkdirSync(d, { recursive: true });
    const gone = 99_999_999; // above any pid_max: no such process
    const old = (Date.now() - 5 * 60_000) / 1000;
    const make = (path: string, stale: boolean) => {
      writeFileSync(path, 'partial');
      if (stale) utimesSync(path, old, old);
      return path;
    };
    const staleOnes = [
      make(join(state, `.settings.json.${gone}.0123456789ab.tmp`), true),
      make(join(banks, `.bank.json.${gone}.aaaaaaaaaaaa.tmp`), true),
      make(join(timbres, `.low-thud.json.${gone}.bbbbbbbbbbbb.tmp`), true),
      make(join(racks, `.my.rack.json.${gone}.cccccccccccc.tmp`), true),
    ];
    const kept = [
      make(join(state, `.settings.json.${gone}.dddddddddddd.tmp`), false), // under a minute old: maybe still being written
      make(join(state, `.settings.json.${process.ppid}.eeeeeeeeeeee.tmp`), true), // its writer is alive
      make(join(state, 'settings.json'), true),
      make(join(state, '.settings.json.backup.tmp'), true), // not our pattern
    ];
    const removed = await sweepStaleTemps({
      stateDir: state,
      rackFile: join(racks, 'my.rack.json'),
      env: { NEURORACK_BANKS_DIR: join(root, 'banks'), NEURORACK_TIMBRES_DIR: join(root, 'timbres') },
    });
    assert.deepEqual([...removed].sort(), [...staleOnes].sort());
    staleOnes.forEach((f) => assert.equal(existsSync(f), false, f));
    kept.forEach((f) => assert.equal(existsSync(f), true, f));
  });

  it('skips folders that do not exist', async () => {
    assert.deepEqual(await sweepStaleTemps({ stateDir: join(root, 'none'), env: { NEURORACK_BANKS_DIR: join(root, 'no-banks'), NEURORACK_TIMBRES_DIR: join(root, 'no-timbres') } }), []);
  });
});
