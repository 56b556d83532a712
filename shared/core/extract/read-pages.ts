import type { PDFParse } from 'pdf-parse';
import type { RawDocument, RawPage, TextItem } from './model';
import { renderPage, type GreyImage } from './ocr/render';

/**
 * pdf-parse (and pdf.js under it, several MB of code) is loaded on first use, so that a thread that
 * only hands documents to the extraction workers never pays for it.
 */
let pdfParse: Promise<typeof import('pdf-parse')> | null = null;
/** Loads pdf-parse/pdf.js once; the extraction worker calls it before reporting ready. */
export const loadPdfParse = () => (pdfParse ??= import('pdf-parse'));

/**
 * The small part of pdf.js's document API that we use. pdf-parse 2.4.5 keeps its pdf.js document
 * private, but its `load()` returns it; we rely on that (pinned version) instead of importing
 * pdfjs-dist ourselves, so that only one copy of pdf.js is ever loaded.
 */
interface PdfJsTextItem {
  str?: string;
  transform?: number[];
  width?: number;
}
interface PdfJsPage {
  view: number[];
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
  getTextContent(): Promise<{ items: PdfJsTextItem[] }>;
  cleanup(): void;
}
interface PdfJsDocument {
  numPages: number;
  getPage(n: number): Promise<PdfJsPage>;
  getMetadata(): Promise<{ info?: Record<string, unknown> }>;
}

