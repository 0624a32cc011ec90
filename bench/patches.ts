import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readWavFile } from '../core/audio/wav-read';
import { buildContainer } from '../core/container/build-container';
import { Tokens } from '../core/container/tokens';
import type { ReplayMetrics } from '../core/engine/replay/replay-metrics';
import { packageRoot } from '../core/paths';
import { mixSeed, Prng } from '../core/synth/prng';
import { describeAudioThreads } from './describe-audio-threads';
import { analyseAudio, type AudioAnalysis } from './patches/analyse-audio';
import { chromiumPanel } from './patches/chromium-client';
import { MachineStallProbe } from './machine-stalls';
import { runChild } from './patches/child-run';
import { buildReferences, MAIN_WINDOW_MS, separation, type EntryReferences } from './patches/entry-classifier';
import { pickContrastPair, type EntryPair } from './patches/entry-pair';
import { cv1AtTheJacks, gateSteps, steppedAtTheJacks } from './patches/gate-steps';
import { MATRIX_PATCHES } from './patches/matrix-patches';
import { PanelClient, type PanelClientStats } from './panel-client';
import type { GeneratedPatch, PatchContext, PatchSpec } from './patches/patch';
import { staleFigures, summarise, type ClientKind, type RunSummary, type StaleFigures } from './patches/run-summary';
import { shippedBankCurves } from './patches/shipped-banks';
import { spectralCentroid } from './patches/spectral-centroid';
import { STALE_CHECKS, STALE_PATCHES, staleReference } from './patches/stale-patches';
import { appliedPlan, loopFollow } from './patches/loop-follow';
import { fmt } from './patches/stats';
import { quietMatrix, tableHeader, tableRow } from './patches/table';
import { verdicts, type Verdict } from './patches/targets';

/**
 * `npm run bench:patches`: issue #22's patch matrix. Each named patch is generated as a replay
 * (random per run; the seed is printed and `--seed` repeats it) and played in real time by
 * `neurorack run --profile virtual --realtime --web 0` in a child process (the same Host and web
 * server as `npm start`), once with no panel client and once with one connected (screen and audio
 * feeds subscribed). Each run prints gate-to-sound (stepped and not stepped, from the metrics and
 * from the recording), CV-to-audible, stale gates, xruns, the worst stall per thread, renders per
 * second, CPU and peak RSS, then a verdict per target; `--out` gets the whole report as JSON.
 *
 * Stale gates are judged from the recording: the stale patch alternates two shipped entries far
 * apart in centroid, a reference run gives each entry's centroid at the attack, and checks show
 * what the classifier says where the answer is known (stale-held, CV1 still for a second before
 * each gate: 0 stale; stale-after, CV1 changed 30-50 ms after each gate: every attack wrong),
 * and what the engine does with a change 0.1-2 ms after the gate (stale-late, measured only).
 */

const ALL: readonly PatchSpec[] = [...MATRIX_PATCHES, ...STALE_PATCHES, ...STALE_CHECKS];
/** Nothing happens this long after the host serves the panel: the emulated card starts, a client connects (Chromium takes seconds). */
const LEAD_IN_S = { ws: 1, chromium: 4 } as const;
const REFERENCE_SECONDS = 12;
const MAX_REPORTED_GATES = 2000;

/** What the classifier checks must show (stale-late is measured only). */
const CHECK_EXPECTATIONS: Record<string, { text: string; met: (f: StaleFigures) => boolean }> = {
  'stale-held': { text: '0 stale', met: (f) => f.judged > 0 && f.stale === 0 },
  'stale-after': { text: 'the first 10 ms of every gate the other entry', met: (f) => f.judged > 0 && f.attackWrong === f.judged },
};
const CHECK_SECONDS = 15;

