import assert from 'node:assert/strict';
import { describeUnderruns, heldAsleep, machineExplains, machineNear, underrunVerdict } from '../../bench/underrun-lines';

describe('underrun lines (whose each xrun was, for bench:soak-start and bench:patches)', () => {
  it('says what the audio worker was doing at the due time: asleep (its wake late), in a wake without writing (busy), or not known; and a process that stopped', () => {
    const card = { cardLateMs: 0.3, writerSilentMs: 34.2 };
    assert.equal(underrunVerdict({ ...card, writerAwakeMs: 34.5, writerAsleepMs: 34.0 }), 'the audio worker had not written for 34.2 ms; it was asleep from 34.0 ms before the due time and did not wake in time');
    assert.equal(underrunVerdict({ ...card, writerAwakeMs: 26.2, writerAsleepMs: 34.0 }), 'the audio worker had not written for 34.2 ms; it was in a wake begun 26.2 ms before the due time, without writing: busy in it or held off its core');
    assert.match(underrunVerdict({ ...card, writerAwakeMs: 26.2, writerAsleepMs: -3 }), /in a wake begun 26\.2 ms before the due time/, 'it went to sleep only after the due time');
    assert.match(underrunVerdict({ ...card, writerAwakeMs: -2, writerAsleepMs: 30 }), /asleep from 30\.0 ms before the due time and did not wake in time$/, 'it woke only after the due time');
    assert.match(underrunVerdict({ ...card, writerAwakeMs: -2, writerAsleepMs: -1 }), /what it did at the due time is not known/);
    assert.match(underrunVerdict({ ...card, writerAwakeMs: null, writerAsleepMs: null }), /\(its wakes are not known\)$/);
    assert.match(underrunVerdict({ ...card, writerSilentMs: null, writerAwakeMs: null, writerAsleepMs: null }), /written nothing before it/);
    // SIGSTOP of the host for 120 ms, as bench:soak-start recorded it: both threads stopped.
    assert.match(underrunVerdict({ writerSilentMs: 31.8, writerAwakeMs: -95.8, writerAsleepMs: -95.6, cardLateMs: 96.2 }), /not known \(its last wake and sleep came after it\); nor had the card's thread run \(96\.2 ms late\): both were held, the process or the CPU they were on$/);
  });

  it('a writer asleep through the due time that had asked to wake before it was held asleep by the system: the machine\'s, not the code\'s', () => {
    // CI, stop 48: the audio worker slept 29.1 ms through a due time; no probe saw a stall near it.
    const slept = { cardLateMs: 0.3, writerSilentMs: 29.1, writerAwakeMs: 29.1, writerAsleepMs: 29.07, writerWakeByMs: 23.4 };
    assert.equal(heldAsleep(slept), true);
    assert.match(underrunVerdict(slept), /asleep from 29\.1 ms before the due time and did not wake in time, having asked to wake 23\.4 ms before it: held off its CPU$/);
    assert.equal(heldAsleep({ ...slept, writerWakeByMs: 0.5 }), false, 'it asked to wake too close to the due time to write');
    assert.equal(heldAsleep({ ...slept, writerWakeByMs: -4 }), false, 'it asked to sleep past the due time: its own fault');
    assert.match(underrunVerdict({ ...slept, writerWakeByMs: -4 }), /having asked to sleep until 4\.0 ms after it$/);
    assert.equal(heldAsleep({ ...slept, writerAwakeMs: 12 }), false, 'it woke after that sleep and did not write: not held asleep');
    assert.equal(heldAsleep({ ...slept, writerWakeByMs: null }), false, 'a sleep of no stated length proves nothing');
  });

  it('names the machine\'s worst stall in the half second before an underrun, and none further away', () => {
    const stalls = [{ atMs: 10_000, lateMs: 111 }, { atMs: 10_300, lateMs: 25 }, { atMs: 20_000, lateMs: 300 }];
    assert.equal(machineNear(10_400, stalls), 'the machine stalled 111.0 ms, 400 ms before');
    assert.equal(machineNear(10_600, stalls), 'the machine stalled 25.0 ms, 300 ms before');
    assert.match(machineNear(15_000, stalls), /no machine stall/);
    assert.equal(machineNear(19_980, stalls), 'the machine stalled 300.0 ms, -20 ms before', 'a stall just after the due time counts: the probe stamps a stall when its sleep was due');
    const perCpu = [{ atMs: 30_000, lateMs: 35, cpu: 1 }, { atMs: 30_002, lateMs: 33, cpu: 0 }, { atMs: 31_000, lateMs: 12, cpu: 0 }];
    assert.equal(machineNear(30_100, perCpu), 'the machine stalled 35.0 ms (seen on CPU 0 and 1), 100 ms before');
    assert.equal(machineNear(31_100, perCpu), 'the machine stalled 12.0 ms (seen on CPU 0), 100 ms before', 'one virtual CPU alone');
  });

  it('puts each underrun at its minute of the run', () => {
    const [line] = describeUnderruns([{ dueAt: Date.UTC(2026, 11, 7, 21, 0, 30), cardLateMs: 0.4, writerSilentMs: 40, writerAwakeMs: 41, writerAsleepMs: 39, writerWakeByMs: null }], [], Date.UTC(2026, 11, 7, 21, 0, 0));
    assert.match(line!, /^ {2}underrun due at 0\.50 min \(21:00:30\.000\): .*asleep from 39\.0 ms .*; no machine stall/);
  });

  it('a machine stall of 20 ms or more explains an underrun when it overlaps the 40 ms the card played before the due time', () => {
    const u = { dueAt: 50_000, cardLateMs: 0.5, writerSilentMs: 35, writerAwakeMs: 36, writerAsleepMs: 34, writerWakeByMs: null };
    assert.equal(machineExplains(u, [{ atMs: 49_970, lateMs: 35, cpu: 1 }]), true, 'stopped through the due time');
    assert.equal(machineExplains(u, [{ atMs: 49_950, lateMs: 21, cpu: 0 }]), true, 'ended 29 ms before: the card had too little left');
    assert.equal(machineExplains(u, [{ atMs: 49_900, lateMs: 55 }]), false, 'ended 45 ms before: the worker had time to refill it');
    assert.equal(machineExplains(u, [{ atMs: 49_990, lateMs: 15 }]), false, 'shorter than the card holds');
    assert.equal(machineExplains(u, [{ atMs: 50_001, lateMs: 80 }]), true, 'stamped 1 ms after: the probe\'s 2 ms sleep began before');
    assert.equal(machineExplains(u, [{ atMs: 50_010, lateMs: 80 }]), false, 'begun after the due time');
    assert.equal(machineExplains(u, []), false);
  });
});
