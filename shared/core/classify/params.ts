/** Evidence and roll-up parameters, stored as data in model/params.json (part of the version). */
export interface ClassifierParams {
  evidence: {
    /** Max width, in tokens, of a proximity ("a ~ b") lexicon match. */
    window: number;
    /** Hits all lighter than this are "weak cues"… */
    weakCue: number;
    /** …and together count for at most this keyword strength. */
    weakCap: number;
    /** Weight of the element's descriptive prose (profiles.en.json) in its TF-IDF profile. */
    proseWeight: number;
    /** Which profiles count as the paragraph's clear winners (evidence.ts, clearWinnerCutoff). */
    winner: { relative: number; margin: number; maxElements: number; minWords: number };
    /** A lexicon hit this heavy ("readmission", "brain drain") is its own migration context. */
    conclusiveWeight: number;
  };
  rollup: {
    /** A document addresses an element if one body paragraph's probability reaches this… */
    strongScore: number;
    /** …or if at least this many body paragraphs are tagged with it. */
    minParagraphs: number;
    maxEvidence: number;
    /**
     * Ranking: the evidence (sum of tagged paragraphs' probabilities) at which a document counts
     * as treating the element in depth, and the share of its body paragraphs at which it counts as
     * focused on it.
     */
    depthAt: number;
    focusAt: number;
  };
}
