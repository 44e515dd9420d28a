import type { CompanyState } from '../../../domain/giving/contacts/company.js';
import type { CompanyFields } from '../../../domain/giving/contacts/events.js';
import type { TagState } from '../../../domain/giving/contacts/tag.js';
import { idsFor } from '../../ids.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../../shared/command.js';
import { companies, tags } from './aggregate.js';

export async function createCompany(
  { store, clock }: CommandDeps,
  fields: CompanyFields,
  context: CommandContext,
): Promise<CommandResult<CompanyState> & { id: string }> {
  const companyId = idsFor(context).next();
  const command = {
    type: 'CreateCompany' as const,
    data: { ...fields, companyId, programId: context.tenantId, now: clock.now().toISOString() },
  };
  return { ...(await companies.handle(companyId, command, { store, context })), id: companyId };
}

export async function updateCompany(
  { store, clock }: CommandDeps,
  companyId: string,
  changes: Partial<CompanyFields>,
  context: CommandContext,
  expectedVersion?: bigint,
): Promise<CommandResult<CompanyState>> {
  const command = { type: 'UpdateCompany' as const, data: { changes, now: clock.now().toISOString() } };
  return companies.handle(companyId, command, { store, context, expectedRevision: expectedVersion });
}

export async function deleteCompany(
  { store, clock }: CommandDeps,
  companyId: string,
  context: CommandContext,
  expectedVersion?: bigint,
): Promise<CommandResult<CompanyState>> {
  const command = { type: 'DeleteCompany' as const, data: { now: clock.now().toISOString() } };
  return companies.handle(companyId, command, { store, context, expectedRevision: expectedVersion });
}

export async function createTag(
  { store, clock }: CommandDeps,
  name: string,
  context: CommandContext,
): Promise<CommandResult<TagState> & { id: string }> {
  const tagId = idsFor(context).next();
  const command = {
    type: 'CreateTag' as const,
    data: { tagId, programId: context.tenantId, name, now: clock.now().toISOString() },
  };
  return { ...(await tags.handle(tagId, command, { store, context })), id: tagId };
}

export async function renameTag(
  { store, clock }: CommandDeps,
  tagId: string,
  name: string,
  context: CommandContext,
  expectedVersion?: bigint,
): Promise<CommandResult<TagState>> {
  const command = { type: 'RenameTag' as const, data: { name, now: clock.now().toISOString() } };
  return tags.handle(tagId, command, { store, context, expectedRevision: expectedVersion });
}
