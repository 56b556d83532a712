/**
 * Evidence for one paragraph, for all 24 elements at once: lexicon hits (with spans, what users
 * read), TF-IDF similarity with each element profile, procedural and navigation cues, and which
 * subjects (migration, trafficking, displacement) the paragraph names. The learned scorer turns this
 * evidence, with the document context, into probabilities; nothing here decides a tag.
 */
import { SUBJECTS, type Subject, type TaxonomyBundle } from '../taxonomy/index';
import type { LexiconLanguage } from '../taxonomy/lexicon-types';
import type { ElementId } from '../taxonomy/types';
import { KeywordMatcher, type TermMatch } from './lexicon/keywords';
import type { Range } from './lexicon/matcher';
import type { ClassifierParams } from './params';
import { keywordStrength } from './scoring';
import { analyse, type Token } from './text/analyse';
import { citedTitleSpans, insideSpans, type Span } from './text/cited-titles';
import { buildProfiles } from './tfidf/profiles';
import { buildProfileIndex, idfOf, isTopical, similarity, vectorFromCounts, type IdfModel, type ProfileIndex, type Similarity } from './tfidf/vectors';

export type SubjectCounts = Record<Subject, number>;

export interface ParagraphEvidence {
  language: LexiconLanguage;
  tokens: readonly Token[];
  /** Per element, the lexicon hits kept (cited titles, negatives and overlaps removed). */
  matches: ReadonlyMap<ElementId, TermMatch[]>;
  /** Per element position: noisy-OR keyword strength, heaviest hit, distinct entries hit. */
  keyword: Float64Array;
  maxWeight: Float64Array;
  hits: Uint8Array;
  /** Per element position: cosine with its TF-IDF profile (zeros outside English). */
  cosine: Float64Array;
  bestCosine: number;
  /**
   * Per element position, 1 where its profile is one of the paragraph's clearly best-matching ones
   * (see clearWinnerCutoff): the paraphrase signal when no lexicon phrase occurs.
   */
  profileWinner: Uint8Array;
  /** Per element position, 1 where one of its hits is conclusive alone ("readmission", "brain drain"). */
  conclusive: Uint8Array;
  /** Top contributing terms per element, computed on demand (only tagged elements need them). */
  similarity?: Similarity;
  /** Procedural cue in [0, 1]; 1 for tables of contents, bibliographies, lists of abbreviations. */
  procedural: number;
  navigation: boolean;
  /** Whether any of the lexicon's broad migration-context cues occurs (borders, abroad, nationals…). */
  broadContext: boolean;
  /** Subject cues outside the titles of cited instruments: what the paragraph itself is about. */
  subjects: SubjectCounts;
  /** Subject anchors anywhere, cited titles included: whether the document speaks of the subject at all. */
  mentions: SubjectCounts;
  /** Per element position, 1 where one of its negative phrases occurs ("drug trafficking" for k). */
  negated: Uint8Array;
  /** Distinct content stems outside cited titles: the bag of words the scorer weighs… */
  stems: readonly string[];
  /** …each with its IDF, the vector normalised to length 1 (a long paragraph is not louder). */
  stemValues: Float64Array;
  contentWords: number;
  /** Share of the paragraph's tokens inside cited titles ("Recalling its resolution 76/172 on …"). */
  citedShare: number;
  /**
   * Whether the TF-IDF half (cosine, bestCosine, profileWinner, similarity, stems) has been
   * computed. The lexical half alone decides the migration-context gate, so a paragraph the gate
   * closes for every element never pays for TF-IDF (most paragraphs of a resolution on another
   * subject, and every paragraph of a document that never names migration).
   */
  complete: boolean;
  /** Tokens outside cited titles: what the TF-IDF half is computed from. */
  topical: readonly Token[];
}

/** Cosine given to a keyword strength of 1 where no TF-IDF model exists (the cosine the scorer reads as full). */
const KEYWORD_AS_COSINE = 0.3;

export interface EvidenceExtractor {
  readonly elementIds: readonly ElementId[];
  /**
   * Per element position, 1 where the English lexicon marks the element `needsContext`: its cues
   * ("climate change", "human rights", "partnerships") say nothing of migration on their own.
   */
  readonly needsContext: Uint8Array;
  /** Both halves of the evidence. */
  extract(text: string): ParagraphEvidence;
  /** The lexical half only (complete: false): keyword hits, subjects, negatives, kind of text. */
  extractLexical(text: string): ParagraphEvidence;
  /** Adds the TF-IDF half in place (no-op when already complete) and returns the same object. */
  complete(evidence: ParagraphEvidence): ParagraphEvidence;
}

