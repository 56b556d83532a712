/**
 * Keyword evidence for one paragraph: which lexicon terms of which elements it contains, after
 * longest-match-first selection and negative suppression, plus a procedural-text cue.
 */
import type { ElementId } from '../../taxonomy/types';
import type { Lexicon, Subject } from '../../taxonomy/lexicon-types';
import type { Token } from '../text/analyse';
import type { Language } from '../text/language';
import { contains, overlaps, PhraseIndex, type Range } from './matcher';
import { compilePattern } from './patterns';

type EntryKind = 'term' | 'negative' | 'global' | 'procedural' | 'context' | 'subject' | 'subjectNegative' | 'subjectAnchor';

interface Entry {
  kind: EntryKind;
  element: ElementId | null;
  subject?: Subject;
  pattern: string;
  weight: number;
  parts: number[];
}

/** One accepted lexicon match: the entry and the token ranges of its parts. */
export interface TermMatch {
  entry: number;
  pattern: string;
  weight: number;
  ranges: Range[];
}

export interface KeywordResult {
  byElement: Map<ElementId, TermMatch[]>;
  /** Noisy-OR of procedural cue weights in [0, 1]. */
  procedural: number;
  /** Whether the paragraph has a migration context cue (always true if the lexicon lists none). */
  context: boolean;
  /** Elements one of whose negative phrases occurs in the paragraph ("drug trafficking" → k). */
  negated: Set<ElementId>;
  /** Token ranges of each subject's cues, other senses ("highly migratory fish") removed. */
  subjects: Map<Subject, Range[]>;
  /** The same for each subject's anchors (the cues that show a document speaks of the subject at all). */
  anchors: Map<Subject, Range[]>;
}

export interface KeywordOptions {
  /** Max width in tokens of a proximity ("a ~ b") match. */
  window: number;
}

export class KeywordMatcher {
  private readonly index = new PhraseIndex();
  private readonly entries: Entry[] = [];
  private readonly entriesOfPhrase = new Map<number, number[]>();

  constructor(lexicon: Lexicon, private readonly options: KeywordOptions) {
    const lang = lexicon.language as Language;
    for (const [id, el] of Object.entries(lexicon.elements) as Array<[ElementId, Lexicon['elements'][ElementId]]>) {
      for (const [pattern, weight] of el.terms) this.addEntry('term', id, pattern, weight, lang);
      for (const pattern of el.negatives ?? []) this.addEntry('negative', id, pattern, 1, lang);
    }
    for (const pattern of lexicon.globalNegatives) this.addEntry('global', null, pattern, 1, lang);
    for (const [pattern, weight] of lexicon.procedural) this.addEntry('procedural', null, pattern, weight, lang);
    for (const pattern of lexicon.context ?? []) this.addEntry('context', null, pattern, 1, lang);
    for (const [subject, cues] of Object.entries(lexicon.subjects ?? {}) as Array<[Subject, { cues: string[]; negatives: string[]; anchors?: string[] }]>) {
      for (const pattern of cues.cues) this.addEntry('subject', null, pattern, 1, lang, subject);
      for (const pattern of cues.negatives) this.addEntry('subjectNegative', null, pattern, 1, lang, subject);
      for (const pattern of cues.anchors ?? cues.cues) this.addEntry('subjectAnchor', null, pattern, 1, lang, subject);
    }
    this.hasContextCues = (lexicon.context ?? []).length > 0;
  }

  private readonly hasContextCues: boolean;

  private addEntry(kind: EntryKind, element: ElementId | null, pattern: string, weight: number, lang: Language, subject?: Subject) {
    let phrases;
    try {
      phrases = compilePattern(pattern, lang);
    } catch (err) {
      throw new Error(`lexicon ${lang}${element ? ` element ${element}` : ''}: ${(err as Error).message}`);
    }
    const parts = phrases.map((p) => this.index.add(p));
    const idx = this.entries.length;
    this.entries.push({ kind, element, subject, pattern, weight, parts });
    for (const p of new Set(parts)) {
      const list = this.entriesOfPhrase.get(p) ?? [];
      list.push(idx);
      this.entriesOfPhrase.set(p, list);
    }
  }

  get termCount(): number {
    return this.entries.filter((e) => e.kind === 'term').length;
  }

