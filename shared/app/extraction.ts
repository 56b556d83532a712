/**
 * Extraction through the caches, shared by ingestion and reprocessing. Two caches, both in S3:
 * the extraction result per (sha256, extractor version), and what OCR read per (sha256, OCR engine
 * version). A new extractor re-lays out a scanned document from the OCR cache without reading the
 * scan again; only a new OCR engine version (another tesseract build or model, Spanish installed)
 * reads it again.
 */
import type { ExtractionResult, OcrReading } from '../core/extract/types';
import { shortHash } from '../core/taxonomy/hash';
import type { ExtractionCache } from './ports';

export interface ExtractionDeps {
  cache: ExtractionCache;
  /** The extraction stage; `known` holds pages an OCR engine already read, for it to reuse. */
  extract: (bytes: Uint8Array, known?: OcrReading) => Promise<ExtractionResult>;
  extractorVersion: string;
  /** `off`, or the version of the OCR engine in use (tesseractEngineVersion()). */
  ocrEngine?: string;
}

/** The OCR engine a cached result was produced with, if OCR was involved at all. */
export function ocrEngineOf(result: ExtractionResult): string | undefined {
  return result.outcome === 'ok' ? result.document.facts.ocr?.engine : result.facts.ocr?.engine;
}

/**
 * The cache entry a version tagged from this result reads its paragraphs from. For a text-layer
 * document it is the extractor version's entry, which only a new extractor version replaces. The
 * entry of a document with scanned pages can be replaced under the same extractor (another OCR
 * engine, a Textract failure that is not cached), so its paragraphs are also kept under a name of
 * their own, derived from their text: never overwritten with other paragraphs, never looked up for
 * extraction.
 */
export function paragraphSource(extractorVersion: string, result: ExtractionResult): string {
  if (result.outcome !== 'ok' || !result.document.facts.ocr) return extractorVersion;
  return `${extractorVersion}+ocr.${shortHash(result.document.text).slice(0, 12)}`;
}

export async function extractCached(
  deps: ExtractionDeps,
  sha256: string,
  bytes: Uint8Array | (() => Promise<Uint8Array>),
): Promise<{ result: ExtractionResult; cached: boolean; source: string }> {
  const engine = deps.ocrEngine ?? 'off';
  const hit = await deps.cache.get(sha256, deps.extractorVersion);
  // A result that involved OCR is reusable only with the same engine (or, for `needs-ocr`, the same setting).
  if (hit && (ocrEngineOf(hit) === undefined || ocrEngineOf(hit) === engine)) {
    return { result: hit, cached: true, source: paragraphSource(deps.extractorVersion, hit) };
  }
  const known = engine !== 'off' ? await deps.cache.getOcr(sha256, engine) : undefined;
  const result = await deps.extract(typeof bytes === 'function' ? await bytes() : bytes, known);
  if (result.outcome === 'ok' && result.ocr) await deps.cache.putOcr(sha256, result.ocr.engineVersion, result.ocr);
  // Only deterministic outcomes are cached; a failure (e.g. a timeout under load) is retried next time.
  if (result.outcome === 'ok' || result.outcome === 'needs-ocr') await deps.cache.put(sha256, deps.extractorVersion, result);
  const source = paragraphSource(deps.extractorVersion, result);
  if (source !== deps.extractorVersion) await deps.cache.put(sha256, source, result);
  return { result, cached: false, source };
}
