/**
 * An extraction result as the cache holds it, built from paragraphs a test writes itself: tests that
 * store a version without running the extractor put this in the extraction cache, where the API
 * reads paragraph text from.
 */
import type { ExtractionResult } from '../../shared/core/extract/types';
import type { StoredParagraph } from '../../shared/app/types';

export function extractionOf(documentId: string, extractorVersion: string, paragraphs: readonly StoredParagraph[], title: string | null = null): ExtractionResult {
  let text = '';
  const laid = paragraphs.map((p) => {
    const start = text.length ? text.length + 2 : 0;
    text = text ? `${text}\n\n${p.text}` : p.text;
    return { index: p.index, number: p.number, page: p.page, pageEnd: p.pageEnd, kind: p.kind, text: p.text, start, end: text.length };
  });
  const pageCount = Math.max(1, ...paragraphs.map((p) => p.pageEnd));
  return {
    outcome: 'ok',
    reason: null,
    document: {
      facts: { pageCount, title, symbol: null, date: null, language: 'en', sha256: documentId, byteLength: 1234, extractorVersion, failedPages: [] },
      text,
      paragraphs: laid,
    },
  };
}
