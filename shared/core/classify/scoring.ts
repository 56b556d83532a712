import type { ClassifierParams } from './params';

/**
 * Noisy-OR of keyword weights over distinct lexicon entries: two 0.5 cues give 0.75.
 * When every cue is weak (each below `weak.cue`), their sum is capped at `weak.cap`: "civil
 * society", "private sector" and "partnerships" in one long resolution paragraph are three
 * passing words, not the equivalent of one strong cue (noisy-OR alone would give 0.71).
 */
export function keywordStrength(weights: Iterable<number>, weak?: { cue: number; cap: number }): number {
  let none = 1;
  let strongest = 0;
  for (const w of weights) {
    none *= 1 - w;
    if (w > strongest) strongest = w;
  }
  const k = 1 - none;
  return weak && strongest < weak.cue ? Math.min(k, Math.max(strongest, weak.cap)) : k;
}

/**
 * One score in [0, 1] from keyword strength K, TF-IDF cosine C and the procedural cue P:
 *   score = min(1, kw·K + tw·min(1, C / cosineAtFull)) · (1 − damping·P)
 * With the default weights TF-IDF alone cannot reach a threshold: an element needs at least one
 * lexicon hit, and TF-IDF then decides between weak cues.
 */
export function combineScore(k: number, cosine: number, procedural: number, p: ClassifierParams['scoring']): number {
  const c = Math.min(1, cosine / p.cosineAtFull);
  const raw = Math.min(1, p.keywordWeight * k + p.tfidfWeight * c);
  return raw * (1 - p.proceduralDamping * procedural);
}

/**
 * Score when no TF-IDF model exists for the paragraph's language (French, Spanish): the keyword
 * strength alone, damped the same way, so the English thresholds keep their meaning.
 */
export function keywordOnlyScore(k: number, procedural: number, p: ClassifierParams['scoring']): number {
  return k * (1 - p.proceduralDamping * procedural);
}
