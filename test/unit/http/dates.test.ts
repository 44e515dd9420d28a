import { describe, expect, it } from 'vitest';
import { isoDate, isoDateOrDateTime, isoDateTime } from '../../../src/http/conventions/dates.js';

const refused = [
  '+275760-09-13T00:00:00Z',
  '-000001-01-01',
  '0000-01-01',
  '1899-12-31',
  '10000-01-01',
  '2026-02-30',
  '2025-02-29',
  '2026-04-31',
  '2026-13-01',
  '2026-00-10',
  'tomorrow',
  'January 31, 2026',
  '',
  '2026-1-5',
];

describe('the shared date schemas', () => {
  it('when a calendar date is real and within 1900–9999, then isoDate keeps it as written', () => {
    for (const day of ['1900-01-01', '2024-02-29', '2000-02-29', '9999-12-31', '2026-01-31'])
      expect(isoDate().parse(day)).toBe(day);
  });

  it('when a date rolls over, is out of 1900–9999, has an expanded year or is not ISO 8601, then isoDate refuses it', () => {
    for (const day of [...refused, '1900-02-29', '2026-01-31T00:00:00Z'])
      expect(isoDate().safeParse(day).success, day).toBe(false);
  });

  it('when a date-time is valid, then isoDateTime normalises it to UTC with milliseconds', () => {
    expect(isoDateTime().parse('2026-01-31T09:00:00Z')).toBe('2026-01-31T09:00:00.000Z');
    expect(isoDateTime().parse('2026-01-31T09:00:00+02:00')).toBe('2026-01-31T07:00:00.000Z');
    expect(isoDateTime().parse('2026-01-31T09:00:00.123456-0130')).toBe('2026-01-31T10:30:00.123Z');
    expect(isoDateTime().parse('2026-01-31T09:00Z')).toBe('2026-01-31T09:00:00.000Z');
    expect(isoDateTime().parse(' 2026-01-31 ')).toBe('2026-01-31T00:00:00.000Z');
    expect(isoDateTime().parse('2026-01-31T09:00:00')).toBe('2026-01-31T09:00:00.000Z');
  });

  it('when a date-time rolls over, leaves 1900–9999 (before or after moving to UTC) or has a bad clock, then isoDateTime refuses it', () => {
    const bad = [
      ...refused,
      '2026-02-30T00:00:00Z',
      '2026-01-31T24:00:00Z',
      '2026-01-31T23:60:00Z',
      '2026-01-31T23:59:60Z',
      '2026-01-31T09:00:00+24:00',
      '9999-12-31T23:00:00-05:00',
      '1900-01-01T00:30:00+01:00',
      '2026-01-31T09:00:00ZZ',
    ];
    for (const value of bad) expect(isoDateTime().safeParse(value).success, value).toBe(false);
  });

  it('when a birthday is given as a date or a date-time, then isoDateOrDateTime validates it and keeps it as written', () => {
    expect(isoDateOrDateTime().parse('1981-01-01T00:00:00+01:00')).toBe('1981-01-01T00:00:00+01:00');
    expect(isoDateOrDateTime().parse('1981-01-01')).toBe('1981-01-01');
    for (const value of refused) expect(isoDateOrDateTime().safeParse(value).success, value).toBe(false);
  });

  it('when a value is refused, then the message names the accepted form', () => {
    const result = isoDate().safeParse('2026-02-30');
    expect(result.error?.issues[0]?.message).toMatch(/YYYY-MM-DD/);
    expect(isoDateTime().safeParse(42).success).toBe(false);
  });
});
