import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { info, judged, type Attack, type AttackOutcome, type Finding } from './attack';
import { BUDGETS, fmtMiB, fmtMs } from './budgets';
import { errorLine } from './cli-child';
import { httpRequest, statusOf } from './http-client';

/** How long `start` is watched after it is launched (the issue: over 5 GB in 8 s). */
const WATCH_MS = 10_000;

const KINDS = [
  { name: 'bank.json -> /dev/zero', before: 'start over 5 GB in 8 s', make: (file: string) => symlinkSync('/dev/zero', file) },
  { name: 'bank.json a FIFO', before: 'read until memory ran out', make: (file: string) => execFileSync('mkfifo', [file]) },
] as const;

/**
 * Issue #27 point 4: a bank.json in the user's banks folder that never ends (a symlink to /dev/zero)
 * or never answers (a FIFO with no writer), there when `start` begins. After 10 s: whether the host
 * is ready, its RSS and peak, what it reported; then GET /api/banks (which lists that folder).
 */
export const badBankFileAttack: Attack = {
  id: 'dev-zero',
  title: 'bank.json that never ends',
  async run(ctx): Promise<AttackOutcome> {
    const findings: Finding[] = [];
    const data: Record<string, unknown> = {};
    for (const kind of KINDS) {
      const dir = ctx.tempDir('dev-zero');
      const env = ctx.isolatedEnv(dir);
      mkdirSync(join(env.NEURORACK_BANKS_DIR!, 'endless'), { recursive: true });
      kind.make(join(env.NEURORACK_BANKS_DIR!, 'endless', 'bank.json'));
      const start = ctx.cli(['start', '--port', '0'], dir);
      await new Promise((r) => setTimeout(r, WATCH_MS));
      const mem = start.memory();
      const panel = /Panel: (http:\/\/\S+)/.exec(start.stdout)?.[1];
      let listing = 'host not ready';
      let listed: unknown;
      if (panel) {
        const a = await httpRequest(panel, { path: '/api/banks', headers: { accept: 'application/json' }, timeoutMs: 15_000 });
        const problem = 'error' in a || a.status !== 200 ? undefined : (JSON.parse(a.body.toString('utf8')) as { banks: Array<{ id: string; problem?: { code?: string; message?: string } | string }> }).banks.find((b) => b.problem !== undefined);
        const code = /NR_[A-Z_]+/.exec(typeof problem?.problem === 'string' ? problem.problem : problem?.problem?.code ?? '')?.[0];
        listing = `${statusOf(a)} in ${fmtMs(a.ms)}${problem ? `, the bank listed with problem ${code ?? JSON.stringify(problem.problem).slice(0, 60)}` : ', the bank not listed'}`;
        listed = { status: statusOf(a), ms: a.ms, problem };
      }
      const afterListing = start.memory();
      const r = await start.wait(20_000, 'SIGINT');
      data[kind.name] = { ready: !!panel, rssAt10sBytes: mem.rssBytes, peakRssBytes: Math.max(afterListing.peakRssBytes, r.peakRssBytes), listing: listed, exit: r.code ?? r.signal, stderrTail: r.stderr.slice(-2000) };
      findings.push(judged('dev-zero', `${kind.name}: ready; RSS at 10 s (peak)`, `${panel ? 'ready' : 'NOT ready'}; ${fmtMiB(mem.rssBytes)} (${fmtMiB(afterListing.peakRssBytes)})`, kind.before, !!panel && afterListing.peakRssBytes <= BUDGETS.commandRssBytes));
      findings.push(judged('dev-zero', `${kind.name}: GET /api/banks`, listing, '-', panel !== undefined && listed !== undefined && (listed as { status: unknown }).status === 200));
      findings.push(info('dev-zero', `${kind.name}: what start printed about it`, (errorLine(r.stderr, false) || 'no NR_ error on stderr').slice(0, 140)));
    }
    return { findings, notes: [`dev-zero: the file is in a temporary banks folder (NEURORACK_BANKS_DIR), never in the repository's; start stopped with SIGINT after the listing.`], data };
  },
};
