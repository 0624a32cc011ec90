/**
 * `npm run bench:model`: real-time factor (compute s per audio s) of the sinc-NSF runtime for 1 and
 * 2 intra-op threads and renders of 1 s and 10 s, for the original-size model (the imported
 * checkpoint when ../shared has it, else untrained weights), a smaller untrained configuration and
 * the shipped default model, with PyTorch's figure for the same weights when torch is installed.
 *
 * PyTorch runs the weights as our module (training/neurorack_nsf, which shares the restructurings
 * made for the export) and, for the original-size model, also in the original code's formulation
 * (neurorack_nsf/original_formulation: the same function, written the way the original hn-sinc-NSF
 * computes it). Issue #5's "3x faster than PyTorch" quotes the original implementation, so it is
 * judged against the original's formulation; the speed-up against our module is printed beside it
 * as the stricter comparison. The issue sets its targets on one thread (a real-time factor of 0.5
 * or less "on ONE thread", next to PyTorch's one-thread figure and the one-thread physical limit
 * near 0.4), so the speed-ups with two threads are printed for information, not judged: ORT's
 * blocked convolutions of one [1, 64, 1, L] row are a single piece of work for MLAS and stay on
 * one thread, while PyTorch's use both.
 *
 * Like for like: both sides render the same descriptor curve at the same thread count, both time
 * the drawing of the seeded randomness with the forward pass (the host draws it in JS before
 * running the graph; PyTorch with its own generator), both run one untimed render of the same
 * length first, and both report the best of the same number of timed renders. PyTorch's best
 * render differs more between processes than within one, so for 1 s renders its figure is the best
 * over several processes (TORCH_PROCESSES): the comparison leans towards PyTorch, never against it.
 *
 * `--models original,small,shipped` and `--threads 1,2` pick a subset (all by default).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot, paths } from '../core/paths';
import { SincNsfModel } from '../plugins/model-sinc-nsf/sinc-nsf-model';
import { exportCodeDigest, importCached } from '../plugins/model-sinc-nsf/import-cache';
import { pythonPath } from '../plugins/model-sinc-nsf/import-checkpoint';
import { measureRtf } from '../core/model-bench/real-time-factor';

const SMALL = { hidden: 32, harmonic_blocks: 3, harmonic_convs: 10, noise_blocks: 1, noise_convs: 5 };
const SECONDS = [1, 10];
/** Timed renders per length (best of), the same on both sides. */
const REPEATS = [5, 2];
/**
 * PyTorch processes per length, each timing REPEATS renders; its figure is the best of them all.
 * Measured on one machine, the same weights' best 1 s render came out at 0.81, 1.03 and 0.97 in
 * three processes, while ORT's came out at 0.231 to 0.241 in four quiet runs. A 10 s render can
 * take over a minute in PyTorch, so that length gets one process.
 */
const TORCH_PROCESSES = [3, 1];
const THREADS = listArg('--threads', ['1', '2']).map(Number);
const MODELS = listArg('--models', ['original', 'small', 'shipped']);
const CHECKPOINT = join(paths.sharedFixtures, 'neurorack-original', 'model_nsf_sinc_ema_impacts_waveform_5.0.th');
const SHIPPED = join(paths.models, 'sinc-nsf-impacts-v1');

/** A target line: which figure, the bound, and how it compares. */
interface Target { readonly label: string; readonly ok: boolean }
const targets: Target[] = [];
/** Comparisons printed for information beside the targets, not judged. */
const information: Target[] = [];

/** Which PyTorch code runs the weights (bench_torch.py --formulation). */
type Formulation = 'original' | 'ours';
const FORMULATION_LABEL: Record<Formulation, string> = { original: "PyTorch (original's formulation)", ours: 'PyTorch (our module)' };

function listArg(flag: string, all: string[]): string[] {
  const i = process.argv.indexOf(flag);
  return i < 0 ? all : (process.argv[i + 1] ?? '').split(',').filter((x) => x);
}

function hasTorch(): boolean {
  return spawnSync(pythonPath(), ['-c', 'import torch, onnx'], { stdio: 'ignore' }).status === 0;
}

function exportConfig(config: object, id: string): string | null {
  const dir = join(tmpdir(), `neurorack-sinc-nsf-bench-${id}-${exportCodeDigest()}`);
  if (existsSync(join(dir, 'manifest.json'))) return dir;
  const r = spawnSync(pythonPath(), [join(packageRoot, 'training', 'export_config.py'), dir, '--config', JSON.stringify(config), '--id', id], { encoding: 'utf8' });
  return r.status === 0 ? dir : null;
}

