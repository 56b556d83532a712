/**
 * Extraction stage: PDF bytes in, clean numbered paragraphs out (see README.md beside this file).
 *
 * extractDocument() runs the parse in a worker thread that is terminated when it exceeds
 * `limits.timeoutMs`; pdf.js parses on the thread that calls it, so a promise timeout alone
 * could not stop a runaway document.
 *
 * Which worker script runs, first match wins:
 *   1. `options.workerPath` (absolute path of a .js/.mjs/.ts file);
 *   2. the environment variable GCM_EXTRACT_WORKER_PATH (the Lambda bundle sets it to the
 *      separately bundled worker; see shared/config.ts);
 *   3. `worker.ts` beside this file when running from source (tsx, vitest), or `worker.js`
 *      beside the bundle when this module has been compiled to JavaScript.
 * A `.ts` worker is started with tsx's loader (`--import tsx`) unless the parent already has it.
 *
 * Workers live in a small pool (one per core, at most 4, started on demand); closeExtractionPool()
 * stops them (idle workers never keep the process alive anyway).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkInput } from './extract-in-process';
import { ExtractionPool } from './pool';
import { DEFAULT_LIMITS } from './settings';
import { tesseractEngineVersion as tesseractEngineVersionOf } from './ocr/tesseract-models';
import type { ExtractionLimits, ExtractionResult, OcrMode, OcrReading } from './types';

export type * from './types';
export { DEFAULT_LIMITS, EXTRACTOR_VERSION, RULES, RULES_REVISION, deriveExtractorVersion } from './settings';
export { extractInProcess, checkInput } from './extract-in-process';
export { readPages, ReadError } from './read-pages';
export { layoutDocument, placeParagraphs } from './layout';
export { pageLines } from './lines';
export { cleanLines, dominantSize, DOCUMENT_SYMBOL } from './clean-lines';
export { buildParagraphs } from './paragraphs';
export { joinLines, normalizeLine, buildVocabulary } from './text';
export { detectLanguage } from './language';
export { readLabel } from './labels';
export { ExtractionPool } from './pool';
export { paragraphKey } from './paragraph-key';
export { defaultTessdata, tesseractEngineVersion, availableModels, missingModelNotes, MODEL_LANGUAGES, OCR_SETTINGS } from './ocr/tesseract-models';
export { ocrPageToRaw } from './ocr/to-raw';
export { isAcceptableTitle, isMasthead, isDateLine, parseDate } from './document-facts';
export type { RawDocument, RawPage, TextItem, Line } from './model';

export interface ExtractOptions {
  limits?: Partial<ExtractionLimits>;
  workerPath?: string;
  /** How scanned pages are read (default: not at all, they make the document `needs-ocr`). */
  ocr?: OcrMode;
}

const pools = new Map<string, ExtractionPool>();

/** Extracts a PDF with a hard time limit. Never throws for bad input; see ExtractionResult. */
export async function extractDocument(bytes: Uint8Array, options: ExtractOptions = {}): Promise<ExtractionResult> {
  const limits = normalizeLimits(options.limits);
  // Cheap refusals (empty, too large, not a PDF) never reach a worker.
  const early = checkInput(bytes, limits);
  if (early) return early;
  const workerPath = resolveWorkerPath(options.workerPath);
  let pool = pools.get(workerPath);
  if (!pool) {
    pool = new ExtractionPool(workerPath);
    pools.set(workerPath, pool);
  }
  return pool.run(bytes, limits, options.ocr);
}

/** Fills in defaults and ignores values that are not positive numbers (a NaN limit would mean none). */
export function normalizeLimits(partial: Partial<ExtractionLimits> = {}): ExtractionLimits {
  const pick = (value: number | undefined, fallback: number) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback);
  return {
    maxBytes: pick(partial.maxBytes, DEFAULT_LIMITS.maxBytes),
    maxPages: pick(partial.maxPages, DEFAULT_LIMITS.maxPages),
    // setTimeout cannot wait longer than 2^31-1 ms; beyond that it would fire at once.
    timeoutMs: Math.min(pick(partial.timeoutMs, DEFAULT_LIMITS.timeoutMs), 2_147_483_647),
  };
}

/** Stops all extraction workers (tests, graceful shutdown). */
export async function closeExtractionPool(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.close()));
}

export function resolveWorkerPath(explicit?: string): string {
  if (explicit) return path.resolve(explicit);
  const fromEnv = process.env.GCM_EXTRACT_WORKER_PATH;
  if (fromEnv) return path.resolve(fromEnv);
  const here = typeof import.meta.url === 'string' ? fileURLToPath(import.meta.url) : path.join(process.cwd(), 'index.js');
  const dir = path.dirname(here);
  if (here.endsWith('.ts')) return path.join(dir, 'worker.ts');
  for (const name of ['worker.js', 'worker.mjs', 'worker.cjs']) {
    if (existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return path.join(dir, 'worker.js');
}

/** How a runtime reads scans: `tesseract` here, in the extraction worker, or `off`. */
export type OcrSetting = 'tesseract' | 'off';

/** The OCR engine name a setting stands for: `off`, or the tesseract engine version (cache keys, document records). */
export function ocrEngineFor(setting: OcrSetting): string {
  return setting === 'off' ? 'off' : tesseractEngineVersionOf();
}

/** The extraction's OCR mode for a setting, with the pages that engine already read, if any. */
export function ocrModeFor(setting: OcrSetting, known?: OcrReading): OcrMode {
  return setting === 'off' ? { kind: 'off' } : { kind: 'local', engineVersion: tesseractEngineVersionOf(), known };
}