const USAGE = `usage: npm run bench:patches -- [--seconds S] [--patches ${ALL.map((p) => p.name).join(',')}] [--seed N]
       [--out REPORT.json] [--keep DIR] [--chromium] [--no-raised-priority] [--rack FILE] [--model ID]
  --seconds S             length of each matrix run (default 20; the reference and checks run at most ${REFERENCE_SECONDS} and ${CHECK_SECONDS} s)
  --patches LIST          which patches (default: all, the checks included)
  --seed N                repeat a run's random patches (default: a new seed, printed)
  --out FILE              the JSON report (default: report.json in the run's folder)
  --keep DIR              folder for replays, recordings and metrics (default: a new temporary folder)
  --chromium              the panel client is Debian's Chromium (playwright-core) instead of a websocket client in this process
  --no-raised-priority    run the host without CAP_SYS_NICE, so its audio threads keep nice 0 (for a shared machine)
  --rack FILE             run the host on this rack file instead of the virtual profile (it must emulate the panel and the card)
  --model ID              play this installed model instead of the rack's default (frave-impacts-v1: issue #23's host figures)
`;

interface Args {
  seconds: number;
  patches: PatchSpec[];
  seed: number;
  out?: string;
  dir: string;
  chromium: boolean;
  noRaisedPriority: boolean;
  /** A rack file instead of the virtual profile. */
  rack: string | undefined;
  /** An installed model instead of the rack's default. */
  model: string | undefined;
}

const OPTIONS = {
  seconds: { type: 'string' }, patches: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, keep: { type: 'string' },
  chromium: { type: 'boolean' }, 'no-raised-priority': { type: 'boolean' }, rack: { type: 'string' }, model: { type: 'string' }, help: { type: 'boolean' },
} as const;

function parse(argv: string[]): Args {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS }));
  } catch (err) {
    usage((err as Error).message); // an unknown option or one missing its value
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const seconds = Number(values.seconds ?? 20);
  if (!(seconds >= 3 && seconds <= 600)) usage(`--seconds ${values.seconds}: expected 3-600`);
  const names = values.patches ? values.patches.split(',').map((s) => s.trim()).filter(Boolean) : ALL.map((p) => p.name);
  const patches = names.map((n) => ALL.find((p) => p.name === n) ?? usage(`unknown patch ${n}`));
  const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(seed) || seed < 0) usage(`--seed ${values.seed}: expected a non-negative integer`);
  const dir = values.keep ? resolve(values.keep) : mkdtempSync(join(tmpdir(), 'nr-bench-patches-'));
  mkdirSync(dir, { recursive: true });
  return { seconds, patches, seed, out: values.out && resolve(values.out), dir, chromium: !!values.chromium, noRaisedPriority: !!values['no-raised-priority'], rack: values.rack && resolve(values.rack), model: values.model };
}

function usage(message: string): never {
  process.stderr.write(`bench:patches: ${message}\n${USAGE}`);
  process.exit(2);
}

interface Played {
  /** A reference or classifier check, not a row of the matrix. */
  readonly check: boolean;
  readonly summary: RunSummary;
  readonly verdicts: Verdict[];
  readonly analysis: AudioAnalysis;
}

class Bench {
  readonly runs: Array<Played & { replayFile: string; wavFile: string; metricsFile: string }> = [];
  private pair: EntryPair | undefined;
  refs: EntryReferences | undefined;
  private readonly ctx: Omit<PatchContext, 'seconds'>;
  private readonly gateJacks: number[];
  private readonly stalls: MachineStallProbe;

  constructor(private readonly a: Args) {
    this.stalls = MachineStallProbe.start(a.dir);
    const rack = buildContainer(a.rack ? { rackFile: a.rack } : { profile: 'virtual' }).resolve(Tokens.Rack).config;
    this.ctx = { leadInS: LEAD_IN_S[a.chromium ? 'chromium' : 'ws'], scanHz: rack.devices.cvAdc.scanHz };
    this.gateJacks = [1, 2].filter((j) => rack.assignments[j === 1 ? 'gate1' : 'gate2'] !== 'none');
  }

  async entries(): Promise<EntryPair> {
    return (this.pair ??= pickContrastPair(await shippedBankCurves()));
  }

  generate(spec: PatchSpec, seconds: number): GeneratedPatch {
    return spec.build(new Prng(mixSeed(this.a.seed, hash(spec.name))), { ...this.ctx, seconds });
  }

