import { describe, expect, it } from 'vitest';
import { connectionDecider, type ConnectionCommand } from '../../../../src/domain/hub/connections/connection.js';
import type { ConnectionEvent } from '../../../../src/domain/hub/connections/events.js';
import { fold } from '../../../../src/domain/shared/decider.js';
import { DomainError } from '../../../../src/domain/shared/errors.js';
import { spec } from '../../../support/decider.js';

const now = '2026-12-05T09:00:00.000Z';
const later = '2026-12-06T09:00:00.000Z';
const creation = {
  connectionId: 'k1',
  hubId: 'h1',
  programId: 'p1',
  customerId: 'c1',
  bankId: 'b1',
  providerCode: 'sandbox',
  providerConnectionId: 'sandbox-ok:1',
  credentialsDigest: 'd1',
  dataProviderType: 'bank' as const,
  transactionsEligibleFromDate: now,
  consentExpiresAt: '2027-06-03T09:00:00.000Z',
  credentialsPreviouslyUsed: false,
};
const created: ConnectionEvent = { type: 'BankConnectionCreated', data: { ...creation, createdAt: now } };
const synced: ConnectionEvent = {
  type: 'BankConnectionSynced',
  data: { connectionId: 'k1', cursor: '4', imported: 4, syncedAt: now },
};
const desynchronized: ConnectionEvent = {
  type: 'BankConnectionDesynchronized',
  data: { connectionId: 'k1', errorCode: 'invalidCredentials', errorMessage: 'wrong', desynchronizedAt: later },
};
const deleted: ConnectionEvent = {
  type: 'BankConnectionDeleted',
  data: { connectionId: 'k1', by: 'customer', deletedAt: later },
};
const remove = (others: number, evenTheLast = false): ConnectionCommand => ({
  type: 'DeleteConnection',
  data: { by: 'customer', others, evenTheLast, now: later },
});

function refusal(given: ConnectionEvent[], command: ConnectionCommand): [string, string | undefined] | undefined {
  try {
    connectionDecider.decide(command, fold(connectionDecider, given));
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return [(error as DomainError).errorName, (error as DomainError).details[0]?.code];
  }
  return undefined;
}

describe('a bank connection', () => {
  const connection = spec(connectionDecider);

  it('when the callback is accepted, then BankConnectionCreated', () => {
    connection
      .given([])
      .when({ type: 'CreateConnection', data: { ...creation, now } })
      .then([created]);
  });

  it('when it exists already, then conflict', () => {
    connection
      .given([created])
      .when({ type: 'CreateConnection', data: { ...creation, now } })
      .thenThrows('conflict');
  });

  it('when a sync reads the feed, then BankConnectionSynced with the cursor', () => {
    connection
      .given([created])
      .when({ type: 'RecordSync', data: { cursor: '4', imported: 4, now } })
      .then([synced]);
  });

  it('when a sync fails, then BankConnectionDesynchronized; failing again with the same error, nothing', () => {
    const command: ConnectionCommand = {
      type: 'Desynchronize',
      data: { errorCode: 'invalidCredentials', errorMessage: 'wrong', now: later },
    };
    connection.given([created, synced]).when(command).then([desynchronized]);
    connection.given([created, synced, desynchronized]).when(command).then([]);
  });

  it('when a sync fails with another error, then desynchronised again with that error', () => {
    connection
      .given([created, desynchronized])
      .when({
        type: 'Desynchronize',
        data: { errorCode: 'psd2ConnectionExpired', errorMessage: 'expired', now: later },
      })
      .then([
        {
          type: 'BankConnectionDesynchronized',
          data: {
            connectionId: 'k1',
            errorCode: 'psd2ConnectionExpired',
            errorMessage: 'expired',
            desynchronizedAt: later,
          },
        },
      ]);
  });

  it('when a good sync follows a failing one, then resynchronised before the sync', () => {
    connection
      .given([created, desynchronized])
      .when({ type: 'RecordSync', data: { cursor: '5', imported: 1, now: later } })
      .then([
        {
          type: 'BankConnectionResynchronized',
          data: { connectionId: 'k1', providerConnectionId: null, consentExpiresAt: null, resynchronizedAt: later },
        },
        { type: 'BankConnectionSynced', data: { connectionId: 'k1', cursor: '5', imported: 1, syncedAt: later } },
      ]);
  });

  it('when the customer re-authorises, then resynchronised with the new consent', () => {
    connection
      .given([created, desynchronized])
      .when({ type: 'Reauthorise', data: { providerConnectionId: 'sandbox-ok:2', consentExpiresAt: null, now: later } })
      .then([
        {
          type: 'BankConnectionResynchronized',
          data: {
            connectionId: 'k1',
            providerConnectionId: 'sandbox-ok:2',
            consentExpiresAt: null,
            resynchronizedAt: later,
          },
        },
      ]);
  });

  it('when a re-authorisation names a new provider connection, then its feed is read from its start', () => {
    const back = (providerConnectionId: string | null): ConnectionEvent => ({
      type: 'BankConnectionResynchronized',
      data: { connectionId: 'k1', providerConnectionId, consentExpiresAt: later, resynchronizedAt: later },
    });
    const cursorAfter = (events: ConnectionEvent[]) => {
      const state = fold(connectionDecider, events);
      return state.status === 'none' ? undefined : [state.providerConnectionId, state.cursor, state.consentExpiresAt];
    };
    expect(cursorAfter([created, synced, desynchronized, back('sandbox-ok:2')])).toEqual(['sandbox-ok:2', null, later]);
    expect(cursorAfter([created, synced, desynchronized, back(null)])).toEqual(['sandbox-ok:1', '4', later]);
  });

  it('when the customer has another connection, then the deletion is BankConnectionDeleted', () => {
    connection.given([created, synced]).when(remove(1)).then([deleted]);
  });

  it('when it is the last one, then refused with lastConnection, unless the customer goes too', () => {
    expect(refusal([created], remove(0))).toEqual(['operation_refused', 'lastConnection']);
    connection.given([created]).when(remove(0, true)).then([deleted]);
  });

  it('when the connection is unknown or deleted, then not found with invalidConnectionId', () => {
    expect(refusal([], remove(1))).toEqual(['not_found', 'invalidConnectionId']);
    expect(refusal([created, deleted], remove(1))).toEqual(['not_found', 'invalidConnectionId']);
    expect(refusal([created, deleted], { type: 'RecordSync', data: { cursor: '9', imported: 0, now } })).toEqual([
      'not_found',
      'invalidConnectionId',
    ]);
  });
});
