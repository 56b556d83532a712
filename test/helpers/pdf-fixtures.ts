/**
 * Test PDFs generated on the fly (pdfkit for layout, pdf-lib for damage), so tests never depend on
 * files checked into the repo. Shared by every suite that needs a PDF.
 *
 *   const bytes = await makePdf({
 *     pages: [
 *       { header: 'A/RES/99/1', footer: '1/2', paragraphs: ['First paragraph^1 ...', { heading: true, text: 'I. Scope' }],
 *         footnotes: ['The first note.'] },
 *       { columns: 2, paragraphs: ['Left column text', 'Right column text'] },
 *     ],
 *   });
 *
 * Paragraph text is wrapped to the column width. `^12` in a paragraph prints a raised footnote
 * marker "12". `{ lines: [...] }` prints exactly those lines (to force a line break after "migra-").
 * Pages are US Letter (612 x 792 pt), 72 pt margins, Times 11/14 body text, 8 pt footnotes.
 * Everything is laid out by hand, so a page that overflows throws instead of flowing on.
 */
import PDFDocument from 'pdfkit';
import { PDFDocument as LibDocument, PDFName, PDFRawStream, PDFRef, StandardFonts } from 'pdf-lib';
import { crc32, deflateSync } from 'node:zlib';

export interface FixtureParagraph {
  /** Wrapped to the column width. */
  text?: string;
  /** Printed as given, one entry per line (overrides `text`). */
  lines?: string[];
  /** Bold 15 pt heading instead of body text. */
  heading?: boolean;
  /** First-line indent and no extra space above (UN style) instead of a blank gap. */
  indent?: boolean;
}

export interface FixturePage {
  header?: string;
  footer?: string;
  paragraphs?: Array<string | FixtureParagraph>;
  /** Printed at the bottom in 8 pt, numbered from `firstFootnote` (default 1). */
  footnotes?: string[];
  firstFootnote?: number;
  /** Draw a short rule of underscores above the footnotes (as UN documents do). Default false. */
  footnoteRule?: boolean;
  /** 2: paragraphs are split in half, the first half in the left column. */
  columns?: 1 | 2;
}

export interface FixtureDocument {
  title?: string;
  pages: FixturePage[];
  /** Encrypt with this user password (the PDF cannot be opened without it). */
  userPassword?: string;
}

const PAGE = { width: 612, height: 792, margin: 72 };
const BODY = { font: 'Times-Roman', size: 11, leading: 14, gap: 8, indent: 24 };
const HEADING = { font: 'Helvetica-Bold', size: 15, leading: 19 };
const NOTE = { font: 'Times-Roman', size: 8, leading: 10, marker: 5.5 };
const GUTTER = 24;

/** A PDF with real text, laid out as described by `spec`. */
export async function makePdf(spec: FixtureDocument): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margin: 0,
    autoFirstPage: false,
    info: spec.title ? { Title: spec.title } : {},
    ...(spec.userPassword ? { userPassword: spec.userPassword, ownerPassword: `${spec.userPassword}-owner`, pdfVersion: '1.7' as const } : {}),
  });
  const done = collect(doc);
  for (const page of spec.pages) drawPage(doc, page);
  doc.end();
  return done;
}

/** One page holding only a raster image (a "scan"): no text layer at all. */
export async function makeImageOnlyPdf(pages = 1): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: [PAGE.width, PAGE.height], margin: 0, autoFirstPage: false });
  const done = collect(doc);
  const png = makeStripedPng(240, 320);
  for (let i = 0; i < pages; i++) {
    doc.addPage();
    doc.image(png, PAGE.margin, PAGE.margin, { width: PAGE.width - 2 * PAGE.margin });
  }
  doc.end();
  return done;
}

/** A password-protected PDF (user password required to open it). */
export function makeEncryptedPdf(password = 'secret'): Promise<Uint8Array> {
  return makePdf({ userPassword: password, pages: [{ paragraphs: ['This text is locked behind a password.'] }] });
}

/** The first `fraction` of the bytes, as if a download or upload had been cut short. */
export function truncatePdf(bytes: Uint8Array, fraction = 0.5): Uint8Array {
  return bytes.slice(0, Math.floor(bytes.byteLength * fraction));
}

/**
 * Damages the compressed content stream of one page (1-based): the zlib header stays valid, the
 * deflate data after it is scrambled, as a bad disk or transfer would. The rest of the file is intact.
 */
export async function corruptPageStream(bytes: Uint8Array, pageNumber: number): Promise<Uint8Array> {
  const pdf = await LibDocument.load(bytes);
  const page = pdf.getPage(pageNumber - 1);
  const ref = page.node.get(PDFName.of('Contents'));
  if (!(ref instanceof PDFRef)) throw new Error('expected the page contents to be one indirect stream');
  const stream = pdf.context.lookup(ref);
  if (!(stream instanceof PDFRawStream)) throw new Error('expected a raw (compressed) content stream');
  const damaged = stream.contents.slice();
  for (let i = 2; i < damaged.length; i++) damaged[i] = (damaged[i] ^ 0x5a) & 0xff;
  pdf.context.assign(ref, PDFRawStream.of(stream.dict, damaged));
  return pdf.save({ useObjectStreams: false });
}

