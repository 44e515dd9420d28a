import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import type { RewardCode } from './provider.js';

export interface ECard {
  readonly programName: string;
  readonly rewardName: string;
  readonly value: string;
  readonly currency: string;
  readonly codes: readonly RewardCode[];
  readonly orderId: string;
  readonly expiration: string | null;
  readonly terms: string;
  /** The order's delivery time: the document's dates, so the same order version gives the same bytes. */
  readonly issuedAt: Date;
}

/** Helvetica speaks WinAnsi: any other character is shown as "?" rather than failing the render. */
const printable = (text: string): string => text.replace(/[^\x20-\x7e\xa0-\xff€’‘“”–—…]/g, '?');

/** Cuts a paragraph into lines of at most `width` characters, at spaces. */
function lines(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && `${line} ${word}`.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}

/** The e-card of an order, made with pdf-lib: program, reward, value, codes, expiry, terms and order_id. */
export async function renderECard(card: ECard): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(printable(`${card.rewardName} — order ${card.orderId}`));
  pdf.setAuthor(printable(card.programName));
  pdf.setProducer('goodstream');
  pdf.setCreator('goodstream fulfillment');
  pdf.setCreationDate(card.issuedAt);
  pdf.setModificationDate(card.issuedAt);
  const page = pdf.addPage([420, 595]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const mono = await pdf.embedFont(StandardFonts.Courier);
  let y = 550;
  const write = (text: string, size: number, font = regular, gap = 8): void => {
    page.drawText(printable(text), { x: 36, y, size, font, color: rgb(0.1, 0.1, 0.15) });
    y -= size + gap;
  };
  write(card.programName, 12, bold);
  write(card.rewardName, 18, bold, 12);
  write(`${card.value} ${card.currency}`, 28, bold, 18);
  for (const code of card.codes) {
    write(`${code.name}:`, 10);
    write(code.value, 16, mono, 4);
    write(code.usage, 9, regular, 12);
  }
  write(`Valid until: ${card.expiration ?? 'no expiry'}`, 10);
  write(`Order: ${card.orderId}`, 10, regular, 16);
  write('Terms and conditions', 10, bold, 4);
  for (const line of lines(card.terms || 'None.', 80).slice(0, 30)) write(line, 8, regular, 3);
  return pdf.save({ useObjectStreams: false });
}
