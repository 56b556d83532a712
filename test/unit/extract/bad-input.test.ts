import { afterAll, describe, expect, it } from 'vitest';
import { closeExtractionPool, extractDocument, EXTRACTOR_VERSION } from '../../../shared/core/extract';
import type { ExtractionResult } from '../../../shared/core/extract';
import { corruptPageStream, makeEncryptedPdf, makeImageOnlyPdf, makeLongPdf, makePdf, truncatePdf } from '../../helpers/pdf-fixtures';

// These go through extractDocument(), i.e. through the worker thread, as production does.
afterAll(() => closeExtractionPool());

const TEXT =
  'States should ensure that migrants have access to basic services, including health care and education, regardless of their migration status.';

function threePages(): Promise<Uint8Array> {
  return makePdf({ pages: [1, 2, 3].map((n) => ({ footer: `${n}/3`, paragraphs: [`Paragraph on page ${n}. ${TEXT}`, `End of page ${n}.`] })) });
}

function expectFailure(result: ExtractionResult, code: string) {
  expect(result.outcome).toBe('failed');
  if (result.outcome !== 'failed') return;
  expect(result.code).toBe(code);
  expect(result.reason.length).toBeGreaterThan(5);
  expect(result.facts.extractorVersion).toBe(EXTRACTOR_VERSION);
}

describe('bad input gives a typed outcome, never a throw', () => {
  it('empty file', async () => {
    expectFailure(await extractDocument(new Uint8Array(0)), 'empty');
  });

  it('not a PDF', async () => {
    const result = await extractDocument(new TextEncoder().encode('<html><body>Not a PDF at all</body></html>'));
    expectFailure(result, 'not-pdf');
  });

  it('truncated PDF', async () => {
    const result = await extractDocument(truncatePdf(await threePages(), 0.6));
    expectFailure(result, 'corrupt');
  });

  it('corrupt content stream on one page costs only that page', async () => {
    const result = await extractDocument(await corruptPageStream(await threePages(), 2));
    expect(result.outcome).toBe('ok');
    if (result.outcome !== 'ok') return;
    expect(result.document.facts.failedPages).toEqual([2]);
    expect(result.document.paragraphs.map((p) => p.page)).toEqual([1, 1, 3, 3]);
    expect(result.document.paragraphs[2].text).toContain('Paragraph on page 3.');
  });

  it('password-protected PDF', async () => {
    expectFailure(await extractDocument(await makeEncryptedPdf()), 'encrypted');
  });

  it('image-only PDF needs OCR', async () => {
    const result = await extractDocument(await makeImageOnlyPdf(2));
    expect(result.outcome).toBe('needs-ocr');
    if (result.outcome !== 'needs-ocr') return;
    expect(result.facts.pageCount).toBe(2);
    expect(result.reason).toMatch(/text layer/);
  });

  it('blank PDF (no text, no images) has no text', async () => {
    expectFailure(await extractDocument(await makePdf({ pages: [{}, {}] })), 'no-text');
  });

  it('too many pages', async () => {
    expectFailure(await extractDocument(await threePages(), { limits: { maxPages: 2 } }), 'too-many-pages');
  });

  it('too many bytes', async () => {
    const bytes = await threePages();
    const result = await extractDocument(bytes, { limits: { maxBytes: bytes.byteLength - 1 } });
    expectFailure(result, 'too-large');
    expect(result.outcome === 'failed' && result.facts.byteLength).toBe(bytes.byteLength);
  });

  it('a parse over the time limit is stopped, and the next document still extracts', async () => {
    const big = await makeLongPdf(300);
    const started = Date.now();
    const result = await extractDocument(big, { limits: { timeoutMs: 30 } });
    expectFailure(result, 'timeout');
    // Stopped from outside: far sooner than the parse itself would take.
    expect(Date.now() - started).toBeLessThan(5_000);

    const after = await extractDocument(await threePages());
    expect(after.outcome).toBe('ok');
  });

  it('several documents at once each get their own result', async () => {
    const docs = await Promise.all([1, 2, 3, 4].map((n) => makePdf({ pages: [{ paragraphs: [`Document number ${n}. ${TEXT}`] }] })));
    const results = await Promise.all(docs.map((d) => extractDocument(d)));
    results.forEach((r, i) => {
      expect(r.outcome).toBe('ok');
      if (r.outcome === 'ok') expect(r.document.paragraphs[0].text.startsWith(`Document number ${i + 1}.`)).toBe(true);
    });
  });

  it('leaves the caller\'s bytes untouched', async () => {
    const bytes = await threePages();
    const copy = bytes.slice();
    await extractDocument(bytes);
    expect(bytes.byteLength).toBe(copy.byteLength);
    expect(Buffer.from(bytes).equals(Buffer.from(copy))).toBe(true);
  });
});
