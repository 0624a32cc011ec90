import type { Command } from 'commander';
import { resolve } from 'node:path';
import { buildContainer } from '../../container/build-container';
import { Tokens } from '../../container/tokens';
import { hostVersion } from '../../host-version';
import { loadEntryModule } from '../../plugins/plugin-loader';
import { readPluginDir } from '../../plugins/read-plugin-dir';
import { installedSchemas } from '../../schemas/schema-registry';
import type { RegisterCommand } from './index';
import { rackSourceFrom, rackOptions } from './rack-options';

export const register: RegisterCommand = (program: Command, ctx) => {
  const plugins = program.command('plugins').description('list and validate plugins (models, CV mappings, screen pages)');

  rackOptions(plugins.command('list').description('every discovered plugin, with its status'))
    .option('--json', 'print JSON: [{id, kind, version, status, error?, source, dir}]')
    .action((opts: { json?: boolean; profile?: string; rack?: string }) => {
      const c = buildContainer(rackSourceFrom(opts));
      const rows = c.resolve(Tokens.Plugins).list().map((p) => ({
        id: p.id,
        kind: p.manifest?.kind ?? null,
        version: p.manifest?.version ?? null,
        status: p.status,
        ...(p.error ? { error: p.error.describe() } : {}),
        source: p.source,
        dir: p.dir,
      }));
      if (opts.json) {
        ctx.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      for (const r of rows) {
        ctx.stdout.write(`${r.status === 'ok' ? 'ok   ' : 'ERROR'}  ${r.id.padEnd(24)} ${String(r.kind ?? '?').padEnd(12)} ${String(r.version ?? '?').padEnd(8)} ${r.source}\n`);
        if (r.error) ctx.stdout.write(`       ${r.error}\n`);
      }
    });

  plugins
    .command('validate')
    .description('check one plugin folder without running its code: manifest, host range, entry file inside the folder (exit 2 if invalid); --load also imports the entry and checks its exports')
    .argument('<dir>', 'the plugin folder (holding plugin.json)')
    .option('--load', "import the entry module (runs the plugin's code) and check its exports against the manifest")
    .action((dir: string, opts: { load?: boolean }) => {
      const found = readPluginDir(resolve(ctx.cwd, dir), 'rack', installedSchemas(), hostVersion);
      if (found.status !== 'ok') throw found.error!;
      if (opts.load) loadEntryModule(found.dir, found.manifest!, found.manifestFile);
      else ctx.stdout.write('note: the code was not run; --load imports it and checks its exports\n');
      const m = found.manifest!;
      if (Object.keys(m.dependencies).length) {
        ctx.stdout.write(`note: dependencies (${Object.keys(m.dependencies).join(', ')}) are checked when the host loads it\n`);
      }
      ctx.stdout.write(`ok: ${m.id} ${m.version} (${m.kind}, provides ${m.provides.map((p) => p.id).join(', ')})\n`);
    });
};
