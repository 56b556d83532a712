/**
 * The name a review decision is kept under: a short hash of the paragraph's words. Whitespace and
 * Unicode composition do not count, position does not either, so the same text keeps its decision
 * whichever page, index, extractor or classifier version it comes back with after reprocessing.
 */
import { createHash } from 'node:crypto';

export function paragraphTextKey(text: string): string {
  const normal = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(normal, 'utf8').digest('hex').slice(0, 16);
}
