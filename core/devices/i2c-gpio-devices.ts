import type { PushButton } from './button/push-button';
import { createButton } from './button/create-button';
import { createCvAdc } from './cv-adc/create-cv-adc';
import type { CvAdc } from './cv-adc/cv-adc';
import type { Device } from './device';
import { createEncoder } from './encoder/create-encoder';
import type { RgbEncoder } from './encoder/rgb-encoder';
import { createGates } from './gate/create-gates';
import type { GateInputs } from './gate/gate-inputs';
import type { I2cGpioDeviceContext } from './hardware-access';
import type { I2cGpioDeviceSections } from './i2c-gpio-sections';

/** The devices a gate and a CV are read through: what the control thread owns. */
export interface ControlDevices {
  readonly cvAdc: CvAdc;
  readonly gates: GateInputs;
}

/** The devices a hand plays on the panel: what the screen and menu own. */
export interface PanelDevices {
  readonly button: PushButton;
  readonly encoder: RgbEncoder;
}

export interface I2cGpioDevices extends ControlDevices, PanelDevices {
  readonly all: readonly Device[];
}

/** The CV ADC and the gates (gates tap the ADC before it opens), opened; their timers not started. */
export async function createControlDevices(sections: Pick<I2cGpioDeviceSections, 'cvAdc' | 'gates'>, ctx: I2cGpioDeviceContext): Promise<ControlDevices> {
  const cvAdc = await createCvAdc(sections.cvAdc, ctx);
  const gates = await createGates(sections.gates, ctx, cvAdc);
  await cvAdc.open();
  await gates.open();
  return { cvAdc, gates };
}

/** The push button and the encoder, opened; the encoder's polls not started. */
export async function createPanelDevices(sections: Pick<I2cGpioDeviceSections, 'button' | 'encoder'>, ctx: I2cGpioDeviceContext): Promise<PanelDevices> {
  const button = await createButton(sections.button, ctx);
  const encoder = await createEncoder(sections.encoder, ctx);
  await button.open();
  await encoder.open();
  return { button, encoder };
}

/**
 * Builds the four devices in the order they need, opens them and starts their periodic work (ADC
 * scans, encoder polls) unless `startTimers` is false. Rejects only for configuration that cannot
 * be wired; absent or failing chips show in `health()`.
 */
export async function createI2cGpioDevices(sections: I2cGpioDeviceSections, ctx: I2cGpioDeviceContext, options: { startTimers?: boolean } = {}): Promise<I2cGpioDevices> {
  const { cvAdc, gates } = await createControlDevices(sections, ctx);
  const { button, encoder } = await createPanelDevices(sections, ctx);
  // The host drives scans and polls from its scheduler instead (deadline accounting); tools and
  // tests without one let the drivers run their own timers.
  if (options.startTimers !== false) {
    cvAdc.start();
    encoder.start();
  }
  return { cvAdc, gates, button, encoder, all: [cvAdc, gates, button, encoder] };
}
