import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Attack, Finding } from './attacks/attack';
import { AttackContext } from './attacks/attack-context';
import { ATTACKS } from './attacks/attack-list';
import { findingsTable } from './attacks/report-table';

/**
 * `npm run bench:attacks [-- --only pairing,audition] [-- --out FILE] [-- --pair-seconds 20]
 * [-- --render-limit-s 150]`: issue #27's attacks, each against the real host (`neurorack start`,
 * virtual profile, spawned with its folders in a temporary folder) or the real command, bounded in
 * time, with the figures the issue's closing note asks for: wrong pairing codes checked per second
 * and the years a search would take, the worst request's memory and event-loop block, what a
 * connection flood leaves of the panel. Prints one table (attack, what was measured, the figure,
 * the issue's figure before the fixes, a verdict against bench/attacks/budgets.ts); `--out` writes
 * every figure as JSON. Ctrl-C stops every host and command it started.
 */
async function benchAttacks(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      out: { type: 'string' },
      'pair-seconds': { type: 'string', default: '20' },
      'render-limit-s': { type: 'string', default: '150' },
    },
  });
  const wanted = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = wanted?.filter((id) => !ATTACKS.some((a) => a.id === id)) ?? [];
  if (unknown.length) throw new Error(`--only: no attack ${unknown.join(', ')}; the attacks are ${ATTACKS.map((a) => a.id).join(', ')}`);
  const attacks = wanted ? ATTACKS.filter((a) => wanted.includes(a.id)) : ATTACKS;
  const options = { pairSeconds: Number(values['pair-seconds']), renderLimitS: Number(values['render-limit-s']) };
  if (!(options.pairSeconds > 0) || !(options.renderLimitS > 0)) throw new Error('--pair-seconds and --render-limit-s take a positive number');

  const ctx = new AttackContext(join(__dirname, '..', '..'), options);
  const interrupted = (signal: NodeJS.Signals): void => {
    process.stdout.write(`\nbench:attacks: ${signal}, stopping every host and command it started\n`);
    void ctx.cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  const started = performance.now();
  process.stdout.write(`bench:attacks: ${attacks.map((a) => a.id).join(', ')}; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  const findings: Finding[] = [];
  const notes: string[] = [];
  const results: Record<string, unknown> = {};
  for (const attack of attacks) {
    const t0 = performance.now();
    process.stdout.write(`\n== ${attack.id}: ${attack.title}\n`);
    try {
      const outcome = await attack.run(ctx);
      findings.push(...outcome.findings);
      notes.push(...outcome.notes);
      results[attack.id] = { seconds: (performance.now() - t0) / 1000, findings: outcome.findings, notes: outcome.notes, data: outcome.data };
      process.stdout.write(findingsTable(outcome.findings));
    } catch (err) {
      const message = (err as Error).stack ?? String(err);
      findings.push({ attack: attack.id, measured: 'the attack itself', figure: `failed: ${(err as Error).message.split('\n')[0]}`, before: '-', verdict: 'WEAK' });
      results[attack.id] = { seconds: (performance.now() - t0) / 1000, error: message };
      process.stdout.write(`bench:attacks: ${attack.id} failed: ${message}\n`);
    } finally {
      await ctx.cleanup();
    }
    process.stdout.write(`(${attack.id}: ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  }
  finish(attacks, findings, notes, results, (performance.now() - started) / 1000, values.out);
}

function finish(attacks: readonly Attack[], findings: readonly Finding[], notes: readonly string[], results: Record<string, unknown>, seconds: number, out: string | undefined): void {
  const weak = findings.filter((f) => f.verdict === 'WEAK');
  process.stdout.write(`\nbench:attacks: ${attacks.length} attacks in ${seconds.toFixed(0)} s; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n\n`);
  process.stdout.write(findingsTable(findings));
  process.stdout.write('\n' + notes.map((n) => `- ${n}`).join('\n') + '\n');
  process.stdout.write(weak.length ? `\n${weak.length} WEAK: ${weak.map((f) => `${f.attack} (${f.measured})`).join('; ')}\n` : '\nno WEAK verdict\n');
  if (out) {
    writeFileSync(out, JSON.stringify({ bench: 'attacks', seconds, load: loadavg(), findings, notes, attacks: results }, null, 2) + '\n');
    process.stdout.write(`report: ${out}\n`);
  }
}

benchAttacks().catch((err: unknown) => {
  process.stderr.write(`bench:attacks: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
