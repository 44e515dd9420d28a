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
import { aggregate, type CommandDeps } from '../shared/aggregate.js';
import type { CommandContext } from '../shared/command.js';
import {
  entityCommands,
  updateUseCase,
  writeNew,
  written,
  type Expected,
  type Written,
} from '../shared/catalogue-entity.js';

export const businessCategories = entityCommands('businesscategory', businessCategoryDecider, businessCategoryEvents);
export const partnerCodes = entityCommands('partnercode', partnerCodeDecider, partnerCodeEvents);

const businesses = aggregate({ decider: businessDecider, events: businessEvents, stream: (id) => `business-${id}` });

export const createBusiness = (deps: CommandDeps, fields: BusinessFields, context: CommandContext) =>
  writeNew(businesses, deps, context, (businessId, { programId, now }) => ({
    type: 'CreateBusiness' as const,
    data: { businessId, programId, fields, now },
  }));

export const updateBusiness = updateUseCase(businesses, (changes: Partial<BusinessFields>, { programId, now }) => ({
  type: 'UpdateBusiness' as const,
  data: { programId, changes, now },
}));

export const addAddress = (deps: CommandDeps, businessId: string, address: AddressFields, context: CommandContext) =>
  writeNew(
    businesses,
    deps,
    context,
    (addressId, { programId, now }) => ({ type: 'AddAddress' as const, data: { programId, addressId, address, now } }),
    businessId,
  );

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
