import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailClaims } from '../../../src/commands/members/aggregates.js';
import { ABANDONED_CLAIM_MS, emailClaimStream, registerMember } from '../../../src/commands/members/register-member.js';
import { createProgram, DEFAULT_SETTINGS } from '../../../src/commands/tenancy/create-program.js';
import { DomainError } from '../../../src/domain/shared/errors.js';
import { verifyPassword } from '../../../src/platform/crypto.js';
import { allProjections } from '../../../src/contexts.js';
import { findMember, memberEmailExists } from '../../../src/projections/members/queries.js';
import { readCheckpoint } from '../../../src/projections/checkpoints.js';
import { ProjectionRunner } from '../../../src/projections/runner.js';
import { findProgramByApiKey, findProgramBySecretDigest } from '../../../src/projections/tenancy/programs.js';
import { sha256Hex } from '../../../src/platform/crypto.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { fixedClock, systemClock } from '../../../src/platform/clock.js';

const profile = {
  email: 'Zaz@Example.org',
  firstName: 'Zaz',
  lastName: 'Pétris',
  city: 'Bordeaux',
  zipcode: '33300',
  codePartner: null,
  birthday: null,
  street: 'Rue Marsan',
  phone: null,
  picture: null,
};

describe('a program, then a member, through commands and projections', () => {
  let infra: TestInfra;
  let runner: ProjectionRunner;
  beforeAll(async () => {
    infra = await openTestInfra();
    runner = new ProjectionRunner(allProjections, {
      knex: infra.knex,
      store: infra.store,
      databaseUrl: infra.url,
      logger: infra.logger,
      pollMs: 20,
    });
    runner.start();
  });
  afterAll(async () => {
    await runner.stop();
    await infra.close();
  });

  it('when a program is created and a member registers, then both read models show them, and only digests and hashes are stored', async () => {
    const program = await createProgram(
      { store: infra.store, clock: systemClock },
      { name: 'CforGood Bordeaux', settings: DEFAULT_SETTINGS },
      'admin',
    );
    expect(await runner.waitFor(program.position!, ['programs'], 5000)).toBe(true);
    const byKey = await findProgramByApiKey(infra.knex, program.apiKey);
    expect(byKey).toMatchObject({ id: program.id, name: 'CforGood Bordeaux', settings: DEFAULT_SETTINGS });
    expect((await findProgramBySecretDigest(infra.knex, sha256Hex(program.apiSecret)))?.id).toBe(program.id);

    const context = { tenantId: program.id, actor: 'member-app' };
    const member = await registerMember(
      { store: infra.store, clock: systemClock },
      { profile, password: '123nuage!' },
      context,
    );
    expect(await runner.waitFor(member.position!, ['members'], 5000)).toBe(true);
    expect(await findMember(infra.knex, program.id, member.id)).toMatchObject({
      email: 'zaz@example.org',
      firstName: 'Zaz',
      lastName: 'Pétris',
      street: 'Rue Marsan',
      version: 0,
    });
    expect(await memberEmailExists(infra.knex, program.id, 'ZAZ@example.org ')).toBe(true);

    const stored = JSON.stringify(await infra.store.readAll({ maxCount: 1000 }), (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
    expect(stored).not.toContain(program.apiSecret);
    expect(stored).not.toContain('123nuage!');
    const row = await infra.knex('rm_members').where({ id: member.id }).first<{ password_hash: string }>();
    expect(await verifyPassword('123nuage!', row.password_hash)).toBe(true);
    expect(await verifyPassword('wrong password', row.password_hash)).toBe(false);
  });

  it('when the same email registers twice in one program, then the second is conflict_uniqueness; another program may use it', async () => {
    const one = await createProgram(
      { store: infra.store, clock: systemClock },
      { name: 'One', settings: DEFAULT_SETTINGS },
      'admin',
    );
    const two = await createProgram(
      { store: infra.store, clock: systemClock },
      { name: 'Two', settings: DEFAULT_SETTINGS },
      'admin',
    );
    const results = await Promise.allSettled([
      registerMember(
        { store: infra.store, clock: systemClock },
        { profile, password: 'password-1' },
        { tenantId: one.id, actor: 'a' },
      ),
      registerMember(
        { store: infra.store, clock: systemClock },
        { profile: { ...profile, email: 'zaz@example.org' }, password: 'password-2' },
        { tenantId: one.id, actor: 'b' },
      ),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(DomainError);
    expect((refused?.reason as DomainError).errorName).toBe('conflict_uniqueness');
    const other = await registerMember(
      { store: infra.store, clock: systemClock },
      { profile, password: 'password-3' },
      { tenantId: two.id, actor: 'c' },
    );
    const reached = await runner.waitFor(other.position!, ['members'], 5000);
    expect(reached ? 'reached' : JSON.stringify(await readCheckpoint(infra.knex, 'members'))).toBe('reached');
    expect(await findMember(infra.knex, one.id, other.id)).toBeUndefined();
    expect(await findMember(infra.knex, two.id, other.id)).toBeDefined();
  });

  it('when a claim was abandoned by a crash before the member was recorded, then registering the email again completes it', async () => {
    const program = await createProgram(
      { store: infra.store, clock: systemClock },
      { name: 'Crashy', settings: DEFAULT_SETTINGS },
      'admin',
    );
    const context = { tenantId: program.id, actor: 'a' };
    const email = 'crashed@example.org';
    const claim = {
      type: 'ClaimEmail' as const,
      data: {
        email,
        memberId: 'c6a1d3a2-0000-4000-8000-000000000001',
        programId: program.id,
        now: new Date().toISOString(),
      },
    };
    await emailClaims.handle(emailClaimStream(program.id, email), claim, { store: infra.store, context });
    // Too soon: the first registration may still be under way.
    await expect(
      registerMember(
        { store: infra.store, clock: systemClock },
        { profile: { ...profile, email }, password: 'password-4' },
        context,
      ),
    ).rejects.toThrow(DomainError);
    const later = new Date(Date.now() + ABANDONED_CLAIM_MS + 1000);
    const member = await registerMember(
      { store: infra.store, clock: fixedClock(later) },
      { profile: { ...profile, email }, password: 'password-4' },
      context,
    );
    expect(member.id).toBe(claim.data.memberId);
  });
});
