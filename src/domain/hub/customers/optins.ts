import { refused } from '../../shared/errors.js';
import type { RegistrationType } from '../hubs/events.js';
import type { CustomerState } from './customer.js';
import type { OptinValue } from './events.js';

/* The optins rules (flow 1.4): the codes a hub requires for a registration type may not be off. */

const requiredOff = (message: string, off: readonly string[]) =>
  refused(message, [{ field: 'optins', message: `required: ${off.join(', ')}`, code: 'requiredOptin' }]);

/** Refuses (422) optins that turn off a code the hub requires for their type. */
export function assertNoneOff(optins: readonly OptinValue[], required: readonly string[]): void {
  const off = required.filter((code) => optins.find((o) => o.code === code)?.value !== true);
  if (off.length > 0) throw requiredOff('a required optin cannot be off', off);
}

/**
 * The required codes the customer has not said yes to, for the optins type a method implies: its own answers for that
 * type, else those given at registration (SCR), which is where a front sends them when the hub asks nothing more.
 */
export function missingOptins(
  state: CustomerState,
  registrationType: RegistrationType,
  required: readonly string[],
): string[] {
  if (state.status === 'none') return [...required];
  const answered = (code: string, type: RegistrationType) => state.optins[type]?.find((o) => o.code === code)?.value;
  return required.filter((code) => (answered(code, registrationType) ?? answered(code, 'SCR')) !== true);
}

/** Refuses (422) a method whose required optins the customer has not all accepted (flow 1.4). */
export function assertOptins(state: CustomerState, registrationType: RegistrationType, required: readonly string[]) {
  const off = missingOptins(state, registrationType, required);
  if (off.length > 0) throw requiredOff(`the ${registrationType} optins the hub requires are not all accepted`, off);
}
