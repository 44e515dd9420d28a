import { describe, expect, it } from 'vitest';
import { profileReader } from '../../../src/http/members/members/profile.js';

/** A profile loader that counts its reads, and a runner whose stamp the test sets. */
function setup() {
  let reads = 0;
  const stamps: { value: number | undefined; asked: string[][] } = { value: undefined, asked: [] };
  const load = (programId: string, memberId: string) => Promise.resolve({ programId, memberId, read: ++reads });
  const runner = {
    readModelStamp: (names: readonly string[]) => {
      stamps.asked.push([...names]);
      return stamps.value;
    },
  };
  return { read: profileReader(load, runner), stamps, reads: () => reads };
}

describe('profileReader', () => {
  it('given a process that does not apply the read models itself, when a profile is read twice, then both reads go to the database', async () => {
    const { read, stamps, reads } = setup();
    await read('p1', 'm1');
    await read('p1', 'm1');
    expect(reads()).toBe(2);
    expect(stamps.asked[0]).toEqual(['members', 'perks', 'causes']);
  });

  it('given unchanged read models, when a profile is read twice, then the second is served from memory', async () => {
    const { read, stamps, reads } = setup();
    stamps.value = 7;
    expect(await read('p1', 'm1')).toEqual({ programId: 'p1', memberId: 'm1', read: 1 });
    expect(await read('p1', 'm1')).toEqual({ programId: 'p1', memberId: 'm1', read: 1 });
    expect(reads()).toBe(1);
  });

  it('given a cached profile, when a read model changes, then the next read goes to the database', async () => {
    const { read, stamps, reads } = setup();
    stamps.value = 7;
    await read('p1', 'm1');
    stamps.value = 8;
    expect(await read('p1', 'm1')).toMatchObject({ read: 2 });
    expect(reads()).toBe(2);
  });

  it('given a cached profile, when another program asks for the same member id, then it is not served the cached one', async () => {
    const { read, stamps } = setup();
    stamps.value = 7;
    await read('p1', 'm1');
    expect(await read('p2', 'm1')).toEqual({ programId: 'p2', memberId: 'm1', read: 2 });
  });
});
