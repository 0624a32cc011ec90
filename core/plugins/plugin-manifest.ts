/** A plugin.json after validation against schemas/plugin-manifest.schema.json (defaults applied). */
export type PluginKind = 'model' | 'cv-mapping' | 'screen-page';

export interface ParamDecl {
  id: string;
  name: string;
  min: number;
  max: number;
  default?: number;
  unit: string;
  step?: number;
}

export interface ModelOffer {
  id: string;
  formats: Array<'onnx' | 'js'>;
  architectures: string[];
  streaming: boolean;
}

export interface MappingOffer {
  id: string;
  name: string;
  drives: Array<{ target: string; min: number; max: number; unit: string }>;
  params: ParamDecl[];
}

export interface PageOffer {
  id: string;
  title: string;
  menu?: string;
  params: ParamDecl[];
}

interface ManifestBase {
  id: string;
  name: string;
  version: string;
  host: string;
  entry: string;
  author: string;
  licence: string;
  description: string;
  homepage?: string;
  dependencies: Record<string, string>;
}

export type PluginManifest =
  | (ManifestBase & { kind: 'model'; provides: ModelOffer[] })
  | (ManifestBase & { kind: 'cv-mapping'; provides: MappingOffer[] })
  | (ManifestBase & { kind: 'screen-page'; provides: PageOffer[] });

/** The manifest file name in every plugin folder. */
export const MANIFEST_FILE = 'plugin.json';
