import type { ElementId } from '../taxonomy/types';

/** Scoring and roll-up parameters, stored as data in model/params.json (part of the version). */
export interface ClassifierParams {
  scoring: {
    /** Share of the score that comes from keyword evidence (noisy-OR of hit weights). */
    keywordWeight: number;
    /** Share that comes from TF-IDF cosine with the element profile. */
    tfidfWeight: number;
    /** Cosine at which the TF-IDF part counts in full (cosines are small on short paragraphs). */
    cosineAtFull: number;
    /** How much a clearly procedural paragraph (agenda, venue, thanks) is damped, in [0, 1]. */
    proceduralDamping: number;
    /** Max width, in tokens, of a proximity ("a ~ b") lexicon match. */
    window: number;
    /** Factor applied to elements marked needsContext when the paragraph has no migration cue. */
    contextDamping: number;
    /** A hit at least this heavy counts as migration context for its own element. */
    selfContextWeight: number;
    /** Hits all lighter than this are "weak cues"… (optional: no cap when absent) */
    weakCue?: number;
    /** …and together count for at most this keyword strength. */
    weakCap?: number;
    /**
     * Passing mention: an element hit only once, whose profile matches the paragraph less than
     * `passingRelativeCosine` × the best-matching element's, is scaled by `passingDamping`
     * (optional: off when absent).
     */
    passingRelativeCosine?: number;
    passingDamping?: number;
    /** Weight of the element's descriptive prose (profiles.en.json) in its TF-IDF profile (default 0.5). */
    proseWeight?: number;
    /**
     * TF-IDF-only tags (optional: off when absent). An element with no lexicon hit scores
     * `cosineOnlyWeight · min(1, C / cosineAtFull)` if it is the paragraph's best-matching element
     * (or within `cosineOnlyRelative` of it), the paragraph has a migration context cue and is not
     * procedural. Lets clear paraphrase through without letting stray words tag.
     */
    cosineOnlyWeight?: number;
    cosineOnlyRelative?: number;
    /** …and the best cosine is at least this multiple of the second best (a clear winner)… */
    cosineOnlyMargin?: number;
    /** …in a paragraph of at least this many content words (short lines have unstable cosines). */
    cosineOnlyMinWords?: number;
    /** …and at most this many elements may be tagged that way in one paragraph (default 1). */
    cosineOnlyMaxElements?: number;
  };
  defaultThreshold: number;
  /** Per-element thresholds calibrated on labelled data; missing elements use defaultThreshold. */
  thresholds: Partial<Record<ElementId, number>>;
  rollup: {
    /** A document addresses an element if one body paragraph scores at least this… */
    strongScore: number;
    /** …or if at least this many body paragraphs are tagged with it. */
    minParagraphs: number;
    maxEvidence: number;
  };
}
