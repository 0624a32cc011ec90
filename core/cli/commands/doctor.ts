import { Tokens } from '../../container/tokens';
import { buildContainer } from '../../container/build-container';
import { NeurorackError } from '../../errors/neurorack-error';
import type { DoctorReport } from '../../host/doctor';
import { probeDevices } from '../../host/doctor-probe';
import type { RegisterCommand } from './index';
import { rackOptions, rackSourceFrom } from './rack-options';

export const register: RegisterCommand = (program, ctx) => {
  rackOptions(program.command('doctor').description('bring up every configured device and report its binding, address and status (exit 1 when one is missing or degraded)'))
    .option('--json', 'print JSON: {profile, devices: [{id, kind, binding, address, status, detail}]}')
    .action(async (opts: { json?: boolean; profile?: string; rack?: string }) => {
      const c = buildContainer(rackSourceFrom(opts));
      const rack = c.resolve(Tokens.Rack).config;
      const probe = await probeDevices(rack, c.resolve(Tokens.Clock));
      await probe.close();
      const report: DoctorReport = { profile: rack.name, devices: probe.reports };
      if (opts.json) {
        ctx.stdout.write(JSON.stringify(report, null, 2) + '\n');
      } else {
        ctx.stdout.write(`profile ${report.profile}\n`);
        for (const d of report.devices) {
          const detail = d.detail === d.address ? '' : `  ${d.detail.startsWith(d.address) ? d.detail.slice(d.address.length).replace(/^[,;:]\s*/, '') : d.detail}`;
          ctx.stdout.write(`${d.status.padEnd(8)} ${d.kind.padEnd(9)} ${d.binding.padEnd(8)} ${d.address}${detail}\n`);
        }
      }
      const bad = report.devices.filter((d) => d.status !== 'ok');
      if (bad.length > 0) {
        throw new NeurorackError(
          'NR_DEVICE_UNAVAILABLE',
          `${bad.length} of ${report.devices.length} devices are not ok (expected every device ok): ${bad.map((d) => `${d.kind} ${d.status}`).join(', ')}`,
          { device: bad.map((d) => d.id).join(',') },
        );
      }
    });
};
