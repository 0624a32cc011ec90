import { CONNECTION_LIMITS } from '../../core/web/connection-limits';
import { judged, type Attack, type AttackOutcome, type Finding } from './attack';
import { BUDGETS, fmtMs } from './budgets';
import { legitVisitor, type VisitFigures } from './legit-visitor';
import { slowSocketPack, type PackFigures, type PackOptions } from './slow-socket-pack';

const SOCKETS = 1_100;
const PERFORMER = '127.0.0.2';
/** How long each phase lasts: past the header timeout, so the server's closing is seen too. */
const PHASE_MS = CONNECTION_LIMITS.headersTimeoutMs + 4_000;
/** 1,100 sockets spread so that no address passes its own cap: only the global cap holds them. */
const SPREAD = Array.from({ length: Math.ceil(SOCKETS / CONNECTION_LIMITS.maxPerAddress) }, (_, i) => `127.0.1.${i + 1}`);

/**
 * Issue #27 point 5: 1,100 slow sockets (before: the panel unreachable for 85 s), then a performer
 * opening the panel page every 500 ms. Phase 1 as the issue ran it, from one address; phase 2 from
 * enough loopback addresses (127.0.1.x) that only the global cap (256) holds them, each socket
 * opened again 100 ms after the server closes it, as a persistent attacker on a LAN with that many
 * addresses would.
 */
export const slowSocketsAttack: Attack = {
  id: 'slow-sockets',
  title: '1,100 slow sockets',
  async run(ctx): Promise<AttackOutcome> {
    const host = await ctx.startHost();
    const port = Number(new URL(host.url).port);
    const one = await phase(host.url, { port, count: SOCKETS, from: ['127.0.0.1'], trickleEveryMs: 1000 });
    const spread = await phase(host.url, { port, count: SOCKETS, from: SPREAD, trickleEveryMs: 1000, reconnectAfterMs: 100 });
    const alive = host.exited === undefined;
    await ctx.stopHost(host);
    const findings: Finding[] = [];
    for (const [name, p] of [['1 address', one], [`${SPREAD.length} addresses, reconnecting`, spread]] as const) {
      findings.push(judged('slow-sockets', `${name}: refused at accept / timed out / open`, `${p.pack.refusedAtAccept} / ${p.pack.timedOut} (median ${p.pack.medianLifeMs === null ? '-' : fmtMs(p.pack.medianLifeMs)}) / ${p.pack.openAtEnd} of ${p.pack.opened}`, '1,100 held', true));
      findings.push(judged('slow-sockets', `${name}: panel GET / answered, first, slowest`, `${p.visits.answered}/${p.visits.tries}, ${p.visits.firstAnswerMs === null ? 'never' : fmtMs(p.visits.firstAnswerMs)}, ${p.visits.slowestMs === null ? '-' : fmtMs(p.visits.slowestMs)}${Object.keys(p.visits.failures).length ? `; failed ${JSON.stringify(p.visits.failures)}` : ''}`, 'unreachable 85 s', p.visits.answered === p.visits.tries && (p.visits.slowestMs ?? Infinity) <= BUDGETS.panelAnswerMs));
    }
    findings.push(judged('slow-sockets', 'host still running after both phases', alive ? 'yes' : 'no', '-', alive));
    return {
      findings,
      notes: [`slow-sockets: caps ${CONNECTION_LIMITS.maxConnections} sockets in all, ${CONNECTION_LIMITS.maxPerAddress} per address, headers within ${CONNECTION_LIMITS.headersTimeoutMs / 1000} s; half the sockets send nothing, half a request line and a header byte every second; each phase ${PHASE_MS / 1000} s; the performer on ${PERFORMER}, a new socket per try, each bounded at 5 s.`],
      data: { sockets: SOCKETS, phaseMs: PHASE_MS, oneAddress: one, spread: { addresses: SPREAD.length, ...spread }, alive },
    };
  },
};

async function phase(base: string, pack: PackOptions): Promise<{ pack: PackFigures; visits: VisitFigures }> {
  const attack = slowSocketPack(pack);
  // Let the sockets connect before the performer comes.
  await new Promise((r) => setTimeout(r, 1000));
  const visitor = legitVisitor(base, PERFORMER, 500, 5_000);
  await new Promise((r) => setTimeout(r, PHASE_MS));
  const visits = await visitor.stop();
  const figures = attack.stop();
  // The host closes what is left before the next phase.
  await new Promise((r) => setTimeout(r, 1000));
  return { pack: figures, visits };
}
