import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './paths';

/** The host's semver version, from package.json: plugins' `host` ranges are checked against it. */
export const hostVersion: string = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
