import { PAIRING_CODE_DIGITS, PAIRING_COOKIE } from '../../core/web/pairing';
import { PAIRING_LIMITS } from '../../core/web/pairing-limiter';
import { info, judged, type Attack, type AttackOutcome, type Finding } from './attack';
import { nonLoopbackAddress } from './attacker-address';
import { BUDGETS, fmtMs, gapMet, xrunsMet } from './budgets';
import { fmtHealth, healthDelta, readHealth } from './host-health';
import { HostWatch } from './host-watch';
import { httpRequest, statusOf } from './http-client';
import { idleBaseline } from './idle-baseline';
import { floodWrongCodes, IN_FLIGHT } from './pairing-flood';
import { checkedCodesWithin, codesPerYear, expectedYears, YEAR_MS } from './pairing-odds';
import { PAIRING_PATHS } from './pairing-paths';

/** The limiter's documented example of a many-address attacker. */
const MANY_ADDRESSES = 256;

/**
 * Issue #27 point 1: a stranger on the LAN guesses the pairing code. The host binds 0.0.0.0; wrong
 * codes go from this machine's LAN address (not loopback) by every path, first one per path, then
 * as fast as the host answers for the rest of the time. Counts the codes the host CHECKED (answered
 * as wrong, 401) and those refused unchecked (429), then shows that the right code is refused from
 * the locked address and still pairs from another one (127.0.0.1): the code did not change.
 */
