/**
 * A short, stable name for a paragraph's text: the first 16 hex digits of the SHA-256 of the text
 * in Unicode NFC with runs of whitespace collapsed to one space and the ends trimmed. The same words
 * give the same key whichever document, page, position, extractor or classifier version they come
 * from, so anything decided about a paragraph (a reviewer's verdict on one of its tags) can be kept
 * under this key and applied again after reprocessing.
 */
import { createHash } from 'node:crypto';

export function paragraphKey(text: string): string {
  const normal = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(normal, 'utf8').digest('hex').slice(0, 16);
}
