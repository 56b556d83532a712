/**
 * The OCR step of extraction: which scanned pages still need reading, reading them with the local
 * engine when there is one, and putting what was read in place of those pages' (empty) text layer.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawDocument } from './model';
import { ocrPageToRaw } from './ocr/to-raw';
import { defaultTessdata, missingModelNotes, OCR_SETTINGS } from './ocr/tesseract-models';
import type { OcrFacts, OcrMode, OcrPage, OcrReading } from './ocr/types';
import type { PageRenderer } from './read-pages';

export interface ScanReading {
  /** Pages read (or taken from `known`), for the engine version of the mode. */
  reading: OcrReading | null;
  /** Scanned pages nobody has read yet (deferred mode). */
  pending: number[];
  /** Why the local engine could not read them. */
  error: string | null;
}

/** Called while the PDF is open (rendering needs it), for a document with scanned pages. */
export async function readScans(raw: RawDocument, render: PageRenderer, mode: OcrMode): Promise<ScanReading> {
  if (mode.kind === 'off') return { reading: null, pending: [], error: null };
  const wanted = raw.scannedPages;
  const known = mode.known && mode.known.engineVersion === mode.engineVersion ? mode.known : undefined;
  const have = new Map<number, OcrPage>();
  for (const page of known?.pages ?? []) if (wanted.includes(page.page)) have.set(page.page, page);
  const missing = wanted.filter((n) => !have.has(n));
  const fromKnown = (notes: string[], model: string | null): OcrReading => ({
    engineVersion: mode.engineVersion,
    model,
    pages: wanted.filter((n) => have.has(n)).map((n) => have.get(n)!),
    notes,
  });
  if (missing.length === 0) return { reading: fromKnown(known?.notes ?? [], known?.model ?? null), pending: [], error: null };
  if (mode.kind === 'deferred') {
    if (mode.failure === undefined) return { reading: null, pending: missing, error: null };
    return { reading: have.size > 0 ? fromKnown(known?.notes ?? [], known?.model ?? null) : null, pending: [], error: mode.failure };
  }

  const tessdata = mode.tessdata ?? defaultTessdata();
  try {
    const engine = await loadLocalEngine();
    async function* rendered() {
      for (const page of missing) yield { page, image: await render(page, OCR_SETTINGS.pixelsPerPoint) };
    }
    const read = await engine.readScannedPages(rendered(), tessdata);
    for (const page of read.pages) have.set(page.page, page);
    return { reading: fromKnown(missingModelNotes(tessdata), read.model), pending: [], error: null };
  } catch (error) {
    return { reading: null, pending: [], error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The tesseract module is imported by a computed path: bundles that never run OCR locally (the
 * Lambda functions, where Textract reads scans) must not pull in its WebAssembly.
 */
async function loadLocalEngine(): Promise<typeof import('./ocr/tesseract')> {
  const here = fileURLToPath(import.meta.url);
  const file = path.join(path.dirname(here), 'ocr', `tesseract${path.extname(here)}`);
  return (await import(file)) as typeof import('./ocr/tesseract');
}

/** Replaces the text layer of every page that OCR read with what it read. */
export function withOcrPages(raw: RawDocument, reading: OcrReading): RawDocument {
  const byPage = new Map(reading.pages.map((p) => [p.page, p]));
  return {
    ...raw,
    pages: raw.pages.map((page) => {
      const ocr = byPage.get(page.number);
      return ocr ? ocrPageToRaw(ocr, page.width, page.height) : page;
    }),
  };
}

export function ocrFacts(reading: OcrReading): OcrFacts {
  let weighted = 0;
  let chars = 0;
  for (const page of reading.pages) for (const line of page.lines) for (const w of line.words) {
    weighted += w.confidence * w.text.length;
    chars += w.text.length;
  }
  return {
    engine: reading.engineVersion,
    pages: reading.pages.map((p) => p.page),
    confidence: chars > 0 ? Math.round((weighted / chars) * 100) / 100 : null,
    model: reading.model,
    notes: reading.notes,
  };
}
