import { defaultUnitOptions, systemdUnit } from '../../service/systemd-unit';
import { NeurorackError } from '../../errors/neurorack-error';
import type { RegisterCommand } from './index';

export const register: RegisterCommand = (program, ctx) => {
  const service = program.command('service').description('the systemd service that runs the host on the module (scripts/install-module.sh installs it)');
  service
    .command('print')
    .description('print the systemd unit (neurorack.service) for these options')
    .option('--user <name>', 'system user the host runs as', defaultUnitOptions.user)
    .option('--dir <path>', 'installed checkout (bin/neurorack.js, node_modules/.bin/node)', defaultUnitOptions.appDir)
    .option('--state-dir <path>', 'settings, calibration, banks and models', defaultUnitOptions.stateDir)
    .option('--profile <name>', 'rack profile the host starts on', defaultUnitOptions.profile)
    .option('--watchdog-sec <n>', 'restart the host when it stops pinging for this long', String(defaultUnitOptions.watchdogSec))
    .action((opts: { user: string; dir: string; stateDir: string; profile: string; watchdogSec: string }) => {
      const watchdogSec = Number(opts.watchdogSec);
      if (!Number.isInteger(watchdogSec)) throw new NeurorackError('NR_USAGE', `expected --watchdog-sec to be a whole number of seconds, got "${opts.watchdogSec}"`);
      ctx.stdout.write(systemdUnit({ user: opts.user, appDir: opts.dir, stateDir: opts.stateDir, profile: opts.profile, watchdogSec }));
    });
};
