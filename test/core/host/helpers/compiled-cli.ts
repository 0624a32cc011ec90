import 'reflect-metadata';
import { main } from '../../../../core/cli/main';

/**
 * The command line from its compiled modules, for a test that instruments them in a spawned host
 * (chip-fault-probe.ts patches the compiled emulator classes): `bin/neurorack.js` runs the bundle
 * (dist/bundles/neurorack-cli.js), whose own copies of those classes a preload cannot reach. The
 * same code otherwise; exits with the command's status.
 */
main(process.argv.slice(2)).then(
  (code) => (code === 0 ? (process.exitCode = 0) : process.exit(code)),
  (err: unknown) => {
    process.stderr.write(`neurorack: NR_INTERNAL: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  },
);
