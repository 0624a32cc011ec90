import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NeurorackError } from '../errors/neurorack-error';
import { paths } from '../paths';
import { SchemaIds, type SchemaRegistry } from '../schemas/schema-registry';
import { readJsonFile } from './read-json-file';
import type { LoadedRack, RackConfig } from './rack-config';

export const BUILTIN_PROFILES = ['virtual', 'jetson-nano-v1', 'rpi5', 'test'] as const;
export type BuiltinProfile = (typeof BUILTIN_PROFILES)[number];

/** Where a rack comes from: a built-in profile name or a user's rack file. */
export type RackSource = { profile: string } | { rackFile: string };

/** The file of a built-in profile, or NR_PROFILE_UNKNOWN listing the names that exist. */
export function profileFile(name: string): string {
  const file = join(paths.profiles, `${name}.rack.json`);
  if (!(BUILTIN_PROFILES as readonly string[]).includes(name) || !existsSync(file)) {
    throw new NeurorackError('NR_PROFILE_UNKNOWN', `no built-in profile "${name}"; expected one of ${BUILTIN_PROFILES.join(', ')}, or --rack FILE`);
  }
  return file;
}

/**
 * Reads a rack config, validates it against the rack schema (filling in defaults), then checks
 * what a schema cannot: that every jack names a configured chip and no jack is assigned twice.
 */
export function loadRack(source: RackSource, registry: SchemaRegistry): LoadedRack {
  const file = 'profile' in source ? profileFile(source.profile) : resolve(source.rackFile);
  const config = registry.validate<RackConfig>(SchemaIds.rack, readJsonFile(file), file);
  checkRackConsistency(config, file);
  return { config, file };
}

function checkRackConsistency(config: RackConfig, file: string): void {
  const chips = new Set(config.devices.cvAdc.chips.map((c) => c.address));
  const fail = (pointer: string, message: string): never => {
    throw new NeurorackError('NR_RACK_INVALID', message, { file, pointer });
  };
  const hex = (a: number) => `0x${a.toString(16)}`;
  const seenCv = new Set<number>();
  config.devices.cvAdc.jacks.forEach((j, i) => {
    if (!chips.has(j.chip)) fail(`/devices/cvAdc/jacks/${i}/chip`, `CV ${j.jack} names ADC ${hex(j.chip)}, which is not in /devices/cvAdc/chips (${[...chips].map(hex).join(', ')})`);
    if (seenCv.has(j.jack)) fail(`/devices/cvAdc/jacks/${i}/jack`, `CV ${j.jack} is configured twice; expected each jack once`);
    seenCv.add(j.jack);
  });
  const seenGate = new Set<number>();
  const adcChannels = new Set(config.devices.cvAdc.jacks.map((j) => `${j.chip}:${j.channel}`));
  config.devices.gates.jacks.forEach((g, i) => {
    if (g.adc && !chips.has(g.adc.chip)) fail(`/devices/gates/jacks/${i}/adc/chip`, `gate ${g.jack} names ADC ${hex(g.adc.chip)}, which is not in /devices/cvAdc/chips`);
    if (g.adc && adcChannels.has(`${g.adc.chip}:${g.adc.channel}`)) fail(`/devices/gates/jacks/${i}/adc/channel`, `gate ${g.jack} uses ADC ${hex(g.adc.chip)} channel ${g.adc.channel}, which a CV jack already uses`);
    if (seenGate.has(g.jack)) fail(`/devices/gates/jacks/${i}/jack`, `gate ${g.jack} is configured twice; expected each jack once`);
    seenGate.add(g.jack);
  });
}
