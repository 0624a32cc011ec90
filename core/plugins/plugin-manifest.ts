/**
 * A plugin.json after validation against schemas/plugin-manifest.schema.json (defaults applied).
 * The parts are generated from the schema (core/generated/plugin-manifest.ts); the union by kind is
 * written here because the schema states it with if/then, which the generator does not read.
 */
import type { MappingOffer, ModelOffer, PageOffer, Param, PluginManifest as ManifestFields } from '../generated/plugin-manifest';

export type { MappingOffer, ModelOffer, PageOffer };

export type PluginKind = ManifestFields['kind'];

export type ParamDecl = Param;

type ManifestBase = Omit<ManifestFields, '$schema' | 'kind' | 'provides' | 'dependencies'> & { dependencies: Record<string, string> };

export type PluginManifest =
  | (ManifestBase & { kind: 'model'; provides: ModelOffer[] })
  | (ManifestBase & { kind: 'cv-mapping'; provides: MappingOffer[] })
  | (ManifestBase & { kind: 'screen-page'; provides: PageOffer[] });

/** The manifest file name in every plugin folder. */
export const MANIFEST_FILE = 'plugin.json';
