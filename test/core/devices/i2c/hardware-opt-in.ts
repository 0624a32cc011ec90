/**
 * Real-hardware contract runs are opt-in: they need a Neurorack module and NEURORACK_HW=1. Without
 * it the real binding's suite is still declared, and its cases show as pending with this reason.
 */
export const HARDWARE = process.env.NEURORACK_HW === '1';

export function pendingReason(what: string): string {
  return `pending: needs ${what} and NEURORACK_HW=1`;
}

/** The describe title for a binding's run of a contract suite, saying why it is pending. */
export function bindingTitle(contract: string, binding: 'emulated' | 'real', needs: string): string {
  if (binding === 'emulated' || HARDWARE) return `${contract} contract (${binding} binding)`;
  return `${contract} contract (real binding, ${pendingReason(needs)})`;
}

/** Declares a contract case; pending (with the reason in the title) when the binding is unavailable. */
export function contractIt(available: boolean, title: string, fn: () => Promise<void>): void {
  if (available) it(title, fn);
  else it.skip(title, fn);
}
