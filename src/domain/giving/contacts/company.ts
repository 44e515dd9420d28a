import type { Command, Decider, ProgramCommand } from '../../shared/decider.js';
import { changedFields, createdOnce, updatedEvents } from '../../shared/entity.js';
import { notFound } from '../../shared/errors.js';
import type { CompanyEvent, CompanyFields } from './events.js';

export type CompanyState =
  | { readonly kind: 'none' }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'company'; readonly companyId: string; readonly fields: CompanyFields };

export type CompanyCommand =
  | ProgramCommand<'CreateCompany', CompanyFields & { readonly companyId: string }>
  | Command<'UpdateCompany', { readonly changes: Partial<CompanyFields> }>
  | Command<'DeleteCompany'>;

export const companyDecider: Decider<CompanyState, CompanyCommand, CompanyEvent> = {
  initialState: () => ({ kind: 'none' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'CompanyCreated': {
        const { companyId, name, website, phone, address } = event.data;
        return { kind: 'company', companyId, fields: { name, website, phone, address } };
      }
      case 'CompanyUpdated':
        return state.kind === 'company' ? { ...state, fields: { ...state.fields, ...event.data.changes } } : state;
      case 'CompanyDeleted':
        return { kind: 'deleted' };
    }
  },
  decide: (command, state) => {
    if (command.type === 'CreateCompany') {
      return createdOnce(state.kind !== 'none', 'company', 'CompanyCreated', command.data);
    }
    if (state.kind !== 'company') throw notFound('company');
    const { companyId } = state;
    if (command.type === 'DeleteCompany')
      return [{ type: 'CompanyDeleted', data: { companyId, deletedAt: command.data.now } }];
    const changes = changedFields(state.fields, command.data.changes);
    return updatedEvents('CompanyUpdated', { companyId }, changes, command.data.now);
  },
};
