import 'reflect-metadata';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { dirname, resolve } from 'node:path';
import { loadRack, type RackSource } from '../config/load-rack';
import type { LoadedRack } from '../config/rack-config';
import { hostVersion } from '../host-version';
import { paths, packageRoot } from '../paths';
import { npmPluginFolders, pluginFoldersIn, type PluginDirSpec } from '../plugins/discover-plugin-dirs';
import { PluginLoader } from '../plugins/plugin-loader';
import type { Clock } from '../scheduler/clock';
import { Scheduler } from '../scheduler/scheduler';
import { installedSchemas, type SchemaRegistry } from '../schemas/schema-registry';
import { clockChoices, type ClockChoices } from './clock-choices';
import { clockFor } from './clock-for';
import { Tokens } from './tokens';

export interface ContainerOptions {
  /** Use this clock instead of the one the rack names (tests pass a VirtualClock they drive). */
  readonly clock?: Clock;
  /**
   * The choices already made for that clock (Host.boot makes them before the container exists, to
   * spawn the control thread early): registered as they are, so they are made once.
   */
  readonly choices?: ClockChoices;
  /** Reuse a registry (schemas are compiled once per registry). */
  readonly schemas?: SchemaRegistry;
  /** Where built-in plugins live (default: the compiled dist/plugins). */
  readonly builtinPluginDir?: string;
  /** node_modules folders searched for neurorack-plugin-* packages (default: the host's and the cwd's). */
  readonly nodeModules?: readonly string[];
  /** Report scheduler task errors (default: stderr). */
  readonly onTaskError?: (taskId: string, err: unknown) => void;
}

/**
 * The one composition root: a fresh child container holding one binding per service and per device
 * role, chosen by the rack config (a built-in profile or a user's file). Nothing is global: every
 * call (every test) gets its own container, devices, clock and scheduler. Devices are built and
 * registered by `bringUpDevices(container)` (async: buses and chips answer in time).
 */
export function buildContainer(source: RackSource | LoadedRack = { profile: 'virtual' }, options: ContainerOptions = {}): DependencyContainer {
  const schemas = options.schemas ?? installedSchemas();
  const rack = 'config' in source ? source : loadRack(source, schemas);
  const c = rootContainer.createChildContainer();
  const clock = options.clock ?? clockFor(rack.config);
  const onTaskError = options.onTaskError ?? ((id, err) => process.stderr.write(`neurorack: task ${id}: ${(err as Error)?.message ?? String(err)}\n`));

  c.register(Tokens.Rack, { useValue: rack });
  c.register(Tokens.Schemas, { useValue: schemas });
  c.register(Tokens.HostVersion, { useValue: hostVersion });
  c.register(Tokens.Clock, { useValue: clock });
  c.register(Tokens.ClockChoices, { useValue: options.choices ?? clockChoices(clock) });
  c.register(Tokens.Scheduler, { useValue: new Scheduler(clock, onTaskError) });
  const loader = new PluginLoader(schemas, hostVersion, c);
  loader.discover(pluginDirSpecs(rack, options));
  c.register(Tokens.Plugins, { useValue: loader });
  c.register(Tokens.Devices, { useValue: [] });
  return c;
}


/** Built-ins first (they win an id conflict), then the rack's folders, then npm packages. */
export function pluginDirSpecs(rack: LoadedRack, options: Pick<ContainerOptions, 'builtinPluginDir' | 'nodeModules'> = {}): PluginDirSpec[] {
  const rackDir = dirname(rack.file);
  return [
    ...pluginFoldersIn(options.builtinPluginDir ?? paths.builtinPlugins, 'builtin'),
    ...rack.config.pluginDirs.flatMap((d) => pluginFoldersIn(resolve(rackDir, d), 'rack')),
    ...npmPluginFolders(options.nodeModules ?? [resolve(packageRoot, 'node_modules'), resolve(process.cwd(), 'node_modules')]),
  ];
}
