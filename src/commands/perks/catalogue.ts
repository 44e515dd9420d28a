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
import { entityCommands, updateUseCase, written, type Expected, type Written } from './entity.js';

export const businessCategories = entityCommands('businesscategory', businessCategoryDecider, businessCategoryEvents);
export const partnerCodes = entityCommands('partnercode', partnerCodeDecider, partnerCodeEvents);

const businesses = aggregate({ decider: businessDecider, events: businessEvents, stream: (id) => `business-${id}` });

export async function createBusiness(
  deps: CommandDeps,
  fields: BusinessFields,
  context: CommandContext,
): Promise<Written> {
  const businessId = idsFor(context).next();
  const result = await businesses.run(deps, businessId, context, ({ programId, now }) => ({
    type: 'CreateBusiness',
    data: { businessId, programId, fields, now },
  }));
  return written(businessId, result);
}

export const updateBusiness = updateUseCase(businesses, (changes: Partial<BusinessFields>, { programId, now }) => ({
  type: 'UpdateBusiness' as const,
  data: { programId, changes, now },
}));

export async function addAddress(
  deps: CommandDeps,
  businessId: string,
  address: AddressFields,
  context: CommandContext,
): Promise<Written> {
  const addressId = idsFor(context).next();
  const result = await businesses.run(deps, businessId, context, ({ programId, now }) => ({
    type: 'AddAddress',
    data: { programId, addressId, address, now },
  }));
  return written(addressId, result);
}

export async function updateAddress(
  deps: CommandDeps,
  businessId: string,
  addressId: string,
  changes: Partial<AddressFields>,
  context: CommandContext,
  options: Expected = {},
): Promise<Written> {
  const result = await businesses.run(
    deps,
    businessId,
    context,
    ({ programId, now }) => ({ type: 'UpdateAddress', data: { programId, addressId, changes, now } }),
    { expectedRevision: options.expectedVersion },
  );
  return written(addressId, result);
}
