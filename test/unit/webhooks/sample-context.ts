/** The fixed clock and ids the payload tests draw samples with, and key helpers to compare field names. */
export const now = new Date('2026-11-22T10:00:00.000Z');
export const uuidIds = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const plainIds = (n: number): string => `id_${n}`;
export const ctx = { now, id: uuidIds };

export const keys = (value: unknown): string[] => Object.keys(value as object).sort();
export const sorted = (names: string[]): string[] => [...names].sort();
