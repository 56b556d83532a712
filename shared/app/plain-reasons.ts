/**
 * A document's status and reason in words for the people who upload (not developers): what
 * happened and what they can do. The stored reason starts with a code (`corrupt: …`); the technical
 * detail stays available next to this sentence.
 */
import type { DocumentStatus } from './types';

const BY_CODE: Record<string, string> = {
  empty: 'The file is empty. Check that the right file was chosen and upload it again.',
  'not-pdf': 'This file is not a PDF, even though its name ends in .pdf. Save or export it as PDF and upload it again.',
  corrupt: 'The PDF is damaged and could not be read. Try downloading or exporting it again, then upload the new copy.',
  encrypted: 'The PDF is protected with a password. Upload a copy saved without the password.',
  'too-large': 'The file is larger than the upload limit. Split it, or upload a smaller copy.',
  'too-many-pages': 'The PDF has more pages than the limit. Split it into parts and upload them separately.',
  timeout: 'Reading the PDF took too long and was stopped. Upload it again later; if it happens again, the file may be unusual and needs a closer look.',
  'no-text': 'No readable text was found in the PDF. If it is a scan, it needs text recognition (OCR) first.',
  'ocr-timeout': 'Text recognition (OCR) of the scanned pages did not finish in time. Upload it again later; if it happens again, upload a copy that already has a text layer.',
  error: 'Something went wrong while the document was processed. Upload it again; if it keeps failing, ask the team that runs the service.',
  'invalid upload metadata': 'The details given with the upload are not valid',
};

export const STATUS_WORDS: Record<DocumentStatus, string> = {
  received: 'Received, waiting to be processed',
  processing: 'Being read and tagged',
  'ocr-pending': 'Scanned pages being read by text recognition (OCR)',
  tagged: 'Tagged',
  'needs-ocr': 'Needs text recognition (OCR)',
  failed: 'Failed',
};

/** The reason of a failed or needs-OCR document as a sentence a person can act on. */
export function plainReason(status: DocumentStatus, reason: string | null): string | null {
  if (status === 'needs-ocr') {
    // OCR ran and still found nothing: running it again elsewhere is not the advice.
    if (reason && /OCR (found no text|failed)/.test(reason)) {
      return 'The PDF contains only images of pages, and text recognition (OCR) could not read text on them. Upload a clearer scan, or a copy that already has a text layer.';
    }
    return 'The PDF contains only images of pages, without a text layer. Run it through text recognition (OCR) and upload the result.';
  }
  if (status !== 'failed') return null;
  if (!reason) return BY_CODE.error;
  const colon = reason.indexOf(':');
  const code = colon > 0 ? reason.slice(0, colon).trim() : reason.trim();
  const rest = colon > 0 ? reason.slice(colon + 1).trim() : '';
  if (code === 'invalid upload metadata') return `${BY_CODE[code]}: ${rest}. Correct them and upload the file again.`;
  return BY_CODE[code] ?? BY_CODE.error;
}
