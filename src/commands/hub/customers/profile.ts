import type { Knex } from 'knex';
import type { CustomerProfile, OptinValue } from '../../../domain/hub/customers/events.js';
import type { RegistrationType } from '../../../domain/hub/hubs/events.js';
import { notFound } from '../../../domain/shared/errors.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext } from '../../shared/command.js';
import { forgetMessages } from '../ports/messaging.js';
import { customers } from './aggregate.js';
import { claimIdentifiers, releaseIdentifiers, type Identifiers } from './identifiers.js';
import { loadCustomer } from './load.js';
import { customerKeys, openPersonal, sealPersonal, type Personal } from './personal.js';
import { identifiersOf } from './register.js';

type Deps = CommandDeps & { readonly knex: Knex };

async function live(deps: Deps, customerId: string, programId: string) {
  const state = await loadCustomer(deps.store, customerId);
  if (state.status !== 'registering' || state.programId !== programId) throw notFound('customer');
  return state;
}

/** What changed among the identifiers: the new ones to claim, the old ones to release. */
function identifierChanges(before: Identifiers, after: Identifiers): { claim: Identifiers; release: Identifiers } {
  const claim: Record<string, string> = {};
  const release: Record<string, string> = {};
  for (const kind of ['email', 'phone', 'externalId'] as const) {
    if (before[kind] === after[kind]) continue;
    if (typeof after[kind] === 'string') claim[kind] = after[kind];
    if (typeof before[kind] === 'string') release[kind] = before[kind];
  }
  return { claim, release };
}

/**
 * A profile PATCH: personal fields are merged into the sealed record and sealed again; a new email or phone is claimed
 * in the hub first (409 when taken), the old one released after.
 */
export async function updateProfile(
  deps: Deps,
  customerId: string,
  input: { profile: Partial<CustomerProfile>; personal: Partial<Personal>; password?: string | undefined },
  context: CommandContext,
) {
  const now = deps.clock.now().toISOString();
  const state = await live(deps, customerId, context.tenantId);
  const key = await customerKeys.ensure(deps.knex, customerId);
  const current = openPersonal(key, customerId, state.personal);
  const personal = {
    ...current,
    ...Object.fromEntries(Object.entries(input.personal).filter(([, v]) => v !== undefined)),
  };
  const profile = {
    ...state.profile,
    ...Object.fromEntries(Object.entries(input.profile).filter(([, v]) => v !== undefined)),
  };
  const { claim, release } = identifierChanges(identifiersOf(state.profile, current), identifiersOf(profile, personal));
  const owner = { store: deps.store, hubId: state.hubId, customerId, context, now };
  await claimIdentifiers(owner, claim);
  const personalChanged = JSON.stringify(personal) !== JSON.stringify(current);
  try {
    if (input.password !== undefined)
      await customers.handle(
        customerId,
        { type: 'SetPassword', data: { password: input.password, now } },
        { store: deps.store, context },
      );
    const result = await customers.handle(
      customerId,
      {
        type: 'UpdateProfile',
        data: {
          changes: input.profile,
          ...(personalChanged ? { personal: sealPersonal(key, customerId, personal) } : {}),
          now,
        },
      },
      { store: deps.store, context },
    );
    await releaseIdentifiers(owner, release);
    return result;
  } catch (error) {
    await releaseIdentifiers(owner, claim);
    throw error;
  }
}

export async function updateOptins(
  deps: Deps,
  customerId: string,
  input: { registrationType: RegistrationType; optins: readonly OptinValue[]; required: readonly string[] },
  context: CommandContext,
) {
  await live(deps, customerId, context.tenantId);
  return customers.run(deps, customerId, context, ({ now }) => ({ type: 'UpdateOptins', data: { ...input, now } }));
}

export async function changePassword(deps: Deps, customerId: string, sealed: string, context: CommandContext) {
  return customers.run(deps, customerId, context, ({ now }) => ({
    type: 'ChangePassword',
    data: { password: sealed, now },
  }));
}

export async function trackCustomer(
  deps: Deps,
  customerId: string,
  input: { eventName: string; value: string | null },
  context: CommandContext,
) {
  await live(deps, customerId, context.tenantId);
  return customers.run(deps, customerId, context, ({ now }) => ({ type: 'Track', data: { ...input, now } }));
}

/**
 * Deletes a customer without rewriting an event: the deletion is recorded, the hub's identifiers are released, the
 * outbox forgets the customer's messages and the data key is destroyed, which leaves every sealed field unreadable.
 * A crash after the event is finished by deleting again (a repeat records nothing and does the rest).
 */
export async function deleteCustomer(
  deps: Deps,
  customerId: string,
  by: 'customer' | 'program',
  context: CommandContext,
) {
  const now = deps.clock.now().toISOString();
  const state = await loadCustomer(deps.store, customerId);
  if (state.status === 'none' || state.programId !== context.tenantId) throw notFound('customer');
  const key = await customerKeys.find(deps.knex, customerId);
  const personal = openPersonal(key, customerId, state.personal);
  const result = await customers.handle(
    customerId,
    { type: 'Delete', data: { by, now } },
    { store: deps.store, context },
  );
  const ids = identifiersOf(state.profile, personal);
  await releaseIdentifiers({ store: deps.store, hubId: state.hubId, customerId, context, now }, ids);
  const recipients = [
    personal.email,
    personal.phoneNumber && `+${state.profile.countryCode ?? ''}${personal.phoneNumber}`,
  ];
  await forgetMessages(
    deps.knex,
    state.hubId,
    customerId,
    recipients.filter((r): r is string => typeof r === 'string'),
  );
  await deps.knex('hub_customer_access').where({ customer_id: customerId }).delete();
  await customerKeys.destroy(deps.knex, customerId);
  return result;
}
