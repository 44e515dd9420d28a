import type { Ocr, Reading } from '../../../domain/hub/receipts/rules.js';

/** Receipt OCR and human annotation (isahit): what a paper says. */
export interface ReceiptReader {
  read(input: { readonly filename: string | null; readonly ocr: string | null }): Promise<Reading>;
}

const FILENAME = /^([^_]+)_(-?\d{1,9}(?:\.\d{1,2})?)_(\d{4})(\d{2})(\d{2})(?:_(\d{2})(\d{2}))?\.[A-Za-z0-9]{1,5}$/;
const DECIMAL = /^-?\d{1,9}(?:\.\d{1,2})?$/;

/** "24.17" or 24.17 → 2417; anything else null. */
function minor(value: unknown): number | null {
  const text = typeof value === 'number' && Number.isFinite(value) ? value.toFixed(2) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text.trim())) return null;
  const [units = '0', cents = ''] = text.trim().replace('-', '').split('.');
  const n = Number(units) * 100 + Number(cents.padEnd(2, '0'));
  return text.trim().startsWith('-') ? -n : n;
}

const str = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value.trim().length > 0 ? value.trim().slice(0, max) : null;

function isoDate(value: unknown): string | null {
  const text = str(value, 10);
  const m = text === null ? null : /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso
    ? null
    : iso;
}

const time = (value: unknown): string | null => {
  const m = /^([01]\d|2[0-3]):?([0-5]\d)$/.exec(str(value, 5) ?? '');
  return m ? `${m[1]}:${m[2]}` : null;
};

function fromJson(text: string): Reading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'unreadable' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { kind: 'unreadable' };
  const o = parsed as Record<string, unknown>;
  if (o.notATicket === true) return { kind: 'notATicket' };
  const currency = str(o.currency, 3)?.toUpperCase() ?? null;
  const ocr: Ocr = {
    businessIdentifier: str(o.businessIdentifier, 100),
    total: minor(o.total),
    currency: currency !== null && /^[A-Z]{3}$/.test(currency) ? currency : null,
    date: isoDate(o.date),
    time: time(o.time),
    paymentMethod: str(o.paymentMethod, 50),
  };
  return { kind: 'read', ocr };
}

function fromFilename(filename: string): Reading {
  if (/^notaticket/i.test(filename)) return { kind: 'notATicket' };
  const m = FILENAME.exec(filename);
  if (!m) return { kind: 'unreadable' };
  const [, store, total, y, mo, d, hh, mm] = m;
  const date = isoDate(`${y}-${mo}-${d}`);
  if (date === null) return { kind: 'unreadable' };
  const ocr: Ocr = {
    businessIdentifier: store ?? null,
    total: minor(total),
    currency: 'EUR',
    date,
    time: hh !== undefined && mm !== undefined ? time(`${hh}:${mm}`) : null,
    paymentMethod: null,
  };
  return { kind: 'read', ocr };
}

/**
 * The sandbox reader: a multipart part `ocr` (JSON `{businessIdentifier, total, currency, date, time, paymentMethod,
 * notATicket}`), else the filename `<storeExternalId>_<total>_<YYYYMMDD>[_<HHmm>].<ext>`; `notaticket*` is not a
 * ticket; anything else is unreadable (underReview). A real adapter would send the image to OCR or annotators and
 * answer later (a callback through the provider route), with retries and a rate limit.
 */
export const sandboxReceiptReader: ReceiptReader = {
  read: ({ filename, ocr }) =>
    Promise.resolve(ocr !== null ? fromJson(ocr) : filename !== null ? fromFilename(filename) : { kind: 'unreadable' }),
};
