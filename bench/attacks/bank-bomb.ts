import { BANK_LIMITS } from '../../core/banks/bank-limits';
import { judged, info, type Attack, type AttackOutcome, type Finding } from './attack';
import { BUDGETS, fmtMiB, fmtMs, gapMet } from './budgets';
import { bigPackedBank, packedWhitespace } from './big-bank';
import { HostWatch } from './host-watch';
import { errorCode, httpRequest, statusOf } from './http-client';
import { idleBaseline } from './idle-baseline';
import type { HostProcess } from '../soak-start/host-process';

const ATTACKER = '127.0.0.2';
const WATCHER = '127.0.0.9';
const BANK_ID = 'bench-big-bank';
/** GET /api/banks this many times after the import (the first may read the new bank). */
const LISTINGS = 3;

/**
 * Issue #27 point 5: POST /api/banks/import of a valid .nrbank of about 500 KB that unpacks to
 * about 52 MB (before: the event loop blocked 2.5 s, 570 MB added), which must now be refused at the
 * limit for a received bank (BANK_LIMITS.maxReceivedBankBytes); then the largest bank an upload may
 * hold (about 90% of that limit), imported, and GET /api/banks after it (before: 6.8 s each, every bank
 * read and validated twice); and a gzip bomb, 256 MiB of whitespace in about 270 KB, refused at the
 * unpack limit.
 */
export const bankBombAttack: Attack = {
  id: 'banks',
  title: '.nrbank bomb and GET /api/banks',
  async run(ctx): Promise<AttackOutcome> {
    const over = bigPackedBank(`${BANK_ID}-over`, 48e6);
    const big = bigPackedBank(BANK_ID, BANK_LIMITS.maxReceivedBankBytes * 0.85);
    const bomb = packedWhitespace(256 * 2 ** 20);
    const host = await ctx.startHost();
    const watch = HostWatch.start({ pid: host.pid, url: new URL('api/stats', host.url).href, localAddress: WATCHER });
    const findings: Finding[] = [];
    const data: Record<string, unknown> = { big: { packedBytes: big.packed.length, unpackedBytes: big.unpackedBytes, entries: big.entries, frames: big.frames }, bombPackedBytes: bomb.length };
    try {
      const idle = await idleBaseline(host, watch, 3, WATCHER);
      data.idle = idle;
      const listedBefore = await listBanks(host, watch);
      findings.push(info('banks', `GET /api/banks before (shipped banks only); idle gap ${fmtMs(idle.longestGapMs)}`, `${fmtMs(listedBefore.ms)}, gap ${fmtMs(listedBefore.gapMs)}`));
      const refused = await upload(host, watch, over.packed);
      data.over = { packedBytes: over.packed.length, unpackedBytes: over.unpackedBytes, ...refused };
      const overWhat = `import ${(over.packed.length / 1024).toFixed(0)} KB -> ${(over.unpackedBytes / 1e6).toFixed(0)} MB (${over.entries} entries)`;
      findings.push(judged('banks', `${overWhat}: status, time; gap; +RSS`, `${refused.status}${refused.code ? ` ${refused.code}` : ''}, ${fmtMs(refused.ms)}; ${fmtMs(refused.gapMs)}; +${fmtMiB(refused.addedRssBytes)}`, '2.5 s blocked, +570 MB', refused.status === 400 && gapMet(refused.gapMs, idle.longestGapMs) && refused.addedRssBytes <= BUDGETS.addedRssBytes));
      const imported = await upload(host, watch, big.packed);
      data.import = imported;
      const what = `import ${(big.packed.length / 1024).toFixed(0)} KB -> ${(big.unpackedBytes / 1e6).toFixed(0)} MB (${big.entries} entries)`;
      findings.push(judged('banks', `${what}: status, time`, `${imported.status}${imported.code ? ` ${imported.code}` : ''}, ${fmtMs(imported.ms)}`, '-', imported.status === 200));
      findings.push(judged('banks', `${what}: gap; peak RSS (+added)`, `${fmtMs(imported.gapMs)}; ${fmtMiB(imported.peakRssBytes)} (+${fmtMiB(imported.addedRssBytes)})`, '-', gapMet(imported.gapMs, idle.longestGapMs) && imported.addedRssBytes <= BUDGETS.addedRssBytes));
      const listings = [];
      for (let i = 0; i < LISTINGS; i++) listings.push(await listBanks(host, watch));
      data.listings = listings;
      const slowest = Math.max(...listings.map((l) => l.ms));
      const worstGap = Math.max(...listings.map((l) => l.gapMs));
      const listsIt = listings.every((l) => l.ids.includes(BANK_ID));
      findings.push(judged('banks', `GET /api/banks x${LISTINGS} after: times; worst gap`, `${listings.map((l) => fmtMs(l.ms)).join(', ')}; ${fmtMs(worstGap)}${listsIt ? '' : `; ${BANK_ID} NOT listed`}`, '6.8 s each', listsIt && slowest <= 1000 && gapMet(worstGap, idle.longestGapMs)));
      const bombed = await upload(host, watch, bomb);
      data.bomb = bombed;
      findings.push(judged('banks', `gzip bomb ${(bomb.length / 1024).toFixed(0)} KB -> 256 MiB: status, time; gap; +RSS`, `${bombed.status}${bombed.code ? ` ${bombed.code}` : ''}, ${fmtMs(bombed.ms)}; ${fmtMs(bombed.gapMs)}; +${fmtMiB(bombed.addedRssBytes)}`, '-', bombed.status === 400 && gapMet(bombed.gapMs, idle.longestGapMs) && bombed.addedRssBytes <= BUDGETS.addedRssBytes));
    } finally {
      await watch.stop();
    }
    return {
      findings,
      notes: [`banks: the big bank is ${big.entries} entries of 200 shipped frames, made and validated by buildBank and packBank; unpack limit for a received bank ${BANK_LIMITS.maxReceivedBankBytes / 2 ** 20} MiB, upload limit ${BANK_LIMITS.maxDownloadBytes / 2 ** 20} MiB; the host's banks folder is a temporary one.`],
      data,
    };
  },
};

