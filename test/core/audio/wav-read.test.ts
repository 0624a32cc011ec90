import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WaveFile } from 'wavefile';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { decodeWav, MAX_WAV_DURATION_S, readWavFile } from '../../../core/audio/wav-read';
import { buildWav, float32Bytes, int16Bytes } from './wav-bytes';

function writeWith(dir: string, name: string, channels: number, rate: number, bitDepth: string, samples: number[] | number[][]): string {
  const wav = new WaveFile();
  wav.fromScratch(channels, rate, bitDepth, samples);
  const file = path.join(dir, name);
  fs.writeFileSync(file, wav.toBuffer());
  return file;
}

function rejects(fn: () => unknown, code: string, file: string, pattern?: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof NeurorackError, `expected a NeurorackError, got ${String(err)}`);
    assert.equal(err.code, code, err.describe());
    assert.equal(err.location.file, file);
    assert.ok(err.describe().includes(file), 'the message names the file');
    if (pattern) assert.match(err.message, pattern);
    return true;
  });
}

describe('readWavFile / decodeWav', function () {
  let dir: string;
  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neurorack-wav-'));
  });
  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const formats: Array<[string, number[], number[]]> = [
    ['8', [128, 192, 0, 255], [0, 0.5, -1, 127 / 128]],
    ['16', [0, 16384, -32768, 32767], [0, 0.5, -1, 32767 / 32768]],
    ['24', [0, 4194304, -8388608, 8388607], [0, 0.5, -1, 8388607 / 8388608]],
    ['32', [0, 1073741824, -2147483648, 2147483647], [0, 0.5, -1, Math.fround(2147483647 / 2147483648)]],
    ['32f', [0, 0.25, -0.75, 0.1], [0, 0.25, -0.75, Math.fround(0.1)]],
    ['64', [0, 0.25, -0.75, 0.1], [0, 0.25, -0.75, Math.fround(0.1)]],
  ];
  for (const [depth, raw, expected] of formats) {
    it(`decodes ${depth === '32f' ? '32-bit float' : depth === '64' ? '64-bit float' : `${depth}-bit PCM`} scaled to [-1, 1] like soundfile`, function () {
      const audio = readWavFile(writeWith(dir, `f${depth}.wav`, 1, 22050, depth, raw));
      assert.equal(audio.sampleRate, 22050);
      assert.equal(audio.channels.length, 1);
      assert.deepEqual([...audio.mono], expected.map(Math.fround));
      assert.equal(audio.mono, audio.channels[0]);
      assert.equal(audio.durationS, 4 / 22050);
    });
  }

  it('mixes stereo and multichannel down to the mean of the channels', function () {
    const stereo = readWavFile(writeWith(dir, 'stereo.wav', 2, 44100, '16', [[16384, -32768, 0], [0, 16384, 8192]]));
    assert.equal(stereo.channels.length, 2);
    assert.deepEqual([...stereo.channels[0]], [0.5, -1, 0]);
    assert.deepEqual([...stereo.channels[1]], [0, 0.5, 0.25]);
    assert.deepEqual([...stereo.mono], [0.25, -0.25, 0.125]);
    assert.equal(stereo.sampleRate, 44100);
    const three = readWavFile(writeWith(dir, 'three.wav', 3, 48000, '32f', [[0.3, 0], [0.6, 0], [0.9, 0.75]]));
    assert.deepEqual([...three.mono], [Math.fround((Math.fround(0.3) + Math.fround(0.6) + Math.fround(0.9)) / 3), 0.25]);
  });

  it('skips chunks it does not know (fact, PEAK, LIST, odd-sized ones) before the data', function () {
    const bytes = buildWav({
      formatTag: 3,
      channels: 1,
      sampleRate: 22050,
      bits: 32,
      data: float32Bytes([0.5, -0.25, 0.125]),
      extraChunks: [
        { id: 'fact', body: new Uint8Array([3, 0, 0, 0]) },
        { id: 'PEAK', body: new Uint8Array(24) },
        { id: 'odd ', body: new Uint8Array(3) },
        { id: 'LIST', body: new Uint8Array([0x49, 0x4e, 0x46, 0x4f]) },
      ],
    });
    assert.deepEqual([...decodeWav(bytes, 'chunks.wav').mono], [0.5, -0.25, 0.125]);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE float and PCM', function () {
    const f = buildWav({ formatTag: 0, extensibleSubformat: 3, channels: 2, sampleRate: 22050, bits: 32, data: float32Bytes([0.5, 0.25, -1, 1]) });
    assert.deepEqual([...decodeWav(f, 'ext-float.wav').mono], [0.375, 0]);
    const p = buildWav({ formatTag: 0, extensibleSubformat: 1, channels: 1, sampleRate: 22050, bits: 16, data: int16Bytes([16384, -16384]) });
    assert.deepEqual([...decodeWav(p, 'ext-pcm.wav').mono], [0.5, -0.5]);
  });

  describe('bad input', function () {
    it('a missing file is NR_FILE_NOT_FOUND', function () {
      const file = path.join(dir, 'nope.wav');
      rejects(() => readWavFile(file), 'NR_FILE_NOT_FOUND', file);
    });

    it('a text file, a folder and a zero-length file are NR_WAV_INVALID', function () {
      const text = path.join(dir, 'text.wav');
      fs.writeFileSync(text, 'this is not a wave file at all, just text\n');
      rejects(() => readWavFile(text), 'NR_WAV_INVALID', text, /not a WAV/);
      rejects(() => readWavFile(dir), 'NR_WAV_INVALID', dir);
      const empty = path.join(dir, 'empty.wav');
      fs.writeFileSync(empty, '');
      rejects(() => readWavFile(empty), 'NR_WAV_INVALID', empty, /zero-length/);
    });

    it('a truncated file is NR_WAV_INVALID, at any cut', function () {
      const whole = buildWav({ formatTag: 1, channels: 1, sampleRate: 22050, bits: 16, data: int16Bytes(new Array(100).fill(1000)) });
      for (const cut of [4, 11, 20, 40, 44, 100, whole.length - 1]) {
        const file = path.join(dir, `cut-${cut}.wav`);
        fs.writeFileSync(file, whole.subarray(0, cut));
        rejects(() => readWavFile(file), 'NR_WAV_INVALID', file);
      }
      const file = path.join(dir, 'cut-100.wav');
      rejects(() => readWavFile(file), 'NR_WAV_INVALID', file, /truncated/);
    });

    it('a data chunk with no samples is NR_WAV_INVALID', function () {
      const bytes = buildWav({ formatTag: 1, channels: 1, sampleRate: 22050, bits: 16, data: new Uint8Array(0) });
      rejects(() => decodeWav(bytes, 'nodata.wav'), 'NR_WAV_INVALID', 'nodata.wav', /zero-length/);
    });

    it('an unsupported encoding (ADPCM, 12-bit) is NR_WAV_INVALID', function () {
      const adpcm = buildWav({ formatTag: 2, channels: 1, sampleRate: 22050, bits: 4, data: new Uint8Array(8) });
      rejects(() => decodeWav(adpcm, 'adpcm.wav'), 'NR_WAV_INVALID', 'adpcm.wav', /unsupported encoding/);
      const twelve = buildWav({ formatTag: 1, channels: 2, sampleRate: 22050, bits: 12, data: new Uint8Array(6) });
      rejects(() => decodeWav(twelve, 'twelve.wav'), 'NR_WAV_INVALID', 'twelve.wav', /unsupported encoding/);
    });

    it('NaN or infinite float samples are NR_AUDIO_NOT_FINITE', function () {
      for (const bad of [NaN, Infinity, -Infinity]) {
        const bytes = buildWav({ formatTag: 3, channels: 2, sampleRate: 22050, bits: 32, data: float32Bytes([0, 0, 0.5, bad]) });
        rejects(() => decodeWav(bytes, 'bad.wav'), 'NR_AUDIO_NOT_FINITE', 'bad.wav', /sample 1 .* channel 2/);
      }
    });

    it(`a file longer than ${MAX_WAV_DURATION_S} s is NR_WAV_TOO_LONG, judged from the header`, function () {
      assert.equal(MAX_WAV_DURATION_S, 600);
      // 601 frames at 1 Hz: just over the limit in a tiny file
      const long = buildWav({ formatTag: 1, channels: 1, sampleRate: 1, bits: 16, data: new Uint8Array(1202) });
      rejects(() => decodeWav(long, 'long.wav'), 'NR_WAV_TOO_LONG', 'long.wav', /601\.0 s/);
      const exact = buildWav({ formatTag: 1, channels: 1, sampleRate: 1, bits: 16, data: new Uint8Array(1200) });
      assert.equal(decodeWav(exact, 'exact.wav').durationS, 600);
    });
  });
});
