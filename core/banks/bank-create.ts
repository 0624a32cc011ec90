import { basename } from 'node:path';
import { decodeWav, MAX_WAV_FILE_BYTES } from '../audio/wav-read';
import { readBounded } from '../files/read-bounded';
import { extractDescriptorsAtRate } from '../descriptors/extract-from-file';
import { asNeurorackError, NeurorackError } from '../errors/neurorack-error';
import { buildBank, type BankMeta } from './bank-build';
import { sha256Hex } from './bank-hash';
import type { BankEntry, DescriptorBank } from './descriptor-bank';
import { entryNameFromFile } from './entry-name';
import { silentProgress, type Progress } from './progress';
import { sourceWarnings } from './source-warnings';

/** A sound that could not be used, and why (the NeurorackError's `describe()`). */
export interface SkippedSource {
  file: string;
  reason: string;
}

/** A sound that made an entry a performer would not want (silent, a click), and why. */
export interface SourceWarning {
  file: string;
  warning: string;
}

export interface CreatedBank {
  bank: DescriptorBank;
  skipped: SkippedSource[];
  warnings: SourceWarning[];
}

/**
 * Builds a bank from the user's own WAV files: each is hashed, decoded and run through the
 * descriptor extractor; its curve becomes an entry named after the file (made safe and unique).
 * Files that cannot be used (not a WAV, truncated, NaN samples, too short for one frame...) are
 * skipped and reported; silent and very short ones are kept with a warning; if none is usable, throws NR_BANK_NO_USABLE_SOURCES listing them.
 * `bankFile` names the bank in validation errors.
 */
export async function createBank(meta: BankMeta, files: readonly string[], bankFile: string, progress: Progress = silentProgress): Promise<CreatedBank> {
  const entries: BankEntry[] = [];
  const skipped: SkippedSource[] = [];
  const warnings: SourceWarning[] = [];
  const used = new Set<string>();
  progress.start(files.length, `bank ${meta.id}`);
  try {
    for (const file of files) {
      progress.tick(basename(file));
      try {
        entries.push(await entryFromFile(file, used, (warning) => warnings.push({ file, warning })));
      } catch (err) {
        skipped.push({ file, reason: asNeurorackError(err, 'NR_INTERNAL', { file }).describe() });
      }
    }
  } finally {
    progress.stop();
  }
  if (entries.length === 0) {
    const list = skipped.map((s) => `\n  ${s.reason}`).join('');
    throw new NeurorackError('NR_BANK_NO_USABLE_SOURCES', `none of the ${files.length} file(s) could be used; expected readable WAV files at least 512 samples long at 22050 Hz:${list}`, { file: bankFile });
  }
  return { bank: buildBank(meta, entries, bankFile), skipped, warnings };
}

async function entryFromFile(file: string, used: Set<string>, warn: (warning: string) => void): Promise<BankEntry> {
  // Bounded by the bytes read: a FIFO or /dev/zero is refused unread, a file past the limit at the limit.
  const bytes = await readBounded(file, { maxBytes: MAX_WAV_FILE_BYTES, tooLargeCode: 'NR_WAV_TOO_LONG', what: 'WAV file' }).catch((err: NodeJS.ErrnoException) => {
    if (err instanceof NeurorackError) throw err;
    throw new NeurorackError('NR_FILE_NOT_FOUND', `cannot read the file (${err.code ?? err.message})`, { file }, { cause: err });
  });
  const audio = decodeWav(bytes, file);
  let matrix;
  try {
    matrix = await extractDescriptorsAtRate(audio.mono, audio.sampleRate);
  } catch (err) {
    throw asNeurorackError(err, 'NR_INTERNAL', { file });
  }
  if (matrix.frames.length === 0) {
    throw new NeurorackError('NR_BANK_INVALID', 'the sound is shorter than one descriptor frame (512 samples at 22050 Hz)', { file });
  }
  for (const w of sourceWarnings(audio.mono, audio.sampleRate)) warn(w);
  const name = uniqueName(entryNameFromFile(file), used);
  return {
    name,
    tags: [],
    source: {
      file: safeFileName(file),
      sha256: sha256Hex(bytes),
      sampleRate: audio.sampleRate,
      channels: audio.channels.length,
      durationS: audio.durationS,
    },
    frames: matrix.frames.map((row) => Array.from(row)),
  };
}

function uniqueName(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name); n++) {
    const suffix = `-${n}`;
    name = base.slice(0, 64 - suffix.length) + suffix;
  }
  used.add(name);
  return name;
}

/** The file's base name, with characters a bank may not carry replaced (the schema's fileName rule). */
function safeFileName(file: string): string {
  // eslint-disable-next-line no-control-regex
  const name = basename(file).replace(/[\\:\u0000-\u001f\u007f]/g, '-').slice(0, 255);
  return /^\.+$/.test(name) || name === '' ? 'sound' : name;
}
