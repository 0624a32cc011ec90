import * as fs from 'node:fs';
import { WaveFile } from 'wavefile';
import { NeurorackError } from '../errors/neurorack-error';
import { mixToMono } from './mono-mixdown';
import { firstNonFiniteIndex } from './non-finite';
import { parseWavHeader, type ByteSource, type WavEncoding, type WavHeader } from './wav-header';

/** Longest WAV the reader accepts, in seconds (10 minutes); checked from the header before decoding. */
export const MAX_WAV_DURATION_S = 600;
/** Largest WAV file read whole (10 minutes of 96 kHz stereo float32 and some chunks fit). */
export const MAX_WAV_FILE_BYTES = 512 * 1024 * 1024;

/** Audio decoded from a WAV file, as floats in [-1, 1] the way librosa/soundfile scale them. */
export interface DecodedAudio {
  readonly sampleRate: number;
  /** One array per channel, `frames` samples each. */
  readonly channels: Float32Array[];
  /** Mean of the channels (librosa `to_mono`); the same array as `channels[0]` for mono files. */
  readonly mono: Float32Array;
  readonly durationS: number;
}

/** Integer encodings are scaled by 2^-(bits-1), as soundfile does; exact in float32. */
const INT_SCALE: Partial<Record<WavEncoding, number>> = { int16: 2 ** -15, int24: 2 ** -23, int32: 2 ** -31 };

/** The WAVE format tag and bit depth wavefile should see for each integer encoding. */
const CANONICAL: Record<Exclude<WavEncoding, 'float32' | 'float64'>, { tag: number; bits: number }> = {
  uint8: { tag: 1, bits: 8 },
  int16: { tag: 1, bits: 16 },
  int24: { tag: 1, bits: 24 },
  int32: { tag: 1, bits: 32 },
};

/**
 * Reads a WAV file (PCM 8/16/24/32-bit or float 32/64-bit, any channel count; unknown chunks are
 * skipped). The header is read and checked first, so a too-long or truncated file is refused
 * without reading its samples. Throws NeurorackError naming `path`: NR_FILE_NOT_FOUND,
 * NR_WAV_INVALID (not a WAV, truncated, empty, unsupported), NR_WAV_TOO_LONG (over
 * MAX_WAV_DURATION_S), NR_AUDIO_NOT_FINITE (a NaN or infinite sample).
 */
export function readWavFile(path: string): DecodedAudio {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO would otherwise hold the open until something writes to it.
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NeurorackError('NR_FILE_NOT_FOUND', 'no such file; expected a WAV file', { file: path });
    throw new NeurorackError('NR_WAV_INVALID', `cannot be opened (${code ?? String(err)}); expected a readable WAV file`, { file: path }, { cause: err });
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new NeurorackError('NR_WAV_INVALID', 'is not a regular file; expected a WAV file', { file: path });
    const src = fileSource(fd, stat.size);
    const header = parseWavHeader(src, path);
    checkDuration(header, path);
    return decodeSamples(header, src.read(header.dataOffset, header.dataBytes), path);
  } finally {
    fs.closeSync(fd);
  }
}

/** Like readWavFile, for WAV bytes already in memory; `nameForErrors` names them in errors. */
export function decodeWav(buffer: Uint8Array, nameForErrors: string): DecodedAudio {
  const src: ByteSource = { size: buffer.length, read: (offset, length) => buffer.subarray(offset, offset + length) };
  const header = parseWavHeader(src, nameForErrors);
  checkDuration(header, nameForErrors);
  return decodeSamples(header, buffer.subarray(header.dataOffset, header.dataOffset + header.dataBytes), nameForErrors);
}

function fileSource(fd: number, size: number): ByteSource {
  return {
    size,
    read(offset, length) {
      const out = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      let done = 0;
      while (done < out.length) {
        const got = fs.readSync(fd, out, done, out.length - done, offset + done);
        if (got === 0) break;
        done += got;
      }
      return out.subarray(0, done);
    },
  };
}

