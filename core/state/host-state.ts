import type { NeurorackError } from '../errors/neurorack-error';
import { SchemaIds, type SchemaRegistry } from '../schemas/schema-registry';
import type { HostSettings } from '../generated/host-settings';
import { DurableJsonFile } from './durable-json-file';

/** What the performer chose (schemas/host-settings.schema.json); every field optional. */
export type { HostSettings } from '../generated/host-settings';

/** One CV jack's calibration: jack volts = (raw volts - offset) * gain. */
export interface JackCalibration {
  readonly jack: number;
  readonly offset: number;
  readonly gain: number;
}

/** schemas/cv-calibration.schema.json. */
export interface CvCalibration {
  jacks: JackCalibration[];
}

/** What the host found in its state folder at boot. */
export interface SavedState {
  readonly settings: HostSettings;
  readonly calibration: CvCalibration;
  /** NR_STATE_RECOVERED / NR_STATE_LOST, to be logged and shown. */
  readonly warnings: readonly NeurorackError[];
}

/**
 * Everything the host persists across restarts, in one folder (NEURORACK_STATE_DIR): the settings
 * (model, entries A and B, volume) and the CV calibration, each a {@link DurableJsonFile} (atomic
 * writes, a previous good copy, torn files refused). Changes merge into what was last loaded or saved.
 */
export class HostState {
  private readonly settingsFile: DurableJsonFile<HostSettings>;
  private readonly calibrationFile: DurableJsonFile<CvCalibration>;
  private settings: HostSettings = {};
  private calibration: CvCalibration = { jacks: [] };

  constructor(readonly dir: string, schemas: SchemaRegistry) {
    this.settingsFile = new DurableJsonFile(dir, 'settings', (v, file) => schemas.validate<HostSettings>(SchemaIds.hostSettings, v, file));
    this.calibrationFile = new DurableJsonFile(dir, 'calibration', (v, file) => schemas.validate<CvCalibration>(SchemaIds.cvCalibration, v, file));
  }

  /** Reads both files (falling back to their previous good copies); what is missing is empty. */
  load(): SavedState {
    const s = this.settingsFile.load();
    const c = this.calibrationFile.load();
    this.settings = s.value ?? {};
    this.calibration = c.value ?? { jacks: [] };
    return { settings: { ...this.settings }, calibration: { jacks: [...this.calibration.jacks] }, warnings: [...s.warnings, ...c.warnings] };
  }

  /** Saves the settings with `change` merged in. */
  async saveSettings(change: HostSettings): Promise<void> {
    // Merged at once, so saves in flight together each write every change made before them.
    this.settings = { ...this.settings, ...change };
    await this.settingsFile.save({ ...this.settings });
  }

  /** Saves one jack's calibration (the others stay as stored). */
  async saveCalibration(jack: JackCalibration): Promise<void> {
    this.calibration = { jacks: [...this.calibration.jacks.filter((j) => j.jack !== jack.jack), { ...jack }].sort((a, b) => a.jack - b.jack) };
    await this.calibrationFile.save({ jacks: [...this.calibration.jacks] });
  }
}