  async play(spec: PatchSpec, patch: GeneratedPatch, client: ClientKind): Promise<Played> {
    const base = join(this.a.dir, `${spec.name}-${client}`);
    const replayFile = `${base}.replay.json`;
    const wavFile = `${base}.wav`;
    const metricsFile = `${base}.metrics.json`;
    writeFileSync(replayFile, JSON.stringify(patch.replay));
    const pair = spec.contrastEntries ? await this.entries() : undefined;
    const load1 = loadavg()[0]!;
    let panel: PanelClientStats | undefined;
    const wait = (patch.replay.duration_s + 60) * 1000;
    const from = Date.now();
    const child = await runChild({
      replayFile, wavFile, metricsFile, durationS: patch.replay.duration_s, noRaisedPriority: this.a.noRaisedPriority, rack: this.a.rack, model: this.a.model,
      ...(pair && { entries: { bank: pair.bank, a: pair.a, b: pair.b } }),
      ...(client !== 'none' && {
        onPanel: async (url: string) => {
          if (client === 'chromium') panel = await chromiumPanel(url, wait);
          else {
            const c = await PanelClient.connect(url);
            await c.closed(wait);
            panel = c.stats();
          }
        },
      }),
    });
    if (child.code !== 0) throw new Error(`neurorack run exited ${child.code} on ${spec.name}:\n${child.stderr || child.stdout}`);
    for (const l of child.stderr.split('\n').filter((x) => x.startsWith('panel client:'))) process.stdout.write(`    warning: ${l}\n`);
    const metrics = JSON.parse(readFileSync(metricsFile, 'utf8')) as ReplayMetrics;
    const wav = readWavFile(wavFile);
    const analysis = analyseAudio({
      x: wav.channels[0]!, sampleRate: wav.sampleRate,
      gates: cv1AtTheJacks(steppedAtTheJacks(gateSteps(patch.replay, this.gateJacks), metrics.gate_stepped), metrics.gate_at_s, metrics.cv_steps),
      metricMs: metrics.gate_to_sound_ms,
      appliedS: metrics.gate_at_s,
      ...(patch.expected && this.refs && { expected: patch.expected, refs: this.refs }),
    });
    // The replay's own window: at the host's boot its control thread (SCHED_FIFO) holds a core
    // through its modules and plugins, and the probes there saw 20-180 ms at every boot.
    const window = metrics.started_at_ms === null ? [from, Date.now()] : [metrics.started_at_ms, metrics.started_at_ms + metrics.duration_s * 1000];
    const machine = this.stalls.figuresBetween(window[0]!, window[1]!);
    const stalls = this.stalls.stallsBetween(window[0]!, window[1]!);
    const loop = patch.loop && analysis.aligned ? loopFollow(wav.channels[0]!, wav.sampleRate, analysis.offsetMs!, appliedPlan(patch.loop, metrics.cv_steps)) : undefined;
    const summary = summarise({ patch: spec.name, client, notes: patch.notes, load1, metrics, analysis, child, panel, machine, loop, stalls });
    const played = { check: !!spec.check, summary, verdicts: verdicts(summary), analysis };
    this.runs.push({ ...played, replayFile, wavFile, metricsFile });
    return played;
  }

  /** Reference centroids of entries A and B at the attack, from a run where CV1 is still around every gate. */
  async reference(): Promise<{ refs: EntryReferences; onsets: number; gates: number }> {
    const patch = this.generate(staleReference, Math.min(this.a.seconds, REFERENCE_SECONDS));
    const { analysis } = await this.play(staleReference, patch, 'none');
    const wav = readWavFile(this.runs[this.runs.length - 1]!.wavFile);
    const x = wav.channels[0]!;
    const samples = analysis.gates.flatMap((g, k) =>
      g.onsetIndex !== undefined ? [{ entry: patch.expected![k]!, centroidHz: spectralCentroid(x, g.onsetIndex, Math.round((MAIN_WINDOW_MS * wav.sampleRate) / 1000), wav.sampleRate) }] : []);
    this.refs = buildReferences(samples);
    return { refs: this.refs, onsets: samples.length, gates: analysis.gates.length };
  }
}