/**
 * Lowest cosine a clearly best-matching profile may have, or Infinity when no profile stands out:
 * the `maxElements` best profiles within `relative` × the best, and only when the weakest of them
 * reaches `margin` × the best profile left out (so a paragraph whose profiles are all alike has none).
 */
export function clearWinnerCutoff(
  cosines: ArrayLike<number>,
  best: number,
  rule: { relative: number; margin: number; maxElements: number },
): number {
  const ranked = Array.from(cosines).filter((c) => c > 0).sort((a, b) => b - a);
  let count = 0;
  while (count < ranked.length && count < Math.max(1, rule.maxElements) && ranked[count] >= rule.relative * best) count++;
  if (count === 0) return Infinity;
  const weakestIn = ranked[count - 1];
  const strongestOut = ranked[count] ?? 0;
  // Ties across the cut would let an extra element through: the set must be strictly separable.
  if (strongestOut >= weakestIn) return Infinity;
  return weakestIn >= rule.margin * strongestOut ? weakestIn : Infinity;
}

/**
 * A table-of-contents line (dot leaders), a bibliography entry ("Author (2012a). Title…") or a
 * list of abbreviations (mostly acronyms).
 */
export function looksLikeNavigation(text: string, tokens: readonly { start: number; end: number }[]): boolean {
  if (/(?:\.\s?){6,}/.test(text)) return true;
  if (tokens.length < 60 && /^[^.]{2,160}\((?:19|20)\d\d[a-z]?\)\./.test(text)) return true;
  let acronyms = 0;
  for (const t of tokens) {
    const len = t.end - t.start;
    if (len < 2 || len > 8) continue;
    let upper = true;
    for (let i = t.start; i < t.end && upper; i++) {
      const c = text.charCodeAt(i);
      upper = (c >= 65 && c <= 90) || (i > t.start && c >= 48 && c <= 57);
    }
    if (upper) acronyms++;
  }
  return acronyms >= 6 && acronyms >= 0.2 * tokens.length;
}

/**
 * Hits lying wholly inside the title of a cited instrument ("Recalling its resolution 78/180 on
 * trafficking in persons…") name another document's subject: they are removed, while hits in the
 * rest of the paragraph still count.
 */
function dropHitsInSpans(spans: readonly Span[], tokens: readonly Token[], byElement: Map<ElementId, TermMatch[]>): void {
  if (spans.length === 0) return;
  for (const [el, matches] of byElement) {
    const kept = matches.filter((m) => {
      let first = Infinity, last = -Infinity;
      for (const [a, b] of m.ranges) { if (a < first) first = a; if (b > last) last = b; }
      return !insideSpans(spans, tokens[first].start, tokens[last - 1].end);
    });
    if (kept.length === matches.length) continue;
    if (kept.length) byElement.set(el, kept); else byElement.delete(el);
  }
}

function countSubjects(found: Map<Subject, Range[]>, keep: (r: Range) => boolean): SubjectCounts {
  const counts = { migration: 0, trafficking: 0, displacement: 0 } as SubjectCounts;
  for (const s of SUBJECTS) for (const r of found.get(s) ?? []) if (keep(r)) counts[s]++;
  return counts;
}

