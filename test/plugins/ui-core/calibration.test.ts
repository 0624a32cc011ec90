import assert from 'node:assert/strict';
import { Ads1x15CvAdc } from '../../../core/devices/cv-adc/ads1x15-cv-adc';
import { Ads1x15Emulator } from '../../../core/devices/cv-adc/ads1x15-emulator';
import type { CvAdcConfig, CvJackConfig } from '../../../core/devices/cv-adc/cv-adc-config';
import { VirtualClock } from '../../../core/scheduler/virtual-clock';
import type { HostView } from '../../../core/ui/host-view';
import { sampleHostView } from '../../../core/ui/sample-host-view';
import { emulatedPanel, type EmulatedPanel } from '../../core/ui/emulated-panel';
import { crop, diffPixels, expectGolden } from '../../core/ui/golden';
import { renderOffline } from '../../core/ui/offline-render';

type MutableJack = { -readonly [K in keyof CvJackConfig]: CvJackConfig[K] };

/**
 * The v1 CV inputs on the panel's I2C bus. The chip behind CV1 sits on a breakout whose divider
 * and reference differ from what the driver assumes (20.0 and 1.10 V instead of 21.05 and 1.241 V),
 * as real parts do: uncalibrated, CV1 reads wrong.
 */
async function rig(noisy = false): Promise<{ p: EmulatedPanel; adc: Ads1x15CvAdc; config: CvAdcConfig; setCv1: (v: number) => void; readCv1: () => Promise<number> }> {
  const clock = new VirtualClock(1000);
  const jacks: MutableJack[] = [
    { jack: 1, chip: 0x48, channel: 2, range: 'bipolar-5v', calibration: { offset: 0, gain: 1 } },
    { jack: 2, chip: 0x49, channel: 0, range: 'bipolar-5v', calibration: { offset: 0, gain: 1 } },
  ];
  const config: CvAdcConfig = { binding: 'emulated', bus: 1, chips: [{ address: 0x48, variant: 'ads1015' }, { address: 0x49, variant: 'ads1015' }], dataRate: 3300, pgaVolts: 2.048, dividerRatio: (8.06e6 + 402e3) / 402e3, scanHz: 200, jackPollHz: 0, jacks };
  const chip48 = new Ads1x15Emulator(clock, { dividerRatio: 20, referenceVolts: 1.1 });
  const chip49 = new Ads1x15Emulator(clock);
  let cv1 = 0;
  let flip = false;
  const view: HostView = { ...sampleHostView(), calibration: { jacks: jacks.map((j) => ({ jack: j.jack, range: j.range, ...j.calibration })) } };
  let adc!: Ads1x15CvAdc;
  const p = await emulatedPanel(view, {
    // Raw volts come from taps on the same channels: uncalibrated and unclamped.
    sampleRawCv: async (jack, count) => {
      const out: number[] = [];
      for (let i = 0; i < count; i++) {
        if (noisy) chip48.setJackVolts(2, cv1 + ((flip = !flip) ? 0.15 : -0.15));
        const scan = await adc.scan();
        out.push(scan.taps.find((t) => t.id === `raw-cv${jack}`)!.volts);
      }
      return out;
    },
    // "Writes the rack config": the driver reads calibration from it at every scan.
    onCalibration: (jack, calibration) => {
      jacks.find((j) => j.jack === jack)!.calibration = calibration;
    },
  }, clock);
  p.i2c.attach(0x48, chip48);
  p.i2c.attach(0x49, chip49);
  adc = new Ads1x15CvAdc({ config, bus: p.i2c, clock, binding: 'emulated' });
  for (const j of jacks) adc.addTap({ id: `raw-cv${j.jack}`, chip: j.chip, channel: j.channel });
  await p.settle(adc.open());
  const setCv1 = (v: number): void => {
    cv1 = v;
    chip48.setJackVolts(2, v);
  };
  const readCv1 = async (): Promise<number> => (await p.settle(adc.scan())).jacks[0]!.volts;
  return { p, adc, config, setCv1, readCv1 };
}

