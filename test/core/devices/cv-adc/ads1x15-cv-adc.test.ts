import assert from 'node:assert/strict';
import { Ads1x15CvAdc } from '../../../../core/devices/cv-adc/ads1x15-cv-adc';
import { NeurorackError } from '../../../../core/errors/neurorack-error';
import { REF, RATIO, emulatedAdc, jack, v1Config } from './cv-adc-fixtures';

/** One code at the jack, at a full-scale setting, 12-bit. */
const lsbAtJack = (fs: number, bits = 12) => (fs / 2 ** (bits - 1)) * RATIO;

describe('Ads1x15CvAdc (over the emulated ADS1015s)', () => {
  it('scans with two transactions per channel: one config write (MUX and OS together), one pointer+read', async () => {
    const e = emulatedAdc();
    await e.adc.open();
    e.bus.clearLog();
    await e.scan();
    const log = e.bus.log;
    assert.equal(log.length, 4 * 2, 'four channels, two transactions each (no OS polls)');
    // jack 1 = 0x48 AIN2-AIN3: OS=1 MUX=011 PGA=010 MODE=1 DR=110 (3300) COMP_QUE=11 = 0xB5C3
    const first = log.filter((t) => t.address === 0x48);
    assert.deepEqual(first.map((t) => [t.kind, t.written, t.readLength]), [
      ['write', [0x01, 0xb5, 0xc3], 0],
      ['writeRead', [0x00], 2],
    ]);
    const muxes = log.filter((t) => t.address === 0x49 && t.kind === 'write').map((t) => t.written[1]! >> 4);
    assert.deepEqual(muxes, [0x9, 0xa, 0xb], '0x49: AIN0/1/2 against AIN3, OS set');
  });

  it('reads each result only after wake-up + 1.1/DR, so no channel ever reads another one\'s result', async () => {
    for (const sps of [128, 490, 1600, 3300] as const) {
      const e = emulatedAdc(v1Config({ dataRate: sps }));
      await e.adc.open();
      const want = [-4, -1.5, 1.5, 4];
      want.forEach((v, i) => e.setJack(i + 1, v));
      const s = await e.scan(100);
      s.jacks.forEach((j, i) => assert.ok(Math.abs(j.volts - want[i]!) <= lsbAtJack(2.048), `${sps} SPS jack ${j.jack}: ${j.volts} V, set ${want[i]}`));
      const starts = e.bus.log.filter((t) => t.address === 0x49 && t.kind === 'write').length;
      assert.equal(e.chips.get(0x49)!.conversionsStarted, starts, `${sps} SPS: every start landed on an idle chip`);
    }
  });

  it('scan(since) during a running scan converts again only what that scan sampled before `since`: the result holds the CVs from then on', async () => {
    const e = emulatedAdc();
    await e.adc.open();
    [1, 2, 3, 4].forEach((j) => e.setJack(j, -3));
    const t0 = e.clock.now();
    const running = e.adc.scan();
    await e.clock.advance(0.5); // 0x49 has converted its first channel (jack 2), 0x48 its only one (jack 1)
    [1, 2, 3, 4].forEach((j) => e.setJack(j, 3)); // a sequencer step ...
    const since = e.clock.now();
    e.bus.clearLog();
    const gate = e.adc.scan(since); // ... and a gate right after it
    await e.clock.advance(10);
    const s = await gate;
    assert.equal(await running, s, 'one scan answers both');
    for (const j of s.jacks) {
      assert.ok(j.fresh && j.timeMs >= since, `jack ${j.jack} sampled at ${j.timeMs - t0} ms, after the step at ${since - t0}`);
      assert.ok(Math.abs(j.volts - 3) <= lsbAtJack(2.048), `jack ${j.jack}: ${j.volts} V, the value after the step`);
    }
    const starts = e.bus.log.filter((t) => t.kind === 'write').length;
    assert.ok(starts < 4 + 4, `${starts} conversions after the step: fewer than the rest of the scan and a whole second one`);
  });

  it('converts through divider and reference at each PGA setting', async () => {
    for (const fs of [6.144, 4.096, 2.048, 1.024, 0.512, 0.256] as const) {
      const e = emulatedAdc(v1Config({ pgaVolts: fs }));
      await e.adc.open();
      const want = [-3.5, -1, 2.5, 4.5];
      want.forEach((v, i) => e.setJack(i + 1, v));
      const s = await e.scan();
      s.jacks.forEach((j, i) => {
        assert.ok(Math.abs(j.volts - want[i]!) <= lsbAtJack(fs) / 2 + 1e-9, `PGA ${fs}: jack ${j.jack} read ${j.volts}, set ${want[i]}`);
      });
    }
  });

  it('converts correctly at each data rate, taking about 1/DR per round', async () => {
    for (const sps of [128, 250, 490, 920, 1600, 2400, 3300] as const) {
      const e = emulatedAdc(v1Config({ dataRate: sps }));
      await e.adc.open();
      e.setJack(2, 3);
      const started = e.clock.now();
      const s = await e.scan(200);
      assert.ok(Math.abs(s.jacks[1]!.volts - 3) <= lsbAtJack(2.048) / 2, `${sps} SPS`);
      // 0x49 carries three channels: three rounds of at least 1/DR each
      const took = s.timeMs - started;
      assert.ok(took >= 3 * (1000 / sps) && took <= 3 * (1000 / sps) * 1.3 + 1, `${sps} SPS scan took ${took} ms`);
    }
  });

  it('applies per-jack calibration (offset, gain) and clamps to each range', async () => {
    const e = emulatedAdc(
      v1Config({
        jacks: [
          jack(1, 0x48, 2, { calibration: { offset: 0.1, gain: 1.1 } }),
          jack(2, 0x49, 0, { range: 'unipolar-10v' }),
          jack(3, 0x49, 1, { range: 'unipolar-10v' }),
          jack(4, 0x49, 2),
        ],
      }),
    );
    await e.adc.open();
    e.setJack(1, 2);
    e.setJack(2, -3);
    e.setJack(3, 7.5);
    e.setJack(4, 7.5);
    const [j1, j2, j3, j4] = (await e.scan()).jacks;
    assert.ok(Math.abs(j1!.volts - (2 - 0.1) * 1.1) <= lsbAtJack(2.048) * 1.1, `calibrated ${j1!.volts}`);
    assert.equal(j2!.volts, 0, 'unipolar clamps below 0 V');
    assert.ok(Math.abs(j3!.volts - 7.5) <= lsbAtJack(2.048), 'unipolar reaches 7.5 V');
    assert.equal(j4!.volts, 5, 'bipolar clamps at +5 V');
  });

  it('holds the last good values with fresh=false while a chip NACKs, degraded, and recovers', async () => {
    const e = emulatedAdc();
    await e.adc.open();
    e.setJack(1, 1);
    e.setJack(3, 2);
    const good = await e.scan();
    e.bus.injectFault(0x49, 'nack');
    e.setJack(1, -1);
    e.setJack(3, -2);
    const bad = await e.scan();
    assert.equal(e.adc.health().status, 'degraded');
    assert.match(e.adc.health().detail, /0x49/);
    assert.equal(bad.jacks[0]!.fresh, true, 'jack 1 is on the healthy chip');
    assert.ok(Math.abs(bad.jacks[0]!.volts + 1) < 0.03);
    assert.equal(bad.jacks[2]!.fresh, false);
    assert.equal(bad.jacks[2]!.volts, good.jacks[2]!.volts, 'held');
    assert.equal(bad.jacks[2]!.timeMs, good.jacks[2]!.timeMs, 'with the time it was good');
    e.bus.clearFault(0x49);
    await e.clock.advance(50); // past the backoff
    const back = await e.scan();
    assert.equal(e.adc.health().status, 'ok');
    assert.equal(back.jacks[2]!.fresh, true);
    assert.ok(Math.abs(back.jacks[2]!.volts + 2) < 0.03);
  });

  it('backs off a failing chip with a bounded delay, and never rejects', async () => {
    const e = emulatedAdc(v1Config({ scanHz: 1000 }));
    await e.adc.open();
    e.bus.injectFault(0x49, 'timeout');
    e.adc.start();
    await e.clock.advance(3000);
    e.adc.stop();
    const tries = e.bus.log.filter((t) => t.address === 0x49).length;
    // Backoff 5, 10, 20 ... capped at 1000 ms: about 9 tries in 3 s rather than 3000.
    assert.ok(tries >= 5 && tries <= 15, `${tries} tries`);
    e.bus.clearFault(0x49);
    e.adc.start();
    await e.clock.advance(1100);
    e.adc.stop();
    assert.equal(e.adc.health().status, 'ok', 'retried within the cap and recovered');
  });

  it('treats an ADS1015 word with bits 3:0 set as out of range: held, degraded with the reason', async () => {
    const e = emulatedAdc();
    await e.adc.open();
    e.setJack(1, 2);
    const good = await e.scan();
    e.chips.get(0x48)!.forceConversion(0x1235);
    const s = await e.scan();
    assert.equal(s.jacks[0]!.fresh, false);
    assert.equal(s.jacks[0]!.volts, good.jacks[0]!.volts);
    assert.equal(e.adc.health().status, 'degraded');
    assert.match(e.adc.health().detail, /0x1235.*bits 3:0/);
    e.chips.get(0x48)!.forceConversion(undefined);
    await e.clock.advance(50);
    await e.scan();
    assert.equal(e.adc.health().status, 'ok');
  });

  it('keeps a stuck sign bit inside the jack range (no NaN, no throw)', async () => {
    const e = emulatedAdc();
    await e.adc.open();
    e.chips.get(0x49)!.stuckBits(0x8000, 0x8000);
    const s = await e.scan();
    for (const j of s.jacks) assert.ok(Number.isFinite(j.volts) && j.volts >= -5 && j.volts <= 5);
    assert.equal(s.jacks[1]!.volts, -5, 'a stuck MSB reads as a large negative code, clamped');
  });

  it('reports a configured chip that is not on the bus as missing, and the others keep working', async () => {
    const config = v1Config({ chips: [{ address: 0x48, variant: 'ads1015' }, { address: 0x4a, variant: 'ads1015' }], jacks: [jack(1, 0x48, 2), jack(2, 0x4a, 0)] });
    const e = emulatedAdc(config, [{ address: 0x48, variant: 'ads1015' }]);
    await e.adc.open();
    assert.equal(e.adc.health().status, 'degraded');
    assert.match(e.adc.health().detail, /0x4A missing/);
    e.setJack(1, 3);
    const s = await e.scan();
    assert.equal(s.jacks[0]!.fresh, true);
    assert.equal(s.jacks[1]!.fresh, false);
    assert.equal(s.jacks[1]!.volts, 0, '0 V before any good value');
  });

  it('reports missing when no configured chip answers', async () => {
    const e = emulatedAdc(v1Config(), []);
    await e.adc.open();
    assert.equal(e.adc.health().status, 'missing');
  });

  it('rejects open() for a jack naming a chip that is not configured', async () => {
    const e = emulatedAdc(v1Config({ jacks: [jack(1, 0x4b, 0)] }));
    await assert.rejects(e.adc.open(), (err: unknown) => err instanceof NeurorackError && err.code === 'NR_DEVICE_CONFIG_INVALID' && /0x4B/.test(err.message) && err.location.pointer === '/devices/cvAdc/jacks/0');
  });

  it('reads ADS1115 chips with 16-bit resolution at the nearest data rate (860 SPS)', async () => {
    const config = v1Config({ chips: [{ address: 0x48, variant: 'ads1115' }, { address: 0x49, variant: 'ads1115' }] });
    const e = emulatedAdc(config);
    await e.adc.open();
    e.setJack(2, 1.2345);
    e.bus.clearLog();
    const s = await e.scan(50);
    assert.ok(Math.abs(s.jacks[1]!.volts - 1.2345) <= lsbAtJack(2.048, 16) / 2 + 1e-9, `${s.jacks[1]!.volts}`);
    const cfg = e.bus.log.find((t) => t.kind === 'write')!.written;
    assert.equal((cfg[2]! >> 5) & 0b111, 0b111, 'DR code 111 = 860 SPS on an ADS1115');
  });

  it('serves taps (gate channels) in the same scan, uncalibrated', async () => {
    const e = emulatedAdc(v1Config({ jacks: [jack(1, 0x48, 2, { calibration: { offset: 1, gain: 1 } })] }));
    e.adc.addTap({ id: 'gate1', chip: 0x48, channel: 0 });
    await e.adc.open();
    e.chips.get(0x48)!.setJackVolts(0, 4);
    const s = await e.scan();
    assert.equal(s.taps[0]!.id, 'gate1');
    assert.ok(Math.abs(s.taps[0]!.volts - 4) <= lsbAtJack(2.048) / 2 + 1e-9);
  });

  it('reference and divider match hardware-facts (1.241 V, x21.05): 0 V at the pin difference reads the reference', async () => {
    const e = emulatedAdc();
    await e.adc.open();
    e.chips.get(0x48)!.setPinVolts(2, e.chips.get(0x48)!.pinVolts(3));
    assert.ok(Math.abs((await e.scan()).jacks[0]!.volts - REF) < 1e-9);
  });

  it('is constructible from plain options', () => {
    assert.ok(new Ads1x15CvAdc({ config: v1Config(), bus: emulatedAdc().bus, clock: emulatedAdc().clock, binding: 'emulated' }));
  });
});
