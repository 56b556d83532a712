/**
 * The deferred OCR mode, as the AWS functions run it for Amazon Textract: scans are reported, not
 * read; a text PDF comes out exactly as without OCR; an engine failure leaves the scans out.
 */
import { describe, expect, it } from 'vitest';
import { extractInProcess, DEFAULT_LIMITS, type OcrMode } from '../../../shared/core/extract';
import { makeImageOnlyPdf, makePdf } from '../../helpers/pdf-fixtures';
import { concatPdfs } from '../../helpers/scan-fixtures';

const deferred: OcrMode = { kind: 'deferred', engineVersion: 'external-1' };
const TEXT = [
  'The participating States will facilitate fair and ethical recruitment and safeguard conditions that ensure decent work.',
  'They will invest in skills development and facilitate mutual recognition of skills, qualifications and competences.',
];

describe('deferred OCR mode', () => {
  it('gives a PDF without scans byte-identical paragraphs and facts to OCR off', async () => {
    const pdf = await makePdf({ pages: [{ paragraphs: TEXT }, { paragraphs: TEXT.slice(0, 1) }] });
    const off = await extractInProcess(pdf, DEFAULT_LIMITS, { kind: 'off' });
    const ext = await extractInProcess(pdf, DEFAULT_LIMITS, deferred);
    expect(ext).toEqual(off);
  });

  it('reports the scanned pages of a mixed document as waiting for OCR', async () => {
    const mixed = await concatPdfs([await makePdf({ pages: [{ paragraphs: TEXT }] }), await makeImageOnlyPdf(2)]);
    const result = await extractInProcess(mixed, DEFAULT_LIMITS, deferred);
    expect(result).toMatchObject({ outcome: 'ocr-required', pages: [2, 3], reason: 'pages 2, 3 are scans and wait for OCR', facts: { pageCount: 3, ocr: { engine: 'external-1', pages: [2, 3] } } });
  });

  it('leaves the scans out when the engine failed: a text document keeps its text pages, an image-only one needs OCR, with the reason', async () => {
    const mixed = await concatPdfs([await makePdf({ pages: [{ paragraphs: TEXT }] }), await makeImageOnlyPdf(1)]);
    const off = await extractInProcess(mixed, DEFAULT_LIMITS, { kind: 'off' });
    const failed = await extractInProcess(mixed, DEFAULT_LIMITS, { ...deferred, failure: 'job 7 failed: throttled' });
    expect(failed.outcome).toBe('ok');
    if (failed.outcome !== 'ok' || off.outcome !== 'ok') return;
    expect(failed.document.paragraphs).toEqual(off.document.paragraphs);
    expect(failed.document.facts.ocr).toEqual({ engine: 'external-1', pages: [2], confidence: null, model: null, notes: ['OCR failed on pages 2 (job 7 failed: throttled); they were left out'] });

    const scan = await extractInProcess(await makeImageOnlyPdf(1), DEFAULT_LIMITS, { ...deferred, failure: 'job 8 failed: unsupported document' });
    expect(scan).toMatchObject({ outcome: 'needs-ocr', reason: 'the PDF has no text layer; its pages are images; OCR failed (job 8 failed: unsupported document)' });
  });
});