export function createEvidenceExtractor(data: {
  bundle: TaxonomyBundle;
  idf: IdfModel;
  params: ClassifierParams;
  profileProse?: Partial<Record<ElementId, string>>;
}): EvidenceExtractor {
  const { bundle, idf, params, profileProse } = data;
  const { taxonomy, lexicons } = bundle;
  const elementIds = taxonomy.elements.map((e) => e.id);
  const position = new Map(elementIds.map((id, i) => [id, i]));
  const matchers = new Map<LexiconLanguage, KeywordMatcher>();
  for (const [lang, lx] of Object.entries(lexicons) as Array<[LexiconLanguage, (typeof lexicons)['en']]>) {
    matchers.set(lang, new KeywordMatcher(lx, { window: params.evidence.window }));
  }
  // TF-IDF profiles and IDF are English: French and Spanish paragraphs have keyword evidence only.
  const profiles: ProfileIndex = buildProfileIndex(
    buildProfiles(taxonomy, lexicons.en, idf, profileProse, params.evidence.proseWeight),
  );
  const weak = { cue: params.evidence.weakCue, cap: params.evidence.weakCap };
  const n = elementIds.length;

  const needsContext = Uint8Array.from(elementIds, (id) => (lexicons.en.elements[id]?.needsContext ? 1 : 0));

  const extractor: EvidenceExtractor = {
    elementIds,
    needsContext,
    extractLexical(text) {
      const analysed = analyse(text);
      const language = matchers.has(analysed.language as LexiconLanguage) ? (analysed.language as LexiconLanguage) : 'en';
      const tokens = analysed.tokens;
      const kw = matchers.get(language)!.match(tokens);
      const titles = citedTitleSpans(text);
      dropHitsInSpans(titles, tokens, kw.byElement);
      const outsideTitles = (r: Range) => titles.length === 0
        || !insideSpans(titles, tokens[r[0]].start, tokens[r[1] - 1].end);
      const topical = titles.length ? tokens.filter((t) => !insideSpans(titles, t.start, t.end)) : tokens;
      const navigation = looksLikeNavigation(text, tokens);

      const keyword = new Float64Array(n);
      const maxWeight = new Float64Array(n);
      const hits = new Uint8Array(n);
      for (const [el, matches] of kw.byElement) {
        const i = position.get(el)!;
        // Each lexicon entry counts once, however often it occurs.
        const seen = new Map<number, number>();
        for (const m of matches) seen.set(m.entry, m.weight);
        keyword[i] = keywordStrength(seen.values(), weak);
        for (const w of seen.values()) if (w > maxWeight[i]) maxWeight[i] = w;
        hits[i] = Math.min(255, seen.size);
      }

      const negated = new Uint8Array(n);
      for (const el of kw.negated) negated[position.get(el)!] = 1;

      let contentWords = 0;
      for (const t of topical) if (isTopical(t)) contentWords++;
      const conclusive = new Uint8Array(n);
      for (let k = 0; k < n; k++) if (maxWeight[k] >= params.evidence.conclusiveWeight) conclusive[k] = 1;

      return {
        language,
        tokens,
        matches: kw.byElement,
        keyword,
        maxWeight,
        hits,
        cosine: new Float64Array(n),
        bestCosine: 0,
        profileWinner: new Uint8Array(n),
        conclusive,
        similarity: undefined,
        procedural: navigation ? 1 : kw.procedural,
        navigation,
        broadContext: kw.context,
        subjects: countSubjects(kw.subjects, outsideTitles),
        mentions: countSubjects(kw.anchors, () => true),
        negated,
        stems: [],
        stemValues: new Float64Array(0),
        contentWords,
        citedShare: tokens.length ? 1 - topical.length / tokens.length : 0,
        complete: false,
        topical,
      };
    },

    complete(ev) {
      if (ev.complete) return ev;
      // One pass over the topical tokens gives both the TF-IDF vector and the scorer's bag of stems
      // (in first-occurrence order, each with its IDF).
      const counts = new Map<string, number>();
      for (const t of ev.topical) if (isTopical(t)) counts.set(t.stem, (counts.get(t.stem) ?? 0) + 1);
      const stemList = [...counts.keys()];
      const stemValues = new Float64Array(stemList.length);
      for (let k = 0; k < stemList.length; k++) stemValues[k] = idfOf(idf, stemList[k]);

      const { cosine } = ev;
      if (ev.language === 'en') {
        ev.similarity = similarity(vectorFromCounts(counts, stemValues, ev.topical), profiles);
        cosine.set(ev.similarity.cosine);
      } else {
        // No TF-IDF model for French and Spanish: the keyword strength stands in for the similarity,
        // so that the scorer (trained mostly on English) reads a strong French cue as it reads a
        // strong English cue backed by its profile.
        for (let k = 0; k < n; k++) cosine[k] = ev.keyword[k] * KEYWORD_AS_COSINE;
      }
      let bestCosine = 0;
      for (let k = 0; k < n; k++) if (cosine[k] > bestCosine) bestCosine = cosine[k];
      ev.bestCosine = bestCosine;
      if (bestCosine > 0 && ev.contentWords >= params.evidence.winner.minWords) {
        const cut = clearWinnerCutoff(cosine, bestCosine, params.evidence.winner);
        for (let k = 0; k < n; k++) if (cosine[k] >= cut) ev.profileWinner[k] = 1;
      }

      let norm = 0;
      for (let k = 0; k < stemValues.length; k++) norm += stemValues[k] * stemValues[k];
      norm = Math.sqrt(norm) || 1;
      for (let k = 0; k < stemValues.length; k++) stemValues[k] /= norm;
      ev.stems = stemList;
      ev.stemValues = stemValues;
      ev.complete = true;
      return ev;
    },

    extract(text) {
      return extractor.complete(extractor.extractLexical(text));
    },
  };
  return extractor;
}
