/**
 * The name a review decision is kept under: the paragraph key of core/extract (a short hash of the
 * paragraph's words, whitespace and Unicode composition aside), the same key a stored version gives
 * each tagged paragraph. Position does not count, so the same text keeps its decision whichever
 * page, index, extractor or classifier version it comes back with after reprocessing.
 */
export { paragraphKey as paragraphTextKey } from '../../core/extract/paragraph-key';
