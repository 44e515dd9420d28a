import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerMember, memberStream } from '../../../src/commands/members/register-member.js';
import { aggregate } from '../../../src/commands/shared/aggregate.js';
import { StaleVersionError } from '../../../src/commands/shared/command.js';
import { memberEvents } from '../../../src/domain/members/events.js';
import { memberDecider } from '../../../src/domain/members/member.js';
import { toHttpError } from '../../../src/http/errors.js';
import { WrongExpectedRevisionError } from '../../../src/platform/eventstore/types.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { systemClock } from '../../../src/platform/clock.js';

const profile = {
  email: 'h@example.org',
  firstName: 'H',
  lastName: 'K',
  city: 'Bordeaux',
  zipcode: '33000',
  codePartner: null,
  birthday: null,
  street: null,
  phone: null,
  picture: null,
};
const context = { tenantId: '5f1a0c9e-7d59-4c1b-9b0e-2c4f1b7a9d10', actor: 'test' };
const members = aggregate({ decider: memberDecider, events: memberEvents, stream: memberStream });
const update = (city: string) => ({
  type: 'UpdateProfile' as const,
  data: { changes: { city }, now: new Date().toISOString() },
});

describe('the generic command handler', () => {
  let infra: TestInfra;
  let stream: string;
  let memberId: string;
  beforeAll(async () => {
    infra = await openTestInfra();
    const member = await registerMember(
      { store: infra.store, clock: systemClock },
      { profile, password: 'password-1' },
      context,
    );
    memberId = member.id;
    stream = memberStream(member.id);
  });
  afterAll(async () => {
    await infra.close();
  });

  it('when writers race without a client version, then each reloads and decides again: every change lands', async () => {
    const cities = Array.from({ length: 8 }, (_, i) => `City ${i}`);
    await Promise.all(cities.map((city) => members.handle(memberId, update(city), { store: infra.store, context })));
    const updates = (await infra.store.readStream(stream)).filter((e) => e.type === 'MemberProfileUpdated');
    expect(updates.map((e) => (e.data.changes as { city: string }).city).sort()).toEqual(cities.sort());
  });

  it('when the client names a version that is not current, then StaleVersionError (412) and nothing is written', async () => {
    const before = (await infra.store.readStream(stream)).length;
    const error = await members
      .handle(memberId, update('Lyon'), { store: infra.store, context, expectedRevision: 0n })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleVersionError);
    expect(toHttpError(error)?.status).toBe(412);
    expect(await infra.store.readStream(stream)).toHaveLength(before);
  });

  it('maps a conflict that outlasted its retries to 409 conflict, not 412', () => {
    expect(toHttpError(new WrongExpectedRevisionError('member-1', 3n, 4n))).toMatchObject({
      errorName: 'conflict',
      status: 409,
    });
  });
  it('when a stream already had a command here, then the next reads only the events since, and a write made elsewhere is folded in', async () => {
    const reads: Array<bigint | undefined> = [];
    const store = Object.create(infra.store) as typeof infra.store;
    store.readStream = (name, options) => {
      reads.push(options?.fromRevision);
      return infra.store.readStream(name, options);
    };
    const first = await members.handle(memberId, update('Pau'), { store, context });
    // Another process's write, which this one never saw through its handler.
    const elsewhere = {
      id: randomUUID(),
      type: 'MemberProfileUpdated',
      data: { memberId, changes: { zipcode: '64000' }, updatedAt: new Date().toISOString() },
    };
    await infra.store.append(stream, [elsewhere], { expectedRevision: first.version! });
    const second = await members.handle(memberId, update('Bayonne'), { store, context });

    expect(reads.at(-1)).toBe(first.version! + 1n);
    expect(second.version).toBe(first.version! + 2n);
    const state = second.state as Extract<typeof second.state, { status: 'registered' }>;
    expect(state.profile).toMatchObject({ city: 'Bayonne', zipcode: '64000' });
    // The plain store's handler, which folded the stream on its own, agrees: the city is already Bayonne.
    const whole = await members.handle(memberId, update('Bayonne'), { store: infra.store, context, maxAttempts: 1 });
    expect(whole.events).toEqual([]);
  });
  it('when this process wrote a stream last, then its next command appends without reading the stream', async () => {
    await members.handle(memberId, update('Tarbes'), { store: infra.store, context });
    const reads: string[] = [];
    const store = Object.create(infra.store) as typeof infra.store;
    store.readStream = (name, options) => {
      reads.push(name);
      return infra.store.readStream(name, options);
    };
    // The wrapper shares nothing remembered with infra.store: remember through it first.
    const first = await members.handle(memberId, update('Lourdes'), { store, context });
    reads.length = 0;
    const second = await members.handle(memberId, update('Pau'), { store, context });
    expect(reads).toEqual([]);
    expect(second.version).toBe(first.version! + 1n);
  });

  it('when another process made the change this one remembers as not done, then nothing-to-do is decided on the stream, not on the memory', async () => {
    const before = await members.handle(memberId, update('Orthez'), { store: infra.store, context });
    // Elsewhere, the city moves on to Dax; this process still remembers Orthez.
    await infra.store.append(
      stream,
      [
        {
          id: randomUUID(),
          type: 'MemberProfileUpdated',
          data: { memberId, changes: { city: 'Dax' }, updatedAt: new Date().toISOString() },
        },
      ],
      { expectedRevision: before.version! },
    );
    const back = await members.handle(memberId, update('Orthez'), { store: infra.store, context });
    expect(back.events).toHaveLength(1);
    expect(back.version).toBe(before.version! + 2n);
    const cities = (await infra.store.readStream(stream))
      .slice(-2)
      .map((e) => (e.data.changes as { city: string }).city);
    expect(cities).toEqual(['Dax', 'Orthez']);
  });
});
