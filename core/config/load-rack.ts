import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NeurorackError } from '../errors/neurorack-error';
import { paths } from '../paths';
import { SchemaIds, type SchemaRegistry } from '../schemas/schema-registry';
import { overlayBoard } from './overlay-board';
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
 * A file that names a board `layout` is an overlay of that board (see resolveRackDocument).
 */
export function loadRack(source: RackSource, registry: SchemaRegistry): LoadedRack {
  const file = 'profile' in source ? profileFile(source.profile) : resolve(source.rackFile);
  const config = registry.validate<RackConfig>(SchemaIds.rack, resolveRackDocument(readJsonFile(file), file, registry), file);
  checkRackConsistency(config, file);
  return { config, file };
}

/**
 * A whole rack as it stands, or, when `doc` names a board `layout`, that board's devices
 * (core/boards/<layout>.board.json, checked against the board schema) with `doc` merged over them
 * and `layout` dropped. The result is validated as a rack by the caller.
 */
export function resolveRackDocument(doc: unknown, file: string, registry: SchemaRegistry): unknown {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || !('layout' in doc)) return doc;
  const { layout, ...overlay } = doc as Record<string, unknown>;
  if (typeof layout !== 'string' || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(layout)) {
    throw new NeurorackError('NR_RACK_INVALID', `layout must name a board (a file core/boards/<name>.board.json); got ${JSON.stringify(layout)}`, { file, pointer: '/layout' });
  }
  const boardFile = join(paths.boards, `${layout}.board.json`);
  if (!existsSync(boardFile)) {
    throw new NeurorackError('NR_RACK_INVALID', `layout "${layout}" names no board; expected one of ${builtinBoards().join(', ')}`, { file, pointer: '/layout' });
  }
  const board = readJsonFile(boardFile);
  const checked = registry.validate<{ id: string }>(SchemaIds.board, structuredClone(board), boardFile);
  if (checked.id !== layout) throw new NeurorackError('NR_RACK_INVALID', `board file says id "${checked.id}"; expected "${layout}", its file name`, { file: boardFile, pointer: '/id' });
  return overlayBoard((board as { devices: unknown }).devices, overlay);
}

/** The ids of the boards in core/boards/. */
export function builtinBoards(): string[] {
  return existsSync(paths.boards) ? readdirSync(paths.boards).filter((f) => f.endsWith('.board.json')).map((f) => f.slice(0, -'.board.json'.length)).sort() : [];
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
