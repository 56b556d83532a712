import { createHash } from 'node:crypto';
import { layoutDocument } from './layout';
import { ReadError, readPages } from './read-pages';
import { DEFAULT_LIMITS, EXTRACTOR_VERSION, RULES } from './settings';
import type { DocumentFacts, ExtractionLimits, ExtractionResult, FailureCode } from './types';

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
export async function extractInProcess(bytes: Uint8Array, limits: ExtractionLimits = DEFAULT_LIMITS): Promise<ExtractionResult> {
  const early = checkInput(bytes, limits);
  if (early) return early;
  const facts = baseFacts(bytes);
  let raw;
  try {
    raw = await readPages(bytes, { maxPages: limits.maxPages });
  } catch (error) {
    if (error instanceof ReadError) return failed(error.code, error.message, facts);
    return failed('corrupt', `the PDF cannot be read (${error instanceof Error ? error.message : String(error)})`, facts);
  }
  const known: Partial<DocumentFacts> = { ...facts, pageCount: raw.pageCount, failedPages: raw.failedPages };
  if (raw.pageCount === 0) return failed('corrupt', 'the PDF has no pages', known);
  if (raw.failedPages.length === raw.pageCount) return failed('corrupt', 'none of the pages could be read', known);

  let laid;
  try {
    laid = layoutDocument(raw);
  } catch (error) {
    // A layout bug must not take the caller down; report it as an unreadable document.
    return failed('corrupt', `layout failed (${error instanceof Error ? error.message : String(error)})`, known);
  }
  const readable = raw.pageCount - raw.failedPages.length;
  if (laid.letterCount < RULES.minLettersPerPage * readable) {
    const reason = laid.letterCount === 0 ? 'the PDF has no text layer' : `the PDF has almost no text layer (${laid.letterCount} letters on ${readable} pages)`;
    if (raw.pagesWithImages > 0) return { outcome: 'needs-ocr', reason: `${reason}; its pages are images`, facts: known };
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
        language: laid.language,
        sha256: facts.sha256!,
        byteLength: bytes.byteLength,
        extractorVersion: EXTRACTOR_VERSION,
        failedPages: raw.failedPages,
      },
      text: laid.text,
      paragraphs: laid.paragraphs,
    },
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
