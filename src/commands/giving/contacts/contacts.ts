import type { ContactState } from '../../../domain/giving/contacts/contact.js';
import { contactEmailClaimEvents, type ContactFields } from '../../../domain/giving/contacts/events.js';
import { DomainError } from '../../../domain/shared/errors.js';
import { claimCommand } from '../../../domain/shared/unique-claim.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import { idsFor } from '../../ids.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../../shared/command.js';
import { contactEmailClaimStream, contactStream } from '../streams.js';
import { contactEmailClaims, contacts } from './aggregate.js';

/** A claim with no contact after this long was left by a crash, not by a creation still under way. */
export const ABANDONED_CLAIM_MS = 30_000;

type Result = CommandResult<ContactState>;

const normalise = (email: string | null | undefined): string | null | undefined =>
  typeof email === 'string' ? email.trim().toLowerCase() : email;

function claim(
  store: EventStore,
  type: 'ClaimContactEmail' | 'ReleaseContactEmail',
  email: string,
  contactId: string,
  context: CommandContext,
  now: string,
) {
  const command = claimCommand('ClaimContactEmail', type, { email, contactId, now }, context.tenantId);
  return contactEmailClaims.handle(contactEmailClaimStream(context.tenantId, email), command, { store, context });
}

/**
 * Claims the email for `contactId`. A claim a crash left behind does not block
 * the email for good: one whose contact was deleted (the release never came) is
 * released first, and one with no contact after ABANDONED_CLAIM_MS is taken over.
 */
async function claimFor(
  store: EventStore,
  email: string,
  contactId: string,
  context: CommandContext,
  now: Date,
): Promise<string> {
  const at = now.toISOString();
  for (let attempt = 0; ; attempt++) {
    try {
      await claim(store, 'ClaimContactEmail', email, contactId, context, at);
      return contactId;
    } catch (error) {
      if (!(error instanceof DomainError) || error.errorName !== 'conflict_uniqueness' || attempt > 0) throw error;
      const claimed = (await store.readStream(contactEmailClaimStream(context.tenantId, email))).at(-1);
      const holder =
        claimed?.type === 'ContactEmailClaimed'
          ? contactEmailClaimEvents.ContactEmailClaimed.parse(claimed.data).contactId
          : '';
      const holderEvents = await store.readStream(contactStream(holder));
      if (holderEvents.at(-1)?.type === 'ContactDeleted') {
        await claim(store, 'ReleaseContactEmail', email, holder, context, at);
        continue;
      }
      const abandoned = claimed !== undefined && now.getTime() - claimed.createdAt.getTime() > ABANDONED_CLAIM_MS;
      if (!abandoned || holderEvents.length > 0) throw error;
      return holder;
    }
  }
}

export async function createContact(
  { store, clock }: CommandDeps,
  fields: ContactFields,
  context: CommandContext,
): Promise<Result & { id: string }> {
  const now = clock.now();
  const email = normalise(fields.email) ?? null;
  const id = idsFor(context).next();
  const contactId = email === null ? id : await claimFor(store, email, id, context, now);
  const command = {
    type: 'CreateContact' as const,
    data: { ...fields, email, contactId, programId: context.tenantId, now: now.toISOString() },
  };
  const result = await contacts.handle(contactId, command, { store, context });
  return { ...result, id: contactId };
}

/**
 * A new email is claimed before the change and the old one released after it; a refused change releases the new claim.
 */
export async function updateContact(
  { store, clock }: CommandDeps,
  contactId: string,
  changes: Partial<ContactFields>,
  currentEmail: string | null,
  context: CommandContext,
  expectedVersion?: bigint,
): Promise<Result> {
  const at = clock.now().toISOString();
  const email = normalise(changes.email);
  const newEmail = typeof email === 'string' && email !== currentEmail ? email : undefined;
  if (newEmail) await claim(store, 'ClaimContactEmail', newEmail, contactId, context, at);
  const command = {
    type: 'UpdateContact' as const,
    data: { changes: { ...changes, ...(email !== undefined ? { email } : {}) }, now: at },
  };
  let result: Result;
  try {
    result = await contacts.handle(contactId, command, { store, context, expectedRevision: expectedVersion });
  } catch (error) {
    if (newEmail) await claim(store, 'ReleaseContactEmail', newEmail, contactId, context, at);
    throw error;
  }
  if (currentEmail && email !== undefined && email !== currentEmail)
    await claim(store, 'ReleaseContactEmail', currentEmail, contactId, context, at);
  return result;
}

/** Deletes the contact, then frees its email for another contact. */
export async function deleteContact(
  { store, clock }: CommandDeps,
  contactId: string,
  context: CommandContext,
  expectedVersion?: bigint,
): Promise<Result> {
  const at = clock.now().toISOString();
  const result = await contacts.handle(
    contactId,
    { type: 'DeleteContact', data: { now: at } },
    { store, context, expectedRevision: expectedVersion },
  );
  const email = result.state.kind === 'deleted' ? result.state.last.email : null;
  if (email) await claim(store, 'ReleaseContactEmail', email, contactId, context, at);
  return result;
}

export async function tagContact(
  { store, clock }: CommandDeps,
  contactId: string,
  tagId: string,
  tagged: boolean,
  context: CommandContext,
): Promise<Result> {
  const data = { tagId, now: clock.now().toISOString() };
  const command = tagged ? { type: 'TagContact' as const, data } : { type: 'UntagContact' as const, data };
  return contacts.handle(contactId, command, { store, context });
}