/** Reasons the reader can give up on the whole document (mapped to FailureCode by the caller). */
export class ReadError extends Error {
  constructor(
    readonly code: 'corrupt' | 'encrypted' | 'too-many-pages',
    message: string,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

export interface ReadOptions {
  maxPages: number;
  /**
   * Called once the text of every page has been read, while the document is still open, when some
   * pages are scans (see RawDocument.scannedPages): the OCR step renders those pages through it.
   */
  whileOpen?: (raw: RawDocument, renderer: PageRenderer) => Promise<void>;
}

/** Renders one page of the open document as an 8-bit grey image. */
export type PageRenderer = (pageNumber: number, pixelsPerPoint: number) => Promise<GreyImage>;

/**
 * Opens the PDF and reads the positioned text of every page. A page whose content cannot be read
 * is recorded in `failedPages` and skipped, so one bad stream costs one page.
 */
export async function readPages(bytes: Uint8Array, options: ReadOptions): Promise<RawDocument> {
  // pdf.js may take ownership of (detach) the buffer it is given: hand it a copy.
  const { PDFParse } = await loadPdfParse();
  const parser = new PDFParse({ data: bytes.slice(), verbosity: 0, stopAtErrors: true });
  try {
    const doc = await openDocument(parser);
    if (doc.numPages > options.maxPages) {
      throw new ReadError('too-many-pages', `the PDF has ${doc.numPages} pages, more than the limit of ${options.maxPages}`);
    }
    const pages: RawPage[] = [];
    const failedPages: number[] = [];
    const scannedPages: number[] = [];
    let pagesWithImages = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        const page = await readPage(doc, n);
        pages.push(page.raw);
        if (page.imageCoverage > 0) pagesWithImages++;
        if (page.imageCoverage >= SCAN_IMAGE_COVERAGE) scannedPages.push(n);
      } catch {
        failedPages.push(n);
      }
    }
    const raw: RawDocument = { pageCount: doc.numPages, metadataTitle: await readTitle(doc), pages, failedPages, pagesWithImages, scannedPages };
    if (options.whileOpen && scannedPages.length > 0) {
      await options.whileOpen(raw, (n, scale) => renderPage(doc, n, scale));
    }
    return raw;
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

async function openDocument(parser: PDFParse): Promise<PdfJsDocument> {
  try {
    return await (parser as unknown as { load(): Promise<PdfJsDocument> }).load();
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const message = error instanceof Error ? error.message : String(error);
    if (name === 'PasswordException' || /password/i.test(message)) {
      throw new ReadError('encrypted', 'the PDF is password-protected');
    }
    throw new ReadError('corrupt', `the PDF structure cannot be read (${message})`);
  }
}

/** pdf.js operator codes that paint raster images (paintImageMaskXObject, paintImageXObject, paintInlineImageXObject). */
const IMAGE_OPERATORS = new Set([83, 85, 86]);
/** pdf.js operator codes that change the transformation matrix: save, restore, transform. */
const OP_SAVE = 10;
const OP_RESTORE = 11;
const OP_TRANSFORM = 12;
/** Pages with fewer text characters than this are checked for images (a scan has none or a few). */
const SPARSE_TEXT_CHARS = 40;
/**
 * A text-poor page whose images cover at least this share of it is a scan, to be read by OCR
 * (scanners crop white margins: the French sample control is one strip, 42 % of its page).
 * A logo or a small figure on a nearly empty page is not; a full-page photograph is, and OCR finds
 * little or nothing on it.
 */
const SCAN_IMAGE_COVERAGE = 0.3;

async function readPage(doc: PdfJsDocument, n: number): Promise<{ raw: RawPage; imageCoverage: number }> {
  const page = await doc.getPage(n);
  try {
    const [x0, y0, x1, y1] = page.view;
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const item of content.items) {
      if (typeof item.str !== 'string' || !item.transform || item.str.length === 0) continue;
      const [a, b, c, d, e, f] = item.transform;
      // Unrotated text only (rotated items, e.g. vertical margin notes, are not body text). A
      // horizontal shear (c != 0) is synthetic italics and stays; the font size is then the vertical scale.
      if (Math.abs(b) > 0.01 * Math.abs(a) || a <= 0 || d <= 0) continue;
      const size = d;
      items.push({ str: item.str, x: e - x0, y: f - y0, width: item.width ?? 0, size });
    }
    const raw: RawPage = { number: n, width: x1 - x0, height: y1 - y0, items };
    // Only text-poor pages pay for an operator list: it is the costly part of a scan check.
    const chars = items.reduce((sum, i) => sum + i.str.trim().length, 0);
    let imageCoverage = 0;
    if (chars < SPARSE_TEXT_CHARS) {
      const ops = await page.getOperatorList().catch(() => ({ fnArray: [] as number[], argsArray: [] as unknown[] }));
      imageCoverage = imageArea(ops) / Math.max(1, raw.width * raw.height);
    }
    return { raw, imageCoverage };
  } finally {
    page.cleanup();
  }
}

/**
 * Area (square points, page space) painted by raster images: each image fills the unit square
 * under the current transformation matrix, so its area is |det(CTM)|. Overlapping images count
 * twice, hence the cap at the page area by the caller's ratio. Returns a small positive area for
 * an image whose matrix cannot be followed, so that the page still counts as painting images.
 */
function imageArea(ops: { fnArray: number[]; argsArray: unknown[] }): number {
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  let area = 0;
  ops.fnArray.forEach((op, i) => {
    if (op === OP_SAVE) stack.push(ctm);
    else if (op === OP_RESTORE) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (op === OP_TRANSFORM) {
      const m = ops.argsArray[i] as number[] | undefined;
      if (Array.isArray(m) && m.length >= 6) ctm = multiply(m, ctm);
    } else if (IMAGE_OPERATORS.has(op)) {
      area += Math.max(1e-6, Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]));
    }
  });
  return area;
}

/** m × n for PDF matrices [a b c d e f]: apply m first, then n. */
function multiply(m: number[], n: number[]): number[] {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

async function readTitle(doc: PdfJsDocument): Promise<string | null> {
  try {
    const { info } = await doc.getMetadata();
    const title = typeof info?.Title === 'string' ? info.Title.trim() : '';
    // Titles left by the authoring tool ("Microsoft Word - report_final.doc") say nothing about the document.
    if (!title || /^microsoft word\b|\.(docx?|pdf|indd)$/i.test(title) || title.length < 4) return null;
    return title;
  } catch {
    return null;
  }
}
