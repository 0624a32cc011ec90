import { strict as assert } from 'node:assert';
import type { CvMapping, MappingContext } from '../../../core/engine/cv-mapping';
import { fallbackEntries } from '../../../core/engine/default-entries';
import type { NeurorackError } from '../../../core/errors/neurorack-error';
import { MappingSlot } from '../../../core/engine/mapping-slot';

const { a, b } = fallbackEntries();
const ctx: MappingContext = { volts: 1, amount: 0.2, bipolar: 0.2, range: { min: -5, max: 5 }, entryA: a, entryB: b, history: new Float64Array(0), historyHz: 200, seed: 1, params: {} };

describe('MappingSlot isolation', () => {
  let mode: 'ok' | 'throw' | 'nan' | 'slow' = 'ok';
  const mapping: CvMapping = {
    stage: 20,
    apply: (frames) => {
      if (mode === 'throw') throw new Error('boom');
      if (mode === 'nan') return { frames: frames.map((f) => f.map(() => NaN)) };
      return { frames: frames.map((f) => f.map((v) => v * 2)), playhead: 0.5 };
    },
  };

  it('keeps the last good output when a mapping throws, returns NaN or runs past its budget, reporting once per spell', () => {
    const errors: NeurorackError[] = [];
    let fake = 0;
    const slot = new MappingSlot({ jack: 3, mappingId: 'x/y', mapping, budgetMs: 5, elapsed: () => (mode === 'slow' ? (fake += 10) : fake), onError: (e) => errors.push(e) });
    mode = 'ok';
    const good = slot.apply(a, ctx);
    for (const m of ['throw', 'nan', 'slow'] as const) {
      mode = m;
      assert.deepEqual(slot.apply(a, ctx), good);
      assert.deepEqual(slot.apply(a, ctx), good);
      mode = 'ok';
      slot.apply(a, ctx);
    }
    assert.deepEqual(errors.map((e) => e.code), ['NR_MAPPING_FAILED', 'NR_MAPPING_NOT_FINITE', 'NR_MAPPING_TOO_SLOW']);
    assert.match(errors[0]!.message, /CV 3 mapping "x\/y" threw: boom/);
    assert.equal(slot.failures, 6);
  });

  it('passes the input through when the mapping never succeeded', () => {
    mode = 'throw';
    const slot = new MappingSlot({ jack: 1, mappingId: 'm', mapping, onError: () => undefined });
    assert.deepEqual(slot.apply(a, ctx), {});
  });
});
