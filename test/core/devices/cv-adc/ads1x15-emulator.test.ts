import assert from 'node:assert/strict';
import { Ads1x15Emulator } from '../../../../core/devices/cv-adc/ads1x15-emulator';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';

/** Register access as a master does it: pointer byte, then big-endian words. */
function wire(chip: Ads1x15Emulator) {
  return {
    writeConfig(word: number) {
      chip.onWrite(Uint8Array.of(0x01, word >> 8, word & 0xff));
    },
    read(reg: number): number {
      chip.onWrite(Uint8Array.of(reg));
      const b = chip.onRead(2);
      return (b[0]! << 8) | b[1]!;
    },
  };
}

describe('Ads1x15Emulator', () => {
  it('powers up with config 0x8583, conversion 0 and thresholds 0x8000/0x7FFF', () => {
    const w = wire(new Ads1x15Emulator(new VirtualClock()));
    assert.equal(w.read(1), 0x8583);
    assert.equal(w.read(0), 0);
    assert.equal(w.read(2), 0x8000);
    assert.equal(w.read(3), 0x7fff);
  });

  it('converts AIN2-AIN3 as a 12-bit left-justified two\'s complement, big-endian', async () => {
    const clock = new VirtualClock();
    const chip = new Ads1x15Emulator(clock);
    const w = wire(chip);
    chip.setPinVolts(3, 1.0);
    chip.setPinVolts(2, 1.5); // +0.5 V at +-2.048 V: 500 codes
    // OS=1, MUX=011, PGA=010, MODE=1, DR=100 (1600 SPS), COMP_QUE=11
    w.writeConfig(0b1_011_010_1_100_00011);
    await clock.advance(1);
    chip.onWrite(Uint8Array.of(0x00));
    assert.deepEqual([...chip.onRead(2)], [0x1f, 0x40]); // 500 << 4 = 0x1F40
    chip.setPinVolts(2, 0.5); // -0.5 V: -500 codes
    w.writeConfig(0b1_011_010_1_100_00011);
    await clock.advance(1);
    assert.equal(w.read(0), 0xe0c0);
  });

  it('saturates at the full-scale codes', async () => {
    const clock = new VirtualClock();
    const chip = new Ads1x15Emulator(clock);
    const w = wire(chip);
    chip.setPinVolts(0, 3.3); // AIN0-GND at +-0.256 V
    w.writeConfig(0b1_100_101_1_100_00011);
    await clock.advance(1);
    assert.equal(w.read(0), 0x7ff0);
  });

  it('converts at each PGA setting', async () => {
    const cases: Array<[number, number]> = [
      [0b000, 6.144],
      [0b001, 4.096],
      [0b010, 2.048],
      [0b011, 1.024],
      [0b100, 0.512],
      [0b101, 0.256],
    ];
    for (const [pga, fs] of cases) {
      const clock = new VirtualClock();
      const chip = new Ads1x15Emulator(clock);
      const w = wire(chip);
      chip.setPinVolts(3, 0);
      chip.setPinVolts(1, fs / 4); // a quarter of full scale: 512 codes
      w.writeConfig(0x8000 | (0b010 << 12) | (pga << 9) | 0x0100 | (0b100 << 5) | 0b11);
      await clock.advance(1);
      assert.equal(w.read(0), 512 << 4, `PGA ${fs} V`);
    }
  });

  it('reports busy (OS=0) for 1/DR after the start, at each data rate', async () => {
    const rates = [128, 250, 490, 920, 1600, 2400, 3300];
    for (let dr = 0; dr < rates.length; dr++) {
      const clock = new VirtualClock();
      const w = wire(new Ads1x15Emulator(clock));
      w.writeConfig(0x8000 | (0b100 << 12) | (0b010 << 9) | 0x0100 | (dr << 5) | 0b11);
      const period = 1000 / rates[dr]!;
      await clock.advance(period * 0.95);
      assert.equal(w.read(1) & 0x8000, 0, `${rates[dr]} SPS: still busy at 95% of 1/DR`);
      await clock.advance(period * 0.05 + 0.03);
      assert.equal(w.read(1) & 0x8000, 0x8000, `${rates[dr]} SPS: idle after 1/DR + wake-up`);
    }
  });

  it('ignores OS=1 written while converting (the Pimoroni read-modify-write pattern)', async () => {
    const clock = new VirtualClock();
    const chip = new Ads1x15Emulator(clock);
    const w = wire(chip);
    chip.setPinVolts(3, 1.0);
    chip.setPinVolts(0, 1.25); // AIN0-AIN3 = +0.25 V: 250 codes
    chip.setPinVolts(1, 0.75); // AIN1-AIN3 = -0.25 V
    // Read-modify-write of MUX on an idle chip: OS reads back 1, so this write already starts.
    const cfg = w.read(1);
    w.writeConfig((cfg & ~0x7000) | (0b001 << 12));
    assert.equal(chip.conversionsStarted, 1);
    assert.equal(w.read(1) & 0x8000, 0, 'busy');
    await clock.advance(0.1);
    w.writeConfig((cfg & ~0x7000) | (0b010 << 12) | 0x8000); // lands while busy
    assert.equal(chip.conversionsStarted, 1, 'the OS write while busy started nothing');
    await clock.advance(1);
    assert.equal(w.read(0), 250 << 4, 'the result is the first conversion (AIN0-AIN3)');
  });

  it('sets jack volts through the breakout divider against AIN3', async () => {
    const clock = new VirtualClock();
    const chip = new Ads1x15Emulator(clock);
    chip.setJackVolts(1, 1.241 + 21.05 * 0.1);
    assert.ok(Math.abs(chip.pinVolts(1) - chip.pinVolts(3) - 0.1) < 1e-3);
  });

  it('as an ADS1115: 16-bit codes and its own data rates', async () => {
    const clock = new VirtualClock();
    const chip = new Ads1x15Emulator(clock, { variant: 'ads1115' });
    const w = wire(chip);
    chip.setPinVolts(3, 0);
    chip.setPinVolts(2, 0.5);
    w.writeConfig(0x8000 | (0b011 << 12) | (0b010 << 9) | 0x0100 | (0b100 << 5) | 0b11); // DR 100 = 128 SPS
    await clock.advance(7.5);
    assert.equal(w.read(1) & 0x8000, 0, 'still busy at 7.5 ms (128 SPS)');
    await clock.advance(0.5);
    assert.equal(w.read(0), 8000); // 0.5/2.048*32768
  });

  it('test controls: stuck bits and forced codes', async () => {
    const clock = new VirtualClock();
    const chip = new Ads1x15Emulator(clock);
    const w = wire(chip);
    chip.forceConversion(0x1235);
    assert.equal(w.read(0), 0x1235);
    chip.forceConversion(undefined);
    chip.stuckBits(0x8000, 0x8000);
    assert.equal(w.read(0), 0x8000);
  });
});
