import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../../core/paths';
import { systemdUnit } from '../../../core/service/systemd-unit';
import { runCli } from '../../helpers/run-cli';

/** The unit's `Key=value` lines of one section, in order (comments and blank lines left out). */
function section(unit: string, name: string): Array<[string, string]> {
  const lines = unit.split('\n');
  const start = lines.indexOf(`[${name}]`);
  assert.ok(start >= 0, `no [${name}] section`);
  const out: Array<[string, string]> = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('[')) break;
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    out.push([line.slice(0, eq), line.slice(eq + 1)]);
  }
  return out;
}
const value = (pairs: Array<[string, string]>, key: string) => pairs.filter(([k]) => k === key).map(([, v]) => v);

describe('the systemd unit (neurorack service print)', function () {
  this.timeout(30_000);

  it('starts the host on the rpi5 profile with the LTS node, as the service user in the device groups', () => {
    const s = section(systemdUnit(), 'Service');
    assert.deepEqual(value(s, 'ExecStart'), ['/opt/neurorack/node_modules/.bin/node --max-semi-space-size=2 --single-threaded-gc /opt/neurorack/bin/neurorack.js start --profile rpi5']);
    assert.deepEqual(value(s, 'User'), ['neurorack']);
    assert.deepEqual(value(s, 'SupplementaryGroups'), ['i2c spi gpio audio']);
    assert.deepEqual(value(s, 'WorkingDirectory'), ['/opt/neurorack']);
  });

  it('is restarted on failure and by a watchdog the host notifies, logs to the journal, keeps state in /var/lib/neurorack', () => {
    const s = section(systemdUnit(), 'Service');
    assert.deepEqual(value(s, 'Type'), ['notify']);
    assert.deepEqual(value(s, 'NotifyAccess'), ['all']);
    assert.deepEqual(value(s, 'Restart'), ['on-failure']);
    assert.deepEqual(value(s, 'WatchdogSec'), ['10']);
    assert.deepEqual(value(s, 'StandardOutput'), ['journal']);
    assert.deepEqual(value(s, 'StateDirectory'), ['neurorack']);
    assert.ok(value(s, 'Environment').includes('NEURORACK_STATE_DIR=/var/lib/neurorack'));
    assert.ok(value(s, 'Environment').includes('HOME=/var/lib/neurorack'));
    assert.deepEqual(value(s, 'ReadWritePaths'), ['/var/lib/neurorack']);
  });

  it('allows realtime priorities and only CAP_SYS_NICE of root\'s capabilities', () => {
    const s = section(systemdUnit(), 'Service');
    assert.deepEqual(value(s, 'LimitRTPRIO'), ['95']);
    assert.deepEqual(value(s, 'LimitNICE'), ['-15']);
    assert.deepEqual(value(s, 'AmbientCapabilities'), ['CAP_SYS_NICE']);
    assert.deepEqual(value(s, 'CapabilityBoundingSet'), ['CAP_SYS_NICE']);
    assert.deepEqual(value(s, 'NoNewPrivileges'), ['yes']);
    assert.deepEqual(value(section(systemdUnit(), 'Install'), 'WantedBy'), ['multi-user.target']);
  });

  it('takes its options, and refuses a relative path, a bad user name or a watchdog under 2 s with NR_USAGE', () => {
    const unit = systemdUnit({ user: 'synth', appDir: '/srv/nr', stateDir: '/data/nr', profile: 'jetson-nano-v1', watchdogSec: 20 });
    const s = section(unit, 'Service');
    assert.deepEqual(value(s, 'ExecStart'), ['/srv/nr/node_modules/.bin/node --max-semi-space-size=2 --single-threaded-gc /srv/nr/bin/neurorack.js start --profile jetson-nano-v1']);
    assert.deepEqual(value(s, 'WatchdogSec'), ['20']);
    assert.deepEqual(value(s, 'StateDirectory'), [], 'StateDirectory only names folders under /var/lib');
    assert.throws(() => systemdUnit({ appDir: 'opt/nr' }), { code: 'NR_USAGE', message: /absolute path for appDir/ });
    assert.throws(() => systemdUnit({ user: 'Root Admin' }), { code: 'NR_USAGE' });
    assert.throws(() => systemdUnit({ watchdogSec: 1 }), { code: 'NR_USAGE', message: /at least 2/ });
  });

  it('is what `neurorack service print` prints, options included', async () => {
    const r = await runCli(['service', 'print', '--user', 'synth', '--watchdog-sec', '15']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, systemdUnit({ user: 'synth', watchdogSec: 15 }));
    const bad = await runCli(['service', 'print', '--watchdog-sec', 'soon']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /NR_USAGE.*--watchdog-sec/);
  });

  it('passes systemd-analyze verify (for this checkout, whose node and CLI exist)', function () {
    const probe = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    if (probe.error) {
      console.log('      (no systemd-analyze on this machine: apt-get install systemd)');
      this.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'nr-unit-'));
    const file = join(dir, 'neurorack.service');
    writeFileSync(file, systemdUnit({ appDir: packageRoot, user: 'root' }));
    const r = spawnSync('systemd-analyze', ['verify', '--man=no', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    // verify exits 0 on some warnings: none may concern this unit.
    const ours = r.stderr.split('\n').filter((l) => l.includes('neurorack.service'));
    assert.deepEqual(ours, []);
    // and it does fail a unit that is broken (the check can fail).
    writeFileSync(file, systemdUnit({ appDir: packageRoot, user: 'root' }).replace('Type=notify', 'Type=notifyish').replace(/ExecStart=\S+/, 'ExecStart=/nonexistent/node'));
    const broken = spawnSync('systemd-analyze', ['verify', '--man=no', file], { encoding: 'utf8' });
    assert.notEqual(broken.status, 0, broken.stderr);
  });
});
