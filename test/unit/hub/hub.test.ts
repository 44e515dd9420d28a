import { describe, it } from 'vitest';
import type { HubEvent } from '../../../src/domain/hub/hubs/events.js';
import { settings } from '../../support/fixtures/hub.js';
import { hostClaimDecider } from '../../../src/domain/hub/hubs/host-claim.js';
import { hubDecider } from '../../../src/domain/hub/hubs/hub.js';
import { spec } from '../../support/decider.js';

const now = '2026-12-01T09:00:00.000Z';
const later = '2026-12-02T09:00:00.000Z';

const created: HubEvent = { type: 'HubCreated', data: { hubId: 'h1', programId: 'p1', settings, createdAt: now } };
const optins = [{ code: 'cgu', label: { fr: 'CGU' }, required: true }];

describe('hub', () => {
  const { given } = spec(hubDecider);

  it('is created once per program', () => {
    given([])
      .when({ type: 'CreateHub', data: { hubId: 'h1', programId: 'p1', settings, now } })
      .then([created]);
    given([created])
      .when({ type: 'CreateHub', data: { hubId: 'h1', programId: 'p1', settings, now } })
      .thenThrows('conflict');
  });

  it('needs a data retrieval method', () => {
    given([])
      .when({
        type: 'CreateHub',
        data: { hubId: 'h1', programId: 'p1', settings: { ...settings, dataRetrievalMethod: [] }, now },
      })
      .thenThrows('invalid_request');
  });

  it('records only the fields that change, and nothing for a repeat', () => {
    given([created])
      .when({
        type: 'UpdateHub',
        data: { programId: 'p1', changes: { name: 'Les Arcades', scanEnable: true }, now: later },
      })
      .then([{ type: 'HubUpdated', data: { hubId: 'h1', changes: { scanEnable: true }, updatedAt: later } }]);
    given([created])
      .when({ type: 'UpdateHub', data: { programId: 'p1', changes: { name: 'Les Arcades' }, now: later } })
      .then([]);
  });

  it("is another program's 404, and an operator's to change", () => {
    given([created])
      .when({ type: 'UpdateHub', data: { programId: 'p2', changes: { name: 'Mine' }, now: later } })
      .thenThrows('not_found');
    given([created])
      .when({
        type: 'UpdateHub',
        data: { programId: undefined, changes: {}, operator: { cashbackProvider: 'sandbox' }, now: later },
      })
      .then([
        {
          type: 'HubUpdated',
          data: { hubId: 'h1', changes: {}, operator: { cashbackProvider: 'sandbox' }, updatedAt: later },
        },
      ]);
  });

  it('configures optins per registration type, each code once, a repeat recording nothing', () => {
    const configured: HubEvent = {
      type: 'HubOptinsConfigured',
      data: { hubId: 'h1', registrationType: 'SCR', optins, configuredAt: later },
    };
    given([created])
      .when({ type: 'ConfigureOptins', data: { programId: 'p1', registrationType: 'SCR', optins, now: later } })
      .then([configured]);
    given([created, configured])
      .when({ type: 'ConfigureOptins', data: { programId: 'p1', registrationType: 'SCR', optins, now: later } })
      .then([]);
    given([created])
      .when({
        type: 'ConfigureOptins',
        data: { programId: 'p1', registrationType: 'SCR', optins: [...optins, ...optins], now },
      })
      .thenThrows('invalid_request');
    given([])
      .when({ type: 'ConfigureOptins', data: { programId: 'p1', registrationType: 'SCR', optins, now } })
      .thenThrows('not_found');
  });
});

describe('hub host claim', () => {
  const { given } = spec(hostClaimDecider);
  const claimed = {
    type: 'HubHostClaimed' as const,
    data: { host: 'a.example', hubId: 'h1', programId: 'p1', claimedAt: now },
  };

  it('gives a host to one hub, again to the same one, and frees it on release', () => {
    given([])
      .when({ type: 'ClaimHost', data: { host: 'a.example', hubId: 'h1', programId: 'p1', now } })
      .then([claimed]);
    given([claimed])
      .when({ type: 'ClaimHost', data: { host: 'a.example', hubId: 'h1', programId: 'p1', now } })
      .then([]);
    given([claimed])
      .when({ type: 'ClaimHost', data: { host: 'a.example', hubId: 'h2', programId: 'p2', now } })
      .thenThrows('conflict_uniqueness');
    given([claimed])
      .when({ type: 'ReleaseHost', data: { host: 'a.example', hubId: 'h1', now: later } })
      .then([{ type: 'HubHostReleased', data: { host: 'a.example', hubId: 'h1', releasedAt: later } }]);
  });
});
