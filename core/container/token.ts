import type { InjectionToken } from 'tsyringe';

/**
 * A token that carries the type of what it is bound to, so `container.resolve(token)` needs no
 * type argument and no cast: a symbol named `name` (for messages), typed `InjectionToken<T>`.
 */
export function token<T>(name: string): InjectionToken<T> {
  return Symbol(name);
}
