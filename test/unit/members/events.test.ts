import { describe, expect, it } from 'vitest';
import { memberEvents } from '../../../src/domain/members/events.js';

describe('member event schemas', () => {
  it('when a stored profile update names only the city, then reading it back adds no other field (the picture is not erased)', () => {
    const data = memberEvents.MemberProfileUpdated.parse({
      memberId: 'm1',
      changes: { city: 'Paris' },
      updatedAt: '2026-11-22T10:00:00.000Z',
    });
    expect(data.changes).toEqual({ city: 'Paris' });
  });

  it('when a registration was stored before pictures existed, then it reads with no picture', () => {
    const profile = {
      email: 'a@b.co',
      firstName: 'A',
      lastName: 'B',
      city: 'Bordeaux',
      zipcode: '33000',
      codePartner: null,
      birthday: null,
      street: null,
      phone: null,
    };
    const data = memberEvents.MemberRegistered.parse({
      memberId: 'm1',
      programId: 'p1',
      profile,
      passwordHash: 'scrypt$x',
      registeredAt: '2026-11-22T10:00:00.000Z',
    });
    expect(data.profile.picture).toBeNull();
  });
});
