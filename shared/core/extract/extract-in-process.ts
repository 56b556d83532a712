import { createHash } from 'node:crypto';
import { layoutDocument } from './layout';
import type { RawDocument } from './model';
import { ocrFacts, readScans, withOcrPages, type ScanReading } from './ocr-step';
import { MODEL_LANGUAGES } from './ocr/tesseract-models';
import type { OcrMode, OcrReading } from './ocr/types';
import { ReadError, readPages } from './read-pages';
import { DEFAULT_LIMITS, EXTRACTOR_VERSION, RULES } from './settings';
import type { DocumentFacts, ExtractionLimits, ExtractionResult, FailureCode, LanguageCode } from './types';

/** Checks that need no parsing: run on the caller's thread before any worker is involved. */
export function checkInput(bytes: Uint8Array, limits: ExtractionLimits): ExtractionResult | null {
  const facts = baseFacts(bytes);
  if (bytes.byteLength === 0) return failed('empty', 'the file is empty', facts);
  if (bytes.byteLength > limits.maxBytes) {
    return failed('too-large', `the file has ${bytes.byteLength} bytes, more than the limit of ${limits.maxBytes}`, facts);
  }
  // The PDF header may be preceded by a little junk (some producers add a BOM or mail headers).
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) return failed('not-pdf', 'the file does not start with a PDF header (%PDF-)', facts);
  return null;
}

/**
 * Full extraction on the current thread. Never throws for bad input, but has no time limit:
 * callers that need one use extractDocument(), which runs this in a worker it can stop.
 */
export async function extractInProcess(
  bytes: Uint8Array,
  limits: ExtractionLimits = DEFAULT_LIMITS,
  ocr: OcrMode = { kind: 'off' },
): Promise<ExtractionResult> {
  const early = checkInput(bytes, limits);
  if (early) return early;
  const facts = baseFacts(bytes);
  let raw: RawDocument;
  let scans: ScanReading | null = null;
  try {
    raw = await readPages(bytes, {
      maxPages: limits.maxPages,
      whileOpen: async (doc, render) => {
        scans = await readScans(doc, render, ocr);
      },
    });
  } catch (error) {
    if (error instanceof ReadError) return failed(error.code, error.message, facts);
    return failed('corrupt', `the PDF cannot be read (${error instanceof Error ? error.message : String(error)})`, facts);
  }
  const known: Partial<DocumentFacts> = { ...facts, pageCount: raw.pageCount, failedPages: raw.failedPages };
  if (raw.pageCount === 0) return failed('corrupt', 'the PDF has no pages', known);
  if (raw.failedPages.length === raw.pageCount) return failed('corrupt', 'none of the pages could be read', known);

  const scan = scans as ScanReading | null;
  if (scan && scan.pending.length > 0 && ocr.kind === 'deferred') {
    const ocrPending = { engine: ocr.engineVersion, pages: scan.pending, confidence: null, model: null, notes: [] };
    return { outcome: 'ocr-required', reason: `pages ${scan.pending.join(', ')} are scans and wait for OCR`, pages: scan.pending, facts: { ...known, ocr: ocrPending } };
  }
  const reading = keptReading(raw, scan?.reading ?? null);
  // With OCR off, scanned pages are still recorded (engine `off`), so turning an engine on later re-reads them.
  const unread = ocr.kind === 'off' && raw.scannedPages.length > 0 ? offFacts(raw, ocr) : undefined;
  const ocrInfo = reading ? ocrFacts(reading) : scan?.error ? failedOcrFacts(raw, ocr, scan.error) : unread;
  if (ocrInfo) known.ocr = ocrInfo;

  let laid;
  try {
    laid = layoutDocument(reading ? withOcrPages(raw, reading) : raw);
  } catch (error) {
    // A layout bug must not take the caller down; report it as an unreadable document.
    return failed('corrupt', `layout failed (${error instanceof Error ? error.message : String(error)})`, known);
  }
  const readable = raw.pageCount - raw.failedPages.length;
  // OCR text counts whatever its amount: a scanned page with one line on it is read, not refused.
  if (laid.letterCount < RULES.minLettersPerPage * readable && !(reading && laid.letterCount > 0)) {
    const reason = laid.letterCount === 0 ? 'the PDF has no text layer' : `the PDF has almost no text layer (${laid.letterCount} letters on ${readable} pages)`;
    if (raw.pagesWithImages > 0) {
      return { outcome: 'needs-ocr', reason: `${reason}; its pages are images${whyNoOcr(raw, ocr, scan)}`, facts: { ...known, ocr: ocrInfo ?? offFacts(raw, ocr) } };
    }
    return failed('no-text', `${reason} and no images`, known);
  }
  if (laid.paragraphs.length === 0) return failed('no-text', 'no paragraph remained after removing page furniture', known);
  return {
    outcome: 'ok',
    reason: null,
    document: {
      facts: {
        pageCount: raw.pageCount,
        title: laid.title,
        symbol: laid.symbol,
        date: laid.date,
        // A line or two of OCR text may be too little to tell; the model that read it best knows.
        language: laid.language === 'und' && reading?.model ? languageOfModel(reading.model) : laid.language,
        sha256: facts.sha256!,
        byteLength: bytes.byteLength,
        extractorVersion: EXTRACTOR_VERSION,
        failedPages: raw.failedPages,
        ...(ocrInfo ? { ocr: ocrInfo } : {}),
      },
      text: laid.text,
      paragraphs: laid.paragraphs,
    },
    ...(reading ? { ocr: reading } : {}),
  };
}

