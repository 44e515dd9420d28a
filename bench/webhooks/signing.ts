import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { memberWebhookPayloads } from '../../src/http/members/members/webhooks.js';
import { signedString } from '../../src/platform/signing-key.js';
import { timedBar } from '../shared/progress.js';
import { perSecondFor } from '../shared/run.js';

/** Signatures per second of one timed run. */
export interface SignRound {
  readonly perSecond: number;
  readonly count: number;
}

/** A member.registered body as the dispatcher makes it, for the member `n`. */
export function registeredBody(n: number): string {
  const data = {
    memberId: randomUUID(),
    profile: {
      email: `member${n}@bench.example.org`,
      firstName: 'Bench',
      lastName: `Member ${n}`,
      city: 'Bordeaux',
      zipcode: '33000',
      codePartner: null,
      birthday: null,
      street: null,
      phone: null,
      picture: null,
    },
    registeredAt: new Date().toISOString(),
  };
  const [message] = memberWebhookPayloads(
    { type: 'MemberRegistered', data },
    { eventId: randomUUID(), createdAt: new Date().toISOString() },
  );
  return JSON.stringify(message!.payload);
}

/** What the worker signs per attempt: `Expires-at|push_url|post_body|` (seed 004). */
export function typicalSignedString(url: string): string {
  return signedString([String(Math.floor(Date.now() / 1000) + 60), url, registeredBody(1)]);
}

export function newRsaKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/** node:crypto `sign('sha256', …)` with an RSA-2048 key, back to back in this thread, for `seconds`. */
export async function signRound(label: string, key: KeyObject, text: string, seconds: number): Promise<SignRound> {
  const progress = timedBar(label, seconds);
  const data = Buffer.from(text, 'utf8');
  let sink = 0;
  try {
    return await perSecondFor(seconds, () => {
      for (let i = 0; i < 50; i++) sink += sign('sha256', data, key)[0]!;
      return 50;
    });
  } finally {
    progress.stop();
    if (sink < 0) console.error('unreachable: keeps the signatures from being optimised away');
  }
}
