import * as fs from 'node:fs';
import * as path from 'node:path';
import { DESCRIPTOR_HOP_LENGTH, DESCRIPTOR_ORDER, DESCRIPTOR_SAMPLE_RATE, extractDescriptors } from '../descriptors';
import { silentProgress, type Progress } from '../banks/progress';
import { NeurorackError } from '../errors/neurorack-error';
import { DATASET_MANIFEST, type DatasetItem, type DatasetManifest } from './dataset-manifest';
import { fileSounds, listWavFiles, synthSounds, type RawSound } from './dataset-sources';
import { DescriptorStatsAccumulator } from './descriptor-stats';
import { hashSamples, splitForHash } from './item-split';
import { encodeNpyFloat32 } from './npy';
import { makeOneShot, ONE_SHOT_RULE } from './one-shot-rule';

export interface BuildDatasetOptions {
  outDir: string;
  /** Procedural impacts to generate (0 or absent: none). */
  synth?: { count: number; seed: number };
  /** Folders of the user's WAV files (searched recursively). */
  folders?: readonly string[];
  /** Items per thousand that go to validation, chosen by hash (default 50). */
  validationPermille?: number;
  /** Replace a dataset already in outDir. */
  force?: boolean;
  progress?: Progress;
}

/**
 * Builds a training dataset in `outDir`: every sound goes through the one-shot rule (trim, RMS
 * normalise; see one-shot-rule.ts), its descriptors come from the host's extractor, and both are
 * written as float32 .npy under `items/`; `dataset.json` lists every item (hash, duration,
 * split) and every refused input with its reason. Identical sounds are kept once.
 *
 * Unreadable or unusable files are skipped and listed, never fatal; a folder that yields no usable
 * item is NR_DATASET_NO_USABLE_AUDIO, an absent one NR_FILE_NOT_FOUND. A dataset already in outDir
 * is NR_DATASET_INVALID unless `force`.
 */
export async function buildDataset(opts: BuildDatasetOptions): Promise<DatasetManifest> {
  const progress = opts.progress ?? silentProgress;
  const folders = opts.folders ?? [];
  const synthCount = opts.synth?.count ?? 0;
  if (synthCount === 0 && folders.length === 0) {
    throw new NeurorackError('NR_USAGE', 'nothing to build from; give --synth N and/or --from FOLDER');
  }
  const permille = opts.validationPermille ?? 50;
  const manifestPath = path.join(opts.outDir, DATASET_MANIFEST);
  if (fs.existsSync(manifestPath) && !opts.force) {
    throw new NeurorackError('NR_DATASET_INVALID', 'a dataset is already here; use --force to replace it', { file: manifestPath });
  }
  const folderFiles = folders.map((f) => ({ folder: f, files: listWavFiles(f) }));
  const itemsDir = path.join(opts.outDir, 'items');
  try {
    fs.mkdirSync(itemsDir, { recursive: true });
  } catch (err) {
    throw new NeurorackError('NR_DATASET_WRITE_FAILED', `cannot create the dataset folder (${(err as Error).message})`, { file: opts.outDir }, { cause: err });
  }

  const items: DatasetItem[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const seen = new Set<string>();
  const stats = new DescriptorStatsAccumulator(DESCRIPTOR_ORDER.length);
  const total = synthCount + folderFiles.reduce((a, f) => a + f.files.length, 0);
  progress.start(total, 'dataset');

  const take = (sound: RawSound): boolean => {
    if ('error' in sound) {
      skipped.push({ file: sound.source, reason: sound.error });
      return false;
    }
    const shot = makeOneShot(sound.samples);
    if (!shot.ok) {
      skipped.push({ file: sound.source, reason: shot.reason });
      return false;
    }
    const hash = hashSamples(shot.samples);
    if (seen.has(hash)) {
      skipped.push({ file: sound.source, reason: 'duplicate of an item already in the dataset' });
      return false;
    }
    seen.add(hash);
    const matrix = extractDescriptors(shot.samples, DESCRIPTOR_SAMPLE_RATE);
    const width = DESCRIPTOR_ORDER.length;
    const desc = new Float32Array(matrix.frames.length * width);
    matrix.frames.forEach((row, t) => desc.set(row, t * width));
    const id = hash.slice(0, 16);
    const item: DatasetItem = {
      id,
      hash,
      source: sound.source,
      split: splitForHash(hash, permille),
      samples: shot.samples.length,
      durationS: shot.samples.length / DESCRIPTOR_SAMPLE_RATE,
      frames: matrix.frames.length,
      audio: `items/${id}.audio.npy`,
      descriptors: `items/${id}.descriptors.npy`,
    };
    try {
      fs.writeFileSync(path.join(opts.outDir, item.audio), encodeNpyFloat32(shot.samples, [shot.samples.length]));
      fs.writeFileSync(path.join(opts.outDir, item.descriptors), encodeNpyFloat32(desc, [matrix.frames.length, width]));
    } catch (err) {
      throw new NeurorackError('NR_DATASET_WRITE_FAILED', `cannot write item ${id} (${(err as Error).message})`, { file: opts.outDir }, { cause: err });
    }
    if (item.split === 'train') stats.add(matrix.frames);
    items.push(item);
    return true;
  };

  try {
    if (synthCount > 0) {
      for await (const s of synthSounds(synthCount, opts.synth!.seed)) {
        take(s);
        progress.tick(s.source);
      }
    }
    for (const { folder, files } of folderFiles) {
      let used = 0;
      for await (const s of fileSounds(files)) {
        if (take(s)) used++;
        progress.tick(path.basename(s.source));
      }
      if (used === 0) {
        const listed = skipped.filter((k) => files.includes(k.file)).map((k) => `${path.basename(k.file)}: ${k.reason}`);
        throw new NeurorackError(
          'NR_DATASET_NO_USABLE_AUDIO',
          files.length === 0
            ? 'holds no .wav files; expected a folder of WAV one-shots'
            : `none of its ${files.length} WAV file(s) is usable (${listed.slice(0, 5).join('; ')}${listed.length > 5 ? '; ...' : ''})`,
          { file: folder },
        );
      }
    }
  } finally {
    progress.stop();
  }

  const train = items.filter((i) => i.split === 'train').length;
  const manifest: DatasetManifest = {
    format: 'neurorack-dataset',
    version: 1,
    sampleRate: DESCRIPTOR_SAMPLE_RATE,
    hopLength: DESCRIPTOR_HOP_LENGTH,
    descriptorOrder: DESCRIPTOR_ORDER,
    oneShotRule: ONE_SHOT_RULE,
    validationPermille: permille,
    sources: { synth: opts.synth && synthCount > 0 ? { ...opts.synth } : undefined, folders: folders.map((f) => path.resolve(f)) },
    items,
    skipped,
    stats: stats.result(),
    totals: { items: items.length, train, validation: items.length - train, durationS: items.reduce((a, i) => a + i.durationS, 0) },
  };
  const tmp = `${manifestPath}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(tmp, JSON.stringify(manifest, null, 1) + '\n');
    fs.renameSync(tmp, manifestPath);
  } catch (err) {
    throw new NeurorackError('NR_DATASET_WRITE_FAILED', `cannot write the manifest (${(err as Error).message})`, { file: manifestPath }, { cause: err });
  }
  return manifest;
}
