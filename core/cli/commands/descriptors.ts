import * as path from 'node:path';
import { readWavFile } from '../../audio/wav-read';
import { DESCRIPTOR_UNITS, type DescriptorMatrix } from '../../descriptors/descriptor-matrix';
import { descriptorMatrixToJson } from '../../descriptors/descriptor-json';
import { extractDescriptorsAtRate } from '../../descriptors/extract-from-file';
import type { RegisterCommand } from './index';

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('descriptors')
    .description('compute the seven Neurorack descriptors of a WAV file (per 512-sample frame at 22050 Hz)')
    .argument('<file>', 'WAV file (PCM 8/16/24/32-bit or float; mixed to mono; resampled to 22050 Hz if needed)')
    .option('--json', 'print {"sample_rate", "hop_length", "descriptor_order", "frames": [[7 numbers], ...]}')
    .action(async (file: string, opts: { json?: boolean }) => {
      const wavPath = path.resolve(ctx.cwd, file);
      const audio = readWavFile(wavPath);
      const matrix = await extractDescriptorsAtRate(audio.mono, audio.sampleRate);
      if (opts.json) {
        ctx.stdout.write(descriptorMatrixToJson(matrix) + '\n');
        return;
      }
      ctx.stdout.write(summary(file, audio.sampleRate, audio.channels.length, audio.durationS, matrix));
    });
};

function summary(file: string, sampleRate: number, channels: number, durationS: number, m: DescriptorMatrix): string {
  const lines = [
    `${file}: ${durationS.toFixed(3)} s, ${sampleRate} Hz, ${channels} channel(s)` +
      (sampleRate === m.sampleRate ? '' : ` (resampled to ${m.sampleRate} Hz)`),
    `${m.frames.length} frames, hop ${m.hopLength} samples (${((1000 * m.hopLength) / m.sampleRate).toFixed(1)} ms)`,
  ];
  if (m.frames.length === 0) {
    lines.push('too short for one frame: at least 512 samples at 22050 Hz are needed');
    return lines.join('\n') + '\n';
  }
  lines.push('', `${'descriptor'.padEnd(11)}${'min'.padStart(12)}${'median'.padStart(12)}${'max'.padStart(12)}  unit`);
  m.order.forEach((name, j) => {
    const values = m.frames.map((row) => row[j]).sort((a, b) => a - b);
    const mid = values.length >> 1;
    const median = values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    const cells = [values[0], median, values[values.length - 1]].map((v) => fmt(v).padStart(12)).join('');
    lines.push(`${name.padEnd(11)}${cells}  ${DESCRIPTOR_UNITS[name].unit}`);
  });
  return lines.join('\n') + '\n';
}

function fmt(v: number): string {
  return Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : v.toFixed(4);
}
