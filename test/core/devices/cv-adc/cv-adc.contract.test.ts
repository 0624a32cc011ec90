import assert from 'node:assert/strict';
import { Ads1x15CvAdc } from '../../../../core/devices/cv-adc/ads1x15-cv-adc';
import type { CvAdc } from '../../../../core/devices/cv-adc/cv-adc';
import { RealI2cBus } from '../../../../core/devices/i2c/real-i2c-bus';
import type { Clock } from '../../../../core/scheduler/clock';
import { MonotonicClock } from '../../../../core/scheduler/monotonic-clock';
import { HARDWARE, bindingTitle, contractIt } from '../i2c/hardware-opt-in';
import { emulatedAdc, v1Config } from './cv-adc-fixtures';

interface Harness {
  adc: CvAdc;
  clock: Clock;
  /** Lets time pass (virtual: advance; real: wait). */
  pass(ms: number): Promise<void>;
  /** Emulated only: set a jack's volts. */
  setJack?: (jack: number, volts: number) => void;
}

const bindings: Array<{ name: 'emulated' | 'real'; available: boolean; make: () => Promise<Harness> }> = [
  {
    name: 'emulated',
    available: true,
    make: async () => {
      const e = emulatedAdc();
      return { adc: e.adc, clock: e.clock, pass: (ms) => e.clock.advance(ms), setJack: e.setJack };
    },
  },
  {
    name: 'real',
    available: HARDWARE,
    make: async () => {
      const clock = new MonotonicClock();
      const bus = await RealI2cBus.open(1, clock);
      const adc = new Ads1x15CvAdc({ config: { ...v1Config(), binding: 'real' }, bus, clock, binding: 'real' });
      return { adc, clock, pass: (ms) => clock.sleep(ms) };
    },
  },
];

async function scanned(h: Harness) {
  const p = h.adc.scan();
  await h.pass(20);
  return p;
}

for (const b of bindings) {
  describe(bindingTitle('CvAdc', b.name, 'a v1 module (ADS1015 at 0x48 and 0x49 on /dev/i2c-1)'), () => {
    contractIt(b.available, 'opens ok and scans the four jacks in order, each in range and timestamped', async () => {
      const h = await b.make();
      await h.adc.open();
      assert.equal(h.adc.health().status, 'ok', h.adc.health().detail);
      const before = h.clock.now();
      const s = await scanned(h);
      assert.deepEqual(s.jacks.map((j) => j.jack), [1, 2, 3, 4]);
      for (const j of s.jacks) {
        assert.ok(j.fresh);
        assert.ok(j.volts >= -5 && j.volts <= 5, `jack ${j.jack}: ${j.volts} V`);
        assert.ok(j.timeMs >= before && j.timeMs <= s.timeMs);
      }
      assert.equal(h.adc.latest(), s);
      await h.adc.close();
      await h.adc.close();
    });

    contractIt(b.available, 'start() scans periodically and every scan reaches the listeners', async () => {
      const h = await b.make();
      await h.adc.open();
      const seen: number[] = [];
      h.adc.onScan((s) => seen.push(s.timeMs));
      h.adc.start();
      await h.pass(105);
      h.adc.stop();
      assert.ok(seen.length >= 15 && seen.length <= 21, `${seen.length} scans in ~100 ms at 200 Hz`);
      assert.deepEqual([...seen].sort((x, y) => x - y), seen, 'in time order');
      await h.adc.close();
    });

    contractIt(b.available, 'polls a tap between scans while someone listens, each reading stamped in order', async () => {
      const h = await b.make();
      h.adc.addTap({ id: 'gate1', chip: 0x48, channel: 0, pollHz: 1000 });
      await h.adc.open();
      assert.equal(h.adc.tapPollHz('gate1'), 1000, 'the chip has room for 1000 Hz beside CV 1');
      const before = h.clock.now();
      const stamps: number[] = [];
      const off = h.adc.onTapReading((r) => {
        if (r.id === 'gate1' && r.fresh) stamps.push(r.timeMs);
      });
      await h.pass(50);
      off();
      assert.ok(stamps.length >= 30 && stamps.length <= 51, `${stamps.length} readings in 50 ms at 1000 Hz (no scans running; 200 Hz scans would give 10)`);
      assert.ok(stamps.every((t, i) => t >= before && (i === 0 || t > stamps[i - 1]!)), 'stamped in order, none before the listener');
      const n = stamps.length;
      await h.pass(20);
      assert.equal(stamps.length, n, 'no readings once nobody listens');
      await h.adc.close();
    });

    contractIt(b.name === 'emulated', 'follows the voltage at each jack (emulated controls)', async () => {
      const h = await b.make();
      await h.adc.open();
      const want = [-4, 0.5, 2.5, 4.5];
      want.forEach((v, i) => h.setJack!(i + 1, v));
      const s = await scanned(h);
      s.jacks.forEach((j, i) => assert.ok(Math.abs(j.volts - want[i]!) <= 0.022, `jack ${j.jack}: ${j.volts} vs ${want[i]}`));
      await h.adc.close();
    });
  });
}