/**
 * What OCR read, less the scanned pages of a text document that carry hardly any words: those are
 * covers and figures, whose few words would only add noise paragraphs to a document that has its text.
 */
function keptReading(raw: RawDocument, reading: OcrReading | null): OcrReading | null {
  if (!reading || reading.pages.length === 0) return null;
  const scanned = new Set(raw.scannedPages);
  const textLetters = raw.pages
    .filter((p) => !scanned.has(p.number))
    .reduce((n, p) => n + p.items.reduce((m, i) => m + (i.str.match(/\p{L}/gu)?.length ?? 0), 0), 0);
  const hasTextLayer = textLetters >= RULES.minLettersPerPage;
  const pages = hasTextLayer
    ? reading.pages.filter((p) => p.lines.reduce((n, l) => n + l.words.length, 0) >= RULES.ocrMinWordsBesideText)
    : reading.pages;
  return pages.length > 0 ? { ...reading, pages } : null;
}

/** The end of a needs-ocr reason: why OCR did not give the document its text. */
function whyNoOcr(raw: RawDocument, ocr: OcrMode, scan: ScanReading | null): string {
  if (ocr.kind === 'off') return '; OCR is turned off (GCM_OCR=off)';
  if (raw.scannedPages.length === 0) return '; the images do not cover the pages, so they were not read by OCR';
  if (scan?.error) return `; OCR failed (${scan.error})`;
  return `; OCR found no text on the scanned pages (${raw.scannedPages.join(', ')})`;
}

function failedOcrFacts(raw: RawDocument, ocr: OcrMode, error: string) {
  return { ...offFacts(raw, ocr), notes: [`OCR failed on pages ${raw.scannedPages.join(', ')} (${error}); they were left out`] };
}

function offFacts(raw: RawDocument, ocr: OcrMode) {
  return {
    engine: ocr.kind === 'off' ? 'off' : ocr.engineVersion,
    pages: raw.scannedPages,
    confidence: null,
    model: null,
    notes: [],
  };
}

export function baseFacts(bytes: Uint8Array): Partial<DocumentFacts> {
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    byteLength: bytes.byteLength,
    extractorVersion: EXTRACTOR_VERSION,
  };
}

export function failed(code: FailureCode, reason: string, facts: Partial<DocumentFacts>): ExtractionResult {
  return { outcome: 'failed', code, reason, facts };
}

function languageOfModel(model: string): LanguageCode {
  return (MODEL_LANGUAGES as Record<string, LanguageCode>)[model] ?? 'und';
}
