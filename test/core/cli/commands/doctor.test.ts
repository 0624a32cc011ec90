import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import type { DoctorReport } from '../../../../core/host/doctor';
import { runCli } from '../../../helpers/run-cli';

describe('neurorack doctor', function () {
  this.timeout(60_000);

  it('reports every device ok on the test profile and exits 0', async () => {
    const r = await runCli(['doctor', '--profile', 'test', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as DoctorReport;
    assert.deepEqual(report.devices.map((d) => [d.kind, d.status]), [
      ['cv-adc', 'ok'], ['gate', 'ok'], ['button', 'ok'], ['encoder', 'ok'], ['display', 'ok'], ['audio-out', 'ok'],
    ]);
  });

  it('on a machine without the v1 board reports all six devices, each with what stopped it, and exits 1', async function () {
    if (existsSync('/dev/i2c-1')) {
      console.log('      (this machine has /dev/i2c-1: the missing-bus case cannot be shown here)');
      this.skip();
    }
    const r = await runCli(['doctor', '--profile', 'jetson-nano-v1', '--json']);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as DoctorReport;
    assert.deepEqual(report.devices.map((d) => d.kind), ['cv-adc', 'gate', 'button', 'encoder', 'display', 'audio-out']);
    const cv = report.devices.find((d) => d.kind === 'cv-adc')!;
    assert.equal(cv.status, 'missing');
    assert.match(cv.detail, /NR_I2C_BUS_UNAVAILABLE.*\/dev\/i2c-1/);
    for (const d of report.devices) assert.notEqual(d.status, 'ok', `${d.kind}: ${d.detail}`);
    assert.match(r.stderr, /NR_DEVICE_UNAVAILABLE: 6 of 6 devices are not ok/);
  });

  it('prints one line per device, missing ones with their error code', async function () {
    if (existsSync('/dev/i2c-1')) this.skip();
    const r = await runCli(['doctor', '--profile', 'jetson-nano-v1']);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n').slice(1);
    assert.equal(lines.length, 6, r.stdout);
    assert.match(lines[0]!, /^missing +cv-adc +real +i2c-1 0x48,0x49 +NR_I2C_BUS_UNAVAILABLE/);
    assert.match(lines[3]!, /^missing +encoder +real +i2c-1 0x0F +NR_I2C_BUS_UNAVAILABLE/);
  });
});
