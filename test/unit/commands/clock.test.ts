import { describe, expect, it } from 'vitest';
import { createSubscription } from '../../../src/commands/webhooks/subscriptions.js';
import { fixedClock } from '../../../src/platform/clock.js';
import { MemoryStore } from './memory-store.js';

describe('the clock of a use case', () => {
  it('given a fixed clock, when a subscription is created, then its event and answer carry that time, not the system time', async () => {
    const store = new MemoryStore();
    const clock = fixedClock('2031-05-04T03:02:01.000Z');
    const box = { kid: 'test', seal: (s: string) => `sealed:${s}`, open: (s: string) => s.slice(7) };
    const input = { name: null, url: 'https://example.org/hook', events: ['customer_creation'], active: true };
    const created = await createSubscription(
      { store, clock },
      input,
      { tenantId: 'p1', actor: 'program:p1' },
      { box, existing: 0, max: 10 },
    );
    expect(created.createdAt).toBe('2031-05-04T03:02:01.000Z');
    const [event] = store.streams.get(`webhooksub-${created.id}`)!;
    expect(JSON.stringify(event!.data)).toContain('2031-05-04T03:02:01.000Z');
  });
});
