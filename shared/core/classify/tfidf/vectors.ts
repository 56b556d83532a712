/**
 * Sparse TF-IDF vectors and cosine similarity against precomputed element profiles.
 * IDF comes from a fixed reference corpus committed as model data (model/idf.json), so the same
 * paragraph gets the same vector whatever the archive holds. Vectors are plain Maps built in one
 * pass; the profiles are stored as an inverted index (stem → elements), so scoring a paragraph
 * costs one lookup per distinct paragraph term rather than one cosine per element.
 */
import type { Token } from '../text/analyse';

export interface IdfModel {
  /** Number of reference passages the document frequencies were counted over. */
  documents: number;
  /** IDF for stems not in the table (treated as if seen once). */
  defaultIdf: number;
  idf: Record<string, number>;
}

export interface SparseVector {
  weights: Map<string, number>;
  /** The tokens the vector was built from, to find a readable surface form for a stem. */
  tokens: readonly Token[];
}

/** Tokens that carry topic: content words of two letters or more, not bare numbers. */
export function isTopical(t: Token): boolean {
  if (t.stop || t.stem.length < 2) return false;
  // Not all ASCII digits (checked by character code: this runs for every token).
  for (let i = 0; i < t.stem.length; i++) {
    const c = t.stem.charCodeAt(i);
    if (c < 48 || c > 57) return true;
  }
  return false;
}

// Plain objects with thousands of keys are slow dictionaries; a Map per model is built once.
const idfMaps = new WeakMap<IdfModel, Map<string, number>>();

export function idfOf(model: IdfModel, stem: string): number {
  let map = idfMaps.get(model);
  if (!map) {
    map = new Map(Object.entries(model.idf));
    idfMaps.set(model, map);
  }
  return map.get(stem) ?? model.defaultIdf;
}

/** Log-scaled term frequency × IDF, L2-normalised, from stem counts and each stem's IDF (in the counts' order). */
export function vectorFromCounts(counts: ReadonlyMap<string, number>, idfs: ArrayLike<number>, tokens: readonly Token[]): SparseVector {
  const weights = new Map<string, number>();
  let norm = 0;
  let k = 0;
  for (const [s, c] of counts) {
    const w = (1 + Math.log(c)) * idfs[k++];
    weights.set(s, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [s, w] of weights) weights.set(s, w / norm);
  return { weights, tokens };
}

export interface ProfileIndex {
  elementCount: number;
  /** stem → list of [element position, normalised profile weight]. */
  postings: Map<string, Array<[number, number]>>;
}

/** Builds the inverted index from raw per-element stem weights (already IDF-scaled). */
export function buildProfileIndex(profiles: Array<Map<string, number>>): ProfileIndex {
  const postings = new Map<string, Array<[number, number]>>();
  profiles.forEach((p, el) => {
    let norm = 0;
    for (const w of p.values()) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    for (const [s, w] of p) {
      const list = postings.get(s) ?? [];
      list.push([el, w / norm]);
      postings.set(s, list);
    }
  });
  return { elementCount: profiles.length, postings };
}

export interface Similarity {
  cosine: Float64Array;
  /** Per element, the paragraph terms that contributed most (stem, contribution), best first. */
  top(el: number, n: number): Array<{ term: string; weight: number }>;
}

export function similarity(v: SparseVector, index: ProfileIndex): Similarity {
  const cosine = new Float64Array(index.elementCount);
  for (const [s, w] of v.weights) {
    const post = index.postings.get(s);
    if (!post) continue;
    for (const [el, pw] of post) cosine[el] += w * pw;
  }
  return {
    cosine,
    // Only tagged elements need their top terms, so contributions are recomputed on demand.
    top(el, n) {
      const list: Array<[string, number]> = [];
      for (const [s, w] of v.weights) {
        const hit = index.postings.get(s)?.find((p) => p[0] === el);
        if (hit) list.push([s, w * hit[1]]);
      }
      return list
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([s, c]) => ({ term: v.tokens.find((t) => t.stem === s)?.norm ?? s, weight: Math.round(c * 1000) / 1000 }));
    },
  };
}
