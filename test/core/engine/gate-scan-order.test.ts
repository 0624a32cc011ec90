import { strict as assert } from 'node:assert';
import type { CvScan } from '../../../core/devices/cv-adc/cv-adc';
import type { GateEvent } from '../../../core/devices/gate/gate-inputs';
import { AdditiveRenderer } from '../../../core/engine/additive-renderer';
import type { CvMapping } from '../../../core/engine/cv-mapping';
import { fallbackEntries } from '../../../core/engine/default-entries';
import { Instrument, type InstrumentAudio } from '../../../core/engine/instrument';
import { MappingSlot } from '../../../core/engine/mapping-slot';
import { VirtualClock } from '../../../core/scheduler/virtual-clock';

const SCAN_MS = 5;

/**
 * An instrument on CV 1 whose one mapping logs each control pass that runs it, with the ADC's
 * contract played by hand: every scan reaches `onScan` before the promise of `scan()` resolves.
 * `log` holds, in order, each pass ('pass') and each trigger ('trigger' or 'trigger v<version>').
 */
async function rig() {
  const clock = new VirtualClock();
  const { a, b } = fallbackEntries();
  const log: string[] = [];
  let volts = 0;
  const scanListeners: Array<(s: CvScan) => void> = [];
  const edgeListeners: Array<(e: GateEvent) => void> = [];
  const scanNow = (): CvScan => ({ timeMs: clock.now(), jacks: [{ jack: 1, volts, timeMs: clock.now(), fresh: true }], taps: [] });
  const deliver = (): CvScan => {
    const s = scanNow();
    for (const l of scanListeners) l(s);
    return s;
  };
  /** The scan a gate asked for, delivered a conversion later, the CV having drifted on meanwhile. */
  const scan = (): Promise<CvScan> => new Promise((resolve) => void clock.setTimer(() => {
    volts += 0.01;
    resolve(deliver());
  }, 0.4));
  const audio = {
    trigger: (minVersion = 0) => void log.push(minVersion > 0 ? `trigger v${minVersion}` : 'trigger'),
    setLoop: () => undefined, setPlayhead: () => undefined, setRender: () => undefined, renderBuffers: undefined, soundingAt: () => -1,
  } as unknown as InstrumentAudio;
  // The curve follows CV 1: louder with the volts, so every move asks for a render.
  const follow: CvMapping = { stage: 20, apply: (frames, ctx) => (log.push('pass'), { frames: frames.map((f) => f.map((x, i) => (i === 0 ? x * (1.5 + ctx.bipolar) : x))) }) };
  const instrument = new Instrument({
    clock, audio, renderer: new AdditiveRenderer(),
    cvAdc: { latest: scanNow, onScan: (l) => (scanListeners.push(l), () => undefined), scan },
    gates: { onEdge: (l) => (edgeListeners.push(l), () => undefined) },
    slots: [new MappingSlot({ jack: 1, mappingId: 'follow', mapping: follow, onError: () => undefined })],
    jacks: [{ jack: 1, range: { min: -5, max: 5 }, params: {} }], gateRoles: { 1: 'trigger' }, entries: { a, b },
    timing: { kind: 'virtual', rtf: 0.1, minMs: 2 }, grainMs: 80,
  });
  const started = instrument.start();
  await clock.advance(200);
  await started;
  /** Periodic scans for `ms`, the CV moving `perScan` volts each. */
  const drift = async (ms: number, perScan: number): Promise<void> => {
    for (let t = 0; t < ms; t += SCAN_MS) {
      volts += perScan;
      deliver();
      await clock.advance(SCAN_MS);
    }
  };
  const gate = async (): Promise<string[]> => {
    const from = log.length;
    for (const l of edgeListeners) l({ jack: 1, edge: 'rising', timeMs: clock.now() } as GateEvent);
    await clock.advance(50);
    await instrument.engine.settle();
    return log.slice(from);
  };
  /** From now on, whether each render the instrument asks for is asked as a gate's (`forGate`). */
  const askedForGate = (): boolean[] => {
    const asked: boolean[] = [];
    const engine = instrument.engine;
    const request = engine.request.bind(engine);
    engine.request = (frames, forGate = false) => (asked.push(forGate), request(frames, forGate));
    return asked;
  };
  return { clock, instrument, drift, gate, askedForGate, step: (by: number) => void (volts += by) };
}

describe('Instrument: a gate waits for its scan, and for the control pass only when its CVs stepped (issue #22 point 3)', () => {
  it('plays a gate whose CV only drifted before its scan\'s control pass runs the mappings', async () => {
    const r = await rig();
    try {
      await r.drift(100, 0.02);
      const asked = r.askedForGate();
      const order = await r.gate();
      assert.deepEqual(order.slice(0, 2), ['trigger', 'pass'], `the trigger went out first: ${order.join(', ')}`);
      // The voice already sounds on the render before: the pass's render is a CV change for it
      // (written at the voice too), not the gate's own (written from the scrub position only).
      assert.deepEqual(asked, [false], 'the pass asks an ordinary render');
    } finally {
      r.instrument.stop();
    }
  });

  it('plays a stepped gate only once its scan\'s pass has asked for the render of the new CVs, which its voice waits for', async () => {
    const r = await rig();
    try {
      await r.drift(100, 0.02);
      r.step(3); // a sequencer's step just before the gate
      const asked = r.askedForGate();
      const order = await r.gate();
      assert.deepEqual(asked, [true], 'the pass asks the gate\'s render');
      assert.equal(order[0], 'pass', `the pass runs first: ${order.join(', ')}`);
      assert.match(order[1] ?? '', /^trigger v\d+$/, `then the trigger, waiting for a render version: ${order.join(', ')}`);
    } finally {
      r.instrument.stop();
    }
  });
});
