import * as path from 'node:path';
import { readWavFile } from '../audio/wav-read';
import { DESCRIPTOR_ORDER, DESCRIPTOR_SAMPLE_RATE, extractDescriptors, extractDescriptorsAtRate, type DescriptorName } from '../descriptors';
import { resampleOffline } from '../audio/resample';
import { silentProgress, type Progress } from '../banks/progress';
import type { ModelRenderer } from '../engine/model-renderer';
import { NeurorackError } from '../errors/neurorack-error';
import { logPairs, scorePairs, type DescriptorScore } from './descriptor-agreement';
import { spectralDistanceDb } from './spectral-distance';

/** One sound of the evaluation set, analysed once and shared by every model scored on it. */
export interface EvalSound {
  file: string;
  /** Mono samples at 22050 Hz. */
  samples: Float32Array;
  /** The host extractor's descriptors of the sound: the curve the model is asked to follow. */
  frames: number[][];
}

/** Scores of one model on one sound. */
export interface SoundScore {
  file: string;
  frames: number;
  descriptors: Record<DescriptorName, DescriptorScore>;
  spectralDistance: number;
}

/** Scores of one model on a set. */
export interface ModelScore {
  model: string;
  /** Per descriptor: `correlation` and `medianAbsLogRatio` are the means over sounds; `pooled*` over all active frames of all sounds. */
  descriptors: Record<DescriptorName, DescriptorScore & { pooledCorrelation: number; pooledMedianAbsLogRatio: number }>;
  /** Mean over sounds of the multi-resolution log-spectral distance (dB) between render and original. */
  spectralDistance: number;
  sounds: SoundScore[];
  renderSeconds: number;
  audioSeconds: number;
}

/**
 * Reads the WAVs of an evaluation set (mixed to mono, resampled to 22050 Hz) with their
 * descriptors. Unreadable files are listed in `skipped`; no usable file is NR_EVAL_SET_EMPTY.
 */
export async function loadEvalSet(files: readonly string[], nameForErrors: string): Promise<{ sounds: EvalSound[]; skipped: { file: string; reason: string }[] }> {
  const sounds: EvalSound[] = [];
  const skipped: { file: string; reason: string }[] = [];
  for (const file of files) {
    try {
      const audio = readWavFile(file);
      const samples = audio.sampleRate === DESCRIPTOR_SAMPLE_RATE ? audio.mono : await resampleOffline(audio.mono, audio.sampleRate, DESCRIPTOR_SAMPLE_RATE);
      const m = await extractDescriptorsAtRate(samples, DESCRIPTOR_SAMPLE_RATE);
      if (m.frames.length < 2) throw new Error('shorter than two descriptor frames');
      sounds.push({ file, samples, frames: m.frames });
    } catch (err) {
      skipped.push({ file, reason: err instanceof NeurorackError ? `${err.code}: ${err.message}` : (err as Error).message });
    }
  }
  if (sounds.length === 0) {
    throw new NeurorackError('NR_EVAL_SET_EMPTY', files.length ? `none of its ${files.length} WAV file(s) could be read (${skipped.map((s) => `${path.basename(s.file)}: ${s.reason}`).slice(0, 3).join('; ')})` : 'holds no .wav files', { file: nameForErrors });
  }
  return { sounds, skipped };
}

/** Called with each sound's render, as descriptor frames, and its scores (for plots). */
export type OnSoundScored = (sound: EvalSound, obtained: number[][], score: SoundScore) => void;

/**
 * Renders every sound's descriptor curve with `model` (seed `seed`), extracts the render's
 * descriptors with the host's extractor and scores them against the asked curve (see
 * descriptor-agreement.ts), plus the spectral distance between render and original.
 */
export async function evaluateModel(model: ModelRenderer, sounds: readonly EvalSound[], seed = 0, progress: Progress = silentProgress, onSound?: OnSoundScored): Promise<ModelScore> {
  const perSound: SoundScore[] = [];
  const pooled = Object.fromEntries(DESCRIPTOR_ORDER.map((n) => [n, { a: [] as number[], o: [] as number[] }])) as Record<DescriptorName, { a: number[]; o: number[] }>;
  let renderSeconds = 0;
  let audioSeconds = 0;
  progress.start(sounds.length, model.id);
  try {
    for (const s of sounds) {
      const t0 = process.hrtime.bigint();
      let render: Float32Array;
      try {
        render = await model.render(s.frames, seed);
      } catch (err) {
        if (err instanceof NeurorackError) throw err;
        throw new NeurorackError('NR_EVAL_FAILED', `rendering ${path.basename(s.file)} failed (${(err as Error).message})`, { file: s.file }, { cause: err });
      }
      renderSeconds += Number(process.hrtime.bigint() - t0) / 1e9;
      audioSeconds += render.length / model.sampleRate;
      const obtained = extractDescriptors(render, DESCRIPTOR_SAMPLE_RATE).frames;
      const pairs = logPairs(s.frames, obtained);
      for (const n of DESCRIPTOR_ORDER) {
        pooled[n].a.push(...pairs[n].a);
        pooled[n].o.push(...pairs[n].o);
      }
      const score: SoundScore = { file: s.file, frames: s.frames.length, descriptors: scorePairs(pairs), spectralDistance: spectralDistanceDb(render, s.samples) };
      perSound.push(score);
      onSound?.(s, obtained, score);
      progress.tick(path.basename(s.file));
    }
  } finally {
    progress.stop();
  }
  const pooledScores = scorePairs(pooled);
  const mean = (xs: number[]) => {
    const ok = xs.filter(Number.isFinite);
    return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : NaN;
  };
  const descriptors = Object.fromEntries(
    DESCRIPTOR_ORDER.map((n) => [
      n,
      {
        correlation: mean(perSound.map((p) => p.descriptors[n].correlation)),
        medianAbsLogRatio: mean(perSound.map((p) => p.descriptors[n].medianAbsLogRatio)),
        frames: pooledScores[n].frames,
        pooledCorrelation: pooledScores[n].correlation,
        pooledMedianAbsLogRatio: pooledScores[n].medianAbsLogRatio,
      },
    ]),
  ) as ModelScore['descriptors'];
  return { model: model.id, descriptors, spectralDistance: mean(perSound.map((p) => p.spectralDistance)), sounds: perSound, renderSeconds, audioSeconds };
}
