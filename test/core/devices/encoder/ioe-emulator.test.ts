import assert from 'node:assert/strict';
import { IoeEmulator } from '../../../../core/devices/encoder/ioe-emulator';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';

function regs(chip: IoeEmulator) {
  return {
    w: (reg: number, v: number) => chip.onWrite(Uint8Array.of(reg, v)),
    r: (reg: number) => (chip.onWrite(Uint8Array.of(reg)), chip.onRead(1)[0]!),
  };
}

describe('IoeEmulator (MS51 IO Expander firmware)', () => {
  it('answers chip id 0xE26A (0xFA low, 0xFB high) and 0x78 at 0xD0', () => {
    const { r } = regs(new IoeEmulator(new VirtualClock()));
    assert.equal(r(0xfa), 0x6a);
    assert.equal(r(0xfb), 0xe2);
    assert.equal(r(0xd0), 0x78);
  });

  it('resets through CTRL bit 1: 0xD0 reads 0x78 again only when the reset is done', async () => {
    const clock = new VirtualClock();
    const chip = new IoeEmulator(clock, { resetMs: 5 });
    const { w, r } = regs(chip);
    w(0x04, 0x01);
    w(0xfe, 0x02);
    assert.notEqual(r(0xd0), 0x78);
    await clock.advance(5);
    assert.equal(r(0xd0), 0x78);
    assert.equal(r(0x04), 0, 'registers back to reset values');
  });

  it('counts only on the enabled channel configured with the pins the knob is wired to, wrapping at 8 bits', () => {
    const chip = new IoeEmulator(new VirtualClock(), { wiring: { a: 12, b: 3 } });
    const { w, r } = regs(chip);
    chip.turn(5);
    assert.equal(r(0x06), 0, 'not enabled');
    w(0x05, 0x3c);
    w(0x04, 0x01);
    chip.turn(5);
    assert.equal(r(0x06), 5);
    chip.turn(-10);
    assert.equal(r(0x06), 0xfb, '-5 as 8-bit two\'s complement');
    chip.turn(200);
    assert.equal(r(0x06), (195 & 0xff));
    w(0x06, 0);
    assert.equal(r(0x06), 0, 'writing 0 clears');
    w(0x05, 0xc3);
    chip.turn(1);
    assert.equal(r(0x06), 0xff, 'swapped pins count the other way');
    w(0x05, 0x21);
    chip.turn(1);
    assert.equal(r(0x06), 0xff, 'wrong pins: no counts');
  });

  it('bit-addressed port registers: 0b1000|bit sets, bit clears', () => {
    const { w, r } = regs(new IoeEmulator(new VirtualClock()));
    w(0x50, 0x05); // clear P1.5
    assert.equal(r(0x50), 0xff & ~0x20);
    w(0x50, 0x0d); // set P1.5
    assert.equal(r(0x50), 0xff);
  });

  it('PWM takes period and duty at LOAD, which the firmware clears; PNP inverts; the LED is common anode', async () => {
    const clock = new VirtualClock();
    const chip = new IoeEmulator(clock, { loadMs: 2 });
    const { w, r } = regs(chip);
    // red = pin 1 = P1.5 = PWM5 via PIOCON1 bit 5, push-pull
    w(0x73, 0x00);
    w(0x74, 0x20);
    w(0xc9, 0x20);
    w(0x99, 100); // period 100
    w(0x91, 0);
    w(0xcb, 25); // ch5 duty 25
    w(0xc8, 0);
    w(0x98, 0x80 | 0x40); // PWMRUN | LOAD
    assert.equal(r(0x98) & 0x40, 0x40, 'LOAD still set while the firmware works');
    assert.equal(chip.ledColor().r, 255, 'not loaded yet: output low (PWM idle), LED fully lit');
    await clock.advance(2);
    assert.equal(r(0x98) & 0x40, 0, 'the firmware cleared LOAD');
    // pin high 25% of the time: a common-anode LED is lit 75%
    assert.equal(chip.ledColor().r, Math.round(0.75 * 255));
    w(0x96, 0x20); // invert ch5
    assert.equal(chip.ledColor().r, Math.round(0.25 * 255));
    w(0xcb, 50);
    assert.equal(chip.ledColor().r, Math.round(0.25 * 255), 'duty changes wait for the next LOAD');
  });

  it('fault controls: wrong chip id, stuck bits, power cycle', () => {
    const chip = new IoeEmulator(new VirtualClock());
    const { w, r } = regs(chip);
    chip.setChipId(0x1234);
    assert.equal(r(0xfa) | (r(0xfb) << 8), 0x1234);
    chip.stuckBits(0x06, 0x80, 0x80);
    assert.equal(r(0x06), 0x80);
    w(0x04, 0x01);
    chip.powerCycle();
    assert.equal(r(0x04), 0);
  });
});
