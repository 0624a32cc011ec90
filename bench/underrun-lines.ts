import type { UnderrunRecord } from '../core/devices/audio-out/shared-pcm-ring';
import { stallOverlapping, type MachineStall } from './machine-stalls';

/** Machine stalls up to this long before an underrun's due time (or a little after it) are named beside it. */
const NEAR_BEFORE_MS = 500;
const NEAR_AFTER_MS = 50;

/** The card's thread this late as well: its process stopped, not only the worker. */
const CARD_STOPPED_MS = 20;

const ms = (v: number): string => v.toFixed(1);

/**
 * Whose an underrun was, from the card's record of it (UnderrunRecord): what the audio worker was
 * doing at the due time, from its last wake and its last sleep (ms before the due time; negative:
 * after it, when the earlier stamp of that kind is lost). Asleep then: its wake came too late (its
 * timer, or its core held by others). In a wake begun well before: busy in it (a fill, a render
 * handed over) or held off its core mid-way. A card's thread as late says both were held (the process, or the CPU they were on)
 * (or the machine: see machineNear).
 */
export function underrunVerdict(u: Pick<UnderrunRecord, 'writerSilentMs' | 'writerAwakeMs' | 'writerAsleepMs' | 'cardLateMs'> & Partial<Pick<UnderrunRecord, 'writerWakeByMs'>>): string {
  if (u.writerSilentMs === null) return 'the audio worker had written nothing before it';
  const silent = `the audio worker had not written for ${ms(u.writerSilentMs)} ms`;
  const stopped = u.cardLateMs >= CARD_STOPPED_MS ? `; nor had the card's thread run (${ms(u.cardLateMs)} ms late): both were held, the process or the CPU they were on` : '';
  const awake = u.writerAwakeMs;
  const asleep = u.writerAsleepMs;
  const before = (v: number | null): v is number => v !== null && v >= 0;
  if (awake === null && asleep === null) return `${silent} (its wakes are not known)${stopped}`;
  if (before(asleep) && !(before(awake) && awake < asleep)) {
    const wakeBy = u.writerWakeByMs;
    const asked = wakeBy !== null && wakeBy !== undefined ? (wakeBy >= 0 ? `, having asked to wake ${ms(wakeBy)} ms before it: held off its CPU` : `, having asked to sleep until ${ms(-wakeBy)} ms after it`) : '';
    return `${silent}; it was asleep from ${ms(asleep)} ms before the due time and did not wake in time${asked}${stopped}`;
  }
  if (before(awake)) return `${silent}; it was in a wake begun ${ms(awake)} ms before the due time, without writing: busy in it or held off its core${stopped}`;
  return `${silent}; what it did at the due time is not known (its last wake and sleep came after it)${stopped}`;
}

/**
 * The machine's worst stall near an underrun due at `dueAtMs` (epoch ms), in words, with the CPUs
 * whose probes saw it (a stall of one virtual CPU stops only the threads on it).
 */
export function machineNear(dueAtMs: number, stalls: readonly MachineStall[]): string {
  const near = stalls.filter((s) => s.atMs >= dueAtMs - NEAR_BEFORE_MS && s.atMs <= dueAtMs + NEAR_AFTER_MS);
  if (near.length === 0) return `no machine stall of 10 ms or more within ${NEAR_BEFORE_MS} ms before`;
  const worst = near.reduce((w, s) => (s.lateMs > w.lateMs ? s : w));
  const overlapping = (s: MachineStall) => s.atMs <= worst.atMs + worst.lateMs && worst.atMs <= s.atMs + s.lateMs;
  const cpus = [...new Set(near.filter(overlapping).flatMap((s) => (s.cpu === null || s.cpu === undefined ? [] : [s.cpu])))].sort((a, b) => a - b);
  const where = cpus.length === 0 ? '' : ` (seen on CPU ${cpus.join(' and ')})`;
  return `the machine stalled ${worst.lateMs.toFixed(1)} ms${where}, ${(dueAtMs - worst.atMs).toFixed(0)} ms before`;
}

/** The card's buffer (30 ms on the v1 rack) and a period's slack: a stall this long before a due time can empty it. */
const EMPTIES_CARD_MS = 40;

/**
 * Whether a machine stall explains an underrun: one of at least MACHINE_STALL_MS, seen by a probe
 * while the card still held what it played until the due time (from EMPTIES_CARD_MS before it).
 * The threads on a stalled virtual CPU stop, the audio worker among them; an underrun then is the
 * machine's. The benchmarks excuse nothing with it; real-clock tests tell faults from the machine.
 */
export function machineExplains(u: UnderrunRecord, stalls: readonly MachineStall[]): boolean {
  return stallOverlapping(u.dueAt - EMPTIES_CARD_MS, u.dueAt, stalls);
}

/** How long before the due time a sleeping writer must have asked to wake for heldAsleep. */
export const HELD_ASLEEP_MS = 1;

/**
 * Whether the writer slept through the due time although it had asked to wake at least
 * HELD_ASLEEP_MS before it: the system did not run it when its wait ended (a woken writer fills
 * the card in well under a millisecond), so the underrun is the machine's, whatever the probes saw.
 */
export function heldAsleep(u: Pick<UnderrunRecord, 'writerAwakeMs' | 'writerAsleepMs' | 'writerWakeByMs'>): boolean {
  const { writerAwakeMs: awake, writerAsleepMs: asleep, writerWakeByMs: wakeBy } = u;
  if (asleep === null || wakeBy === null || asleep < 0) return false;
  const wokeSince = awake !== null && awake >= 0 && awake < asleep;
  return !wokeSince && wakeBy >= HELD_ASLEEP_MS;
}

/** One line per underrun (epoch times), with the machine's stalls near each. */
export function describeUnderruns(records: readonly UnderrunRecord[], stalls: readonly MachineStall[], startedAtMs: number): string[] {
  return records.map((u) => {
    const at = `${((u.dueAt - startedAtMs) / 60_000).toFixed(2)} min (${new Date(u.dueAt).toISOString().slice(11, 23)})`;
    return `  underrun due at ${at}: ${underrunVerdict(u)}; ${machineNear(u.dueAt, stalls)}`;
  });
}
