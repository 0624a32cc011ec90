import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_PROFILES, loadRack } from '../../../core/config/load-rack';
import { overlayBoard } from '../../../core/config/overlay-board';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { packageRoot } from '../../../core/paths';
import { SchemaRegistry } from '../../../core/schemas/schema-registry';

/** Each built-in profile as the loader resolved it when every profile was a whole rack (before boards). */
const RESOLVED = JSON.parse(readFileSync(join(packageRoot, 'test', 'fixtures', 'rack-profiles-resolved.json'), 'utf8')) as Record<string, unknown>;

describe('board layouts and profile overlays (core/boards, core/profiles)', () => {
  for (const profile of BUILTIN_PROFILES) {
    it(`${profile}: the overlay on its board loads to exactly the config the whole-rack profile did`, () => {
      assert.deepStrictEqual(loadRack({ profile }, new SchemaRegistry()).config, RESOLVED[profile]);
    });
  }

  it('every built-in profile is an overlay naming a board', () => {
    for (const profile of BUILTIN_PROFILES) {
      const doc = JSON.parse(readFileSync(join(packageRoot, 'core', 'profiles', `${profile}.rack.json`), 'utf8')) as { layout?: string };
      assert.equal(doc.layout, 'neurorack-v1', profile);
    }
  });

  describe('a user rack file', () => {
    let dir: string;
    beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'nr-board-')); });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('without a layout is a whole rack, loaded as it stands', () => {
      const file = join(dir, 'mine.rack.json');
      writeFileSync(file, JSON.stringify({ ...(RESOLVED['virtual'] as object), name: 'mine' }));
      assert.deepStrictEqual(loadRack({ rackFile: file }, new SchemaRegistry()).config, { ...(RESOLVED['virtual'] as object), name: 'mine' });
    });

    it('may overlay a built-in board', () => {
      const file = join(dir, 'mine.rack.json');
      writeFileSync(file, JSON.stringify({ name: 'mine', board: 'virtual', layout: 'neurorack-v1', devices: { audioOut: { latencyMs: 50 } } }));
      const { config } = loadRack({ rackFile: file }, new SchemaRegistry());
      assert.equal(config.devices.audioOut.latencyMs, 50);
      assert.equal(config.devices.cvAdc.jacks.length, 4);
      assert.equal('layout' in config, false);
    });

    it('naming a board that does not exist is NR_RACK_INVALID at /layout', () => {
      const file = join(dir, 'mine.rack.json');
      writeFileSync(file, JSON.stringify({ name: 'mine', board: 'virtual', layout: 'neurorack-v9' }));
      assert.throws(() => loadRack({ rackFile: file }, new SchemaRegistry()), (err: unknown) => err instanceof NeurorackError && err.code === 'NR_RACK_INVALID' && err.location.pointer === '/layout' && /neurorack-v1/.test(err.message));
    });
  });

  it('an overlay setting replaces the board\'s whole (a pin spec is never mixed) and neither input changes', () => {
    const board = { display: { dc: { sysfs: 13 }, rst: { sysfs: 15 }, fps: 15 } };
    const overlay = { name: 'x', devices: { display: { rst: { chip: 'pinctrl-rp1', offset: 27 } } } };
    const out = overlayBoard(board, overlay) as { devices: { display: Record<string, unknown> } };
    assert.deepStrictEqual(out.devices.display, { dc: { sysfs: 13 }, rst: { chip: 'pinctrl-rp1', offset: 27 }, fps: 15 });
    assert.deepStrictEqual(board.display.rst, { sysfs: 15 });
    assert.deepStrictEqual(Object.keys(out), ['name', 'devices']);
  });
});
