import * as path from 'node:path';

/** The repository (or installed package) root: this file compiles to dist/core/paths.js. */
export const packageRoot = path.resolve(__dirname, '..', '..');

/** Folders the host reads from, relative to the package root. */
export const paths = {
  schemas: path.join(packageRoot, 'schemas'),
  builtinPlugins: path.join(packageRoot, 'dist', 'plugins'),
  models: path.join(packageRoot, 'models'),
  descriptorBanks: path.join(packageRoot, 'descriptor-banks'),
  profiles: path.join(packageRoot, 'core', 'profiles'),
  boards: path.join(packageRoot, 'core', 'boards'),
  sharedFixtures: path.resolve(packageRoot, '..', 'shared', 'fixtures'),
} as const;
