import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWavFile } from '../../../core/audio/wav-read';
import { createBank } from '../../../core/banks/bank-create';
import { readBank } from '../../../core/banks/bank-store';
import { DurableJsonFile } from '../../../core/state/durable-json-file';
import { readJsonFile } from '../../../core/config/read-json-file';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { readBounded, readBoundedSync } from '../../../core/files/read-bounded';
import { readPluginDir } from '../../../core/plugins/read-plugin-dir';
import { installedSchemas } from '../../../core/schemas/schema-registry';
import { readModelManifest } from '../../../plugins/model-sinc-nsf/model-manifest';

/**
 * Issue #27: size limits used stat().size, which is 0 for /dev/zero and FIFOs, so a bank.json or
 * manifest.json symlinked to /dev/zero read until memory ran out and a FIFO hung the read. Each
 * case here must end within a second with a catalogued error.
 */
describe('readBounded', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nr-bounded-'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const code = (err: unknown) => (err instanceof NeurorackError ? err.code : String(err));
  async function rejectsQuickly(work: () => unknown, expected: string): Promise<void> {
    const started = Date.now();
    await assert.rejects(async () => work(), (err) => (assert.equal(code(err), expected, String(err)), true));
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  }

  it('refuses /dev/zero and a FIFO before reading, async and sync', async () => {
    for (const file of ['/dev/zero', join(dir, 'fifo')]) {
      await rejectsQuickly(() => readBounded(file, { maxBytes: 1024 }), 'NR_FILE_NOT_REGULAR');
      await rejectsQuickly(() => readBoundedSync(file, { maxBytes: 1024 }), 'NR_FILE_NOT_REGULAR');
    }
  });

  it('stops at the limit by bytes read, where stat() says 0 (/proc/self/status)', async () => {
    await rejectsQuickly(() => readBounded('/proc/self/status', { maxBytes: 16 }), 'NR_FILE_TOO_LARGE');
    await rejectsQuickly(() => readBoundedSync('/proc/self/status', { maxBytes: 16, tooLargeCode: 'NR_BANK_INVALID' }), 'NR_BANK_INVALID');
    assert.ok((await readBounded('/proc/self/status', { maxBytes: 1 << 20 })).length > 16);
  });

  it('reads a regular file through a symlink, up to exactly the limit', async () => {
    writeFileSync(join(dir, 'ten'), '0123456789');
    symlinkSync(join(dir, 'ten'), join(dir, 'ten-link'));
    assert.equal((await readBounded(join(dir, 'ten-link'), { maxBytes: 10 })).toString(), '0123456789');
    assert.equal(readBoundedSync(join(dir, 'ten-link'), { maxBytes: 10 }).toString(), '0123456789');
    await rejectsQuickly(() => readBounded(join(dir, 'ten'), { maxBytes: 9 }), 'NR_FILE_TOO_LARGE');
  });

  for (const [what, target] of [['/dev/zero', '/dev/zero'], ['a FIFO', 'fifo']] as const) {
    it(`a bank.json, plugin.json, model manifest.json and rack file that are ${what} give NR_FILE_NOT_REGULAR at once`, async () => {
      const to = target === 'fifo' ? join(dir, 'fifo') : target;
      const folder = mkdtempSync(join(dir, 'case-'));
      for (const name of ['bank.json', 'plugin.json', 'manifest.json', 'rack.json']) symlinkSync(to, join(folder, name));
      await rejectsQuickly(() => readBank(folder), 'NR_FILE_NOT_REGULAR');
      await rejectsQuickly(() => readJsonFile(join(folder, 'rack.json')), 'NR_FILE_NOT_REGULAR');
      await rejectsQuickly(() => readModelManifest(folder), 'NR_FILE_NOT_REGULAR');
      const plugin = readPluginDir(folder, 'rack', installedSchemas(), '1.0.0');
      assert.equal(plugin.status, 'error');
      assert.equal(plugin.error?.code, 'NR_FILE_NOT_REGULAR');
    });

    it(`a state file, a WAV for bank create or descriptors that is ${what} is refused at once, nothing read`, async () => {
      const to = target === 'fifo' ? join(dir, 'fifo') : target;
      const folder = mkdtempSync(join(dir, 'state-'));
      symlinkSync(to, join(folder, 'settings.json'));
      symlinkSync(to, join(folder, 'kick.wav'));
      const started = Date.now();
      const loaded = new DurableJsonFile(folder, 'settings', (v) => v).load();
      assert.equal(loaded.value, undefined);
      assert.equal(loaded.warnings[0]!.code, 'NR_STATE_LOST');
      assert.match(loaded.warnings[0]!.message, /NR_FILE_NOT_REGULAR/);
      assert.throws(() => readWavFile(join(folder, 'kick.wav')), (err) => (assert.equal(code(err), 'NR_WAV_INVALID'), true));
      await rejectsQuickly(() => createBank({ id: 'zero', name: 'Zero' }, [join(folder, 'kick.wav')], join(folder, 'bank.json')), 'NR_BANK_NO_USABLE_SOURCES');
      assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    });
  }
});