export const pairingAttack: Attack = {
  id: 'pairing',
  title: 'pairing brute force',
  async run(ctx): Promise<AttackOutcome> {
    const attacker = nonLoopbackAddress();
    if (!attacker) return { findings: [info('pairing', 'skipped', 'no non-loopback IPv4 address on this machine')], notes: [], data: {} };
    const host = await ctx.startHost({ host: '0.0.0.0' });
    const code = host.pairingCode?.replace('-', '');
    if (!code) throw new Error(`the host on 0.0.0.0 printed no pairing code (${host.url})`);
    const port = new URL(host.url).port;
    const target = `http://${attacker}:${port}`;
    const local = `http://127.0.0.1:${port}`;

    // The performer, paired on the module itself, reads the host's health while it is attacked.
    const cookie = { cookie: `${PAIRING_COOKIE}=${await pair(local, code)}` };
    const watch = HostWatch.start({ pid: host.pid, url: `${local}/api/stats`, headers: cookie, localAddress: '127.0.0.1' });
    let flood, window, idle, before;
    try {
      idle = await idleBaseline(host, watch, 5, '127.0.0.1', cookie);
      before = await readHealth(local, '127.0.0.1', cookie);
      flood = await floodWrongCodes(target, code, attacker, ctx.options.pairSeconds);
      window = await watch.window(flood.startedAt);
    } finally {
      await watch.stop();
    }
    const pairBody = { method: 'POST', path: '/api/pair', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) };
    const rightFromAttacker = statusOf(await httpRequest(target, { ...pairBody, from: attacker }));
    const rightFromModule = statusOf(await httpRequest(local, { ...pairBody, from: '127.0.0.1' }));
    const after = await readHealth(local, '127.0.0.1', cookie);
    await ctx.stopHost(host);

    const all = [...flood.perPath.values()];
    const sum = (k: 'sent' | 'checked' | 'paired') => all.reduce((n, c) => n + c[k], 0);
    const [sent, checked, paired] = [sum('sent'), sum('checked'), sum('paired')];
    const { seconds } = flood;
    const allowed = checkedCodesWithin(PAIRING_LIMITS, seconds * 1000);
    const perYearOne = codesPerYear(PAIRING_LIMITS, 1);
    const perYearMany = codesPerYear(PAIRING_LIMITS, MANY_ADDRESSES);
    const yearsOne = expectedYears(perYearOne, PAIRING_CODE_DIGITS);
    const yearsMany = expectedYears(perYearMany, PAIRING_CODE_DIGITS);
    const health = healthDelta(before, after);
    const findings: Finding[] = [
      ...PAIRING_PATHS.map((p) => {
        const c = flood.perPath.get(p)!;
        const before = p.name.startsWith('cookie') ? '752/s, never counted' : '890-1,307/s, no limit';
        return judged('pairing', `${p.name}: checked/refused/sent`, `${c.checked} / ${c.refused} / ${c.sent}${c.other ? ` (other: ${JSON.stringify(c.statuses)})` : ''}`, before, c.paired === 0 && c.other === 0 && c.checked <= PAIRING_LIMITS.clientFreeFailures);
      }),
      judged('pairing', `checked, all paths, 1 address, ${seconds.toFixed(0)} s`, `${checked} of ${sent} = ${(checked / seconds).toFixed(2)}/s (limiter: ${allowed})`, '752-1,307/s', checked <= allowed && paired === 0),
      judged('pairing', 'lockout reached (Retry-After)', `${flood.longestRetryS} s`, 'none', flood.longestRetryS >= PAIRING_LIMITS.clientLockoutMs / 1000 - 1),
      judged('pairing', 'right code from the locked address', `${rightFromAttacker} (not checked)`, '-', rightFromAttacker === 429),
      judged('pairing', 'right code from 127.0.0.1 (code unchanged)', String(rightFromModule), 'strangers rotated it', rightFromModule === 200),
      judged('pairing', `expected search, 1 address (${perYearOne} codes/yr)`, fmtYears(yearsOne), '13-22 min', yearsOne >= BUDGETS.pairingYears),
      judged('pairing', `expected search, ${MANY_ADDRESSES} addresses (${perYearMany}/yr)`, fmtYears(yearsMany), '-', yearsMany >= BUDGETS.pairingYears),
      info('pairing', `idle host, ${idle.seconds} s: longest GET /api/stats gap; audio`, `${fmtMs(idle.longestGapMs)}; ${fmtHealth(idle.health)}`),
      judged('pairing', `flood (${(sent / seconds).toFixed(0)} req/s): longest /api/stats gap; audio`, `${fmtMs(window.longestGapMs)}; ${fmtHealth(health)}`, '-', gapMet(window.longestGapMs, idle.longestGapMs) && xrunsMet(health.xruns, seconds, idle.health.xruns, idle.seconds)),
    ];
    return {
      findings,
      notes: [
        `pairing: attacker ${attacker} -> host bound 0.0.0.0:${port}; random ${PAIRING_CODE_DIGITS}-digit wrong codes, one per path first, then ${IN_FLIGHT} in flight round-robin for ${seconds.toFixed(1)} s.`,
        `pairing: after its ${PAIRING_LIMITS.clientFreeFailures} free codes an address gets one per lockout (${PAIRING_LIMITS.clientLockoutMs / 60_000} min doubling to ${PAIRING_LIMITS.clientMaxLockoutMs / 60_000} min): ${checkedCodesWithin(PAIRING_LIMITS, 24 * 3_600_000)} the first day, ${perYearOne} a year (${(perYearOne / (YEAR_MS / 1000)).toExponential(2)}/s). The lockouts past the first and the global window (${PAIRING_LIMITS.globalMaxFailures} an hour plus one first try per address) are computed from PAIRING_LIMITS, not measured: a run would take hours, and this machine has one LAN address.`,
      ],
      data: {
        attacker, port, seconds, sent, checked, paired, longestRetryS: flood.longestRetryS, perPath: Object.fromEntries([...flood.perPath].map(([p, c]) => [p.name, c])),
        allowedChecked: allowed, codesPerYearOneAddress: perYearOne, [`codesPerYear${MANY_ADDRESSES}`]: perYearMany, expectedYearsOneAddress: yearsOne, [`expectedYears${MANY_ADDRESSES}`]: yearsMany,
        rightFromAttacker, rightFromModule, idle, loop: window, health: { before, after },
      },
    };
  },
};

/** Pairs from 127.0.0.1 with the code; returns the session token. */
async function pair(base: string, code: string): Promise<string> {
  const a = await httpRequest(base, { method: 'POST', path: '/api/pair', from: '127.0.0.1', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  const token = 'error' in a ? undefined : /nr_session=([0-9a-f]+)/.exec(String(a.headers['set-cookie'] ?? ''))?.[1];
  if (!token) throw new Error(`could not pair from 127.0.0.1: ${statusOf(a)}`);
  return token;
}

function fmtYears(y: number): string {
  return y >= 1 ? `${Math.round(y).toLocaleString('en-US')} years` : `${(y * 365.25 * 24 * 60).toFixed(0)} min`;
}