async function openCalibration(p: EmulatedPanel): Promise<void> {
  await p.press(); // menu
  const pick = async (label: string) => {
    const f = p.runtime.nav.menuFrame();
    const i = f.lines.findIndex((l) => l.label === label);
    if (i !== f.cursor) await p.turn(i - f.cursor);
    await p.press();
  };
  await pick('Admin');
  await pick('Calibration');
  assert.equal(p.runtime.currentPageId(), 'ui-core/calibration');
}

const CV1_ROW = [0, 56, 240, 80] as const;

describe('CV calibration through the emulated ADS1015, encoder, button and ST7789', () => {
  it('guides 0 V / +1 V / +5 V, stores offset and gain, and the perform page shows calibrated volts', async () => {
    const { p, config, setCv1, readCv1 } = await rig();
    setCv1(2.5);
    const before = await readCv1();
    assert.ok(Math.abs(before - 2.5) > 0.1, `uncalibrated CV1 reads off (${before})`);

    await openCalibration(p);
    await p.press(); // CV1
    await p.frame();
    expectGolden('calibration-prompt', p.lcd.emulator.readRgba());
    for (const volts of [0, 1, 5]) {
      setCv1(volts);
      await p.press();
    }
    await p.frame();
    expectGolden('calibration-stored', p.lcd.emulator.readRgba());
    const stored = p.host.calls.filter((c) => c.action === 'storeCalibration');
    assert.equal(stored.length, 1);
    const cal = config.jacks[0]!.calibration;
    // Expected from the breakout's numbers: raw = (jack - 1.10) x 21.05/20 + 1.241
    const k = config.dividerRatio / 20;
    assert.ok(Math.abs(cal.gain - 1 / k) < 0.01, `gain ${cal.gain}, expected ${1 / k}`);
    assert.ok(Math.abs(cal.offset - (1.241 - 1.1 * k)) < 0.02, `offset ${cal.offset}`);

    setCv1(2.5);
    const after = await readCv1();
    assert.ok(Math.abs(after - 2.5) < 0.03, `calibrated CV1 reads ${after}`);
    p.host.update({ cvs: p.host.view().cvs.map((c) => (c.jack === 1 ? { ...c, volts: after } : c)) });
    for (let i = 0; i < 4; i++) await p.longPress();
    await p.frame();
    assert.equal(p.runtime.currentPageId(), 'ui-core/perform');
    const shown = crop(p.lcd.emulator.readRgba(), ...CV1_ROW);
    const withView = (volts: number) => renderOffline('perform', { ...p.host.view(), cvs: p.host.view().cvs.map((c) => (c.jack === 1 ? { ...c, volts } : c)) });
    const w = CV1_ROW[2] - CV1_ROW[0];
    const h = CV1_ROW[3] - CV1_ROW[1];
    assert.equal(diffPixels(shown, crop(await withView(after), ...CV1_ROW), undefined, w, h), 0, 'the CV1 row shows the calibrated volts');
    assert.ok(diffPixels(shown, crop(await withView(before), ...CV1_ROW), undefined, w, h) > 0, 'and not the uncalibrated ones');
  });

  it('refuses a wrong patch with a message on screen and keeps the previous calibration; a retry goes on', async () => {
    const { p, config, setCv1 } = await rig();
    await openCalibration(p);
    await p.press();
    setCv1(0);
    await p.press();
    setCv1(3); // asked for +1 V
    await p.press();
    await p.frame();
    expectGolden('calibration-refused', p.lcd.emulator.readRgba());
    assert.deepEqual(config.jacks[0]!.calibration, { offset: 0, gain: 1 });
    assert.equal(p.host.calls.some((c) => c.action === 'storeCalibration'), false);
    await p.press(); // retry this step
    setCv1(1);
    await p.press();
    setCv1(5);
    await p.press();
    assert.notDeepEqual(config.jacks[0]!.calibration, { offset: 0, gain: 1 });
  });

  it('refuses noisy readings', async () => {
    const { p, config, setCv1 } = await rig(true);
    await openCalibration(p);
    await p.press();
    setCv1(0);
    await p.press();
    await p.frame();
    const local = (p.runtime.nav.current as { local: { step: string; message: string } }).local;
    assert.equal(local.step, 'refused');
    assert.match(local.message, /too noisy/);
    assert.deepEqual(config.jacks[0]!.calibration, { offset: 0, gain: 1 });
  });
});
