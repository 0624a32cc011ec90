import { NeurorackError } from '../../errors/neurorack-error';
import type { DeviceHealth } from '../device';
import type { AdcTapReading, CvAdc } from '../cv-adc/cv-adc';
import { DEFAULT_REFERENCE_VOLTS } from '../cv-adc/cv-adc-config';
import { hexAddress } from '../i2c/i2c-error';
import type { GateEvent, GateInputs } from './gate-inputs';
import type { GatesConfig } from './gates-config';
import { GateListeners } from './gate-listeners';

export interface AdcGatesOptions {
  readonly config: GatesConfig;
  /** The CV ADC whose scans carry the gate channels; not yet opened (taps join its scan plan). */
  readonly adc: CvAdc;
  readonly binding: 'real' | 'emulated';
  readonly id?: string;
  readonly referenceVolts?: number;
}

interface JackState {
  readonly jack: number;
  readonly tapId: string;
  high: boolean;
  changedAt: number;
}

/**
 * Gates read through the CV ADC, as on the v1 board: a rising edge when the jack exceeds
 * reference + threshold; the gate falls (and re-arms) once it is below that again and at least
 * the re-arm time has passed since it rose; a new rising edge needs the debounce time after the
 * fall. The gate channels are taps polled between the CV scans (at most `pollHz`, within what the
 * chip has left), and each edge is stamped with the time the chip sampled it. Only fresh readings
 * count, so a failing ADC holds the gate where it was.
 */
export class AdcGates implements GateInputs {
  readonly kind = 'gate' as const;
  readonly id: string;
  readonly binding: 'real' | 'emulated';
  readonly address: string;
  readonly jacks: readonly number[];
  private readonly states: JackState[];
  private readonly listeners = new GateListeners();
  private readonly thresholdVolts: number;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: AdcGatesOptions) {
    this.id = options.id ?? 'gates';
    this.binding = options.binding;
    this.thresholdVolts = (options.referenceVolts ?? DEFAULT_REFERENCE_VOLTS) + options.config.thresholdVolts;
    this.states = options.config.jacks.map((j, i) => {
      if (!j.adc) {
        throw new NeurorackError('NR_DEVICE_CONFIG_INVALID', `gate jack ${j.jack} has no adc channel, but the ADC gate binding was chosen (mixing adc and gpio gates is not supported)`, { device: this.id, pointer: `/devices/gates/jacks/${i}` });
      }
      const tapId = `gate${j.jack}`;
      options.adc.addTap({ id: tapId, chip: j.adc.chip, channel: j.adc.channel, pollHz: options.config.pollHz });
      return { jack: j.jack, tapId, high: false, changedAt: -Infinity };
    });
    this.jacks = this.states.map((s) => s.jack);
    this.address = options.config.jacks.map((j) => `gate${j.jack}=${hexAddress(j.adc!.chip)}/AIN${j.adc!.channel}`).join(' ');
  }

  async open(): Promise<void> {
    if (!this.unsubscribe) this.unsubscribe = this.options.adc.onTapReading((reading) => this.onReading(reading));
  }

  health(): DeviceHealth {
    const adc = this.options.adc.health();
    if (adc.status === 'ok') return { status: 'ok', detail: `${this.address}, polled at ${this.pollDetail()}` };
    return { status: adc.status, detail: `${this.address}: through the CV ADC, which is ${adc.status} (${adc.detail})` };
  }

  onEdge(listener: (event: GateEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  isHigh(jack: number): boolean {
    return this.states.find((s) => s.jack === jack)?.high ?? false;
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.listeners.clear();
  }

  private pollDetail(): string {
    const hz = this.states.map((s) => Math.round(this.options.adc.tapPollHz(s.tapId)));
    return hz.every((h) => h > 0) ? `${hz.join('/')} Hz` : 'the CV scan rate';
  }

  private onReading(reading: AdcTapReading): void {
    const state = this.states.find((s) => s.tapId === reading.id);
    if (!state || !reading.fresh) return;
    const { rearmSeconds, debounceMs } = this.options.config;
    const above = reading.volts > this.thresholdVolts;
    const t = reading.timeMs;
    if (!state.high && above && t - state.changedAt >= debounceMs) {
      state.high = true;
      state.changedAt = t;
      this.listeners.emit({ jack: state.jack, edge: 'rising', timeMs: t });
    } else if (state.high && !above && t - state.changedAt >= rearmSeconds * 1000) {
      state.high = false;
      state.changedAt = t;
      this.listeners.emit({ jack: state.jack, edge: 'falling', timeMs: t });
    }
  }
}
