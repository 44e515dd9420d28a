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
import type { EventStore } from '../../platform/eventstore/types.js';
import { handleCommand, type CommandContext, type HandleOptions } from '../handle.js';
import { idsFor } from '../ids.js';
import { entityCommands, type Written } from './entity.js';

export const businessCategories = entityCommands('businesscategory', businessCategoryDecider, businessCategoryEvents);
export const partnerCodes = entityCommands('partnercode', partnerCodeDecider, partnerCodeEvents);

const businessStream = (id: string): string => `business-${id}`;

export async function createBusiness(store: EventStore, fields: BusinessFields, context: CommandContext, now: Date = new Date()): Promise<Written> {
  const businessId = idsFor(context).next();
  const command = { type: 'CreateBusiness' as const, data: { businessId, programId: context.tenantId, fields, now: now.toISOString() } };
  const result = await handleCommand(store, businessDecider, businessEvents, businessStream(businessId), command, context);
  return { id: businessId, version: result.version, position: result.position };
}

export async function updateBusiness(
  store: EventStore,
  businessId: string,
  changes: Partial<BusinessFields>,
  context: CommandContext,
  options: HandleOptions = {},
  now: Date = new Date(),
): Promise<Written> {
  const command = { type: 'UpdateBusiness' as const, data: { programId: context.tenantId, changes, now: now.toISOString() } };
  const result = await handleCommand(store, businessDecider, businessEvents, businessStream(businessId), command, context, options);
  return { id: businessId, version: result.version, position: result.position };
}

export async function addAddress(store: EventStore, businessId: string, address: AddressFields, context: CommandContext, now: Date = new Date()): Promise<Written> {
  const addressId = idsFor(context).next();
  const command = { type: 'AddAddress' as const, data: { programId: context.tenantId, addressId, address, now: now.toISOString() } };
  const result = await handleCommand(store, businessDecider, businessEvents, businessStream(businessId), command, context);
  return { id: addressId, version: result.version, position: result.position };
}

export async function updateAddress(
  store: EventStore,
  businessId: string,
  addressId: string,
  changes: Partial<AddressFields>,
  context: CommandContext,
  options: HandleOptions = {},
  now: Date = new Date(),
): Promise<Written> {
  const command = { type: 'UpdateAddress' as const, data: { programId: context.tenantId, addressId, changes, now: now.toISOString() } };
  const result = await handleCommand(store, businessDecider, businessEvents, businessStream(businessId), command, context, options);
  return { id: addressId, version: result.version, position: result.position };
}
