import { describe, it } from 'vitest';
import type { TagEvent } from '../../../../src/domain/giving/contacts/events.js';
import { tagDecider } from '../../../../src/domain/giving/contacts/tag.js';
import { spec } from '../../../support/decider.js';

const now = '2026-11-22T10:00:00.000Z';
const created: TagEvent = {
  type: 'TagCreated',
  data: { tagId: 't1', programId: 'p1', name: 'Mécène', createdAt: now },
};
const create = { type: 'CreateTag' as const, data: { tagId: 't1', programId: 'p1', name: 'Mécène', now } };

describe('tag', () => {
  const { given } = spec(tagDecider);

  it('when created, then TagCreated; creating it again is a conflict', () => {
    given([]).when(create).then([created]);
    given([created]).when(create).thenThrows('conflict');
  });
  it('when renamed, then TagRenamed; the same name records nothing', () => {
    given([created])
      .when({ type: 'RenameTag', data: { name: 'Donateur', now } })
      .then([{ type: 'TagRenamed', data: { tagId: 't1', name: 'Donateur', renamedAt: now } }]);
    given([created])
      .when({ type: 'RenameTag', data: { name: 'Mécène', now } })
      .then([]);
  });
  it('when the tag does not exist, then renaming it is not found', () => {
    given([])
      .when({ type: 'RenameTag', data: { name: 'Donateur', now } })
      .thenThrows('not_found');
  });
});
