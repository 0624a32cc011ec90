import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../core/paths';

const script = join(packageRoot, 'scripts', 'install-module.sh');

interface Fixture {
  readonly dir: string;
  readonly bootConfig: string;
  readonly osRelease: string;
}

/** A Raspberry Pi OS Bookworm os-release and a boot config holding `lines`. */
function fixture(lines: string[], os = 'ID=debian\nVERSION_CODENAME=bookworm\n'): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'nr-install-'));
  const bootConfig = join(dir, 'config.txt');
  const osRelease = join(dir, 'os-release');
  writeFileSync(bootConfig, ['# Raspberry Pi OS default config.txt', 'arm_64bit=1', ...lines, ''].join('\n'));
  writeFileSync(osRelease, os);
  return { dir, bootConfig, osRelease };
}

function dryRun(f: Fixture, machine = 'aarch64', extra: string[] = []) {
  const r = spawnSync('bash', [script, '--dry-run', '--boot-config', f.bootConfig, '--os-release', f.osRelease, '--user', 'nr-test-nobody-here', ...extra], {
    encoding: 'utf8',
    env: { ...process.env, NEURORACK_UNAME_M: machine },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const wouldLines = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('install-module: would '));

describe('scripts/install-module.sh --dry-run', function () {
  this.timeout(30_000);

  it('lists every change for a fresh Bookworm Pi, makes none, and exits 0', () => {
    const f = fixture([]);
    const before = readFileSync(f.bootConfig, 'utf8');
    const r = dryRun(f);
    assert.equal(r.code, 0, r.stderr);
    const would = wouldLines(r.stdout);
    const expect = [
      /copy this checkout to \/opt\/neurorack/,
      /scripts\/setup\.sh --module/,
      /add 'dtparam=i2c_arm=on' to .*config\.txt/,
      /add 'dtparam=spi=on' to/,
      /add 'dtoverlay=hifiberry-dac' to/,
      /create the system user nr-test-nobody-here \(home \/var\/lib\/neurorack/,
      /add nr-test-nobody-here to the group i2c/,
      /add nr-test-nobody-here to the group spi/,
      /add nr-test-nobody-here to the group gpio/,
      /add nr-test-nobody-here to the group audio/,
      /create \/var\/lib\/neurorack/,
      /write the systemd unit \/etc\/systemd\/system\/neurorack\.service/,
      /check the unit/,
      /enable the service at boot/,
    ];
    for (const re of expect) assert.ok(would.some((l) => re.test(l)), `no change matching ${re} in:\n${r.stdout}`);
    // every change shows the command it would run
    const lines = r.stdout.split('\n');
    for (const w of would) assert.match(lines[lines.indexOf(w) + 1]!, /^ {4}\$ \S/);
    assert.match(r.stdout, new RegExp(`dry run: ${would.length} change\\(s\\) listed, none made; 0 problem\\(s\\)`));
    assert.equal(readFileSync(f.bootConfig, 'utf8'), before, 'the boot config is untouched');
    assert.match(r.stdout, /service print --user 'nr-test-nobody-here' --dir '\/opt\/neurorack' --state-dir '\/var\/lib\/neurorack' --profile 'rpi5'/);
  });

  it('leaves out the boot-config lines already there, and takes another overlay', () => {
    const r = dryRun(fixture(['dtparam=i2c_arm=on', 'dtparam=spi=on']), 'aarch64', ['--overlay', 'iqaudio-dac']);
    assert.equal(r.code, 0, r.stderr);
    const boot = wouldLines(r.stdout).filter((l) => l.includes('config.txt'));
    assert.deepEqual(boot.map((l) => /add '([^']+)'/.exec(l)![1]), ['dtoverlay=iqaudio-dac']);
  });

  it('says what is wrong and how to fix it on another OS, a 32-bit kernel or a missing boot config, and exits 2', () => {
    const f = fixture([], 'ID=ubuntu\nVERSION_CODENAME=bionic\n');
    const r = dryRun(f, 'armv7l', ['--boot-config', join(f.dir, 'missing.txt')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /problem: this is ubuntu bionic .*expected Raspberry Pi OS Bookworm/);
    assert.match(r.stderr, /problem: this kernel is armv7l, expected aarch64\n.*fix: use the 64-bit Raspberry Pi OS image/);
    assert.match(r.stderr, /problem: no boot config at .*missing\.txt\n.*fix: mount the boot partition/);
    assert.match(r.stdout, /3 problem\(s\) found/);
  });
});
