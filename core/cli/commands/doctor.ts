import { buildContainer } from '../../container/build-container';
import { bringUpDevices } from '../../container/bring-up-devices';
import { closeDevices, doctorReport } from '../../host/doctor';
import type { RegisterCommand } from './index';
import { rackOptions, rackSourceFrom } from './rack-options';

export const register: RegisterCommand = (program, ctx) => {
  rackOptions(program.command('doctor').description('bring up every configured device and report its binding, address and status'))
    .option('--json', 'print JSON: {profile, devices: [{id, kind, binding, address, status, detail}]}')
    .action(async (opts: { json?: boolean; profile?: string; rack?: string }) => {
      const c = buildContainer(rackSourceFrom(opts));
      await bringUpDevices(c);
      const report = doctorReport(c);
      await closeDevices(c);
      if (opts.json) {
        ctx.stdout.write(JSON.stringify(report, null, 2) + '\n');
        return;
      }
      ctx.stdout.write(`profile ${report.profile}\n`);
      for (const d of report.devices) {
        const detail = d.detail === d.address ? "" : `  ${d.detail.startsWith(d.address) ? d.detail.slice(d.address.length).replace(/^[,;:]\s*/, "") : d.detail}`;
        ctx.stdout.write(`${d.status.padEnd(8)} ${d.kind.padEnd(9)} ${d.binding.padEnd(8)} ${d.address}${detail}\n`);
      }
    });
};
