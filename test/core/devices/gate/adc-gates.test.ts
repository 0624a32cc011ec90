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

  it('reports an edge between two CV scans with the time the chip sampled it, within the gate poll period', async () => {
    const h = adcGateHarness({ rearmSeconds: 0.01 });
    await h.open();
    const scans: number[] = [];
    h.adc.onScan((s) => scans.push(s.timeMs));
    const period = 1000 / h.adc.tapPollHz('gate1');
    const slot = 0.025 + 1100 / 3300; // one ADS1015 conversion at 3300 SPS, the slowest the datasheet allows
    for (let i = 0; i < 20; i++) {
      await h.clock.advance(51.1 + (i % 5) * 0.41);
      const t0 = h.clock.now();
      const scanBefore = scans[scans.length - 1]!;
      h.setGate(1, i % 2 === 0);
      await h.clock.advance(2);
      const e = h.events[i];
      assert.ok(e && e.edge === (i % 2 === 0 ? 'rising' : 'falling'), `edge ${i}`);
      assert.ok(e.timeMs >= t0 && e.timeMs <= t0 + period + slot, `edge at ${t0.toFixed(3)}, stamped ${e.timeMs.toFixed(3)} (poll period ${period.toFixed(3)} ms)`);
      assert.ok(t0 - scanBefore < 5 && e.timeMs - scanBefore < 5 + slot * 3, 'between two CV scans');
    }
    assert.ok(period < 0.8, `gates polled every ${period.toFixed(3)} ms`);
    assert.ok(scans.length >= 0.99 * 200 * (h.clock.now() / 1000) - 2, `${scans.length} CV scans in ${h.clock.now().toFixed(0)} ms: still 200 Hz`);
  });

  it('a 10 ms re-arm plays 20 Hz gates (every edge); the v1 profile\'s 0.1 s plays one in three', async () => {
    // With 0.1 s the gate falls only once it is low 100 ms after rising: at 125 ms, so the next
    // trigger that fires is the one at 150 ms.
    for (const [rearmSeconds, want] of [[0.01, 20], [0.1, 7]] as const) {
      const h = adcGateHarness({ rearmSeconds });
      await h.open();
      for (let i = 0; i < 20; i++) {
        h.setGate(1, true);
        await h.clock.advance(25);
        h.setGate(1, false);
        await h.clock.advance(25);
      }
      const rising = h.events.filter((e) => e.edge === 'rising').length;
      assert.equal(rising, want, `re-arm ${rearmSeconds} s: ${rising} of 20 triggers`);
    }
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
