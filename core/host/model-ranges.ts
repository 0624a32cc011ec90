import { statSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile } from '../config/read-json-file';
import { installedModels, type InstalledModel } from '../model-packages/installed-models';

/** One descriptor's training range, as a model's manifest carries it (train_min / train_max). */
export interface TrainingRange {
  readonly name: string;
  readonly unit: string;
  readonly trainMin: number;
  readonly trainMax: number;
}

const cache = new Map<string, readonly TrainingRange[]>();

/**
 * The training ranges in the manifest of the installed model `id` (none for an unknown model or
 * the additive fallback), found among `models`. Read once per manifest version: the screen asks on every view.
 */
export function trainingRanges(id: string | null, models: readonly InstalledModel[] = installedModels()): readonly TrainingRange[] {
  if (!id) return [];
  const found = models.find((m) => m.id === id);
  if (!found) return [];
  const file = join(found.dir, 'manifest.json');
  const key = `${id}\0${found.dir}\0${statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0}`;
  const known = cache.get(key);
  if (known) return known;
  let ranges: TrainingRange[] = [];
  try {
    const manifest = readJsonFile(file) as { descriptors?: Array<{ name: string; unit?: string; train_min?: number; train_max?: number }> };
    ranges = (manifest.descriptors ?? [])
      .filter((d) => typeof d.train_min === 'number' && typeof d.train_max === 'number')
      .map((d) => ({ name: d.name, unit: d.unit ?? '', trainMin: d.train_min!, trainMax: d.train_max! }));
  } catch {
    // an unreadable manifest is the loader's to report; the screen just shows no range
  }
  if (cache.size >= 32) cache.clear();
  cache.set(key, ranges);
  return ranges;
}
