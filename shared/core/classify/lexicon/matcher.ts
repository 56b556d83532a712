/**
 * Finds lexicon phrases in an analysed paragraph. All phrases of a language (element terms,
 * negatives, procedural cues, the parts of proximity patterns) are indexed once by their first
 * atom; a paragraph is scanned once and every phrase occurrence is recorded as a token range.
 */
import type { Token } from '../text/analyse';
import { phraseKey, type Atom, type Phrase } from './patterns';

/** Token range [start, end) of one occurrence. */
export type Range = readonly [number, number];

/** How many function words of the text may sit between two content words of a phrase. */
const MAX_SKIP = 2;

export class PhraseIndex {
  readonly phrases: Phrase[] = [];
  private readonly ids = new Map<string, number>();
  private readonly byStem = new Map<string, number[]>();
  private readonly byStop = new Map<string, number[]>();
  /** Prefix atoms bucketed by their first three letters so each token checks only a few. */
  private readonly byPrefix = new Map<string, Array<{ prefix: string; id: number }>>();

  /** Registers a phrase (deduplicated) and returns its id. */
  add(phrase: Phrase): number {
    const key = phraseKey(phrase);
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.phrases.length;
    this.phrases.push(phrase);
    this.ids.set(key, id);
    const first = phrase[0];
    if (first.kind === 'stem') push(this.byStem, first.value, id);
    else if (first.kind === 'stop') push(this.byStop, first.value, id);
    else {
      const bucket = this.byPrefix.get(first.value.slice(0, 3)) ?? [];
      bucket.push({ prefix: first.value, id });
      this.byPrefix.set(first.value.slice(0, 3), bucket);
    }
    return id;
  }

  /** Every occurrence of every phrase, keyed by phrase id. */
  findAll(tokens: readonly Token[]): Map<number, Range[]> {
    const found = new Map<number, Range[]>();
    const tryAt = (id: number, i: number) => {
      const end = matchAt(this.phrases[id], tokens, i);
      if (end > 0) {
        const list = found.get(id);
        if (list) list.push([i, end]);
        else found.set(id, [[i, end]]);
      }
    };
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      const s = this.byStem.get(t.stem);
      if (s) for (const id of s) tryAt(id, i);
      if (t.stop) {
        const st = this.byStop.get(t.norm);
        if (st) for (const id of st) tryAt(id, i);
      }
      const bucket = this.byPrefix.get(t.norm.slice(0, 3));
      if (bucket) for (const b of bucket) if (t.norm.startsWith(b.prefix)) tryAt(b.id, i);
    }
    return found;
  }
}

function push(map: Map<string, number[]>, key: string, id: number) {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

function atomMatches(a: Atom, t: Token): boolean {
  if (a.kind === 'stem') return !t.stop && t.stem === a.value;
  if (a.kind === 'stop') return t.norm === a.value;
  return t.norm.startsWith(a.value);
}

/** Matches `phrase` starting exactly at token i; returns the exclusive end token, or -1. */
function matchAt(phrase: Phrase, tokens: readonly Token[], i: number): number {
  if (!atomMatches(phrase[0], tokens[i])) return -1;
  let j = i + 1;
  for (let k = 1; k < phrase.length; k++) {
    const a = phrase[k];
    if (a.kind !== 'stop') {
      // Content words may be separated by a few function words in the text ("costs of transfers").
      let skipped = 0;
      while (j < tokens.length && tokens[j].stop && !atomMatches(a, tokens[j]) && skipped < MAX_SKIP) {
        j++;
        skipped++;
      }
    }
    if (j >= tokens.length || !atomMatches(a, tokens[j])) return -1;
    j++;
  }
  return j;
}

export function overlaps(a: Range, b: Range): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

export function contains(outer: Range, inner: Range): boolean {
  return outer[0] <= inner[0] && inner[1] <= outer[1];
}