function checkDuration(header: WavHeader, name: string): void {
  if (header.durationS > MAX_WAV_DURATION_S) {
    throw new NeurorackError(
      'NR_WAV_TOO_LONG',
      `is ${header.durationS.toFixed(1)} s long (${header.frames} frames at ${header.sampleRate} Hz); the limit is ${MAX_WAV_DURATION_S} s`,
      { file: name },
    );
  }
}

/**
 * IEEE float samples are read with a DataView: wavefile decodes floats bit by bit in JavaScript
 * (about 0.7 us per sample, 0.3 s for 10 s of 44.1 kHz audio), 100 times slower than this.
 */
function unpackFloat(header: WavHeader, data: Uint8Array): Float32Array[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const { channels: count, frames } = header;
  const wide = header.encoding === 'float64';
  const size = wide ? 8 : 4;
  const channels = Array.from({ length: count }, () => new Float32Array(frames));
  for (let c = 0; c < count; c++) {
    const ch = channels[c];
    for (let i = 0, at = c * size; i < frames; i++, at += count * size) {
      ch[i] = wide ? view.getFloat64(at, true) : view.getFloat32(at, true);
    }
  }
  return channels;
}

/**
 * Decodes integer PCM sample bytes with wavefile. It is handed a minimal canonical file (plain `fmt `,
 * `data`) so that WAVE_FORMAT_EXTENSIBLE and whatever chunks surround the data cannot confuse it.
 */
function decodeSamples(header: WavHeader, data: Uint8Array, name: string): DecodedAudio {
  const channels = unpack(header, data, name);
  const scale = INT_SCALE[header.encoding];
  for (let c = 0; c < channels.length; c++) {
    const ch = channels[c];
    if (header.encoding === 'uint8') for (let i = 0; i < ch.length; i++) ch[i] = (ch[i] - 128) / 128;
    else if (scale !== undefined) for (let i = 0; i < ch.length; i++) ch[i] *= scale;
    const bad = firstNonFiniteIndex(ch);
    if (bad >= 0) {
      throw new NeurorackError(
        'NR_AUDIO_NOT_FINITE',
        `sample ${bad} (${(bad / header.sampleRate).toFixed(4)} s) of channel ${c + 1} is ${ch[bad]}; expected finite samples`,
        { file: name },
      );
    }
  }
  return { sampleRate: header.sampleRate, channels, mono: mixToMono(channels), durationS: header.durationS };
}

function unpack(header: WavHeader, data: Uint8Array, name: string): Float32Array[] {
  if (header.encoding === 'float32' || header.encoding === 'float64') return unpackFloat(header, data);
  const { tag, bits } = CANONICAL[header.encoding];
  const canonical = new Uint8Array(44 + data.length + (data.length & 1));
  const view = new DataView(canonical.buffer);
  const text = (at: number, s: string): void => {
    for (let i = 0; i < 4; i++) canonical[at + i] = s.charCodeAt(i);
  };
  text(0, 'RIFF');
  view.setUint32(4, canonical.length - 8, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, tag, true);
  view.setUint16(22, header.channels, true);
  view.setUint32(24, header.sampleRate, true);
  view.setUint32(28, header.sampleRate * header.blockAlign, true);
  view.setUint16(32, header.blockAlign, true);
  view.setUint16(34, bits, true);
  text(36, 'data');
  view.setUint32(40, data.length, true);
  canonical.set(data, 44);
  try {
    const wav = new WaveFile(canonical);
    const samples = wav.getSamples(false, Float32Array) as unknown as Float32Array | Float32Array[];
    return header.channels === 1 ? [samples as Float32Array] : (samples as Float32Array[]);
  } catch (err) {
    throw new NeurorackError('NR_WAV_INVALID', `samples could not be decoded (${(err as Error).message})`, { file: name }, { cause: err });
  }
}
