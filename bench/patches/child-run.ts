import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../core/paths';
import { cpuPercent, readProc, type ProcSample } from './proc-stats';
import { HOST_NODE_FLAGS } from '../../core/host/host-node-flags';

export interface ChildRunOptions {
  readonly replayFile: string;
  readonly wavFile: string;
  readonly metricsFile: string;
  readonly durationS: number;
  readonly entries?: { readonly bank: string; readonly a: string; readonly b: string };
  /** A rack file to run instead of the virtual profile. */
  readonly rack?: string;
  /** An installed model to play instead of the rack's default (`run --model`). */
  readonly model?: string;
  /** Run the host without CAP_SYS_NICE (setpriv), so its threads cannot raise their priority. */
  readonly noRaisedPriority?: boolean;
  /** Called with the panel's address once the host serves it (the replay starts right after); what it returns is awaited before the run ends. */
  readonly onPanel?: (url: string) => Promise<void>;
}

export interface ChildRunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** CPU over the replay (from the panel line to its duration later), % of one core. */
  readonly cpuPercent: number;
  readonly peakRssBytes: number;
  /** From spawn to the panel line: boot, model load, first render, web server. */
  readonly bootS: number;
}

const SAMPLE_MS = 250;

/**
 * `neurorack run --profile virtual (or --rack FILE) --realtime --web 0 ...` as a child process (the same Host and web
 * server as `npm start`), with /proc sampled every 250 ms for its CPU and peak RSS.
 */
export async function runChild(o: ChildRunOptions): Promise<ChildRunResult> {
  const args = [...HOST_NODE_FLAGS, join(packageRoot, 'bin', 'neurorack.js'), 'run', ...(o.rack ? ['--rack', o.rack] : ['--profile', 'virtual']), '--realtime', '--web', '0',
    '--replay', o.replayFile, '--record', o.wavFile, '--metrics', o.metricsFile,
    ...(o.entries ? ['--bank', o.entries.bank, '--entry-a', o.entries.a, '--entry-b', o.entries.b] : []),
    ...(o.model ? ['--model', o.model] : [])];
  const [cmd, argv] = o.noRaisedPriority
    ? ['setpriv', ['--inh-caps=-sys_nice', '--bounding-set=-sys_nice', '--', process.execPath, ...args]]
    : [process.execPath, args];
  const started = performance.now();
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let panelAt: number | undefined;
  let client: Promise<void> = Promise.resolve();
  const samples: ProcSample[] = [];
  const sample = () => {
    const s = child.pid !== undefined ? readProc(child.pid) : undefined;
    if (s) samples.push(s);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    const m = panelAt === undefined ? /^Panel: (\S+)/m.exec(stdout) : null;
    if (m) {
      sample();
      panelAt = performance.now();
      if (o.onPanel) client = o.onPanel(m[1]!);
    }
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => {
    child.on('error', (err) => {
      stderr += `cannot start ${cmd}: ${err.message}\n`;
      resolve(1);
    });
    child.on('close', (c) => resolve(c ?? 1));
  });
  clearInterval(timer);
  await client.catch((err: Error) => (stderr += `panel client: ${err.message}\n`));
  const start = samples.find((s) => panelAt !== undefined && s.at >= panelAt - 1);
  const endAt = (panelAt ?? started) + o.durationS * 1000;
  const inRun = samples.filter((s) => start && s.at >= start.at && s.at <= endAt + SAMPLE_MS / 2);
  const end = inRun[inRun.length - 1];
  return {
    code, stdout, stderr,
    cpuPercent: start && end && end !== start ? cpuPercent(start, end) : NaN,
    peakRssBytes: samples.reduce((m, s) => Math.max(m, s.peakRss), 0),
    bootS: ((panelAt ?? performance.now()) - started) / 1000,
  };
}
