import type { InjectionToken } from 'tsyringe';
import type { PluginContext } from './plugin-module';

/** Tokens a plugin's child container holds. */
export const PluginTokens = {
  Context: Symbol('PluginContext') as InjectionToken<PluginContext>,
} as const;
