import type { InjectionToken } from 'tsyringe';
import type { PluginContext } from './plugin-module';

/** A symbol typed by what it is bound to (as core/container/token.ts, which this folder may not import). */
function token<T>(name: string): InjectionToken<T> {
  return Symbol(name);
}

/** Tokens a plugin's child container holds (typed, so resolving one needs no cast). */
export const PluginTokens = {
  Context: token<PluginContext>('PluginContext'),
} as const;
