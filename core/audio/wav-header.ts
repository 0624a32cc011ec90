import { NeurorackError } from '../errors/neurorack-error';

/** Random access to the bytes of a file or buffer; `read` returns fewer bytes at the end. */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Uint8Array;
}

/** Sample encodings the reader accepts (what libsndfile/librosa read from plain WAVs). */
export type WavEncoding = 'uint8' | 'int16' | 'int24' | 'int32' | 'float32' | 'float64';

/** What the header of a WAV file says, checked against the file's size. */
export interface WavHeader {
  readonly encoding: WavEncoding;
  readonly channels: number;
  readonly sampleRate: number;
  /** Bytes per sample frame (all channels). */
  readonly blockAlign: number;
  /** File offset of the first sample byte. */
  readonly dataOffset: number;
  readonly dataBytes: number;
  /** Sample frames per channel. */
  readonly frames: number;
  readonly durationS: number;
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/** Stops a hostile file with millions of empty chunks from keeping the reader busy. */
const MAX_CHUNKS = 10_000;

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

function invalid(name: string, message: string): NeurorackError {
  return new NeurorackError('NR_WAV_INVALID', message, { file: name });
}

function encodingOf(formatTag: number, bits: number): WavEncoding | undefined {
  if (formatTag === WAVE_FORMAT_PCM) {
    if (bits === 8) return 'uint8';
    if (bits === 16) return 'int16';
    if (bits === 24) return 'int24';
    if (bits === 32) return 'int32';
  }
  if (formatTag === WAVE_FORMAT_IEEE_FLOAT) {
    if (bits === 32) return 'float32';
    if (bits === 64) return 'float64';
  }
  return undefined;
}

/**
 * Reads and checks the RIFF/WAVE header without touching the samples: walks the chunks (skipping
 * any it does not know, such as `fact`, `PEAK`, `LIST`), parses `fmt ` (plain or
 * WAVE_FORMAT_EXTENSIBLE) and locates `data`. Throws NR_WAV_INVALID naming `name` when the bytes
 * are not a WAV, the encoding is unsupported, or the data is empty or truncated.
 */
export function parseWavHeader(src: ByteSource, name: string): WavHeader {
  if (src.size === 0) throw invalid(name, 'zero-length file; expected a RIFF/WAVE file');
  const head = src.read(0, 12);
  const riff = head.length >= 4 ? ascii(head, 0, 4) : '';
  if (riff === 'RF64') throw invalid(name, 'RF64 (64-bit WAV) is not supported; expected a RIFF/WAVE file');
  if (head.length < 12 || riff !== 'RIFF' || ascii(head, 8, 12) !== 'WAVE') {
    throw invalid(name, "not a WAV file: expected 'RIFF' at byte 0 and 'WAVE' at byte 8");
  }

  let fmt: { formatTag: number; channels: number; sampleRate: number; blockAlign: number; bits: number } | undefined;
  let data: { offset: number; bytes: number } | undefined;
  let offset = 12;
  for (let count = 0; offset + 8 <= src.size && count < MAX_CHUNKS && !(fmt && data); count++) {
    const chunkHead = src.read(offset, 8);
    const view = new DataView(chunkHead.buffer, chunkHead.byteOffset, 8);
    const id = ascii(chunkHead, 0, 4);
    const size = view.getUint32(4, true);
    if (id === 'fmt ' && !fmt) {
      if (size < 16) throw invalid(name, `'fmt ' chunk at byte ${offset} is ${size} bytes; expected at least 16`);
      const body = src.read(offset + 8, Math.min(size, 40));
      if (body.length < 16) throw invalid(name, `truncated: the 'fmt ' chunk at byte ${offset} ends early`);
      const v = new DataView(body.buffer, body.byteOffset, body.length);
      let formatTag = v.getUint16(0, true);
      // WAVE_FORMAT_EXTENSIBLE keeps the real format tag in the first two bytes of its sub-format GUID.
      if (formatTag === WAVE_FORMAT_EXTENSIBLE && body.length >= 26) formatTag = v.getUint16(24, true);
      fmt = {
        formatTag,
        channels: v.getUint16(2, true),
        sampleRate: v.getUint32(4, true),
        blockAlign: v.getUint16(12, true),
        bits: v.getUint16(14, true),
      };
    } else if (id === 'data' && !data) {
      data = { offset: offset + 8, bytes: size };
    }
    offset += 8 + size + (size & 1);
  }

  if (!fmt) throw invalid(name, "no 'fmt ' chunk before the end of the file; the file is truncated or not a WAV");
  if (!data) throw invalid(name, "no 'data' chunk; the file is truncated or holds no audio");
  const encoding = encodingOf(fmt.formatTag, fmt.bits);
  if (!encoding) {
    throw invalid(
      name,
      `unsupported encoding (format tag ${fmt.formatTag}, ${fmt.bits} bits); expected PCM 8/16/24/32-bit or IEEE float 32/64-bit`,
    );
  }
  if (fmt.channels < 1) throw invalid(name, "the 'fmt ' chunk declares 0 channels");
  if (fmt.sampleRate < 1) throw invalid(name, "the 'fmt ' chunk declares a sample rate of 0 Hz");
  const blockAlign = (fmt.channels * fmt.bits) / 8;
  if (fmt.blockAlign !== blockAlign) {
    throw invalid(name, `block align is ${fmt.blockAlign}; expected ${blockAlign} for ${fmt.channels} channel(s) of ${fmt.bits} bits`);
  }
  if (data.bytes === 0) throw invalid(name, "zero-length audio: the 'data' chunk holds no samples");
  const available = src.size - data.offset;
  if (data.bytes > available) {
    throw invalid(name, `truncated: the 'data' chunk declares ${data.bytes} bytes at byte ${data.offset}, but only ${Math.max(0, available)} are there`);
  }
  if (data.bytes % blockAlign !== 0) {
    throw invalid(name, `truncated: the 'data' chunk holds ${data.bytes} bytes, not a whole number of ${blockAlign}-byte sample frames`);
  }
  const frames = data.bytes / blockAlign;
  return {
    encoding,
    channels: fmt.channels,
    sampleRate: fmt.sampleRate,
    blockAlign,
    dataOffset: data.offset,
    dataBytes: data.bytes,
    frames,
    durationS: frames / fmt.sampleRate,
  };
}
