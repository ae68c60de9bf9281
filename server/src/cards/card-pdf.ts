import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

/** What the printable card shows (the QR as a PNG rendered beforehand). */
export interface CardPdfInput {
  title: string;
  name: string;
  birthDate: string;
  doses: { vaccine: string; date: string; performer: string | null; lotNumber: string | null }[];
  issuerName: string;
  issuerUrl: string;
  /** YYYY-MM-DD. */
  issuedOn: string;
  cardId: string;
  qrPng: Uint8Array;
}

const PT_PER_MM = 72 / 25.4;
/** 60 mm: comfortably above the spec's 40 × 40 mm for a version-22 QR, so phone cameras read it off paper. */
const QR_SIZE = 60 * PT_PER_MM;
const PAGE: [number, number] = [612, 792]; // US Letter
const MARGIN = 54;
const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.35, 0.35, 0.35);

/**
 * The printable card, for residents without a smartphone: name, birth date, the doses, the QR (60 mm), the issuer
 * and the issue date. Standard Helvetica (no font files to ship): it encodes WinAnsi only, so other characters are
 * shown without their accents or as "?" — the QR itself always carries the exact data.
 */
export async function renderCardPdf(input: CardPdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(input.title);
  doc.setCreator('Tessera');
  doc.setProducer('Tessera');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const text = printable(regular);
  const qr = await doc.embedPng(input.qrPng);

  let page = doc.addPage(PAGE);
  const width = PAGE[0] - 2 * MARGIN;
  let y = PAGE[1] - MARGIN;
  const line = (s: string, opts: { font?: PDFFont; size?: number; color?: typeof INK; x?: number; max?: number } = {}) => {
    const size = opts.size ?? 11;
    const font = opts.font ?? regular;
    y -= size * 1.35;
    page.drawText(fit(text(s), font, size, opts.max ?? width), { x: opts.x ?? MARGIN, y, size, font, color: opts.color ?? INK });
  };

  line(input.title, { font: bold, size: 18 });
  line('SMART Health Card', { size: 11, color: MUTED });
  y -= 12;
  line(input.name, { font: bold, size: 15 });
  line(`Date of birth: ${input.birthDate}`, { size: 12 });

  y -= 16;
  page.drawImage(qr, { x: (PAGE[0] - QR_SIZE) / 2, y: y - QR_SIZE, width: QR_SIZE, height: QR_SIZE });
  y -= QR_SIZE + 4;
  const hint = text('Scan with a SMART Health Card verifier app.');
  const hintWidth = regular.widthOfTextAtSize(hint, 9);
  y -= 12;
  page.drawText(hint, { x: (PAGE[0] - hintWidth) / 2, y, size: 9, font: regular, color: MUTED });

  y -= 20;
  line('Doses', { font: bold, size: 12 });
  const cols = { date: MARGIN, vaccine: MARGIN + 78, performer: MARGIN + 330 };
  const header = y;
  for (const [label, x] of [['Date', cols.date], ['Vaccine', cols.vaccine], ['Given by / lot', cols.performer]] as const) {
    page.drawText(label, { x, y: header - 13, size: 9, font: bold, color: MUTED });
  }
  y -= 16;
  for (const dose of input.doses) {
    if (y < MARGIN + 60) {
      page = doc.addPage(PAGE);
      y = PAGE[1] - MARGIN;
    }
    y -= 14;
    page.drawText(dose.date, { x: cols.date, y, size: 10, font: regular, color: INK });
    page.drawText(fit(text(dose.vaccine), regular, 10, cols.performer - cols.vaccine - 8), { x: cols.vaccine, y, size: 10, font: regular, color: INK });
    const by = [dose.performer, dose.lotNumber ? `lot ${dose.lotNumber}` : null].filter((v): v is string => !!v).join(' · ');
    page.drawText(fit(text(by || '-'), regular, 10, MARGIN + width - cols.performer), { x: cols.performer, y, size: 10, font: regular, color: INK });
  }

  footer(page, regular, text, input);
  return doc.save();
}

function footer(page: PDFPage, font: PDFFont, text: (s: string) => string, input: CardPdfInput): void {
  const lines = [
    `Issued by ${input.issuerName} on ${input.issuedOn}`,
    `Issuer: ${input.issuerUrl}`,
    `Card ${input.cardId}`,
  ];
  lines.forEach((s, i) => {
    page.drawText(fit(text(s), font, 8, PAGE[0] - 2 * MARGIN), { x: MARGIN, y: MARGIN + (lines.length - 1 - i) * 11, size: 8, font, color: MUTED });
  });
}

/** Maps text onto what the standard font can encode: accents dropped where that helps, "?" otherwise. */
function printable(font: PDFFont): (s: string) => string {
  const supported = new Set(font.getCharacterSet());
  return (s) => [...s].map((ch) => {
    if (supported.has(ch.codePointAt(0)!)) return ch;
    const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
    return [...bare].every((c) => supported.has(c.codePointAt(0)!)) && bare !== '' ? bare : '?';
  }).join('');
}

/** Shortens text with an ellipsis to fit a width. */
function fit(s: string, font: PDFFont, size: number, max: number): string {
  if (font.widthOfTextAtSize(s, size) <= max) return s;
  let out = s;
  while (out.length > 1 && font.widthOfTextAtSize(`${out}...`, size) > max) out = out.slice(0, -1);
  return `${out}...`;
}