  match(tokens: readonly Token[]): KeywordResult {
    const found = this.index.findAll(tokens);
    const touched = new Set<number>();
    for (const pid of found.keys()) for (const e of this.entriesOfPhrase.get(pid) ?? []) touched.add(e);

    const candidates = new Map<ElementId, TermMatch[]>();
    const negatives = new Map<ElementId, Range[]>();
    const globals: Range[] = [];
    const procedural = new Set<number>();
    const subjectCues = new Map<Subject, Range[]>();
    const subjectNegatives = new Map<Subject, Range[]>();
    const subjectAnchors = new Map<Subject, Range[]>();
    let context = !this.hasContextCues;
    for (const ei of touched) {
      const entry = this.entries[ei];
      if (entry.kind === 'context') {
        if (!context && this.occurrences(entry, found).length) context = true;
        continue;
      }
      for (const ranges of this.occurrences(entry, found)) {
        if (entry.kind === 'term') {
          const list = candidates.get(entry.element!) ?? [];
          list.push({ entry: ei, pattern: entry.pattern, weight: entry.weight, ranges });
          candidates.set(entry.element!, list);
        } else if (entry.kind === 'negative') {
          const list = negatives.get(entry.element!) ?? [];
          list.push(...ranges);
          negatives.set(entry.element!, list);
        } else if (entry.kind === 'subject' || entry.kind === 'subjectNegative' || entry.kind === 'subjectAnchor') {
          const into = entry.kind === 'subject' ? subjectCues : entry.kind === 'subjectAnchor' ? subjectAnchors : subjectNegatives;
          const list = into.get(entry.subject!) ?? [];
          list.push(spanOf(ranges));
          into.set(entry.subject!, list);
        } else if (entry.kind === 'global') {
          globals.push(spanOf(ranges));
        } else {
          procedural.add(ei);
        }
      }
    }

    const byElement = new Map<ElementId, TermMatch[]>();
    for (const [el, list] of candidates) {
      const negs = negatives.get(el) ?? [];
      // Element negatives cancel any hit they touch; global negatives (document titles such as
      // "Global Compact for Safe, Orderly and Regular Migration") only hits wholly inside them.
      const alive = list.filter(
        (m) => !m.ranges.some((r) => negs.some((n) => overlaps(r, n)))
          && !globals.some((g) => m.ranges.every((r) => contains(g, r))),
      );
      // Longest match first: a hit is kept only if it does not overlap a longer kept hit.
      alive.sort((x, y) => tokenLength(y) - tokenLength(x) || y.weight - x.weight || x.ranges[0][0] - y.ranges[0][0]);
      const kept: TermMatch[] = [];
      for (const m of alive) {
        if (!kept.some((k) => k.ranges.some((kr) => m.ranges.some((r) => overlaps(kr, r))))) kept.push(m);
      }
      if (kept.length) byElement.set(el, kept.sort((x, y) => x.ranges[0][0] - y.ranges[0][0]));
    }

    const withoutNegatives = (cues: Map<Subject, Range[]>) => {
      const out = new Map<Subject, Range[]>();
      for (const [subject, list] of cues) {
        const negs = subjectNegatives.get(subject) ?? [];
        const alive = list.filter((r) => !negs.some((n) => overlaps(r, n)));
        if (alive.length) out.set(subject, alive);
      }
      return out;
    };
    const subjects = withoutNegatives(subjectCues);
    const anchors = withoutNegatives(subjectAnchors);

    let notProcedural = 1;
    for (const ei of procedural) notProcedural *= 1 - this.entries[ei].weight;
    return { byElement, procedural: 1 - notProcedural, context, negated: new Set(negatives.keys()), subjects, anchors };
  }

  /** Token ranges of each occurrence of an entry (proximity entries: one per anchor), in anchor order. */
  private occurrences(entry: Entry, found: Map<number, Range[]>): Range[][] {
    const out: Range[][] = [];
    if (entry.parts.length === 1) {
      const list = found.get(entry.parts[0]);
      if (list) for (const r of list) out.push([r]);
      return out;
    }
    const lists: Range[][] = [];
    for (const p of entry.parts) {
      const l = found.get(p);
      if (!l) return out;
      lists.push(l);
    }
    for (const anchor of lists[0]) {
      const chosen: Range[] = [anchor];
      for (let k = 1; k < lists.length; k++) {
        // The nearest occurrence of each further part that does not overlap what is chosen.
        let best: Range | undefined;
        let bestDist = Infinity;
        for (const r of lists[k]) {
          if (chosen.some((c) => overlaps(c, r))) continue;
          const dist = Math.abs(r[0] - anchor[0]);
          if (dist < bestDist) {
            best = r;
            bestDist = dist;
          }
        }
        if (!best) break;
        chosen.push(best);
      }
      if (chosen.length !== lists.length) continue;
      const span = spanOf(chosen);
      if (span[1] - span[0] <= this.options.window) out.push(chosen);
    }
    return out;
  }
}

function spanOf(ranges: readonly Range[]): Range {
  let s = Infinity;
  let e = -Infinity;
  for (const r of ranges) {
    s = Math.min(s, r[0]);
    e = Math.max(e, r[1]);
  }
  return [s, e];
}

function tokenLength(m: TermMatch): number {
  let n = 0;
  for (const r of m.ranges) n += r[1] - r[0];
  return n;
}
