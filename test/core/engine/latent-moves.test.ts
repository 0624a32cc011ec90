import { strict as assert } from 'node:assert';
import { AdditiveRenderer } from '../../../core/engine/additive-renderer';
import type { CvMapping } from '../../../core/engine/cv-mapping';
import { fallbackEntries } from '../../../core/engine/default-entries';
import { DescriptorPipeline } from '../../../core/engine/descriptor-pipeline';
import { Instrument, type InstrumentAudio } from '../../../core/engine/instrument';
import { MappingSlot } from '../../../core/engine/mapping-slot';
import type { ModelRenderer } from '../../../core/engine/model-renderer';
import { RenderEngine } from '../../../core/engine/render-engine';
import type { CvScan } from '../../../core/devices/cv-adc/cv-adc';
import { VirtualClock } from '../../../core/scheduler/virtual-clock';

const { a, b } = fallbackEntries();
const walk = (index: number): CvMapping => ({ stage: 40, apply: (_f, ctx) => ({ latent: Object.assign(new Array<number>(index + 1).fill(0), { [index]: ctx.bipolar * 2 }) }) });

/** A renderer that records the latent position each render started with. */
function latentRecorder(): ModelRenderer & { seen: (readonly number[])[]; position: readonly number[] } {
  const inner = new AdditiveRenderer();
  const r = {
    id: 'latent-recorder', sampleRate: 22050, hop: 512, seen: [] as (readonly number[])[], position: [] as readonly number[],
    setLatent(p: readonly number[]) { r.position = p; },
    render(frames: number[][], seed: number) { r.seen.push(r.position); return inner.render(frames, seed); },
  };
  return r;
}

describe('moves through a model latent space (MappingResult.latent)', () => {
  it('the pipeline adds up every mapping move, index by index, and leaves non-finite moves out', () => {
    const slot = (jack: number, mapping: CvMapping) => new MappingSlot({ jack, mappingId: `m${jack}`, mapping, onError: () => undefined });
    const nan: CvMapping = { stage: 50, apply: () => ({ latent: [NaN, 1] }) };
    const pipeline = new DescriptorPipeline([slot(1, walk(0)), slot(2, walk(1)), slot(3, walk(0)), slot(4, nan)]);
    const jack = (volts: number) => ({ volts, range: { min: -5, max: 5 }, history: new Float64Array(0), historyHz: 200, params: {}, seed: 1 });
    const out = pipeline.run(a, b, new Map([[1, jack(5)], [2, jack(-2.5)], [3, jack(2.5)], [4, jack(0)]]));
    assert.deepEqual(out.latent, [3, 0]);
    const none = new DescriptorPipeline([]).run(a, b, new Map());
    assert.deepEqual(none.latent, []);
  });

  it('the render engine hands the position to its renderer, and to the next one after a model switch', async () => {
    const clock = new VirtualClock();
    const first = latentRecorder();
    const engine = new RenderEngine({ clock, renderer: first, timing: { kind: 'virtual', rtf: 0.1, minMs: 2 }, onReady: () => undefined });
    engine.setLatent([1.5, -1]);
    assert.deepEqual(first.position, [1.5, -1]);
    const second = latentRecorder();
    engine.request(a);
    await clock.advance(50);
    engine.setRenderer(second);
    await clock.advance(50);
    await engine.settle();
    assert.deepEqual(second.position, [1.5, -1]);
    assert.deepEqual(second.seen.at(-1), [1.5, -1], 'the switch re-rendered with the position kept');
    engine.stop();
  });

  it('an instrument asks for a new render when only the latent moved, and not for a move below ADC noise', async () => {
    const clock = new VirtualClock();
    const renderer = latentRecorder();
    let volts = 0;
    const listeners: Array<(s: CvScan) => void> = [];
    const scanNow = (): CvScan => ({ timeMs: clock.now(), jacks: [{ jack: 4, volts, timeMs: clock.now(), ok: true }], taps: [] } as unknown as CvScan);
    const audio: InstrumentAudio = {
      trigger: () => undefined, setLoop: () => undefined, setPlayhead: () => undefined, setRender: () => undefined,
      renderBuffers: undefined, soundingAt: () => -1,
    } as unknown as InstrumentAudio;
    const instrument = new Instrument({
      clock, renderer, audio, cvAdc: { latest: scanNow, onScan: (l) => (listeners.push(l), () => undefined), scan: async () => scanNow() },
      gates: { onEdge: () => () => undefined },
      slots: [new MappingSlot({ jack: 4, mappingId: 'walk', mapping: walk(0), onError: () => undefined })],
      jacks: [{ jack: 4, range: { min: -5, max: 5 }, params: {} }], gateRoles: {}, entries: { a, b },
      timing: { kind: 'virtual', rtf: 0.1, minMs: 2 }, grainMs: 80,
    });
    const started = instrument.start();
    await clock.advance(100);
    await started;
    const before = renderer.seen.length;
    volts = 2.5;
    for (const l of listeners) l(scanNow());
    await clock.advance(100);
    await instrument.engine.settle();
    assert.equal(renderer.seen.length, before + 1, 'the curve is the same; the latent move alone asked for a render');
    assert.deepEqual(renderer.seen.at(-1), [1]);
    volts = 2.51; // 0.004 deviations: noise
    for (const l of listeners) l(scanNow());
    await clock.advance(100);
    await instrument.engine.settle();
    assert.equal(renderer.seen.length, before + 1);
    instrument.stop();
  });
});
