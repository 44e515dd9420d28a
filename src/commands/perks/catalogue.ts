import { businessDecider } from '../../domain/perks/business.js';
import { businessCategoryDecider } from '../../domain/perks/business-category.js';
import {
  businessCategoryEvents,
  businessEvents,
  partnerCodeEvents,
  type AddressFields,
  type BusinessFields,
} from '../../domain/perks/events.js';
import { partnerCodeDecider } from '../../domain/perks/partner-code.js';
import { idsFor } from '../ids.js';
import { aggregate, type CommandDeps } from '../shared/aggregate.js';
import type { CommandContext } from '../shared/command.js';
import { entityCommands, type Expected, type Written } from './entity.js';

export const businessCategories = entityCommands('businesscategory', businessCategoryDecider, businessCategoryEvents);
export const partnerCodes = entityCommands('partnercode', partnerCodeDecider, partnerCodeEvents);

const businesses = aggregate({ decider: businessDecider, events: businessEvents, stream: (id) => `business-${id}` });

export async function createBusiness(
  { store, clock }: CommandDeps,
  fields: BusinessFields,
  context: CommandContext,
): Promise<Written> {
  const businessId = idsFor(context).next();
  const command = {
    type: 'CreateBusiness' as const,
    data: { businessId, programId: context.tenantId, fields, now: clock.now().toISOString() },
  };
  const result = await businesses.handle(businessId, command, { store, context });
  return { id: businessId, version: result.version, position: result.position };
}

export async function updateBusiness(
  { store, clock }: CommandDeps,
  businessId: string,
  changes: Partial<BusinessFields>,
  context: CommandContext,
  options: Expected = {},
): Promise<Written> {
  const command = {
    type: 'UpdateBusiness' as const,
    data: { programId: context.tenantId, changes, now: clock.now().toISOString() },
  };
  const result = await businesses.handle(businessId, command, {
    store,
    context,
    expectedRevision: options.expectedVersion,
  });
  return { id: businessId, version: result.version, position: result.position };
}

export async function addAddress(
  { store, clock }: CommandDeps,
  businessId: string,
  address: AddressFields,
  context: CommandContext,
): Promise<Written> {
  const addressId = idsFor(context).next();
  const command = {
    type: 'AddAddress' as const,
    data: { programId: context.tenantId, addressId, address, now: clock.now().toISOString() },
  };
  const result = await businesses.handle(businessId, command, { store, context });
  return { id: addressId, version: result.version, position: result.position };
}

export async function updateAddress(
  { store, clock }: CommandDeps,
  businessId: string,
  addressId: string,
  changes: Partial<AddressFields>,
  context: CommandContext,
  options: Expected = {},
): Promise<Written> {
  const command = {
    type: 'UpdateAddress' as const,
    data: { programId: context.tenantId, addressId, changes, now: clock.now().toISOString() },
  };
  const result = await businesses.handle(businessId, command, {
    store,
    context,
    expectedRevision: options.expectedVersion,
  });
  return { id: addressId, version: result.version, position: result.position };
}
