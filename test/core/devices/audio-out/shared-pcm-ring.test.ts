import assert from 'node:assert/strict';
import { SharedPcmRing } from '../../../../core/devices/audio-out/shared-pcm-ring';

const RATE = 48000;
const PERIOD = 240; // 5 ms
const PERIOD_MS = (PERIOD * 1000) / RATE;
const CAPACITY = 6 * PERIOD; // 30 ms
const THRESHOLD = CAPACITY / 2;

/** A mono card and its writer on a hand-moved time base; frames carry their own index, so what plays can be checked in order. */
function card() {
  let t = 1000;
  const ring = new SharedPcmRing(SharedPcmRing.allocate(CAPACITY, 1, RATE, PERIOD, THRESHOLD), () => t);
  let next = 0;
  const write = (frames: number): boolean => {
    const block = new Float32Array(frames).map((_, i) => next + i);
    const ok = ring.write(block, frames);
    if (ok) next += frames;
    return ok;
  };
  const heard: number[] = [];
  const out = new Float32Array(PERIOD);
  /** Plays every period due now, as the card's thread does when it wakes; returns how many frames it played. */
  const playDue = (): number => {
    let frames = 0;
    for (let take = ring.playDue(out); take >= 0; take = ring.playDue(out)) {
      heard.push(...out.subarray(0, take));
      frames += take;
    }
    return frames;
  };
  return { ring, write, playDue, heard, at: (ms: number) => (t = ms), get now() { return t; } };
}

