import type { CompanyState } from '../../../domain/giving/contacts/company.js';
import type { CompanyFields } from '../../../domain/giving/contacts/events.js';
import type { TagState } from '../../../domain/giving/contacts/tag.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../../shared/command.js';
import { companies, tags } from './aggregate.js';

export async function createCompany(
  deps: CommandDeps,
  fields: CompanyFields,
  context: CommandContext,
): Promise<CommandResult<CompanyState> & { id: string }> {
  return companies.runNew(deps, context, (companyId, { programId, now }) => ({
    type: 'CreateCompany',
    data: { ...fields, companyId, programId, now },
  }));
}

export async function updateCompany(
  deps: CommandDeps,
  companyId: string,
  changes: Partial<CompanyFields>,
  context: CommandContext,
  expectedVersion?: bigint,
): Promise<CommandResult<CompanyState>> {
  return companies.run(deps, companyId, context, ({ now }) => ({ type: 'UpdateCompany', data: { changes, now } }), {
    expectedRevision: expectedVersion,
  });
}

export async function deleteCompany(
  deps: CommandDeps,
  companyId: string,
  context: CommandContext,
  expectedVersion?: bigint,
): Promise<CommandResult<CompanyState>> {
  return companies.run(deps, companyId, context, ({ now }) => ({ type: 'DeleteCompany', data: { now } }), {
    expectedRevision: expectedVersion,
  });
}

export async function createTag(
  deps: CommandDeps,
  name: string,
  context: CommandContext,
): Promise<CommandResult<TagState> & { id: string }> {
  return tags.runNew(deps, context, (tagId, { programId, now }) => ({
    type: 'CreateTag',
    data: { tagId, programId, name, now },
  }));
}

export async function renameTag(
  deps: CommandDeps,
  tagId: string,
  name: string,
  context: CommandContext,
  expectedVersion?: bigint,
): Promise<CommandResult<TagState>> {
  return tags.run(deps, tagId, context, ({ now }) => ({ type: 'RenameTag', data: { name, now } }), {
    expectedRevision: expectedVersion,
  });
}
