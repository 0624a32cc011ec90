import assert from 'node:assert/strict';
import { IoeRgbEncoder } from '../../../../core/devices/encoder/ioe-rgb-encoder';
import type { RgbEncoder, TurnEvent } from '../../../../core/devices/encoder/rgb-encoder';
import { RealI2cBus } from '../../../../core/devices/i2c/real-i2c-bus';
import type { Clock } from '../../../../core/scheduler/clock';
import { MonotonicClock } from '../../../../core/scheduler/monotonic-clock';
import { HARDWARE, bindingTitle, contractIt } from '../i2c/hardware-opt-in';
import { emulatedEncoder, v1Encoder } from './encoder-fixtures';

interface Harness {
  encoder: RgbEncoder;
  clock: Clock;
  turns: TurnEvent[];
  pass(ms: number): Promise<void>;
  turn?: (detents: number) => void;
  led?: () => { r: number; g: number; b: number };
}

const bindings: Array<{ name: 'emulated' | 'real'; available: boolean; make: () => Promise<Harness> }> = [
  {
    name: 'emulated',
    available: true,
    make: async () => {
      const e = emulatedEncoder();
      return { encoder: e.encoder, clock: e.clock, turns: e.turns, pass: (ms) => e.clock.advance(ms), turn: (d) => e.chip.turn(d), led: () => e.chip.ledColor() };
    },
  },
  {
    name: 'real',
    available: HARDWARE,
    make: async () => {
      const clock = new MonotonicClock();
      const encoder = new IoeRgbEncoder({ config: { ...v1Encoder(), binding: 'real' }, bus: await RealI2cBus.open(1, clock), clock, binding: 'real' });
      const turns: TurnEvent[] = [];
      encoder.onTurn((t) => turns.push(t));
      return { encoder, clock, turns, pass: (ms) => clock.sleep(ms) };
    },
  },
];

for (const b of bindings) {
  describe(bindingTitle('RgbEncoder', b.name, 'the RGB encoder breakout at 0x0F on /dev/i2c-1, untouched'), () => {
    contractIt(b.available, 'opens ok, and an untouched knob reports no turns', async () => {
      const h = await b.make();
      await h.encoder.open();
      assert.equal(h.encoder.health().status, 'ok', h.encoder.health().detail);
      h.encoder.start();
      await h.pass(100);
      h.encoder.stop();
      assert.equal(h.turns.length, 0);
      assert.equal(h.encoder.position(), 0);
      await h.encoder.close();
      await h.encoder.close();
    });

    contractIt(b.available, 'setColor never rejects, for any input', async () => {
      const h = await b.make();
      await h.encoder.open();
      for (const c of [[255, 0, 0], [0, 0, 0], [-5, 300, Number.NaN]] as const) {
        const p = h.encoder.setColor(c[0], c[1], c[2]);
        await h.pass(5);
        await p;
      }
      await h.encoder.close();
    });

    contractIt(b.name === 'emulated', 'reports turns with their delta and position (emulated controls)', async () => {
      const h = await b.make();
      await h.encoder.open();
      h.encoder.start();
      h.turn!(3);
      await h.pass(10);
      h.turn!(-5);
      await h.pass(10);
      assert.deepEqual(h.turns.map((t) => [t.delta, t.position]), [[3, 3], [-5, -2]]);
      await h.encoder.close();
    });

    contractIt(b.name === 'emulated', 'shows the colour asked for (emulated controls)', async () => {
      const h = await b.make();
      await h.encoder.open();
      await h.encoder.setColor(255, 64, 0);
      assert.deepEqual(h.led!(), { r: 255, g: 64, b: 0 });
      await h.encoder.close();
    });
  });
}
