import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderSchemaReference } from '../../schemas/schema-docs';
import { installedSchemas } from '../../schemas/schema-registry';
import type { RegisterCommand } from './index';

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('docs')
    .description('generate reference documentation')
    .command('manifest-reference')
    .description('render the manifest and config reference from schemas/ (markdown)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action((opts: { out?: string }) => {
      const text = renderSchemaReference(installedSchemas().schemas);
      if (opts.out) writeFileSync(resolve(ctx.cwd, opts.out), text);
      else ctx.stdout.write(text);
    });
};
