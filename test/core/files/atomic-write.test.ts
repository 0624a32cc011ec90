import { strict as assert } from 'node:assert';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, promises as fsp, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../core/files/atomic-write';

/** Issue #27 point 6: persistence that keeps mode and symlinks, fsyncs the folder, cleans after a kill. */
describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'nr-atomic-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the mode of the file it replaces (0600 stays 0600; a new file gets the default)', async () => {
    const file = join(dir, 'my.rack.json');
    writeFileSync(file, '{}');
    chmodSync(file, 0o600);
    await writeFileAtomic(file, '{"calibrated":true}');
    assert.equal(statSync(file).mode & 0o7777, 0o600);
    assert.equal(readFileSync(file, 'utf8'), '{"calibrated":true}');
    chmodSync(file, 0o640);
    await writeFileAtomic(file, '{}');
    assert.equal(statSync(file).mode & 0o7777, 0o640);
    const fresh = join(dir, 'new.json');
    await writeFileAtomic(fresh, '{}');
    assert.equal(statSync(fresh).mode & 0o7777, 0o666 & ~process.umask());
  });

  it('writes through a symlink (and a chain of them) to its target; the links stay links', async () => {
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'rack.json');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    symlinkSync('real/rack.json', join(dir, 'hop.json'));
    const link = join(dir, 'link.json');
    symlinkSync(join(dir, 'hop.json'), link);
    await writeFileAtomic(link, 'new');
    assert.ok(lstatSync(link).isSymbolicLink(), 'the link was replaced by a file');
    assert.ok(lstatSync(join(dir, 'hop.json')).isSymbolicLink());
    assert.equal(readFileSync(target, 'utf8'), 'new');
    assert.equal(statSync(target).mode & 0o7777, 0o600);
    assert.deepEqual(readdirSync(join(dir, 'real')), ['rack.json'], 'no temporary file left');
    const dangling = join(dir, 'dangling.json');
    symlinkSync('real/created.json', dangling);
    await writeFileAtomic(dangling, 'made');
    assert.ok(lstatSync(dangling).isSymbolicLink());
    assert.equal(readFileSync(join(dir, 'real', 'created.json'), 'utf8'), 'made');
  });

  it('fsyncs the file before the rename and the folder after it', async () => {
    const events: string[] = [];
    const open = fsp.open;
    const rename = fsp.rename;
    fsp.open = (async (path: string, ...rest: unknown[]) => {
      const handle = await (open as (...a: unknown[]) => Promise<fsp.FileHandle>)(path, ...rest);
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        events.push(`sync ${path === dir ? 'dir' : 'file'}`);
        return sync();
      };
      return handle;
    }) as typeof fsp.open;
    fsp.rename = (async (a: string, b: string) => (events.push('rename'), rename(a, b))) as typeof fsp.rename;
    try {
      await writeFileAtomic(join(dir, 'bank.json'), '{}');
    } finally {
      fsp.open = open;
      fsp.rename = rename;
    }
    assert.deepEqual(events, ['sync file', 'rename', 'sync dir']);
  });

  it('removes its own temporary files left by a killed writer (older than a minute), and nothing else', async () => {
    const file = join(dir, 'bank.json');
    writeFileSync(file, '{}');
    const gonePid = 99_999_999; // above any pid_max: no such process
    const stale = join(dir, `.bank.json.${gonePid}.0123456789ab.tmp`);
    const fresh = join(dir, `.bank.json.${gonePid}.ba9876543210.tmp`);
    const other = join(dir, `.other.json.${gonePid}.0123456789ab.tmp`);
    const lookalike = join(dir, `.bank.json.backup.tmp`);
    for (const f of [stale, fresh, other, lookalike]) writeFileSync(f, 'partial');
    const old = (Date.now() - 5 * 60_000) / 1000;
    for (const f of [stale, other, lookalike]) utimesSync(f, old, old);
    await writeFileAtomic(file, '{"v":2}');
    assert.deepEqual(readdirSync(dir).sort(), ['.bank.json.backup.tmp', `.bank.json.${gonePid}.ba9876543210.tmp`, `.other.json.${gonePid}.0123456789ab.tmp`, 'bank.json'].sort());
  });
});
