import { buildContainer } from '../../container/build-container';
import { closeDevices, doctorReport, openDevices } from '../../host/doctor';
import type { RegisterCommand } from './index';
import { rackOptions, rackSourceFrom } from './rack-options';

export const register: RegisterCommand = (program, ctx) => {
  rackOptions(program.command('doctor').description('bring up every configured device and report its binding, address and status'))
    .option('--json', 'print JSON: {profile, devices: [{id, kind, binding, address, status, detail}]}')
    .action(async (opts: { json?: boolean; profile?: string; rack?: string }) => {
      const c = buildContainer(rackSourceFrom(opts));
      await openDevices(c);
      const report = doctorReport(c);
      await closeDevices(c);
      if (opts.json) {
        ctx.stdout.write(JSON.stringify(report, null, 2) + '\n');
        return;
      }
      ctx.stdout.write(`profile ${report.profile}\n`);
      for (const d of report.devices) {
        ctx.stdout.write(`${d.status.padEnd(8)} ${d.kind.padEnd(9)} ${d.id.padEnd(14)} ${d.binding.padEnd(8)} ${d.address}  ${d.detail}\n`);
      }
    });
};