describe('SharedPcmRing: the card keeps its own time (a DMA pointer), not its thread\'s', () => {
  it('starts on the write that reaches the start threshold and plays one period at each due time', () => {
    const c = card();
    assert.equal(c.write(PERIOD), true);
    assert.equal(c.ring.running, false, 'below the threshold');
    assert.equal(c.write(2 * PERIOD), true);
    assert.equal(c.ring.running, true, 'the write that reaches it starts the card');
    assert.equal(c.ring.nextDueAt(), 1000 + PERIOD_MS);
    assert.equal(c.playDue(), 0, 'nothing is due before the first period ends');
    c.at(1000 + PERIOD_MS);
    assert.equal(c.playDue(), PERIOD);
    assert.equal(c.ring.underruns, 0);
    assert.deepEqual(c.heard, Array.from({ length: PERIOD }, (_, i) => i));
  });

  it('frees room at each due time while the card\'s thread has not played: the writer keeps the buffer full through a late wake, and nothing underruns', () => {
    const c = card();
    c.write(CAPACITY);
    assert.equal(c.ring.space, 0, 'full');
    // The card's thread sleeps through four periods; the writer, woken on the card's time, tops
    // the buffer up at each period boundary as a driver over a real DMA pointer would.
    for (let k = 1; k <= 4; k++) {
      c.at(1000 + k * PERIOD_MS);
      assert.equal(c.ring.space, PERIOD, `one period of room at boundary ${k}`);
      assert.equal(c.write(PERIOD), true);
      assert.equal(c.ring.space, 0);
    }
    assert.equal(c.ring.fill, CAPACITY + 4 * PERIOD, 'held in the slack until the card\'s thread plays it');
    c.at(1000 + 4 * PERIOD_MS + 0.1); // the thread wakes, 20 ms late
    assert.equal(c.playDue(), 4 * PERIOD, 'it plays the four periods it owes at once');
    assert.equal(c.ring.underruns, 0, 'every one was written by its due time');
    assert.equal(c.ring.fill, CAPACITY);
    assert.deepEqual(c.heard, Array.from({ length: 4 * PERIOD }, (_, i) => i), 'in order');
  });

  it('never takes room back from the writer as the card\'s thread plays what the card\'s time already counted (a write checked against the room is never refused)', () => {
    const c = card();
    c.write(CAPACITY);
    c.at(1000 + 2 * PERIOD_MS + 0.1);
    assert.equal(c.ring.space, 2 * PERIOD);
    const out = new Float32Array(PERIOD);
    assert.equal(c.ring.playDue(out), PERIOD);
    assert.equal(c.ring.space, 2 * PERIOD, 'the same room after the first period played');
    assert.equal(c.ring.playDue(out), PERIOD);
    assert.equal(c.ring.space, 2 * PERIOD, 'and after the second');
    assert.equal(c.ring.playDue(out), -1, 'nothing more is due');
    assert.equal(c.write(2 * PERIOD), true);
    assert.equal(c.ring.buffered, CAPACITY);
  });

  it('counts an underrun for a period written after its due time, even though the card\'s thread, waking late, finds it there', () => {
    const c = card();
    c.write(CAPACITY); // six periods
    c.at(1000 + 7 * PERIOD_MS + 1); // the seventh was due a millisecond ago
    assert.equal(c.write(PERIOD), true, 'written late');
    assert.equal(c.playDue(), 6 * PERIOD, 'six periods play; the seventh finds nothing written by its due time');
    assert.equal(c.ring.underruns, 1);
    assert.equal(c.ring.running, false, 'stopped, as ALSA does at an xrun');
    assert.equal(c.ring.fill, PERIOD, 'what came late waits for the restart');
    assert.equal(c.playDue(), 0, 'a stopped card does not play or count');
    assert.equal(c.ring.underruns, 1);
  });

  it('after an underrun that left its threshold in the buffer (written late into the room its time had freed), starts again when whatever plays it looks, as the writer cannot write into a full buffer', () => {
    const c = card();
    c.write(CAPACITY);
    c.at(1000 + 7 * PERIOD_MS + 1); // the writer wakes late: the card's time has played all six periods
    assert.equal(c.ring.space, CAPACITY);
    assert.equal(c.write(CAPACITY), true, 'it fills the room, too late for the seventh period');
    assert.equal(c.playDue(), CAPACITY, 'the six periods written in time play');
    assert.equal(c.ring.underruns, 1, 'the seventh was not written by its due time');
    assert.equal(c.ring.running, false);
    assert.equal(c.ring.space, 0, 'stopped and holding a whole buffer: the writer cannot start it');
    c.ring.startIfFilled();
    assert.equal(c.ring.running, true, 'the card\'s thread does, on its next look');
    c.at(c.now + PERIOD_MS);
    assert.equal(c.playDue(), PERIOD);
    assert.equal(c.ring.underruns, 1);
    assert.equal(c.heard[CAPACITY], CAPACITY, 'and plays on from the late frames, in order');
  });

  it('keeps each underrun\'s circumstances: when the period was due, how late the card looked, when the writer last wrote, woke and slept before it', () => {
    const c = card();
    assert.deepEqual(c.ring.underrunRecords(), [], 'none before an underrun');
    c.write(CAPACITY); // at 1000: six periods, due up to 1030
    c.ring.writerAsleep();
    c.at(1004);
    c.ring.writerAwake(); // the writer woke at 1004, had no room, and was not seen again
    const due = 1000 + 7 * PERIOD_MS;
    c.at(due + 3); // the card's thread looks 3 ms after the seventh period's due time
    c.playDue();
    assert.equal(c.ring.underruns, 1);
    const [r] = c.ring.underrunRecords();
    assert.equal(r!.dueAt, due);
    assert.equal(r!.cardLateMs, 3);
    assert.equal(r!.writerSilentMs, due - 1000, 'its last write, at 1000');
    assert.equal(r!.writerAwakeMs, due - 1004, 'its last wake, at 1004: in it through two periods of room');
    assert.equal(r!.writerAsleepMs, due - 1000, 'its last sleep, before that wake');

    // Restarted, the writer wakes on time but writes too little: awake, short of frames.
    c.at(1100);
    c.write(CAPACITY);
    c.ring.startIfFilled();
    c.at(1100 + 6 * PERIOD_MS - 1);
    c.ring.writerAwake();
    c.ring.writerAsleep();
    c.at(1100 + 7 * PERIOD_MS);
    c.playDue();
    const records = c.ring.underrunRecords();
    assert.equal(records.length, 2, 'oldest first');
    assert.equal(records[1]!.dueAt, 1100 + 7 * PERIOD_MS);
    assert.equal(records[1]!.writerAwakeMs, PERIOD_MS + 1);
    assert.equal(records[1]!.writerSilentMs, 7 * PERIOD_MS);
    assert.equal(records[1]!.writerAsleepMs, PERIOD_MS + 1, 'back asleep at once');
    assert.equal(records[1]!.writerWakeByMs, null, 'a sleep with no length said');
  });

  it('keeps when a sleeping writer meant to wake: one that asked to wake before the due time and slept through it was held off its CPU', () => {
    const c = card();
    c.write(CAPACITY); // at 1000: six periods
    c.at(1000 + 5 * PERIOD_MS);
    c.ring.writerAwake();
    c.ring.writerAsleep(PERIOD_MS / 2); // it asks to wake half a period later, before the sixth is played out
    const due = 1000 + 7 * PERIOD_MS;
    c.at(due + 1);
    c.playDue();
    c.playDue();
    const [r] = c.ring.underrunRecords();
    assert.equal(r!.dueAt, due);
    assert.equal(r!.writerAsleepMs, 2 * PERIOD_MS);
    assert.equal(r!.writerWakeByMs, 2 * PERIOD_MS - PERIOD_MS / 2, 'it meant to wake a period and a half before the due time');

    // A writer stopped while asleep promises nothing: its next underrun keeps no wake.
    c.at(2000);
    c.write(CAPACITY);
    c.ring.startIfFilled();
    c.ring.writerAsleep(PERIOD_MS / 2);
    c.ring.writerGone();
    c.at(2000 + 7 * PERIOD_MS + 1);
    for (let k = 0; k < 10; k++) c.playDue();
    const last = c.ring.underrunRecords().at(-1)!;
    assert.ok(last.dueAt > 2000, `an underrun of the restarted card (due ${last.dueAt})`);
    assert.equal(last.writerWakeByMs, null);
  });

  it('keeps the latest sixteen underruns only', () => {
    const c = card();
    let t = 1000;
    for (let k = 0; k < 20; k++) {
      c.at(t);
      c.write(CAPACITY);
      c.ring.startIfFilled();
      t += 7 * PERIOD_MS;
      c.at(t);
      c.playDue();
      t += 1;
    }
    assert.equal(c.ring.underruns, 20);
    const records = c.ring.underrunRecords();
    assert.equal(records.length, 16);
    assert.equal(records[15]!.dueAt, t - 1, 'the newest last');
    assert.ok(records.every((r, i) => i === 0 || r.dueAt > records[i - 1]!.dueAt), 'in order');
    assert.ok(records.every((r) => r.writerAwakeMs === null && r.writerAsleepMs === null), 'a writer that never said it woke or slept');
  });

  it('plays what was written by the due time of a period it cannot fill, then stops', () => {
    const c = card();
    c.write(CAPACITY);
    c.at(1000 + 6 * PERIOD_MS);
    c.write(100); // room for a period, a part of it written in time
    c.at(1000 + 7 * PERIOD_MS);
    assert.equal(c.playDue(), 6 * PERIOD + 100);
    assert.equal(c.ring.underruns, 1);
    assert.equal(c.heard.length, CAPACITY + 100);
    assert.equal(c.heard[c.heard.length - 1], CAPACITY + 99);
  });

  it('bounds the writer by the slack when the card\'s thread stops playing for longer', () => {
    const c = card();
    c.write(CAPACITY);
    c.at(1000 + 10_000); // ten seconds without the card's thread: on the card's time all of it has played
    let writes = 0;
    while (c.write(PERIOD)) writes++;
    assert.ok(writes > 6, `the writer follows the card's time (${writes} periods)`);
    assert.ok(c.ring.fill <= CAPACITY + RATE / 2 && c.ring.fill > CAPACITY + RATE / 2 - PERIOD, `held ${c.ring.fill} frames: the buffer and half a second of slack, no more`);
    c.playDue();
    assert.equal(c.ring.underruns, 1, 'and the card, which ran dry 35 ms after it started, says so');
  });

  it('does not start while disarmed (a card whose thread has not started yet); arming a filled card starts it then', () => {
    const c = card();
    c.ring.arm(false);
    assert.equal(c.write(CAPACITY), true);
    assert.equal(c.ring.running, false, 'filled, but nothing plays its periods yet');
    c.at(1500);
    assert.equal(c.ring.space, 0, 'so no room frees');
    assert.equal(c.playDue(), 0);
    c.ring.arm(true);
    assert.equal(c.ring.running, true);
    assert.equal(c.ring.nextDueAt(), 1500 + PERIOD_MS, 'its time starts at the arming');
  });

  it('tells the writer how long until the next period boundary, and nothing while stopped', () => {
    const c = card();
    assert.equal(c.ring.msUntilNextPeriod(), Infinity);
    c.write(CAPACITY);
    c.at(1000 + 2.5 * PERIOD_MS); // the card's thread has played nothing yet
    assert.ok(Math.abs(c.ring.msUntilNextPeriod() - PERIOD_MS / 2) < 1e-9, 'half a period, on the card\'s time');
    c.ring.halt();
    assert.equal(c.ring.msUntilNextPeriod(), Infinity);
    assert.equal(c.ring.nextDueAt(), Infinity);
    assert.equal(c.ring.underruns, 0, 'a halt is not an underrun');
  });
});
