/**
 * The stored form of one version's results: the element summary and every tagged paragraph's tags
 * (index, text key, element, theme, score, matched terms, TF-IDF terms, spans of the matched terms),
 * as compact JSON compressed
 * with gzip into one binary attribute. A 20-page document's tags take about 2 KB this way instead of
 * one item per paragraph and per tag. Bodies larger than what fits in one item are cut into parts.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ElementId, ThemeId } from '../../core/taxonomy/types';
import type { ElementSummary, ParagraphTags, StoredTag } from '../../app/types';

/** Bytes of body per item: DynamoDB's 400 KB item limit, less room for keys and the other attributes. */
export const MAX_BODY_BYTES_PER_ITEM = 380_000;

const FORMAT = 1;

/** Spans last, and only when the tag has them (tags stored before spans were kept have none). */
type EncodedTag = [ElementId, ThemeId, number, string[], string[]] | [ElementId, ThemeId, number, string[], string[], Array<[number, number]>];
type EncodedParagraph = [number, string, EncodedTag[]];
interface EncodedBody {
  f: number;
  e: ElementSummary[];
  t: EncodedParagraph[];
}

export class CorruptVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptVersionError';
  }
}

export function encodeVersionBody(elements: ElementSummary[], tags: ParagraphTags[]): Buffer {
  const body: EncodedBody = {
    f: FORMAT,
    e: elements,
    t: tags.map((p) => [
      p.index,
      p.textKey,
      p.tags.map((t): EncodedTag => (t.spans ? [t.element, t.theme, t.score, t.matchedTerms, t.tfidfTerms, t.spans] : [t.element, t.theme, t.score, t.matchedTerms, t.tfidfTerms])),
    ]),
  };
  return gzipSync(JSON.stringify(body));
}

export function decodeVersionBody(bytes: Uint8Array): { elements: ElementSummary[]; tags: ParagraphTags[] } {
  let body: EncodedBody;
  try {
    body = JSON.parse(gunzipSync(bytes).toString('utf8')) as EncodedBody;
  } catch (err) {
    throw new CorruptVersionError(`version body cannot be read: ${(err as Error).message}`);
  }
  if (body?.f !== FORMAT || !Array.isArray(body.e) || !Array.isArray(body.t)) throw new CorruptVersionError(`version body has an unknown format ${body?.f}`);
  return {
    elements: body.e,
    tags: body.t.map(([index, textKey, ts]) => ({
      index,
      textKey,
      tags: ts.map(([element, theme, score, matchedTerms, tfidfTerms, spans]): StoredTag => ({ element, theme, score, matchedTerms, tfidfTerms, ...(spans ? { spans } : {}) })),
    })),
  };
}

/** Cuts a body into pieces of at most `size` bytes (one piece when it fits). */
export function splitBody(bytes: Uint8Array, size = MAX_BODY_BYTES_PER_ITEM): Uint8Array[] {
  if (size < 1) throw new RangeError('part size must be positive');
  const parts: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) parts.push(bytes.subarray(at, at + size));
  return parts.length ? parts : [bytes];
}

export function joinBody(parts: readonly Uint8Array[]): Buffer {
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
}
