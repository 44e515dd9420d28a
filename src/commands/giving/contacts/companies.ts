import type { CompanyState } from '../../../domain/giving/contacts/company.js';
import type { CompanyFields } from '../../../domain/giving/contacts/events.js';
import type { TagState } from '../../../domain/giving/contacts/tag.js';
import { createUseCase, type CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../../shared/command.js';
import { companies, tags } from './aggregate.js';

export const createCompany = createUseCase(companies, (fields: CompanyFields, companyId, { programId, now }) => ({
  type: 'CreateCompany' as const,
  data: { ...fields, companyId, programId, now },
}));

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

export const createTag = createUseCase(tags, (name: string, tagId, { programId, now }) => ({
  type: 'CreateTag' as const,
  data: { tagId, programId, name, now },
}));

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
