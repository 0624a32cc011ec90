import assert from 'node:assert/strict';
import { NeurorackError } from '../../../../core/errors/neurorack-error';
import { emulatedEncoder } from './encoder-fixtures';

describe('IoeRgbEncoder (over the emulated MS51)', () => {
  it('sets up as v1: ENC_1_CFG 0x3C, channel 1 enabled without microsteps, LED pins on inverted PWM', async () => {
    const e = emulatedEncoder();
    await e.encoder.open();
    const r = (reg: number) => e.chip.register(reg);
    assert.equal(r(0x05), 0x3c);
    assert.equal(r(0x04) & 0b11, 0b01);
    // LED r=pin1 (PWM5 via PIOCON1), g=pin7 (PWM1 via PIOCON0), b=pin2 (PWM2 via PIOCON0)
    assert.equal(r(0xc9) & 0x20, 0x20);
    assert.equal(r(0x9e) & 0x06, 0x06);
    assert.equal(r(0x96) & 0x26, 0x26, 'PNP inverts channels 5, 1, 2');
    assert.equal(r(0x98) & 0x80, 0x80, 'PWMRUN');
    assert.equal(r(0x99) | (r(0x91) << 8), 255, 'period');
    assert.deepEqual(e.chip.ledColor(), { r: 0, g: 0, b: 0 }, 'dark after setup');
    // common pin 11 = P0.6: open drain (M1=1, M2=1), driven low
    assert.equal((r(0x71) >> 6) & 1, 1);
    assert.equal((r(0x72) >> 6) & 1, 1);
    assert.equal((r(0x40) >> 6) & 1, 0);
  });

  it('writes the colour to the non-consecutive duty registers and loads it once', async () => {
    const e = emulatedEncoder();
    await e.encoder.open();
    e.bus.clearLog();
    await e.encoder.setColor(200, 10, 128);
    const r = (reg: number) => e.chip.register(reg);
    assert.equal(r(0xcb) | (r(0xc8) << 8), 200, 'ch5 (red) duty in 0xCB/0xC8');
    assert.equal(r(0x9b) | (r(0x93) << 8), 10, 'ch1 (green) duty in 0x9B/0x93');
    assert.equal(r(0x9c) | (r(0x94) << 8), 128, 'ch2 (blue) duty in 0x9C/0x94');
    const loads = e.bus.log.filter((t) => t.kind === 'write' && t.written[0] === 0x98 && (t.written[1]! & 0x40) !== 0);
    assert.equal(loads.length, 1);
    assert.deepEqual(e.chip.ledColor(), { r: 200, g: 10, b: 128 });
  });

  it('waits for the firmware to clear LOAD', async () => {
    const e = emulatedEncoder({}, { loadMs: 3 });
    const opening = e.encoder.open();
    await e.clock.advance(10);
    await opening;
    let done = false;
    const p = e.encoder.setColor(0, 0, 255).then(() => (done = true));
    await e.clock.advance(1);
    assert.equal(done, false, 'still waiting on LOAD');
    await e.clock.advance(5);
    await p;
    assert.deepEqual(e.chip.ledColor(), { r: 0, g: 0, b: 255 });
  });

  it('waits out a slow reset (polls 0xD0 until 0x78)', async () => {
    const e = emulatedEncoder({}, { resetMs: 7 });
    let opened = false;
    const p = e.encoder.open().then(() => (opened = true));
    await e.clock.advance(5);
    assert.equal(opened, false);
    await e.clock.advance(5);
    await p;
    assert.equal(e.encoder.health().status, 'ok');
  });

  it('does not lose steps at any speed within the wrap rule: +100 between two polls, anywhere', async () => {
    const e = emulatedEncoder();
    await e.encoder.open();
    for (const turn of [60, 100, 100, 127, -128, -100, 7]) {
      e.chip.turn(turn);
      await e.encoder.poll();
    }
    assert.deepEqual(e.turns.map((t) => t.delta), [60, 100, 100, 127, -128, -100, 7]);
    assert.equal(e.encoder.position(), 166);
  });

  it('beyond the wrap rule (128+ detents between polls) it cannot recover: +200 reads as -56', async () => {
    const e = emulatedEncoder();
    await e.encoder.open();
    e.chip.turn(200);
    await e.encoder.poll();
    assert.equal(e.encoder.position(), -56);
  });

  it('polls every pollMs once started', async () => {
    const e = emulatedEncoder({ pollMs: 20 });
    await e.encoder.open();
    e.bus.clearLog();
    e.encoder.start();
    await e.clock.advance(100);
    e.encoder.stop();
    const reads = e.bus.log.filter((t) => t.kind === 'writeRead' && t.written[0] === 0x06).length;
    assert.equal(reads, 5);
  });

  it('a wrong chip id leaves it missing with a clear detail, never a rejection', async () => {
    const e = emulatedEncoder();
    e.chip.setChipId(0x1234);
    await e.encoder.open();
    const h = e.encoder.health();
    assert.equal(h.status, 'missing');
    assert.match(h.detail, /0x1234.*expected 0xE26A/);
    await e.encoder.poll();
    await e.encoder.setColor(1, 2, 3);
    assert.equal(e.chip.register(0x04), 0, 'the wrong chip was not configured');
  });

  it('an address where nothing answers is missing', async () => {
    const e = emulatedEncoder({}, {}, 0x10);
    await e.encoder.open();
    assert.equal(e.encoder.health().status, 'missing');
    assert.match(e.encoder.health().detail, /0x0F.*no answer/);
  });

  it('a chip that appears later is set up on a later poll', async () => {
    const e = emulatedEncoder({}, {}, 0x10);
    await e.encoder.open();
    e.bus.attach(0x0f, e.chip);
    await e.clock.advance(50);
    await e.encoder.poll();
    assert.equal(e.encoder.health().status, 'ok');
  });

  it('NACKs make it degraded; turns during the fault are recovered after it clears', async () => {
    const e = emulatedEncoder();
    await e.encoder.open();
    e.chip.turn(4);
    await e.encoder.poll();
    e.bus.injectFault(0x0f, 'nack');
    await e.encoder.poll();
    assert.equal(e.encoder.health().status, 'degraded');
    e.chip.turn(9);
    e.bus.clearFault(0x0f);
    await e.clock.advance(100);
    await e.encoder.poll();
    assert.equal(e.encoder.health().status, 'ok');
    assert.equal(e.encoder.position(), 13);
  });

  it('a chip that lost power during a fault is set up again, keeping position and colour', async () => {
    const e = emulatedEncoder();
    await e.encoder.open();
    await e.encoder.setColor(0, 255, 0);
    e.chip.turn(10);
    await e.encoder.poll();
    e.bus.injectFault(0x0f, 'timeout');
    await e.encoder.poll();
    e.chip.powerCycle();
    e.bus.clearFault(0x0f);
    await e.clock.advance(100);
    await e.encoder.poll();
    assert.equal(e.encoder.health().status, 'ok');
    assert.equal(e.chip.register(0x05), 0x3c, 'encoder set up again');
    assert.deepEqual(e.chip.ledColor(), { r: 0, g: 255, b: 0 }, 'colour restored');
    e.chip.turn(2);
    await e.encoder.poll();
    assert.equal(e.encoder.position(), 12);
  });

  it('a colour set while the chip is away is applied when it is back', async () => {
    const e = emulatedEncoder();
    await e.encoder.open();
    e.bus.injectFault(0x0f, 'nack');
    await e.encoder.setColor(9, 9, 9);
    e.bus.clearFault(0x0f);
    await e.clock.advance(100);
    await e.encoder.poll();
    assert.deepEqual(e.chip.ledColor(), { r: 9, g: 9, b: 9 });
  });

  it('rejects open() for LED pins that cannot do PWM or pins used twice', async () => {
    const bad = emulatedEncoder({ ledPins: { r: 10, g: 7, b: 2 } });
    await assert.rejects(bad.encoder.open(), (err: unknown) => err instanceof NeurorackError && err.code === 'NR_DEVICE_CONFIG_INVALID' && /r=10/.test(err.message));
    const twice = emulatedEncoder({ ledPins: { r: 12, g: 7, b: 2 } });
    await assert.rejects(twice.encoder.open(), /six different/);
  });
});
