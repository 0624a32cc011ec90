import assert from 'node:assert/strict';
import type { ButtonEvent } from '../../../core/devices/button/push-button';
import type { GateEvent } from '../../../core/devices/gate/gate-inputs';
import { buildEmulatedI2cGpioHardware, emulatedHardwareAccess } from '../../../core/devices/emulated-board';
import { createI2cGpioDevices } from '../../../core/devices/i2c-gpio-devices';
import type { I2cGpioDeviceSections } from '../../../core/devices/i2c-gpio-sections';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { VirtualClock } from '../../../core/scheduler/virtual-clock';
import { v1Config } from './cv-adc/cv-adc-fixtures';
import { v1Encoder } from './encoder/encoder-fixtures';
import { adcGatesConfig } from './gate/gate-fixtures';

const v1Sections = (): I2cGpioDeviceSections => ({
  cvAdc: v1Config(),
  gates: adcGatesConfig(),
  button: { binding: 'emulated', pin: { sysfs: 50 }, activeLow: true, debounceMs: 20, longPressMs: 600 },
  encoder: v1Encoder(),
});

describe('I2C/GPIO device factory and the virtual panel', () => {
  it('builds the v1 rack emulated: all ok, and the panel drives every device through its chip', async () => {
    const clock = new VirtualClock();
    const sections = v1Sections();
    const hw = buildEmulatedI2cGpioHardware(sections, clock);
    const devices = await createI2cGpioDevices(sections, { clock, emulated: emulatedHardwareAccess(hw) });
    assert.deepEqual(devices.all.map((d) => [d.kind, d.binding, d.health().status]), [
      ['cv-adc', 'emulated', 'ok'],
      ['gate', 'emulated', 'ok'],
      ['button', 'emulated', 'ok'],
      ['encoder', 'emulated', 'ok'],
    ]);
    const gates: GateEvent[] = [];
    const button: ButtonEvent[] = [];
    devices.gates.onEdge((e) => gates.push(e));
    devices.button.onEvent((e) => button.push(e));
    hw.panel.setCvVolts(3, -2.5);
    hw.panel.setGate(2, true);
    hw.panel.setButton(true);
    hw.panel.turnEncoder(4);
    await devices.encoder.setColor(10, 20, 30);
    await clock.advance(50);
    hw.panel.setButton(false);
    await clock.advance(50);
    assert.ok(Math.abs(devices.cvAdc.latest().jacks[2]!.volts + 2.5) < 0.03);
    assert.deepEqual(gates.map((g) => [g.jack, g.edge]), [[2, 'rising']]);
    assert.deepEqual(button.map((b) => b.type), ['down', 'up', 'short-press']);
    assert.equal(devices.encoder.position(), 4);
    assert.deepEqual(hw.panel.ledColor(), { r: 10, g: 20, b: 30 });

    hw.buses.get(1)!.injectFault(0x49, 'nack');
    await clock.advance(50);
    assert.equal(devices.cvAdc.health().status, 'degraded');
    hw.buses.get(1)!.clearFault(0x49);
    await clock.advance(1100);
    assert.equal(devices.cvAdc.health().status, 'ok');
    for (const d of devices.all) await d.close();
  });

  it('GPIO gates on a Pi 5 style chip label resolve against the emulated pinctrl-rp1 (base 571)', async () => {
    const clock = new VirtualClock();
    const sections: I2cGpioDeviceSections = {
      ...v1Sections(),
      gates: { ...adcGatesConfig(), jacks: [{ jack: 1, gpio: { chip: 'pinctrl-rp1', offset: 5 } }, { jack: 2, gpio: { chip: 'pinctrl-rp1', offset: 6 } }] },
      button: { binding: 'emulated', pin: { chip: 'pinctrl-rp1', offset: 17 }, activeLow: true, debounceMs: 20, longPressMs: 600 },
    };
    const hw = buildEmulatedI2cGpioHardware(sections, clock);
    const devices = await createI2cGpioDevices(sections, { clock, emulated: emulatedHardwareAccess(hw) });
    assert.match(devices.gates.address, /gate1=gpio576 gate2=gpio577/);
    assert.match(devices.button.address, /gpio588/);
    const gates: GateEvent[] = [];
    devices.gates.onEdge((e) => gates.push(e));
    hw.panel.setGate(1, true);
    assert.deepEqual(gates.map((g) => g.edge), ['rising']);
    for (const d of devices.all) await d.close();
  });

  it('config errors are named: a label no chip has, a gate on a chip not in cvAdc.chips, a missing binding', async () => {
    const clock = new VirtualClock();
    const badPin = { ...v1Sections(), button: { ...v1Sections().button, pin: { chip: 'nope', offset: 1 } } };
    const hw = buildEmulatedI2cGpioHardware(v1Sections(), clock);
    await assert.rejects(createI2cGpioDevices(badPin, { clock, emulated: emulatedHardwareAccess(hw) }), (err: unknown) => err instanceof NeurorackError && err.code === 'NR_GPIO_CHIP_UNKNOWN' && err.location.pointer === '/devices/button/pin');
    const badGate = { ...v1Sections(), gates: adcGatesConfig({ jacks: [{ jack: 1, adc: { chip: 0x4c, channel: 0 } }] }) };
    await assert.rejects(createI2cGpioDevices(badGate, { clock, emulated: emulatedHardwareAccess(hw) }), (err: unknown) => err instanceof NeurorackError && err.code === 'NR_DEVICE_CONFIG_INVALID' && /0x4C/.test(err.message));
    await assert.rejects(createI2cGpioDevices(v1Sections(), { clock }), (err: unknown) => err instanceof NeurorackError && err.code === 'NR_DEVICE_CONFIG_INVALID' && /emulated binding/.test(err.message));
  });

  it('an emulated board without the configured encoder address shows it missing, the rest ok', async () => {
    const clock = new VirtualClock();
    const sections = { ...v1Sections(), encoder: v1Encoder({ address: 0x12 }) };
    const hw = buildEmulatedI2cGpioHardware(sections, clock, {
      board: { i2cBuses: [1], adcChips: [{ bus: 1, address: 0x48, variant: 'ads1015' }, { bus: 1, address: 0x49, variant: 'ads1015' }], encoder: { bus: 1, address: 0x0f, wiring: { a: 12, b: 3 }, ledWiring: { r: 1, g: 7, b: 2 } } },
    });
    const devices = await createI2cGpioDevices(sections, { clock, emulated: emulatedHardwareAccess(hw) });
    assert.equal(devices.encoder.health().status, 'missing');
    assert.equal(devices.cvAdc.health().status, 'ok');
    for (const d of devices.all) await d.close();
  });
});
