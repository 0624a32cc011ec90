import assert from 'node:assert/strict';
import { HARDWARE, bindingTitle, contractIt } from '../i2c/hardware-opt-in';
import { adcGateHarness, gpioGateHarness, type GateHarness } from './gate-fixtures';

const bindings: Array<{ name: string; binding: 'emulated' | 'real'; available: boolean; make: () => GateHarness }> = [
  { name: 'ADC gates', binding: 'emulated', available: true, make: () => adcGateHarness() },
  { name: 'GPIO gates', binding: 'emulated', available: true, make: () => gpioGateHarness() },
  {
    name: 'gates',
    binding: 'real',
    available: HARDWARE,
    make: () => {
      throw new Error('the real gate run needs a gate source patched into the module, driven by the test: not automated yet');
    },
  },
];

for (const b of bindings) {
  describe(bindingTitle(`GateInputs (${b.name})`, b.binding, 'a module with a clock patched into gate 1, which this suite cannot yet drive'), () => {
    contractIt(b.available && b.binding === 'emulated', 'starts low and ok, with jacks 1 and 2', async () => {
      const h = b.make();
      await h.open();
      await h.clock.advance(20);
      assert.deepEqual(h.gates.jacks, [1, 2]);
      assert.equal(h.gates.isHigh(1), false);
      assert.equal(h.gates.health().status, 'ok', h.gates.health().detail);
      assert.equal(h.events.length, 0);
      await h.gates.close();
    });

    contractIt(b.available && b.binding === 'emulated', 'a held gate gives one rising edge, its release one falling edge, timestamped', async () => {
      const h = b.make();
      await h.open();
      await h.clock.advance(10);
      const t0 = h.clock.now();
      h.setGate(1, true);
      await h.clock.advance(300);
      assert.deepEqual(h.events.map((e) => [e.jack, e.edge]), [[1, 'rising']]);
      assert.ok(h.events[0]!.timeMs >= t0 && h.events[0]!.timeMs <= t0 + 6, `rising seen at ${h.events[0]!.timeMs}, gate at ${t0}`);
      assert.equal(h.gates.isHigh(1), true);
      const t1 = h.clock.now();
      h.setGate(1, false);
      await h.clock.advance(300);
      assert.deepEqual(h.events.map((e) => [e.jack, e.edge]), [[1, 'rising'], [1, 'falling']]);
      assert.ok(h.events[1]!.timeMs >= t1 && h.events[1]!.timeMs <= t1 + 6);
      assert.equal(h.gates.isHigh(1), false);
      await h.gates.close();
    });

    contractIt(b.available && b.binding === 'emulated', 'gates are independent, and edges alternate per jack', async () => {
      const h = b.make();
      await h.open();
      for (let i = 0; i < 3; i++) {
        h.setGate(2, true);
        await h.clock.advance(150);
        h.setGate(2, false);
        await h.clock.advance(150);
      }
      assert.deepEqual(h.events.map((e) => e.edge), ['rising', 'falling', 'rising', 'falling', 'rising', 'falling']);
      assert.ok(h.events.every((e) => e.jack === 2));
      for (let i = 1; i < h.events.length; i++) assert.ok(h.events[i]!.timeMs > h.events[i - 1]!.timeMs);
      await h.gates.close();
    });
  });
}
