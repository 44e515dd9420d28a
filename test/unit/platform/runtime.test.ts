import { describe, expect, it } from 'vitest';

describe('the runtime', () => {
  it('is Node 24 or later, the one the node package pins, not the machine’s older node', () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect(major).toBeGreaterThanOrEqual(24);
  });
});
