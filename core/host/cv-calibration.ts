import type { LoadedRack } from '../config/rack-config';
import { NeurorackError } from '../errors/neurorack-error';
import type { Clock } from '../scheduler/clock';
import type { HostState } from '../state/host-state';
import type { ToastView } from '../ui/host-view';
import type { EngineControl } from './control/engine-control';

export interface CvCalibrationDeps {
  readonly rack: LoadedRack;
  readonly engine: EngineControl;
  readonly clock: Clock;
  /** Where calibration is saved (undefined: this session only). */
  readonly state?: HostState;
  readonly onChange: () => void;
  readonly toast: (text: string, level: ToastView['level'], code?: string) => void;
}

/** The calibration page's work: raw readings of a jack, and a calibration applied at once and kept in the state folder. */
export class CvCalibration {
  constructor(private readonly deps: CvCalibrationDeps) {}

  async sampleRaw(jack: number, count: number): Promise<number[]> {
    const j = this.deps.rack.config.devices.cvAdc.jacks.find((x) => x.jack === jack);
    if (!j) throw new NeurorackError('NR_CALIBRATION_REFUSED', `CV ${jack} is not configured`);
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      const volts = this.deps.engine.inputs.latest().jacks.find((r) => r.jack === jack)?.volts ?? 0;
      out.push(volts / j.calibration.gain + j.calibration.offset);
      await this.deps.clock.sleep(5);
    }
    return out;
  }

  /**
   * Applies the calibration at once (the ADC reads it per scan) and saves it in the state folder
   * (it takes the place of the rack's at the next start); without one it lasts this session.
   */
  async store(jack: number, calibration: { offset: number; gain: number }): Promise<void> {
    const j = this.deps.rack.config.devices.cvAdc.jacks.find((x) => x.jack === jack);
    if (!j) throw new NeurorackError('NR_CALIBRATION_REFUSED', `CV ${jack} is not configured`);
    j.calibration = { ...calibration };
    this.deps.engine.setCalibration(jack, calibration);
    this.deps.onChange();
    if (!this.deps.state) {
      this.deps.toast(`CV ${jack} calibrated for this session; no state folder to keep it in`, 'warn');
      return;
    }
    await this.deps.state.saveCalibration({ jack, ...calibration });
  }
}
