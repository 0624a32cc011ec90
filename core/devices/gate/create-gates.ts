import { NeurorackError } from '../../errors/neurorack-error';
import type { CvAdc } from '../cv-adc/cv-adc';
import type { GpioInput } from '../gpio/gpio-line';
import { accessFor, type I2cGpioDeviceContext } from '../hardware-access';
import { AdcGates } from './adc-gates';
import type { GateInputs } from './gate-inputs';
import type { GatesConfig } from './gates-config';
import { GpioGates } from './gpio-gates';

/** ADC gates ride on `cvAdc` (call before opening it); GPIO gates open their lines. */
export async function createGates(config: GatesConfig, ctx: I2cGpioDeviceContext, cvAdc: CvAdc): Promise<GateInputs> {
  const viaAdc = config.jacks.filter((j) => j.adc).length;
  if (viaAdc > 0 && viaAdc < config.jacks.length) {
    throw new NeurorackError('NR_DEVICE_CONFIG_INVALID', 'devices.gates mixes adc and gpio jacks; use one kind for both', { pointer: '/devices/gates/jacks' });
  }
  if (viaAdc > 0) return new AdcGates({ config, adc: cvAdc, binding: cvAdc.binding });
  const access = accessFor(ctx, config.binding, 'gates');
  const lines = new Map<number, GpioInput>();
  for (const [i, j] of config.jacks.entries()) lines.set(j.jack, await access.gpioInput(j.gpio!, 'both', `/devices/gates/jacks/${i}/gpio`));
  return new GpioGates({ lines, debounceMs: config.debounceMs, clock: ctx.clock, binding: config.binding });
}
