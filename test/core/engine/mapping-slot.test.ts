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
    assert.equal(slot.failures, 5, 'the slow one ran once: then it was benched');
  });

  it('passes the input through when the mapping never succeeded', () => {
    mode = 'throw';
    const slot = new MappingSlot({ jack: 1, mappingId: 'm', mapping, onError: () => undefined });
    assert.deepEqual(slot.apply(a, ctx), {});
  });

  it('benches a mapping that runs past its budget (1 s, then 2, 4 ... at most 60 s), so a 50 ms mapping cannot hold the control thread', () => {
    let now = 0;
    let calls = 0;
    const slow: CvMapping = { stage: 20, apply: (frames) => ((calls++, (now += 50)), { frames }) };
    const errors: NeurorackError[] = [];
    const slot = new MappingSlot({ jack: 2, mappingId: 'slow', mapping: slow, budgetMs: 20, elapsed: () => now, onError: (e) => errors.push(e) });
    // A control pass every 5 ms for 20 s: 4,000 passes.
    for (let pass = 0; pass < 4000; pass++) {
      slot.apply(a, ctx);
      now += 5;
    }
    assert.ok(calls <= 5, `called ${calls} times in 20 s of passes (at t = 0, then after 1, 2, 4, 8 s benched)`);
    assert.ok(calls >= 4, `still tried again now and then: ${calls}`);
    assert.equal(errors.length, 1, 'reported once for the spell');
    assert.match(errors[0]!.message, /not called again for 1 s/);
  });

  it('a mapping back within its budget is called on every pass again, and its bench starts over', () => {
    let now = 0;
    let cost = 50;
    let calls = 0;
    const mapping: CvMapping = { stage: 20, apply: (frames) => ((calls++, (now += cost)), { frames }) };
    const slot = new MappingSlot({ jack: 2, mappingId: 'm', mapping, budgetMs: 20, elapsed: () => now, onError: () => undefined });
    slot.apply(a, ctx); // slow: benched for 1 s
    cost = 1;
    now += 1001;
    for (let i = 0; i < 10; i++) slot.apply(a, ctx);
    assert.equal(calls, 11);
  });
});
