import { describe, expect, it } from 'vitest';
import { sandboxReceiptReader } from '../../../../src/commands/hub/ports/receipt-reader.js';

const read = (filename: string | null, ocr: string | null = null) => sandboxReceiptReader.read({ filename, ocr });

describe('the sandbox ReceiptReader', () => {
  it('reads the filename <store>_<total>_<YYYYMMDD>[_<HHmm>].<ext>', async () => {
    await expect(read('18289514_24.17_20230115_1309.jpg')).resolves.toEqual({
      kind: 'read',
      ocr: {
        businessIdentifier: '18289514',
        total: 2417,
        currency: 'EUR',
        date: '2023-01-15',
        time: '13:09',
        paymentMethod: null,
      },
    });
    await expect(read('A-1_5_20230115.png')).resolves.toMatchObject({ ocr: { total: 500, time: null } });
    await expect(read('A-1_-5.00_20230115.png')).resolves.toMatchObject({ ocr: { total: -500 } });
  });
  it('takes notaticket* as not a ticket, and anything else as unreadable', async () => {
    await expect(read('NotATicket-selfie.jpg')).resolves.toEqual({ kind: 'notATicket' });
    await expect(read('photo.jpg')).resolves.toEqual({ kind: 'unreadable' });
    await expect(read('A-1_5_20231345.png')).resolves.toEqual({ kind: 'unreadable' });
    await expect(read(null)).resolves.toEqual({ kind: 'unreadable' });
  });
  it('prefers the ocr part, and reads a broken one as unreadable', async () => {
    const ocr = JSON.stringify({ businessIdentifier: 'B-2', total: '12.5', currency: 'eur', date: '2026-12-01' });
    await expect(read('18289514_24.17_20230115.jpg', ocr)).resolves.toEqual({
      kind: 'read',
      ocr: {
        businessIdentifier: 'B-2',
        total: 1250,
        currency: 'EUR',
        date: '2026-12-01',
        time: null,
        paymentMethod: null,
      },
    });
    await expect(read(null, JSON.stringify({ notATicket: true }))).resolves.toEqual({ kind: 'notATicket' });
    await expect(read(null, '{nope')).resolves.toEqual({ kind: 'unreadable' });
    await expect(read(null, '[1]')).resolves.toEqual({ kind: 'unreadable' });
  });
});
