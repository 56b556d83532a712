/**
 * Which extractions re-read scans: a new extractor version re-lays out a scanned document from the
 * OCR cache; only a new OCR engine version reads the scan again. Text documents never involve OCR.
 */
import { describe, expect, it } from 'vitest';
import { extractCached, paragraphSource } from '../../../shared/app/extraction';
import type { ExtractionCache } from '../../../shared/app/ports';
import type { ExtractionResult, OcrReading } from '../../../shared/core/extract/types';

class MemoryCache implements ExtractionCache {
  results = new Map<string, ExtractionResult>();
  readings = new Map<string, OcrReading>();
  async get(sha: string, ev: string) { return this.results.get(`${sha}/${ev}`); }
  async put(sha: string, ev: string, r: ExtractionResult) { this.results.set(`${sha}/${ev}`, r); }
  async getOcr(sha: string, engine: string) { return this.readings.get(`${sha}/${engine}`); }
  async putOcr(sha: string, engine: string, r: OcrReading) { this.readings.set(`${sha}/${engine}`, r); }
}

const SHA = 'a'.repeat(64);

/** A scanned one-page document: the engine "reads" it only when it is not given the page already. */
function scanExtractor(engine: string, ev: string) {
  const reads: number[] = [];
  const extract = async (_bytes: Uint8Array, known?: OcrReading): Promise<ExtractionResult> => {
    const reused = known?.engineVersion === engine ? known : undefined;
    if (!reused) reads.push(1);
    const reading: OcrReading = reused ?? { engineVersion: engine, model: 'eng', notes: [], pages: [{ page: 1, lines: [] }] };
    return {
      outcome: 'ok',
      reason: null,
      ocr: reading,
      document: {
        text: 'Read.',
        paragraphs: [{ index: 0, number: null, page: 1, pageEnd: 1, kind: 'body', text: 'Read.', start: 0, end: 5, source: 'ocr', confidence: 0.9 }],
        facts: { pageCount: 1, title: null, symbol: null, date: null, language: 'en', sha256: SHA, byteLength: 1, extractorVersion: ev, failedPages: [], ocr: { engine, pages: [1], confidence: 0.9, model: 'eng', notes: [] } },
      },
    };
  };
  return { extract, reads };
}

describe('extraction with the OCR cache', () => {
  it('reads a scan once per engine version, whatever the extractor version', async () => {
    const cache = new MemoryCache();
    const bytes = new Uint8Array([1]);
    const first = scanExtractor('ocr-1', 'x-1');
    expect((await extractCached({ cache, extract: first.extract, extractorVersion: 'x-1', ocrEngine: 'ocr-1' }, SHA, bytes)).cached).toBe(false);
    expect(first.reads).toHaveLength(1);
    expect(cache.readings.has(`${SHA}/ocr-1`)).toBe(true);

    // Same versions: the cached extraction, no extraction at all.
    const again = scanExtractor('ocr-1', 'x-1');
    expect((await extractCached({ cache, extract: again.extract, extractorVersion: 'x-1', ocrEngine: 'ocr-1' }, SHA, bytes)).cached).toBe(true);
    expect(again.reads).toHaveLength(0);

    // New layout rules, same engine: extracted again, the scan not read again.
    const relayout = scanExtractor('ocr-1', 'x-2');
    const r2 = await extractCached({ cache, extract: relayout.extract, extractorVersion: 'x-2', ocrEngine: 'ocr-1' }, SHA, bytes);
    expect(r2.cached).toBe(false);
    expect(relayout.reads).toHaveLength(0);

    // New engine version: the cached extraction (made with ocr-1) does not count, the scan is read again.
    const newEngine = scanExtractor('ocr-2', 'x-2');
    const r3 = await extractCached({ cache, extract: newEngine.extract, extractorVersion: 'x-2', ocrEngine: 'ocr-2' }, SHA, bytes);
    expect(r3.cached).toBe(false);
    expect(newEngine.reads).toHaveLength(1);
    expect(cache.readings.has(`${SHA}/ocr-2`)).toBe(true);
  });

  it('reuses a text document extraction under any OCR engine, and never caches an ocr-required result', async () => {
    const cache = new MemoryCache();
    const text: ExtractionResult = {
      outcome: 'ok', reason: null,
      document: { text: 'T.', paragraphs: [], facts: { pageCount: 1, title: null, symbol: null, date: null, language: 'en', sha256: SHA, byteLength: 1, extractorVersion: 'x-1', failedPages: [] } },
    };
    await cache.put(SHA, 'x-1', text);
    let calls = 0;
    const extract = async () => { calls++; return text; };
    expect((await extractCached({ cache, extract, extractorVersion: 'x-1', ocrEngine: 'ocr-9' }, SHA, new Uint8Array())).cached).toBe(true);
    expect(calls).toBe(0);
    const pending: ExtractionResult = { outcome: 'ocr-required', reason: 'pages 1 are scans', pages: [1], facts: {} };
    await extractCached({ cache: new MemoryCache(), extract: async () => pending, extractorVersion: 'x-1', ocrEngine: 'ocr-9' }, 'b'.repeat(64), new Uint8Array());
    expect(cache.results.has(`${'b'.repeat(64)}/x-1`)).toBe(false);
  });

  it('keeps the paragraphs a version is tagged from under a name of their own when OCR read some pages', async () => {
    const cache = new MemoryCache();
    const one = scanExtractor('ocr-1', 'x-1');
    const first = await extractCached({ cache, extract: one.extract, extractorVersion: 'x-1', ocrEngine: 'ocr-1' }, SHA, new Uint8Array([1]));
    expect(first.source).toMatch(/^x-1\+ocr\.[0-9a-f]{12}$/);
    expect(cache.results.get(`${SHA}/${first.source}`)).toEqual(first.result);
    // A cache hit names the same entry.
    expect((await extractCached({ cache, extract: one.extract, extractorVersion: 'x-1', ocrEngine: 'ocr-1' }, SHA, new Uint8Array([1]))).source).toBe(first.source);
    // Another engine replaces the extractor's entry, never the one the first version reads.
    const other = scanExtractor('ocr-2', 'x-1');
    const reread = async (b: Uint8Array, k?: OcrReading) => {
      const r = await other.extract(b, k);
      return r.outcome === 'ok' ? { ...r, document: { ...r.document, text: 'Read otherly.', paragraphs: [{ ...r.document.paragraphs[0], text: 'Read otherly.', end: 13 }] } } : r;
    };
    const second = await extractCached({ cache, extract: reread, extractorVersion: 'x-1', ocrEngine: 'ocr-2' }, SHA, new Uint8Array([1]));
    expect(second.source).not.toBe(first.source);
    expect(cache.results.get(`${SHA}/${first.source}`)).toEqual(first.result);
    expect(cache.results.get(`${SHA}/x-1`)).toEqual(second.result);
    // A text-layer document reads from the extractor's entry itself.
    const text: ExtractionResult = {
      outcome: 'ok', reason: null,
      document: { text: 'T.', paragraphs: [], facts: { pageCount: 1, title: null, symbol: null, date: null, language: 'en', sha256: SHA, byteLength: 1, extractorVersion: 'x-1', failedPages: [] } },
    };
    expect(paragraphSource('x-1', text)).toBe('x-1');
  });
});
