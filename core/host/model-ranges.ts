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

/** A manifest's ranges as read, the file's modification time then, and when that was last checked. */
interface Known {
  readonly ranges: readonly TrainingRange[];
  readonly mtimeMs: number;
  checkedAt: number;
}

const cache = new Map<string, Known>();
/**
 * How long a manifest is taken as unchanged before its modification time is looked at again: the
 * screen asks on every frame that changed (15 a second under moving CVs), and a `stat` a frame was
 * 1.5 % of a core on the main thread under the LFO patch.
 */
const RECHECK_MS = 1000;

/**
 * The training ranges in the manifest of the installed model `id` (none for an unknown model or
 * the additive fallback), found among `models`. Read again when the manifest changes (seen within
 * RECHECK_MS): the screen asks on every view.
 */
export function trainingRanges(id: string | null, models: readonly InstalledModel[] = installedModels(), nowMs = performance.now()): readonly TrainingRange[] {
  if (!id) return [];
  const found = models.find((m) => m.id === id);
  if (!found) return [];
  const file = join(found.dir, 'manifest.json');
  const key = `${id}\0${found.dir}`;
  const known = cache.get(key);
  if (known && nowMs - known.checkedAt < RECHECK_MS) return known.ranges;
  const mtimeMs = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (known && known.mtimeMs === mtimeMs) {
    known.checkedAt = nowMs;
    return known.ranges;
  }
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
  cache.set(key, { ranges, mtimeMs, checkedAt: nowMs });
  return ranges;
}
