import * as fs from 'node:fs';
import * as path from 'node:path';
import { paths } from '../../../core/paths';

/** Folder of the shared descriptor fixtures (WAVs and librosa reference JSON). */
export const descriptorFixtureDir = path.join(paths.sharedFixtures, 'descriptors');

/** The parts of a fixture's reference JSON the tests use (see PARAMETERS.md section 12). */
export interface DescriptorReference {
  readonly file: string;
  readonly samples: number;
  readonly frames: number;
  readonly neurorack_frames: number;
  readonly descriptor_order: string[];
  readonly neurorack: number[][];
  readonly variants: { readonly float64_input: { readonly neurorack: number[][] } };
}

/** True when the shared fixtures are present (they are not part of the repository). */
export function haveDescriptorFixtures(): boolean {
  return fs.existsSync(descriptorFixtureDir);
}

/** Names (without extension) of the fixture WAVs, split by whether a reference JSON exists. */
export function listDescriptorFixtures(): { withReference: string[]; withoutReference: string[] } {
  if (!haveDescriptorFixtures()) return { withReference: [], withoutReference: [] };
  const names = fs.readdirSync(descriptorFixtureDir).filter((f) => f.endsWith('.wav')).map((f) => f.slice(0, -4)).sort();
  const hasJson = (n: string): boolean => fs.existsSync(path.join(descriptorFixtureDir, `${n}.json`));
  return { withReference: names.filter(hasJson), withoutReference: names.filter((n) => !hasJson(n)) };
}

export function loadReference(name: string): DescriptorReference {
  return JSON.parse(fs.readFileSync(path.join(descriptorFixtureDir, `${name}.json`), 'utf8')) as DescriptorReference;
}

export function fixtureWav(name: string): string {
  return path.join(descriptorFixtureDir, `${name}.wav`);
}
