import { describe, expect, it } from 'vitest';
import { CoalescingNotifier } from '../../../src/platform/eventstore/postgres/notifier.js';

function deferredSender() {
  const pending: (() => void)[] = [];
  let sent = 0;
  const send = () =>
    new Promise<void>((resolve) => {
      sent += 1;
      pending.push(resolve);
    });
  return { send, sent: () => sent, finishOne: () => pending.shift()?.() };
}

describe('CoalescingNotifier', () => {
  it('when notified while one is in flight, then the later ones share a single next send', async () => {
    const sender = deferredSender();
    const notifier = new CoalescingNotifier(sender.send, () => undefined);
    notifier.notify();
    notifier.notify();
    notifier.notify();
    expect(sender.sent()).toBe(1);
    sender.finishOne();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sender.sent()).toBe(2);
  });

  it('when closed with sends owed, then close waits for them, and nothing is sent after it', async () => {
    const sender = deferredSender();
    const notifier = new CoalescingNotifier(sender.send, () => undefined);
    notifier.notify();
    notifier.notify();
    let closed = false;
    const closing = notifier.close().then(() => (closed = true));
    sender.finishOne();
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false); // the coalesced second send is still owed
    sender.finishOne();
    await closing;
    notifier.notify();
    expect(sender.sent()).toBe(2);
  });
});
