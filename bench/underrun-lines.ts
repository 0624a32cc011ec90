import type { UnderrunRecord } from '../core/devices/audio-out/shared-pcm-ring';
import type { MachineStall } from './machine-stalls';

/** Machine stalls up to this long before an underrun's due time (or a little after it) are named beside it. */
const NEAR_BEFORE_MS = 500;
const NEAR_AFTER_MS = 50;

/** The card's thread this late as well: its process stopped, not only the worker. */
const CARD_STOPPED_MS = 20;

/**
 * Whose an underrun was, from the card's record of it (UnderrunRecord): a worker that had not
 * woken since its last write (its next wake stamped after the due time, or none) was not running:
 * awake, it would have filled the room the card freed; one that woke after its last write and
 * wrote nothing more slept past that room. A card's thread as late says the whole process
 * stopped (or the machine: see machineNear).
 */
export function underrunVerdict(u: Pick<UnderrunRecord, 'writerSilentMs' | 'writerAwakeMs' | 'cardLateMs'>): string {
  if (u.writerSilentMs === null) return 'the audio worker had written nothing before it';
  const silent = `the audio worker had not written for ${u.writerSilentMs.toFixed(1)} ms`;
  const stopped = u.cardLateMs >= CARD_STOPPED_MS ? `; nor was the card's thread (${u.cardLateMs.toFixed(1)} ms late): the whole process stopped` : '';
  if (u.writerAwakeMs === null) return `${silent} (its wakes are not known)${stopped}`;
  if (u.writerAwakeMs >= u.writerSilentMs - 1) return `${silent} nor woken since: it was not running${stopped}`;
  if (u.writerAwakeMs < 0) return `${silent} nor woken until ${(-u.writerAwakeMs).toFixed(1)} ms after the due time: it was not running${stopped}`;
  return `${silent}; it last woke ${u.writerAwakeMs.toFixed(1)} ms before the due time and wrote nothing: its next wake came late${stopped}`;
}

/** The machine's worst stall near an underrun due at `dueAtMs` (epoch ms), in words. */
export function machineNear(dueAtMs: number, stalls: readonly MachineStall[]): string {
  const near = stalls.filter((s) => s.atMs >= dueAtMs - NEAR_BEFORE_MS && s.atMs <= dueAtMs + NEAR_AFTER_MS);
  if (near.length === 0) return `no machine stall of 10 ms or more within ${NEAR_BEFORE_MS} ms before`;
  const worst = near.reduce((w, s) => (s.lateMs > w.lateMs ? s : w));
  return `the machine stalled ${worst.lateMs.toFixed(1)} ms, ${(dueAtMs - worst.atMs).toFixed(0)} ms before`;
}

/** One line per underrun (epoch times), with the machine's stalls near each. */
export function describeUnderruns(records: readonly UnderrunRecord[], stalls: readonly MachineStall[], startedAtMs: number): string[] {
  return records.map((u) => {
    const at = `${((u.dueAt - startedAtMs) / 60_000).toFixed(2)} min (${new Date(u.dueAt).toISOString().slice(11, 23)})`;
    return `  underrun due at ${at}: ${underrunVerdict(u)}; ${machineNear(u.dueAt, stalls)}`;
  });
}
