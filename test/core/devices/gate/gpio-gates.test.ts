import assert from 'node:assert/strict';
import { gpioGateHarness } from './gate-fixtures';

describe('GpioGates', () => {
  it('delivers the edge at the interrupt time, with no added latency', async () => {
    const h = gpioGateHarness(2);
    await h.open();
    await h.clock.advance(13);
    h.setGate(1, true);
    assert.deepEqual(h.events, [{ jack: 1, edge: 'rising', timeMs: 13 }]);
  });

  it('debounces contact bounce: one rising edge for a bouncing gate', async () => {
    const h = gpioGateHarness(2);
    await h.open();
    h.setGate(1, true);
    await h.clock.advance(0.5);
    h.setGate(1, false);
    await h.clock.advance(0.5);
    h.setGate(1, true);
    await h.clock.advance(10);
    assert.deepEqual(h.events.map((e) => e.edge), ['rising']);
  });

  it('a pulse shorter than the debounce still ends: the falling edge comes at the end of the lockout', async () => {
    const h = gpioGateHarness(5);
    await h.open();
    h.setGate(2, true);
    await h.clock.advance(1);
    h.setGate(2, false);
    await h.clock.advance(10);
    assert.deepEqual(h.events.map((e) => [e.edge, e.timeMs]), [['rising', 0], ['falling', 5]]);
    assert.equal(h.gates.isHigh(2), false);
  });
});
