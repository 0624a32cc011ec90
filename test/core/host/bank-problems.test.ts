import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BankCache } from '../../../core/banks/bank-cache';
import { BANKS_DIR_ENV } from '../../../core/banks/banks-dir';
import { BankSelection } from '../../../core/host/bank-selection';
import type { EngineControl } from '../../../core/host/control/engine-control';

/**
 * A user bank that cannot be used (here a bank.json linked to /dev/zero, as the attack bench left
 * one) was dropped from the menu without a word: `start` printed nothing and the screen showed
 * nothing. It is now shown once, naming the folder and the error.
 */
describe('BankSelection: banks that cannot be used', () => {
  let root: string;
  let saved: string | undefined;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'nr-bank-problems-'));
    saved = process.env[BANKS_DIR_ENV];
    process.env[BANKS_DIR_ENV] = root;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env[BANKS_DIR_ENV];
    else process.env[BANKS_DIR_ENV] = saved;
    rmSync(root, { recursive: true, force: true });
  });

  it('tells each unusable bank once, by folder and error, and lists the others', async () => {
    mkdirSync(join(root, 'zeroes'));
    symlinkSync('/dev/zero', join(root, 'zeroes', 'bank.json'));
    const toasts: Array<{ text: string; level: string; code?: string }> = [];
    const engine = { setEntries: () => undefined, trigger: () => undefined } as unknown as EngineControl;
    const selection = new BankSelection({
      engine, cache: new BankCache(), real: (w) => w, onChange: () => undefined, save: async () => undefined,
      toast: (text, level, code) => toasts.push({ text, level, code }),
    });
    await selection.refresh();
    await selection.refresh();
    assert.equal(toasts.length, 1, JSON.stringify(toasts));
    assert.equal(toasts[0]!.level, 'warn');
    assert.equal(toasts[0]!.code, 'NR_FILE_NOT_REGULAR');
    assert.match(toasts[0]!.text, /^Bank zeroes not usable: NR_FILE_NOT_REGULAR/);
    assert.ok(selection.view().banks.length >= 3, 'the shipped banks are listed');
  });
});
