import type { PDFParse } from 'pdf-parse';
import type { RawDocument, RawPage, TextItem } from './model';

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
  getOperatorList(): Promise<{ fnArray: number[] }>;
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
}

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
    let pagesWithImages = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        const page = await readPage(doc, n);
        pages.push(page.raw);
        if (page.paintsImages) pagesWithImages++;
      } catch {
        failedPages.push(n);
      }
    }
    return { pageCount: doc.numPages, metadataTitle: await readTitle(doc), pages, failedPages, pagesWithImages };
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
/** Pages with fewer text characters than this are checked for images (a scan has none or a few). */
const SPARSE_TEXT_CHARS = 40;

async function readPage(doc: PdfJsDocument, n: number): Promise<{ raw: RawPage; paintsImages: boolean }> {
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
    let paintsImages = false;
    if (chars < SPARSE_TEXT_CHARS) {
      const ops = await page.getOperatorList().catch(() => ({ fnArray: [] as number[] }));
      paintsImages = ops.fnArray.some((op) => IMAGE_OPERATORS.has(op));
    }
    return { raw, paintsImages };
  } finally {
    page.cleanup();
  }
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
