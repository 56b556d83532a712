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

/** A trie over atoms: phrases sharing a beginning ("migrant workers", "migrant women") share nodes. */
interface Node {
  stem: Map<string, Node>;
  stop: Map<string, Node>;
  /** Prefix atoms bucketed by their first three letters, so a token checks only a few. */
  prefix: Map<string, Array<[string, Node]>>;
  /** Ids of the phrases that end here. */
  ends: number[];
}

const newNode = (): Node => ({ stem: new Map(), stop: new Map(), prefix: new Map(), ends: [] });

export class PhraseIndex {
  readonly phrases: Phrase[] = [];
  private readonly ids = new Map<string, number>();
  private readonly root = newNode();

  /** Registers a phrase (deduplicated) and returns its id. */
  add(phrase: Phrase): number {
    const key = phraseKey(phrase);
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.phrases.length;
    this.phrases.push(phrase);
    this.ids.set(key, id);
    let node = this.root;
    for (const atom of phrase) node = child(node, atom);
    node.ends.push(id);
    return id;
  }

  /** Every occurrence of every phrase, keyed by phrase id. */
  findAll(tokens: readonly Token[]): Map<number, Range[]> {
    const found = new Map<number, Range[]>();
    // First three letters of each token: the key of the prefix buckets, computed once.
    const keys = tokens.map((t) => t.norm.slice(0, 3));
    let start = 0;
    const visit = (node: Node, end: number) => {
      for (const id of node.ends) {
        const list = found.get(id);
        if (list) list.push([start, end]);
        else found.set(id, [[start, end]]);
      }
      step(node, end, false);
    };
    // From `node`, try to consume the token(s) at position j.
    const step = (node: Node, j: number, first: boolean) => {
      if (j >= tokens.length) return;
      const t = tokens[j];
      if (t.stop && node.stop.size) {
        const next = node.stop.get(t.norm);
        if (next) visit(next, j + 1);
      }
      if (node.stem.size === 0 && node.prefix.size === 0) return;
      // A content atom may be preceded by up to MAX_SKIP function words (not at a phrase start).
      const last = first ? j : Math.min(tokens.length - 1, j + MAX_SKIP);
      for (let k = j; k <= last; k++) {
        const u = tokens[k];
        if (!u.stop) {
          const next = node.stem.get(u.stem);
          if (next) visit(next, k + 1);
        }
        const bucket = node.prefix.size ? node.prefix.get(keys[k]) : undefined;
        if (bucket) for (const [p, next] of bucket) if (u.norm.startsWith(p)) visit(next, k + 1);
        if (!u.stop) break;
      }
    };
    for (start = 0; start < tokens.length; start++) step(this.root, start, true);
    return found;
  }
}

function child(node: Node, atom: Atom): Node {
  if (atom.kind === 'prefix') {
    const key = atom.value.slice(0, 3);
    const bucket = node.prefix.get(key) ?? [];
    let entry = bucket.find(([p]) => p === atom.value);
    if (!entry) {
      entry = [atom.value, newNode()];
      bucket.push(entry);
      node.prefix.set(key, bucket);
    }
    return entry[1];
  }
  const map = atom.kind === 'stem' ? node.stem : node.stop;
  let next = map.get(atom.value);
  if (!next) {
    next = newNode();
    map.set(atom.value, next);
  }
  return next;
}

export function overlaps(a: Range, b: Range): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

export function contains(outer: Range, inner: Range): boolean {
  return outer[0] <= inner[0] && inner[1] <= outer[1];
}
