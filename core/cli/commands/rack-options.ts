import type { Command } from 'commander';
import { NeurorackError } from '../../errors/neurorack-error';
import type { RackSource } from '../../config/load-rack';

/** Adds `--profile NAME` and `--rack FILE` to a command. */
export function rackOptions(cmd: Command): Command {
  return cmd
    .option('--profile <name>', 'built-in profile: virtual, jetson-nano-v1, rpi5, test')
    .option('--rack <file>', 'a rack config file (see schemas/rack.schema.json)');
}

/** The rack a command runs on: --rack, else --profile, else `fallback`. */
export function rackSourceFrom(opts: { profile?: string; rack?: string }, fallback = 'virtual'): RackSource {
  if (opts.profile && opts.rack) throw new NeurorackError('NR_USAGE', 'give --profile or --rack, not both');
  return opts.rack ? { rackFile: opts.rack } : { profile: opts.profile ?? fallback };
}
