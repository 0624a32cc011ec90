import { strict as assert } from 'node:assert';
import type { DescriptorFrames } from '../../../core/engine/descriptor-frames';
import type { Replay, ReplayEvent } from '../../../core/engine/replay/replay-file';
import { runReplay } from '../../../core/host/replay-runner';
import type { Host } from '../../../core/host/host';
import type { BankView, BankSummary } from '../../../core/ui/host-view';
import { readBankList } from '../../../core/host/bank-selection';
import { BankCache } from '../../../core/banks/bank-cache';

const same = (a: DescriptorFrames, b: DescriptorFrames): boolean => JSON.stringify(a) === JSON.stringify(b);
const press = (t: number, holdS = 0.06): ReplayEvent[] => [{ t, type: 'button', state: 'down' }, { t: t + holdS, type: 'button', state: 'up' }];
const turn = (t: number, delta: number): ReplayEvent => ({ t, type: 'encoder', delta });

/**
 * The performer, with the encoder and the button only, on the real host (test profile, virtual
 * clock): menu, Banks, the next bank, its first entry, Set A (2.5 s); then its second entry,
 * Preview (4.1 s); then a long press leaves the entry list (5.3 s).
 */
const replay: Replay = {
  duration_s: 7,
  events: [
    ...press(0.5), // home -> menu (cursor on Perform)
    turn(1.0, 2), // Banks
    ...press(1.3), // the Banks page, cursor on the bank of A
    turn(1.6, 1), // the next bank
    ...press(1.9), // its entries
    ...press(2.2), // the first entry's actions (Set A)
    ...press(2.5), // Set A
    turn(3.2, 1), // the second entry
    ...press(3.5), // its actions
    turn(3.8, 2), // Preview
    ...press(4.1), // Preview
    ...press(5.3, 0.8), // long press: leave the entry list
  ],
};

describe('Banks page through the encoder on the running host (issue #25 point 8)', function () {
  this.timeout(120_000);
  const snapshots = new Map<number, BankView>();
  const played: Array<{ a: DescriptorFrames; b: DescriptorFrames }> = [];
  let banks: BankSummary[] = [];
  let end: BankView;
  let frames: (bank: string, entry: string) => DescriptorFrames;

  before(async () => {
    const cache = new BankCache();
    const listed = (await readBankList(cache)).filter((b) => !b.problem);
    const read = new Map<string, DescriptorFrames>();
    for (const b of listed) {
      const { bank } = await cache.read(b.path);
      for (const e of bank.entries) read.set(`${bank.id}/${e.name}`, e.frames);
    }
    frames = (bank, entry) => read.get(`${bank}/${entry}`)!;
    let host: Host | undefined;
    await runReplay({
      source: { profile: 'test' },
      replay,
      record: false,
      onBooted: async (h) => {
        host = h;
        const setEntries = h.engine.setEntries.bind(h.engine);
        (h.engine as { setEntries: typeof setEntries }).setEntries = (a, b) => {
          played.push({ a, b });
          setEntries(a, b);
        };
        return async () => {
          end = h.live.view().bank;
        };
      },
      onSecond: (second) => {
        if (host) snapshots.set(second, host.live.view().bank);
      },
    });
    banks = [...host!.live.view().banks];
  });

  it('starts with A and B in the first bank', () => {
    const start = snapshots.get(1)!;
    assert.equal(start.bankA, banks[0]!.id);
    assert.equal(start.entryA, banks[0]!.entries[0]);
    assert.equal(start.entryB, banks[0]!.entries[1]);
  });

  it('"Set A" with an entry of another bank sets A only: B keeps its entry and its bank, and both play', () => {
    const after = snapshots.get(3)!;
    const other = banks[1]!;
    assert.equal(after.bankA, other.id);
    assert.equal(after.entryA, other.entries[0]);
    assert.equal(after.bankB, banks[0]!.id, 'B stays in its bank');
    assert.equal(after.entryB, banks[0]!.entries[1], 'B keeps its entry');
    const first = played[0]!;
    assert.ok(same(first.a, frames(other.id, other.entries[0]!)), 'A plays the new entry');
    assert.ok(same(first.b, frames(banks[0]!.id, banks[0]!.entries[1]!)), 'B plays its old entry: CV1 still morphs');
  });

  it('"Preview" plays the entry without changing A or B, and leaving the entry list restores them', () => {
    const other = banks[1]!;
    const during = snapshots.get(5)!;
    assert.deepEqual(during.preview, { bank: other.id, entry: other.entries[1] });
    assert.equal(during.entryA, other.entries[0], 'A is not replaced by the preview');
    assert.equal(during.entryB, banks[0]!.entries[1]);
    const previewed = frames(other.id, other.entries[1]!);
    assert.ok(played.some((p) => same(p.a, previewed) && same(p.b, previewed)), 'the preview played');
    assert.equal(end.preview, null, 'the preview ended with the long press');
    assert.equal(end.entryA, other.entries[0]);
    assert.equal(end.entryB, banks[0]!.entries[1]);
    const last = played[played.length - 1]!;
    assert.ok(same(last.a, frames(other.id, other.entries[0]!)), 'A plays again');
    assert.ok(same(last.b, frames(banks[0]!.id, banks[0]!.entries[1]!)), 'B plays again');
  });
});
