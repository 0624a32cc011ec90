/**
 * Speed of the descriptor extractor, single-threaded: seconds of compute per minute of audio over
 * the shared impact fixtures and a synthetic 60 s signal, and the whole-file time (read + extract)
 * of a 10-second impact. For comparison it runs a NumPy stand-in for librosa
 * (bench/descriptors-numpy-reference.py) on the same 60 s signal when python3 with numpy is
 * available. Run with `npm run bench:descriptors`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readWavFile } from '../core/audio/wav-read';
import { extractDescriptors } from '../core/descriptors/extract';
import { extractDescriptorsFromFile } from '../core/descriptors/extract-from-file';
import { packageRoot, paths } from '../core/paths';

const SR = 22050;

function seconds(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Best of `reps` runs: on a shared machine the minimum is the least disturbed figure. */
function best(reps: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < reps; i++) min = Math.min(min, seconds(fn));
  return min;
}

/** Deterministic 60 s test signal: decaying chirped partials plus noise bursts. */
function syntheticSignal(durationS: number): Float32Array {
  const n = durationS * SR;
  const y = new Float32Array(n);
  let seed = 12345;
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / SR;
    const local = t % 2;
    const hz = 80 + 400 * Math.exp(-local * 3);
    phase += (2 * Math.PI * hz) / SR;
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const noise = seed / 0x3fffffff - 1;
    y[i] = Math.exp(-local * 2) * (0.5 * Math.sin(phase) + 0.2 * Math.sin(3 * phase)) + 0.05 * Math.exp(-local * 8) * noise;
  }
  return y;
}

async function run(): Promise<void> {
  const out = (s: string): boolean => process.stdout.write(s + '\n');
  out(`descriptor extraction benchmark (node ${process.version}, single thread, ${os.cpus()[0]?.model ?? 'cpu'})`);

  // Warm the JIT once so the per-minute figures are steady-state.
  extractDescriptors(syntheticSignal(5), SR);

  const fixtureDir = path.join(paths.sharedFixtures, 'descriptors');
  const impacts = fs.existsSync(fixtureDir) ? fs.readdirSync(fixtureDir).filter((f) => /^impact-\d+\.wav$/.test(f)).sort() : [];
  if (impacts.length) {
    let audioS = 0;
    let computeS = 0;
    for (const f of impacts) {
      const audio = readWavFile(path.join(fixtureDir, f));
      audioS += audio.mono.length / SR;
      computeS += best(2, () => extractDescriptors(audio.mono, SR));
    }
    out(`impacts (${impacts.length} files, ${audioS.toFixed(1)} s): ${((computeS / audioS) * 60).toFixed(3)} s of compute per minute of audio (best of 2 per file)`);
  } else {
    out(`impacts: skipped (${fixtureDir} not present)`);
  }

  const synthetic = syntheticSignal(60);
  const synthS = best(3, () => extractDescriptors(synthetic, SR));
  out(`synthetic 60 s signal: ${synthS.toFixed(3)} s per minute of audio (best of 3)`);

  if (impacts.length) {
    const candidates = impacts.map((f) => ({ f, d: readWavFile(path.join(fixtureDir, f)).durationS }));
    const tenSecond = candidates.reduce((a, b) => (Math.abs(b.d - 10) < Math.abs(a.d - 10) ? b : a));
    const file = path.join(fixtureDir, tenSecond.f);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = process.hrtime.bigint();
      await extractDescriptorsFromFile(file);
      times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    }
    times.sort((a, b) => a - b);
    out(`whole file ${tenSecond.f} (${tenSecond.d.toFixed(2)} s): read + extract ${times[0].toFixed(3)} s best, ${times[2].toFixed(3)} s median of 5`);
  }

  const script = path.join(packageRoot, 'bench', 'descriptors-numpy-reference.py');
  const signalFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'neurorack-bench-')), 'synthetic.f32');
  fs.writeFileSync(signalFile, Buffer.from(synthetic.buffer, synthetic.byteOffset, synthetic.byteLength));
  const py = spawnSync('python3', [script, signalFile, '3'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  fs.rmSync(path.dirname(signalFile), { recursive: true, force: true });
  if (py.status !== 0) {
    out(`numpy stand-in: not run (${py.error?.message ?? py.stderr.trim().split('\n').pop()})`);
    return;
  }
  const ref = JSON.parse(py.stdout) as { seconds_best: number; frames: number[][] };
  const ours = extractDescriptors(synthetic, SR).frames;
  let worst = 0;
  for (let t = 0; t < ours.length; t++) {
    for (let j = 0; j < 7; j++) worst = Math.max(worst, Math.abs(ours[t][j] - ref.frames[t][j]) / Math.max(Math.abs(ref.frames[t][j]), 1e-9));
  }
  out(
    `numpy stand-in for librosa (NOT librosa; librosa is not installable here), same 60 s signal: ` +
      `${ref.seconds_best.toFixed(3)} s per minute (best of 3); TypeScript: ${synthS.toFixed(3)} s (${(ref.seconds_best / synthS).toFixed(2)}x); ` +
      `max relative difference of the values ${worst.toExponential(1)}`,
  );
}

void run();