/** Many pages of plain paragraphs: something that takes a while to parse (timeout tests). */
export function makeLongPdf(pageCount: number): Promise<Uint8Array> {
  const paragraph =
    'Member States commit to strengthen international cooperation on migration governance, including data collection, ' +
    'regular pathways, labour mobility, return and reintegration, and the protection of the human rights of all migrants.';
  return makePdf({
    pages: Array.from({ length: pageCount }, (_, i) => ({
      footer: `${i + 1}/${pageCount}`,
      paragraphs: [paragraph, paragraph, paragraph, paragraph, paragraph],
    })),
  });
}

function collect(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
}

function drawPage(doc: PDFKit.PDFDocument, page: FixturePage): void {
  doc.addPage();
  if (page.header) {
    doc.font(BODY.font).fontSize(9).text(page.header, PAGE.margin, 36, { lineBreak: false });
  }
  if (page.footer) {
    doc.font(BODY.font).fontSize(9).text(page.footer, PAGE.margin, PAGE.height - 44, { lineBreak: false });
  }
  const notes = page.footnotes ?? [];
  const notesTop = PAGE.height - PAGE.margin - notes.length * NOTE.leading;
  const bodyBottom = notes.length > 0 ? notesTop - 2 * NOTE.leading : PAGE.height - PAGE.margin;
  const paragraphs = (page.paragraphs ?? []).map((p) => (typeof p === 'string' ? { text: p } : p));
  const contentWidth = PAGE.width - 2 * PAGE.margin;
  if (page.columns === 2) {
    const width = (contentWidth - GUTTER) / 2;
    const half = Math.ceil(paragraphs.length / 2);
    drawFlow(doc, paragraphs.slice(0, half), PAGE.margin, width, bodyBottom);
    drawFlow(doc, paragraphs.slice(half), PAGE.margin + width + GUTTER, width, bodyBottom);
  } else {
    drawFlow(doc, paragraphs, PAGE.margin, contentWidth, bodyBottom);
  }
  if (notes.length > 0) {
    if (page.footnoteRule) {
      doc.font(BODY.font).fontSize(NOTE.size).text('__________________', PAGE.margin - 20, notesTop - NOTE.leading * 1.5, { lineBreak: false });
    }
    let y = notesTop;
    notes.forEach((note, i) => {
      const number = String((page.firstFootnote ?? 1) + i);
      doc.font(NOTE.font).fontSize(NOTE.marker).text(number, PAGE.margin - 8, y, { lineBreak: false });
      doc.font(NOTE.font).fontSize(NOTE.size).text(note, PAGE.margin, y, { lineBreak: false });
      y += NOTE.leading;
    });
  }
}

function drawFlow(doc: PDFKit.PDFDocument, paragraphs: FixtureParagraph[], x: number, width: number, bottom: number): void {
  let y = PAGE.margin;
  paragraphs.forEach((p, index) => {
    const style = p.heading ? HEADING : BODY;
    const indent = p.indent && !p.heading ? BODY.indent : 0;
    if (index > 0 && !(p.indent && !p.heading)) y += BODY.gap;
    doc.font(style.font).fontSize(style.size);
    const lines = p.lines ?? wrap(doc, p.text ?? '', width, indent);
    lines.forEach((line, i) => {
      if (y + style.leading > bottom) throw new Error(`fixture page overflows at "${line.slice(0, 30)}"`);
      drawLine(doc, line, x + (i === 0 ? indent : 0), y, style);
      y += style.leading;
    });
  });
}

/** Greedy word wrap on the current font; footnote markers (^n) take no width worth counting. */
function wrap(doc: PDFKit.PDFDocument, text: string, width: number, firstIndent: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    const limit = lines.length === 0 ? width - firstIndent : width;
    if (current && doc.widthOfString(candidate.replace(/\^\d+/g, '')) > limit) {
      lines.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current) lines.push(current);
  return lines;
}

/** Draws one line, printing ^n markers small and raised (same top, so the baseline sits higher). */
function drawLine(doc: PDFKit.PDFDocument, line: string, x: number, y: number, style: { font: string; size: number }): void {
  let cursor = x;
  for (const part of line.split(/(\^\d+)/)) {
    if (!part) continue;
    const marker = /^\^(\d+)$/.exec(part);
    const text = marker ? marker[1] : part;
    doc.font(style.font).fontSize(marker ? style.size * 0.6 : style.size);
    doc.text(text, cursor, y, { lineBreak: false });
    cursor += doc.widthOfString(text);
  }
}

/** A small grayscale PNG with horizontal stripes, encoded by hand (no image library needed). */
function makeStripedPng(width: number, height: number): Buffer {
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) rows[y * (width + 1) + 1 + x] = y % 12 < 3 && x > 20 && x < width - 20 ? 30 : 235;
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A small file that is slow to parse on any machine: one page whose compressed content stream
 * inflates to `operations` text-showing operations (tens of megabytes from about a hundred
 * kilobytes), so pdf.js spends seconds building text items. For time-limit tests that must not
 * depend on how fast the machine is.
 */
export async function makeSlowToParsePdf(operations = 1_500_000): Promise<Uint8Array> {
  const doc = await LibDocument.create();
  const page = doc.addPage([612, 792]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.node.setFontDictionary(PDFName.of('F1'), font.ref);
  const ops = 'BT /F1 1 Tf 72 72 Td (migration) Tj ET\n'.repeat(operations);
  const stream = doc.context.flateStream(Buffer.from(ops, 'latin1'));
  page.node.set(PDFName.of('Contents'), doc.context.register(stream));
  return doc.save({ useObjectStreams: false });
}
