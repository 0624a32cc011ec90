import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { BUILTIN_PROFILES, loadRack } from '../../../core/config/load-rack';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { SchemaRegistry } from '../../../core/schemas/schema-registry';
import { tempRack } from '../../helpers/temp-rack';

const schemas = new SchemaRegistry();

function rejectsWith(fn: () => unknown, code: string, pointer?: string, message?: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof NeurorackError, String(e));
    assert.equal(e.code, code, e.describe());
    if (pointer) assert.equal(e.location.pointer, pointer, e.describe());
    if (message) assert.match(e.message, message);
    assert.ok(e.location.file, 'names the file');
    return true;
  });
}

describe('rack configs', () => {
  for (const profile of BUILTIN_PROFILES) {
    it(`built-in profile ${profile} validates and gets the schema's defaults`, () => {
      const { config } = loadRack({ profile }, schemas);
      assert.equal(config.name, profile);
      assert.equal(config.audio.blockSize, 128, 'default from the schema');
      assert.equal(config.assignments.cv1, 'interpolate');
      assert.equal(config.devices.cvAdc.jacks.length, 4);
      assert.ok(config.devices.cvAdc.jacks.every((j) => j.range === 'bipolar-5v' && j.calibration.gain === 1));
    });
  }

  it('virtual emulates every device and the test profile runs on the virtual clock', () => {
    const v = loadRack({ profile: 'virtual' }, schemas).config;
    assert.ok(Object.values(v.devices).every((d) => d.binding === 'emulated'));
    assert.equal(v.clock, 'monotonic');
    assert.equal(loadRack({ profile: 'test' }, schemas).config.clock, 'virtual');
    const nano = loadRack({ profile: 'jetson-nano-v1' }, schemas).config;
    assert.ok(Object.values(nano.devices).every((d) => d.binding === 'real'));
  });

  it('refuses an unknown profile, listing the known ones', () => {
    assert.throws(() => loadRack({ profile: 'eurorack-9000' }, schemas), /NR_PROFILE_UNKNOWN|expected one of virtual, jetson-nano-v1, rpi5, test/);
  });

  it('names the file and the line of malformed JSON', () => {
    const file = tempRack({});
    writeFileSync(file, '{\n  "name": "x",\n  oops\n}');
    rejectsWith(() => loadRack({ rackFile: file }, schemas), 'NR_JSON_MALFORMED', undefined, /line 3/);
  });

  it('names the field of a schema violation', () => {
    rejectsWith(() => loadRack({ rackFile: tempRack({ audio: { blockSize: 1000 } }) }, schemas), 'NR_SCHEMA_INVALID', '/audio/blockSize', /<= 512/);
    rejectsWith(() => loadRack({ rackFile: tempRack({ board: 'teensy' }) }, schemas), 'NR_SCHEMA_INVALID', '/board', /expected one of/);
  });

  it('refuses a CV jack on an ADC that is not configured, and a jack used twice', () => {
    const base = loadRack({ profile: 'test' }, schemas).config.devices;
    const badChip = { ...base, cvAdc: { ...base.cvAdc, jacks: [{ jack: 1, chip: 80, channel: 0 }] } };
    rejectsWith(() => loadRack({ rackFile: tempRack({ devices: badChip }) }, schemas), 'NR_RACK_INVALID', '/devices/cvAdc/jacks/0/chip', /0x50/);
    const twice = { ...base, cvAdc: { ...base.cvAdc, jacks: [{ jack: 1, chip: 73, channel: 0 }, { jack: 1, chip: 73, channel: 1 }] } };
    rejectsWith(() => loadRack({ rackFile: tempRack({ devices: twice }) }, schemas), 'NR_RACK_INVALID', '/devices/cvAdc/jacks/1/jack');
    const clash = { ...base, gates: { ...base.gates, jacks: [{ jack: 1, adc: { chip: 72, channel: 2 } }] } };
    rejectsWith(() => loadRack({ rackFile: tempRack({ devices: clash }) }, schemas), 'NR_RACK_INVALID', '/devices/gates/jacks/0/adc/channel', /CV jack already uses/);
  });
});
