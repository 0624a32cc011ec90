import { strict as assert } from 'node:assert';
import { checkReplay } from '../../../../core/engine/replay/replay-file';
import { NeurorackError } from '../../../../core/errors/neurorack-error';
import { SchemaRegistry } from '../../../../core/schemas/schema-registry';

describe('replay file checks', () => {
  const schemas = new SchemaRegistry();
  const bad = (data: unknown, code: string, pointer: string) =>
    assert.throws(() => checkReplay(data, 'r.json', schemas), (e: NeurorackError) => e.code === code && e.location.pointer === pointer && e.location.file === 'r.json');

  it('names the file and field of each problem', () => {
    const ev = (t: unknown) => ({ t, type: 'gate', jack: 1, state: 'high' });
    bad({ duration_s: 1, events: [ev(0.1), ev(0.2), ev(0.3), ev(0.25)] }, 'NR_REPLAY_INVALID', '/events/3/t');
    bad({ duration_s: 1, events: [ev('soon')] }, 'NR_SCHEMA_INVALID', '/events/0/t');
    bad({ duration_s: 1, events: [{ t: 0, type: 'cv', jack: 5, volts: 1 }] }, 'NR_SCHEMA_INVALID', '/events/0/jack');
    bad({ duration_s: 1, events: [{ t: 0, type: 'laser' }] }, 'NR_SCHEMA_INVALID', '/events/0/type');
    bad({ duration_s: 1, events: [ev(2)] }, 'NR_REPLAY_INVALID', '/events/0/t');
    assert.equal(checkReplay({ duration_s: 1, events: [ev(0), ev(0)] }, 'r.json', schemas).events.length, 2);
  });
});