interface Upload { status: number | string; code?: string; ms: number; gapMs: number; peakRssBytes: number; addedRssBytes: number }

async function upload(host: HostProcess, watch: HostWatch, body: Buffer): Promise<Upload> {
  const from = watch.mark();
  const a = await httpRequest(host.url, { method: 'POST', path: '/api/banks/import', from: ATTACKER, headers: { 'content-type': 'application/octet-stream', 'x-neurorack-request': '1' }, body, timeoutMs: 120_000 });
  // Memory the host frees soon after is still counted: the window runs 1 s past the answer.
  const answered = watch.mark();
  await new Promise((r) => setTimeout(r, 1000));
  const w = await watch.window(from);
  const code = errorCode(a);
  return { status: statusOf(a), ...(code ? { code } : {}), ms: a.ms, gapMs: (await watch.window(from, answered)).longestGapMs, peakRssBytes: w.peakRssBytes, addedRssBytes: Math.max(0, w.peakRssBytes - w.startRssBytes) };
}

async function listBanks(host: HostProcess, watch: HostWatch): Promise<{ ms: number; gapMs: number; ids: string[] }> {
  const from = watch.mark();
  const a = await httpRequest(host.url, { path: '/api/banks', from: ATTACKER, headers: { accept: 'application/json' }, timeoutMs: 120_000 });
  const gapMs = (await watch.window(from)).longestGapMs;
  if ('error' in a || a.status !== 200) throw new Error(`GET /api/banks: ${statusOf(a)}`);
  const ids = (JSON.parse(a.body.toString('utf8')) as { banks: Array<{ id: string }> }).banks.map((b) => b.id);
  return { ms: a.ms, gapMs, ids };
}
