import type { Decider } from '../../shared/decider.js';
import { DomainError, notFound } from '../../shared/errors.js';
import type { TagEvent } from './events.js';

export type TagState =
  { readonly kind: 'none' } | { readonly kind: 'tag'; readonly tagId: string; readonly name: string };

export type TagCommand =
  | {
      readonly type: 'CreateTag';
      readonly data: {
        readonly tagId: string;
        readonly programId: string;
        readonly name: string;
        readonly now: string;
      };
    }
  | { readonly type: 'RenameTag'; readonly data: { readonly name: string; readonly now: string } };

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
    if (command.type === 'CreateTag') {
      if (state.kind !== 'none') throw new DomainError('conflict', 'the tag exists already');
      const { now, ...data } = command.data;
      return [{ type: 'TagCreated', data: { ...data, createdAt: now } }];
    }
    if (state.kind !== 'tag') throw notFound('tag');
    if (command.data.name === state.name) return [];
    return [{ type: 'TagRenamed', data: { tagId: state.tagId, name: command.data.name, renamedAt: command.data.now } }];
  },
};
