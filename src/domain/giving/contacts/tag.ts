import type { Command, Decider, ProgramCommand } from '../../shared/decider.js';
import { createdOnce } from '../../shared/entity.js';
import { notFound } from '../../shared/errors.js';
import type { TagEvent } from './events.js';

export type TagState =
  { readonly kind: 'none' } | { readonly kind: 'tag'; readonly tagId: string; readonly name: string };

export type TagCommand =
  | ProgramCommand<'CreateTag', { readonly tagId: string; readonly name: string }>
  | Command<'RenameTag', { readonly name: string }>;

export const tagDecider: Decider<TagState, TagCommand, TagEvent> = {
  initialState: () => ({ kind: 'none' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'TagCreated':
        return { kind: 'tag', tagId: event.data.tagId, name: event.data.name };
      case 'TagRenamed':
        return state.kind === 'tag' ? { ...state, name: event.data.name } : state;
    }
  },
  decide: (command, state) => {
    if (command.type === 'CreateTag') return createdOnce(state.kind !== 'none', 'tag', 'TagCreated', command.data);
    if (state.kind !== 'tag') throw notFound('tag');
    if (command.data.name === state.name) return [];
    return [{ type: 'TagRenamed', data: { tagId: state.tagId, name: command.data.name, renamedAt: command.data.now } }];
  },
};
