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
