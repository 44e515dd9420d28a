import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { NewEvent } from '../../src/platform/eventstore/types.js';
import { startTestApp, type TestApp } from './app.js';
import type { Receiver } from './receiver.js';

/** A MemberRegistered straight into the log, as the webhook dispatcher sees a registration. */
export const memberRegistered = (programId: string, email = `${randomUUID()}@example.org`): NewEvent => ({
  id: randomUUID(),
  type: 'MemberRegistered',
  data: {
    memberId: randomUUID(),
    programId,
    profile: {
      email,
      firstName: 'M',
      lastName: 'R',
      city: 'Bordeaux',
      zipcode: '33000',
      codePartner: null,
      birthday: null,
      street: null,
      phone: null,
      picture: null,
    },
    passwordHash: 'scrypt$x',
    registeredAt: new Date().toISOString(),
  },
  metadata: { tenantId: programId, actor: 'test', schemaVersion: 1 },
});

/** An app with one program that subscribes loopback receivers to member.registered. */
export interface WebhookProgram {
  readonly app: TestApp;
  readonly programId: string;
  readonly credentials: Record<string, string>;
  subscribe(receiver: Receiver): Promise<string>;
  unsubscribe(id: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startWebhookProgram(name: string, env: Record<string, string>): Promise<WebhookProgram> {
  const app = await startTestApp(env);
  const program = (await app.createProgram({ name })).data as { id: string; api_key: string; api_secret: string };
  const credentials = { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret };
  const receivers: Receiver[] = [];
  return {
    app,
    programId: program.id,
    credentials,
    async subscribe(receiver) {
      receivers.push(receiver);
      const created = await app.request('POST', '/v1/webhooks', {
        headers: credentials,
        body: { url: receiver.url, events: ['member.registered'] },
      });
      expect(created.status).toBe(201);
      return String((created.body.data as { webhookId: string }).webhookId);
    },
    async unsubscribe(id) {
      expect((await app.request('DELETE', `/v1/webhooks/${id}`, { headers: credentials })).status).toBe(204);
    },
    async stop() {
      await app.stop();
      await Promise.all(receivers.map((r) => r.close()));
    },
  };
}