/** One bench_torch.py process timing the renders of `lengths` (indices into SECONDS). */
function torchProcess(source: string[], threads: number, formulation: Formulation, lengths: number[]): Record<string, number> | null {
  const args = [join(packageRoot, 'training', 'bench_torch.py'), ...source, '--threads', String(threads),
    '--seconds', ...lengths.map((i) => String(SECONDS[i])),
    '--repeats', ...lengths.map((i) => String(REPEATS[i])),
    '--formulation', formulation];
  const r = spawnSync(pythonPath(), args, { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`  (no ${FORMULATION_LABEL[formulation]} figure: bench_torch.py exited with ${r.status}: ${r.stderr.trim().split('\n').pop()})`);
    return null;
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>;
}

/** PyTorch's rtf per length: the best over TORCH_PROCESSES processes for that length. */
function torchRtf(source: string[], threads: number, formulation: Formulation): Record<string, number> | null {
  const best: Record<string, number> = {};
  for (let p = 0; p < Math.max(...TORCH_PROCESSES); p++) {
    const lengths = SECONDS.map((_, i) => i).filter((i) => p < TORCH_PROCESSES[i]!);
    const figures = torchProcess(source, threads, formulation, lengths);
    if (!figures) return null;
    for (const [s, v] of Object.entries(figures)) best[s] = Math.min(best[s] ?? Infinity, v);
  }
  return best;
}

/** PyTorch's rtf per formulation for one render length. */
type TorchFigures = Partial<Record<Formulation, number>>;

interface Bench {
  readonly label: string;
  readonly dir: string;
  readonly torch: string[] | null;
  /** PyTorch formulations to time (default: our module only). */
  readonly formulations?: readonly Formulation[];
  /** Checks this model's figures against its targets. */
  readonly check?: (threads: number, seconds: number, rtf: number, pytorch: TorchFigures) => void;
}

async function benchOne(b: Bench): Promise<void> {
  console.log(`\n${b.label}\n  (${b.dir})`);
  for (const threads of THREADS) {
    const model = await SincNsfModel.load(b.dir, { intraOpThreads: threads, checkGolden: threads === 1 });
    await model.warmUp();
    const formulations = b.torch ? (b.formulations ?? ['ours']) : [];
    const torch = formulations.map((f) => [f, torchRtf(b.torch!, threads, f)] as const);
    for (let i = 0; i < SECONDS.length; i++) {
      const s = SECONDS[i]!;
      const rtf = await measureRtf(model, s, REPEATS[i]);
      const pt: TorchFigures = {};
      let columns = '';
      for (const [f, figures] of torch) {
        const v = figures?.[String(s)];
        if (v === undefined) continue;
        pt[f] = v;
        columns += `  | ${FORMULATION_LABEL[f]} ${v.toFixed(3)} speed-up x${(v / rtf).toFixed(2)}`;
      }
      const torchRenders = columns ? `; PyTorch: of ${REPEATS[i]} in each of ${TORCH_PROCESSES[i]} process(es)` : '';
      console.log(`  threads ${threads}  ${String(s).padStart(2)} s  onnxruntime rtf ${rtf.toFixed(3)}${columns}   (best of ${REPEATS[i]}${torchRenders})`);
      b.check?.(threads, s, rtf, pt);
    }
    await model.dispose();
  }
}

function originalTargets(threads: number, s: number, rtf: number, pt: TorchFigures): void {
  const where = `original size, ${threads} thread(s), ${s} s`;
  if (threads === 1) targets.push({ label: `original size, 1 thread, ${s} s: rtf ${rtf.toFixed(3)} <= 0.5`, ok: rtf <= 0.5 });
  if (pt.original) (threads === 1 ? targets : information).push({ label: `${where}: x${(pt.original / rtf).toFixed(2)} faster than ${FORMULATION_LABEL.original} >= x3`, ok: pt.original / rtf >= 3 });
  if (pt.ours) information.push({ label: `${where}: x${(pt.ours / rtf).toFixed(2)} faster than ${FORMULATION_LABEL.ours} >= x3`, ok: pt.ours / rtf >= 3 });
}

function shippedTargets(threads: number, s: number, rtf: number): void {
  if (threads === 1 && s === 10) targets.push({ label: `shipped model, 1 thread, 10 s: rtf ${rtf.toFixed(3)} <= 0.05`, ok: rtf <= 0.05 });
}

async function benchOriginal(torch: boolean): Promise<void> {
  if (existsSync(CHECKPOINT) && torch) {
    await benchOne({ label: 'original checkpoint (imported)', dir: await importCached(CHECKPOINT), torch: ['--checkpoint', CHECKPOINT], formulations: ['original', 'ours'], check: originalTargets });
    return;
  }
  const dir = exportConfig({}, 'original-size');
  if (dir) await benchOne({ label: 'original-size architecture, untrained weights', dir, torch: torch ? ['--config', '{}'] : null, formulations: ['original', 'ours'], check: originalTargets });
}

async function main(): Promise<void> {
  const torch = hasTorch();
  if (!torch) console.log(`no torch at ${pythonPath()}: only models already exported under ${tmpdir()} and the shipped model are measured, without PyTorch figures`);
  if (MODELS.includes('original')) await benchOriginal(torch);
  const small = MODELS.includes('small') ? exportConfig(SMALL, 'small') : null;
  if (small) await benchOne({ label: `small configuration ${JSON.stringify(SMALL)}, untrained weights`, dir: small, torch: torch ? ['--config', JSON.stringify(SMALL)] : null });
  if (MODELS.includes('shipped')) await benchOne({ label: 'shipped default model sinc-nsf-impacts-v1 (PyTorch: the same weights, read from its ONNX file)', dir: SHIPPED, torch: torch ? ['--model-dir', SHIPPED] : null, check: shippedTargets });
  console.log('\ntargets');
  for (const t of targets) console.log(`  ${t.ok ? 'met    ' : 'NOT MET'}  ${t.label}`);
  if (information.length === 0) return;
  console.log('\nfor information, not the issue\'s targets (two threads; PyTorch running our export-shaped module, the stricter comparison)');
  for (const t of information) console.log(`  ${t.ok ? 'met    ' : 'not met'}  ${t.label}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
