/**
 * `npm run bench:model`: real-time factor (compute s per audio s) of the sinc-NSF runtime for 1 and
 * 2 intra-op threads and renders of 1 s and 10 s, for the original-size model (the imported
 * checkpoint when ../shared has it, else untrained weights) and a smaller configuration, with
 * PyTorch's figure for the same weights when torch is installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot, paths } from '../core/paths';
import { SincNsfModel } from '../plugins/model-sinc-nsf/sinc-nsf-model';
import { importCached } from '../plugins/model-sinc-nsf/import-cache';
import { pythonPath } from '../plugins/model-sinc-nsf/import-checkpoint';
import { measureRtf } from '../plugins/model-sinc-nsf/measure-rtf';

const SMALL = { hidden: 32, harmonic_blocks: 3, harmonic_convs: 10, noise_blocks: 1, noise_convs: 5 };
const SECONDS = [1, 10];
const THREADS = [1, 2];
const CHECKPOINT = join(paths.sharedFixtures, 'neurorack-original', 'model_nsf_sinc_ema_impacts_waveform_5.0.th');

function hasTorch(): boolean {
  return spawnSync(pythonPath(), ['-c', 'import torch, onnx'], { stdio: 'ignore' }).status === 0;
}

function exportConfig(config: object, id: string): string | null {
  const dir = join(tmpdir(), `neurorack-sinc-nsf-bench-${id}`);
  if (existsSync(join(dir, 'manifest.json'))) return dir;
  const r = spawnSync(pythonPath(), [join(packageRoot, 'training', 'export_config.py'), dir, '--config', JSON.stringify(config), '--id', id], { encoding: 'utf8' });
  return r.status === 0 ? dir : null;
}

function torchRtf(source: string[], threads: number): Record<string, number> | null {
  const r = spawnSync(pythonPath(), [join(packageRoot, 'training', 'bench_torch.py'), ...source, '--threads', String(threads), '--seconds', ...SECONDS.map(String)], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>;
}

async function benchOne(label: string, dir: string, torchSource: string[] | null): Promise<void> {
  console.log(`\n${label} (${dir})`);
  for (const threads of THREADS) {
    const model = await SincNsfModel.load(dir, { intraOpThreads: threads, checkGolden: threads === 1 });
    await model.warmUp();
    const torch = torchSource ? torchRtf(torchSource, threads) : null;
    for (const s of SECONDS) {
      const rtf = await measureRtf(model, s, 2);
      const pt = torch?.[String(s)];
      const ratio = pt ? `  pytorch ${pt.toFixed(3)}  speed-up x${(pt / rtf).toFixed(1)}` : '';
      console.log(`  threads ${threads}  ${String(s).padStart(2)} s  onnxruntime rtf ${rtf.toFixed(3)}${ratio}`);
    }
    await model.dispose();
  }
}

async function main(): Promise<void> {
  const torch = hasTorch();
  if (!torch) console.log(`no torch at ${pythonPath()}: only models already exported under ${tmpdir()} are measured, without PyTorch figures`);
  if (existsSync(CHECKPOINT) && torch) {
    await benchOne('original checkpoint (imported)', await importCached(CHECKPOINT), ['--checkpoint', CHECKPOINT]);
  } else {
    const dir = exportConfig({}, 'original-size');
    if (dir) await benchOne('original-size architecture, untrained weights', dir, torch ? ['--config', '{}'] : null);
  }
  const small = exportConfig(SMALL, 'small');
  if (small) await benchOne(`small configuration ${JSON.stringify(SMALL)}, untrained weights`, small, torch ? ['--config', JSON.stringify(SMALL)] : null);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
