import assert from 'node:assert/strict';
import { AdcGates } from '../../../../core/devices/gate/adc-gates';
import { NeurorackError } from '../../../../core/errors/neurorack-error';
import { adcGateHarness, adcGatesConfig } from './gate-fixtures';

describe('AdcGates (v1: gates through the ADS1015)', () => {
  it('fires above reference + threshold (about 2.24 V at the jack) and not below', async () => {
    const h = adcGateHarness();
    await h.open();
    h.setGate(1, true, 2.2);
    await h.clock.advance(50);
    assert.equal(h.events.length, 0, '2.2 V is under 1.241 + 1 V');
    h.setGate(1, true, 2.3);
    await h.clock.advance(50);
    assert.deepEqual(h.events.map((e) => e.edge), ['rising']);
  });

  it('re-arms only after rearmSeconds: a 20 ms trigger falls at 100 ms after it rose', async () => {
    const h = adcGateHarness();
    await h.open();
    await h.clock.advance(7);
    h.setGate(1, true);
    await h.clock.advance(20);
    h.setGate(1, false);
    await h.clock.advance(200);
    const [rise, fall] = h.events;
    assert.equal(rise!.edge, 'rising');
    assert.equal(fall!.edge, 'falling');
    const held = fall!.timeMs - rise!.timeMs;
    assert.ok(held >= 100 && held <= 106, `fell ${held} ms after rising`);
    // and a new trigger after that fires again
    h.setGate(1, true);
    await h.clock.advance(20);
    assert.equal(h.events.length, 3);
  });

  it('a configurable re-arm time and threshold are honoured', async () => {
    const h = adcGateHarness({ rearmSeconds: 0.25, thresholdVolts: 3 });
    await h.open();
    h.setGate(1, true, 4); // under 1.241 + 3
    await h.clock.advance(30);
    assert.equal(h.events.length, 0);
    h.setGate(1, true, 5);
    await h.clock.advance(30);
    h.setGate(1, false);
    await h.clock.advance(400);
    assert.ok(h.events[1]!.timeMs - h.events[0]!.timeMs >= 250);
  });

  it('makes no edges from held values while the ADC fails, and reports degraded through it', async () => {
    const h = adcGateHarness();
    await h.open();
    h.setGate(1, true);
    await h.clock.advance(20);
    h.bus.injectFault(0x48, 'nack');
    h.setGate(1, false);
    await h.clock.advance(300);
    assert.deepEqual(h.events.map((e) => e.edge), ['rising'], 'no falling edge while nothing is read');
    assert.equal(h.gates.health().status, 'degraded');
    assert.match(h.gates.health().detail, /CV ADC/);
    h.bus.clearFault(0x48);
    await h.clock.advance(1100);
    assert.deepEqual(h.events.map((e) => e.edge), ['rising', 'falling']);
    assert.equal(h.gates.health().status, 'ok');
  });

  it('refuses a gate jack without an adc channel', () => {
    const h = adcGateHarness();
    assert.throws(
      () => new AdcGates({ config: adcGatesConfig({ jacks: [{ jack: 1, gpio: { sysfs: 5 } }] }), adc: h.adc, binding: 'emulated' }),
      (err: unknown) => err instanceof NeurorackError && err.code === 'NR_DEVICE_CONFIG_INVALID' && err.location.pointer === '/devices/gates/jacks/0',
    );
  });
});
