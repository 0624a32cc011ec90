import type { RackConfig } from '../../config/rack-config';
import { createEmulatedAudioOut, type EmulatedAudioOutHandle } from '../../devices/audio-out/create-audio-out';
import { Ads1x15CvAdc } from '../../devices/cv-adc/ads1x15-cv-adc';
import { Ads1x15Emulator } from '../../devices/cv-adc/ads1x15-emulator';
import type { CvAdc } from '../../devices/cv-adc/cv-adc';
import { AdcGates } from '../../devices/gate/adc-gates';
import type { GateInputs } from '../../devices/gate/gate-inputs';
import { EmulatedI2cBus } from '../../devices/i2c/emulated-i2c-bus';
import type { Clock } from '../../scheduler/clock';

/** Volts a replay puts on a gate jack for "high". */
export const GATE_HIGH_VOLTS = 5;

/**
 * The devices the instrument plays through, emulated at register level from the rack config: the
 * ADS1015s on an emulated I2C bus (CVs and, as on the v1 board, the gates through ADC channels),
 * the real drivers on top, and the emulated sound card behind the audio-out driver. Replay events
 * enter at the chips (`setCv`, `setGate`), so they go through the same driver code as hardware.
 *
 * Until the composition root registers the emulated devices with a virtual panel, the replay
 * runner builds its rig here from the same drivers.
 */
export class EmulatedRig {
  readonly bus: EmulatedI2cBus;
  readonly chips = new Map<number, Ads1x15Emulator>();
  readonly cvAdc: CvAdc;
  readonly gates: GateInputs;
  readonly audio: EmulatedAudioOutHandle;

  constructor(private readonly config: RackConfig, clock: Clock, maxBlockFrames: number) {
    const adcConfig = config.devices.cvAdc as unknown as ConstructorParameters<typeof Ads1x15CvAdc>[0]['config'];
    this.bus = new EmulatedI2cBus(adcConfig.bus);
    for (const chip of adcConfig.chips) {
      const emu = new Ads1x15Emulator(clock, { variant: chip.variant, dividerRatio: adcConfig.dividerRatio });
      this.chips.set(chip.address, emu);
      this.bus.attach(chip.address, emu);
    }
    this.cvAdc = new Ads1x15CvAdc({ config: adcConfig, bus: this.bus, clock, binding: 'emulated' });
    this.gates = new AdcGates({ config: config.devices.gates as unknown as ConstructorParameters<typeof AdcGates>[0]['config'], adc: this.cvAdc, binding: 'emulated' });
    this.audio = createEmulatedAudioOut(config.devices.audioOut, { clock, maxBlockFrames });
  }

  async open(): Promise<void> {
    await this.cvAdc.open();
    await this.gates.open();
    await this.audio.audioOut.open();
    this.cvAdc.start();
  }

  async close(): Promise<void> {
    this.cvAdc.stop();
    await this.gates.close();
    await this.cvAdc.close();
    await this.audio.audioOut.close();
  }

  /** Puts `volts` on CV jack `jack` (through its ADS1015 channel and the breakout divider). */
  setCv(jack: number, volts: number): void {
    const j = this.config.devices.cvAdc.jacks.find((x) => x.jack === jack);
    if (j) this.chips.get(j.chip)?.setJackVolts(j.channel, volts);
  }

  /** Drives gate jack `jack` high (5 V) or low (0 V). */
  setGate(jack: number, high: boolean): void {
    const g = this.config.devices.gates.jacks.find((x) => x.jack === jack);
    if (g?.adc) this.chips.get(g.adc.chip)?.setJackVolts(g.adc.channel, high ? GATE_HIGH_VOLTS : 0);
  }
}
