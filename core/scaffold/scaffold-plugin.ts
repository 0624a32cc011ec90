import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as semver from 'semver';
import { NeurorackError } from '../errors/neurorack-error';
import type { PluginKind } from '../plugins/plugin-manifest';
import { cvMappingTemplate } from './cv-mapping-template';
import { modelTemplate } from './model-template';
import type { PluginTemplate, ScaffoldNames } from './plugin-template';
import { screenPageTemplate } from './screen-page-template';

/** The template of each kind `plugin new` writes. */
export const TEMPLATES: Readonly<Record<PluginKind, (names: ScaffoldNames) => PluginTemplate>> = {
  model: modelTemplate,
  'cv-mapping': cvMappingTemplate,
  'screen-page': screenPageTemplate,
};

/** A plugin id (schemas/plugin-manifest.schema.json, `slug`). */
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Offer names and page titles are at most 24 characters (the schema's maxLength). */
const TITLE_MAX = 24;

/** Names derived from the slug and the host's version. */
export function scaffoldNames(name: string, hostVersion: string): ScaffoldNames {
  const words = name.split('-').filter(Boolean).join(' ');
  const title = (words.charAt(0).toUpperCase() + words.slice(1)).slice(0, TITLE_MAX).trim() || name.slice(0, TITLE_MAX);
  const v = semver.parse(hostVersion);
  const hostRange = v ? `>=${v.major}.${v.minor}.0 <${v.major + 1}` : `>=${hostVersion}`;
  return { name, title, packageName: `neurorack-plugin-${name}`, hostRange };
}

/** Every file of the package, path -> text. */
export function scaffoldFiles(kind: PluginKind, names: ScaffoldNames, hostVersion: string, author: string): Record<string, string> {
  const t = TEMPLATES[kind](names);
  const manifest = {
    id: names.name,
    name: names.title,
    version: '0.1.0',
    kind,
    host: names.hostRange,
    entry: 'index.js',
    author,
    licence: 'MIT',
    description: t.description,
    provides: t.provides,
  };
  const pkg = {
    name: names.packageName,
    version: '0.1.0',
    description: t.description,
    license: 'MIT',
    author,
    main: 'index.js',
    files: ['plugin.json', 'index.js', 'README.md', ...new Set(Object.keys(t.extraFiles).map((f) => f.split('/')[0]!))],
    keywords: ['neurorack', 'neurorack-plugin', `neurorack-${kind}`],
    scripts: { test: `node --test test/${names.name}.test.js`, typecheck: 'tsc -p tsconfig.json' },
    peerDependencies: { neurorack: names.hostRange },
    // The host hands its own SDK to the plugins it loads; a copy is only needed to run the tests.
    peerDependenciesMeta: { neurorack: { optional: true } },
    devDependencies: { '@types/node': '^20.19.0', typescript: '^5.9.0' },
  };
  const tsconfig = {
    compilerOptions: { allowJs: true, checkJs: true, noEmit: true, strict: true, target: 'ES2022', module: 'node16', moduleResolution: 'node16', types: ['node'] },
    files: ['index.js'],
  };
  return {
    'package.json': JSON.stringify(pkg, null, 2) + '\n',
    'plugin.json': JSON.stringify(manifest, null, 2) + '\n',
    'index.js': t.entry,
    [`test/${names.name}.test.js`]: t.test,
    'tsconfig.json': JSON.stringify(tsconfig, null, 2) + '\n',
    'README.md': readme(names, kind, t, hostVersion),
    ...t.extraFiles,
  };
}

function readme(names: ScaffoldNames, kind: PluginKind, t: PluginTemplate, hostVersion: string): string {
  return `# ${names.packageName}

${t.description}

A Neurorack plugin of kind \`${kind}\`, written against the host's SDK (\`neurorack/sdk\`) only;
made by \`neurorack plugin new\` (host ${hostVersion}). \`plugin.json\` is the truth: the host checks
it against what \`index.js\` exports, both ways.

## Check, test, install
\`\`\`sh
neurorack plugins validate . --load   # manifest, host range, entry; --load also runs the entry and checks its exports
npm install                           # typescript and @types/node, for the type check
npm install --no-save <path to the neurorack host>   # the SDK, for the tests and the type check only
npm test                              # node:test, test/${names.name}.test.js
npm run typecheck                     # index.js's JSDoc types against neurorack/sdk's declarations
npm pack                              # ${names.packageName}-0.1.0.tgz
\`\`\`
The host finds npm packages named \`neurorack-plugin-*\` in its own \`node_modules\` and in the
\`node_modules\` of the folder it is started from: \`npm install ./${names.packageName}-0.1.0.tgz\` there,
then \`neurorack plugins list\` shows it \`ok\`. A rack file's \`pluginDirs\` can also name this folder.

${t.readme}`;
}

/**
 * Writes the package of a new plugin into `dir` (which must not exist or be empty): everything
 * is written into a sibling folder first and renamed into place, so a failure leaves nothing.
 */
export function scaffoldPlugin(kind: string, name: string, dir: string, hostVersion: string, author: string): { dir: string; files: string[] } {
  if (!(kind in TEMPLATES)) throw new NeurorackError('NR_USAGE', `expected --kind to be one of ${Object.keys(TEMPLATES).join(', ')}, found '${kind}'`);
  if (!SLUG.test(name)) throw new NeurorackError('NR_USAGE', `expected NAME to be a plugin id: lower-case letters, digits and '-', starting with a letter or digit, at most 63 characters; found '${name}'`);
  if (!author.trim()) throw new NeurorackError('NR_USAGE', 'expected --author to name the author (plugin.json requires one)');
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new NeurorackError('NR_PLUGIN_SCAFFOLD_EXISTS', `expected an empty or new folder for the package; this one holds ${readdirSync(dir).length} entries`, { file: dir });
  }
  const files = scaffoldFiles(kind as PluginKind, scaffoldNames(name, hostVersion), hostVersion, author.trim());
  const staging = join(dirname(dir), `.${basename(dir)}.partial-${process.pid}`);
  try {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(staging, file)), { recursive: true });
      writeFileSync(join(staging, file), text);
    }
    if (existsSync(dir)) rmdirSync(dir);
    renameSync(staging, dir);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  return { dir, files: Object.keys(files).sort() };
}
