import { companyDecider, type CompanyState } from '../../../domain/giving/contacts/company.js';
import { companyEvents, tagEvents, type CompanyFields } from '../../../domain/giving/contacts/events.js';
import { tagDecider, type TagState } from '../../../domain/giving/contacts/tag.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import { handleCommand, type CommandContext, type CommandResult } from '../../handle.js';
import { idsFor } from '../../ids.js';
import { companyStream, tagStream } from '../streams.js';

export async function createCompany(store: EventStore, fields: CompanyFields, context: CommandContext, now: Date = new Date()): Promise<CommandResult<CompanyState> & { id: string }> {
  const companyId = idsFor(context).next();
  const command = { type: 'CreateCompany' as const, data: { ...fields, companyId, programId: context.tenantId, now: now.toISOString() } };
  return { ...(await handleCommand(store, companyDecider, companyEvents, companyStream(companyId), command, context)), id: companyId };
}

export async function updateCompany(
  store: EventStore,
  companyId: string,
  changes: Partial<CompanyFields>,
  context: CommandContext,
  expectedVersion?: bigint,
  now: Date = new Date(),
): Promise<CommandResult<CompanyState>> {
  const command = { type: 'UpdateCompany' as const, data: { changes, now: now.toISOString() } };
  return handleCommand(store, companyDecider, companyEvents, companyStream(companyId), command, context, { expectedVersion });
}

export async function deleteCompany(store: EventStore, companyId: string, context: CommandContext, expectedVersion?: bigint, now: Date = new Date()): Promise<CommandResult<CompanyState>> {
  const command = { type: 'DeleteCompany' as const, data: { now: now.toISOString() } };
  return handleCommand(store, companyDecider, companyEvents, companyStream(companyId), command, context, { expectedVersion });
}

export async function createTag(store: EventStore, name: string, context: CommandContext, now: Date = new Date()): Promise<CommandResult<TagState> & { id: string }> {
  const tagId = idsFor(context).next();
  const command = { type: 'CreateTag' as const, data: { tagId, programId: context.tenantId, name, now: now.toISOString() } };
  return { ...(await handleCommand(store, tagDecider, tagEvents, tagStream(tagId), command, context)), id: tagId };
}

export async function renameTag(store: EventStore, tagId: string, name: string, context: CommandContext, expectedVersion?: bigint, now: Date = new Date()): Promise<CommandResult<TagState>> {
  const command = { type: 'RenameTag' as const, data: { name, now: now.toISOString() } };
  return handleCommand(store, tagDecider, tagEvents, tagStream(tagId), command, context, { expectedVersion });
}
