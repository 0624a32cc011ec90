import assert from 'node:assert/strict';
import { describeUnderruns, machineNear, underrunVerdict } from '../../bench/underrun-lines';

describe('underrun lines (whose each xrun was, for bench:soak-start and bench:patches)', () => {
  it('tells a worker that was not running from one that woke and slept past the card\'s room, and a process that stopped', () => {
    const card = { cardLateMs: 0.3 };
    assert.equal(underrunVerdict({ ...card, writerSilentMs: 34.2, writerAwakeMs: 34.0 }), 'the audio worker had not written for 34.2 ms nor woken since: it was not running');
    assert.match(underrunVerdict({ ...card, writerSilentMs: 34.2, writerAwakeMs: 3.1 }), /last woke 3\.1 ms before the due time and wrote nothing: its next wake came late$/);
    assert.match(underrunVerdict({ ...card, writerSilentMs: 34.2, writerAwakeMs: -2 }), /nor woken until 2\.0 ms after the due time: it was not running$/);
    assert.match(underrunVerdict({ ...card, writerSilentMs: 34.2, writerAwakeMs: null }), /\(its wakes are not known\)$/);
    assert.match(underrunVerdict({ ...card, writerSilentMs: null, writerAwakeMs: null }), /written nothing before it/);
    // SIGSTOP of the host for 120 ms, as bench:soak-start recorded it: both threads stopped.
    assert.match(underrunVerdict({ writerSilentMs: 31.8, writerAwakeMs: -95.8, cardLateMs: 96.2 }), /it was not running; nor was the card's thread \(96\.2 ms late\): the whole process stopped$/);
  });

  it('names the machine\'s worst stall in the half second before an underrun, and none further away', () => {
    const stalls = [{ atMs: 10_000, lateMs: 111 }, { atMs: 10_300, lateMs: 25 }, { atMs: 20_000, lateMs: 300 }];
    assert.equal(machineNear(10_400, stalls), 'the machine stalled 111.0 ms, 400 ms before');
    assert.equal(machineNear(10_600, stalls), 'the machine stalled 25.0 ms, 300 ms before');
    assert.match(machineNear(15_000, stalls), /no machine stall/);
    assert.equal(machineNear(19_980, stalls), 'the machine stalled 300.0 ms, -20 ms before', 'a stall just after the due time counts: the probe stamps a stall when its sleep was due');
  });

  it('puts each underrun at its minute of the run', () => {
    const [line] = describeUnderruns([{ dueAt: Date.UTC(2026, 11, 7, 21, 0, 30), cardLateMs: 0.4, writerSilentMs: 40, writerAwakeMs: 40 }], [], Date.UTC(2026, 11, 7, 21, 0, 0));
    assert.match(line!, /^ {2}underrun due at 0\.50 min \(21:00:30\.000\): .*it was not running; no machine stall/);
  });
});