async function bench(): Promise<void> {
  const a = parse(process.argv.slice(2));
  const b = new Bench(a);
  const out = a.out ?? join(a.dir, 'report.json');
  const engine = engineState();
  process.stdout.write(`bench:patches seed ${a.seed} (repeat with --seed ${a.seed}); ${a.seconds} s per run; files in ${a.dir}\n` +
    `engine ${engine.head}${engine.dirty.length ? ` with uncommitted changes in ${engine.dirty.join(', ')}` : ''}; ${a.noRaisedPriority ? 'host threads kept at nice 0 (--no-raised-priority)' : 'host threads may raise their priority'}; ${a.rack ? `rack ${a.rack}` : 'virtual profile'}; ${a.model ? `model ${a.model}` : 'the rack\'s default model'}; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  const report: Record<string, unknown> = { seed: a.seed, seconds: a.seconds, engine, noRaisedPriority: a.noRaisedPriority, rack: a.rack ?? 'virtual', model: a.model ?? null, client: a.chromium ? 'chromium' : 'ws', startedAt: new Date().toISOString() };

  const contrast = a.patches.filter((p) => p.contrastEntries);
  if (contrast.length) {
    const pair = await b.entries();
    process.stdout.write(`stale family: bank ${pair.bank}, entry A ${pair.a} (attack centroid ${pair.centroidA.toFixed(0)} Hz in the bank), B ${pair.b} (${pair.centroidB.toFixed(0)} Hz), ` +
      `${pair.octaves.toFixed(1)} octaves apart${pair.clean ? '' : ' (no pair met the tail and loudness conditions)'}\n`);
    const ref = await b.reference();
    const sep = separation(ref.refs);
    process.stdout.write(`reference (CV1 still >1 s before each gate, ${ref.onsets}/${ref.gates} onsets): A ${ref.refs.A.hz.toFixed(0)} Hz (ln sd ${ref.refs.A.lnSd.toFixed(3)}, n ${ref.refs.A.n}), ` +
      `B ${ref.refs.B.hz.toFixed(0)} Hz (ln sd ${ref.refs.B.lnSd.toFixed(3)}, n ${ref.refs.B.n}); separation ${sep.toFixed(1)} pooled sd${sep < 6 ? ' (LOW: the classifier is unreliable)' : ''}\n`);
    report['entries'] = pair;
    report['references'] = { ...ref.refs, separation: sep };
  }

  const matrix = a.patches.filter((p) => !p.check);
  if (matrix.length) process.stdout.write(`\n${tableHeader()}`);
  for (const spec of matrix) {
    const patch = b.generate(spec, a.seconds);
    process.stdout.write(`  ${spec.name}: ${spec.summary}; ${patch.notes}\n`);
    for (const client of ['none', a.chromium ? 'chromium' : 'ws'] as const) {
      const { summary, verdicts: v } = await b.play(spec, patch, client);
      process.stdout.write(tableRow(summary, v));
      if (patch.loop) process.stdout.write(loopLine(summary));
    }
  }

  const checks: Record<string, unknown> = {};
  for (const spec of a.patches.filter((p) => p.check)) {
    const patch = b.generate(spec, Math.min(a.seconds, CHECK_SECONDS));
    const { summary, analysis } = await b.play(spec, patch, 'none');
    const f = staleFigures(analysis);
    const expectation = CHECK_EXPECTATIONS[spec.name];
    const ok = expectation?.met(f);
    process.stdout.write(`\n${spec.name} (${spec.summary}):\n  ${f.stale}/${f.judged} stale (first 30 ms), first 10 ms wrong ${f.attackWrong}/${f.judged}; ` +
      `margins min ${fmt(f.marginMin, 2)}, p10 ${fmt(f.marginP10, 2)}; right sound p50/p99 ${fmt(f.rightSound.p50)}/${fmt(f.rightSound.p99)} ms, never ${f.neverRight}` +
      `${expectation ? ` -> ${ok ? 'as expected' : 'NOT as expected'} (${expectation.text})` : ''}\n`);
    checks[spec.name] = { expected: expectation?.text ?? 'measured', asExpected: ok ?? null, figures: f, xruns: summary.xruns };
  }

  const last = b.runs[b.runs.length - 1]?.summary;
  if (last) process.stdout.write(`\n${describeAudioThreads(last.audioThreads)}`);
  process.stdout.write('machine stalls: the probes\' stalls of 20 ms or more during each replay (not its host\'s boot), and the worst of any length\n');
  process.stdout.write(summaryLines(b.runs));
  report['runs'] = b.runs.map((r) => ({
    ...r.summary, verdicts: r.verdicts, files: { replay: r.replayFile, wav: r.wavFile, metrics: r.metricsFile },
    // Per gate for patches a reader can follow (abuse has some 20,000 gates).
    gates: r.analysis.gates.length > MAX_REPORTED_GATES ? `${r.analysis.gates.length} gates, not listed` : r.analysis.gates.map((g) => ({ ...g, heard: g.heard && round(g.heard), early: g.early && round(g.early) })),
    dropoutsAtS: r.analysis.dropouts.atS,
  }));
  report['checks'] = checks;
  report['finishedAt'] = new Date().toISOString();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2) + '\n');
  process.stdout.write(`report: ${out}\n`);
}

/** The loop family's figures under its row: from the recording, beside the engine's CV-to-audible. */
function loopLine(s: RunSummary): string {
  if (!s.loop) return `    loop (${s.client}): not judged (the recording could not be aligned on the gates before the loop)\n`;
  const l = s.loop;
  return `    loop (${s.client}), from the audio: sounds like CV1's step after p50 ${fmt(l.follow.p50)} / p99 ${fmt(l.follow.p99)} / max ${fmt(l.follow.max)} ms; ` +
    `never, before the next step: ${l.never} of ${l.steps}; references ${l.separation.toFixed(1)} pooled sd apart${l.separation < 6 ? ' (LOW: shaky)' : ''}\n`;
}

/** Per target: in how many runs it was met. */
function summaryLines(runs: ReadonlyArray<Played>): string {
  const byTarget = new Map<string, { met: number; missed: string[]; na: number }>();
  for (const r of runs.filter((x) => !x.check)) {
    for (const v of r.verdicts) {
      const key = v.target;
      const t = byTarget.get(key) ?? { met: 0, missed: [], na: 0 };
      if (v.met === null) t.na++;
      else if (v.met) t.met++;
      else t.missed.push(`${r.summary.patch}/${r.summary.client}`);
      byTarget.set(key, t);
    }
  }
  let s = '\ntargets over the matrix:\n';
  for (const [target, t] of byTarget) {
    s += `  ${target.padEnd(38)} met in ${t.met}/${t.met + t.missed.length}${t.na ? ` (${t.na} n/a)` : ''}${t.missed.length ? `; missed: ${t.missed.join(' ')}` : ''}\n`;
  }
  return s + quietMatrix(runs.filter((r) => !r.check).map((r) => r.summary));
}

function engineState(): { head: string; dirty: string[] } {
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: packageRoot, encoding: 'utf8' }).trimEnd();
    } catch {
      return '';
    }
  };
  return { head: git(['rev-parse', '--short', 'HEAD']).trim() || 'unknown', dirty: git(['status', '--porcelain', '--', 'core', 'plugins']).split('\n').filter(Boolean).map((l) => l.slice(3)) };
}

function round<T extends { score: number; margin: number; centroidHz: number }>(h: T): T {
  return { ...h, score: +h.score.toFixed(3), margin: +h.margin.toFixed(3), centroidHz: Math.round(h.centroidHz) };
}

function hash(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}

if (require.main === module) {
  bench().catch((err: Error) => {
    process.stderr.write(`bench:patches: ${err.stack ?? err.message}\n`);
    process.exit(1);
  });
}
