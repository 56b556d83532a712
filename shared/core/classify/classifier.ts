/**
 * The paragraph classifier: keyword evidence + TF-IDF similarity → one score per element →
 * per-element thresholds → tags with evidence. Pure: everything it needs is passed in.
 */
import { shortHash, type TaxonomyBundle } from '../taxonomy/index';
import type { ElementId, Element } from '../taxonomy/types';
import type { LexiconLanguage } from '../taxonomy/lexicon-types';
import { KeywordMatcher, type TermMatch } from './lexicon/keywords';
import type { ClassifierParams } from './params';
import { summarise } from './rollup';
import { combineScore, keywordOnlyScore, keywordStrength } from './scoring';
import { analyse } from './text/analyse';
import { citedTitleSpans, insideSpans, type Span } from './text/cited-titles';
import { buildProfiles } from './tfidf/profiles';
import { buildProfileIndex, isTopical, similarity, vectorise, type IdfModel, type ProfileIndex } from './tfidf/vectors';
import type { Classifier, KeywordHit, Tag } from './types';

export interface ClassifierData {
  bundle: TaxonomyBundle;
  idf: IdfModel;
  params: ClassifierParams;
  /** Per element, descriptive prose for its TF-IDF profile (data/gcm/profiles.en.json). */
  profileProse?: Partial<Record<ElementId, string>>;
}

/** Every element's score for one text, tagged or not: what calibration and debugging need. */
export interface ElementScore {
  element: ElementId;
  score: number;
  keyword: number;
  cosine: number;
  matches: TermMatch[];
  /** Whether the element can be tagged at all: a lexicon hit, or a TF-IDF-only candidate. */
  taggable: boolean;
}

export interface TextAnalysis {
  language: LexiconLanguage;
  procedural: number;
  scores: ElementScore[];
}

export interface FullClassifier extends Classifier {
  readonly params: ClassifierParams;
  thresholdOf(element: ElementId): number;
  /** Scores for all 24 elements, before thresholds. */
  scoreText(text: string): TextAnalysis;
}

/** Bad input to the classifier (not a string). */
export class ClassifierInputError extends TypeError {
  override readonly name = 'ClassifierInputError';
}

const TOP_TFIDF_TERMS = 5;

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
const NO_MATCHES: TermMatch[] = [];

/**
 * Hits lying wholly inside the title of a cited instrument ("Recalling its resolution 78/180 on
 * trafficking in persons…", "the Protocol against the Smuggling of Migrants…") are passing
 * mentions of another document's subject: they are removed, so a paragraph that only recalls
 * titles gets no tag from them, while hits in the rest of the paragraph still count.
 */
function dropHitsInSpans(
  spans: readonly Span[],
  tokens: readonly { start: number; end: number }[],
  byElement: Map<ElementId, TermMatch[]>,
): void {
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

export function createClassifier(data: ClassifierData): FullClassifier {
  const { bundle, idf, params, profileProse } = data;
  const { taxonomy, lexicons } = bundle;
  const elements: Element[] = taxonomy.elements;
  const matchers = new Map<LexiconLanguage, KeywordMatcher>();
  for (const [lang, lx] of Object.entries(lexicons) as Array<[LexiconLanguage, (typeof lexicons)['en']]>) {
    matchers.set(lang, new KeywordMatcher(lx, { window: params.scoring.window }));
  }
  // TF-IDF profiles and IDF are English: French and Spanish paragraphs are scored on keywords.
  const profiles: ProfileIndex = buildProfileIndex(
    buildProfiles(taxonomy, lexicons.en, idf, profileProse, params.scoring.proseWeight ?? 0.5),
  );
  const version = `clf-${shortHash(taxonomy.version, idf, params, profileProse ?? null)}`;
  const elementIndex = new Map(elements.map((e, i) => [e.id, i]));
  const needsContext = new Set(elements.filter((e) => lexicons.en.elements[e.id]?.needsContext).map((e) => e.id));
  const thresholdOf = (el: ElementId) => params.thresholds[el] ?? params.defaultThreshold;
  const { weakCue, weakCap } = params.scoring;
  const weak = weakCue !== undefined && weakCap !== undefined ? { cue: weakCue, cap: weakCap } : undefined;
  const { passingRelativeCosine, passingDamping } = params.scoring;
  const passing = passingRelativeCosine !== undefined && passingDamping !== undefined
    ? { relative: passingRelativeCosine, damping: passingDamping }
    : undefined;
  const { cosineOnlyWeight, cosineOnlyRelative } = params.scoring;
  const cosineOnly = cosineOnlyWeight !== undefined && cosineOnlyRelative !== undefined
    ? {
      weight: cosineOnlyWeight,
      relative: cosineOnlyRelative,
      margin: params.scoring.cosineOnlyMargin ?? 1,
      minWords: params.scoring.cosineOnlyMinWords ?? 0,
      maxElements: params.scoring.cosineOnlyMaxElements ?? 1,
    }
    : undefined;

  /** `all`: score every element (calibration); otherwise only elements with a keyword hit. */
  function run(text: string, all: boolean) {
    if (typeof text !== 'string') throw new ClassifierInputError(`classifyText expects a string, got ${typeof text}`);
    const analysed = analyse(text);
    const lang = matchers.has(analysed.language) ? analysed.language : 'en';
    const kw = matchers.get(lang)!.match(analysed.tokens);
    // Words of cited titles name another document's subject: no keyword hits, no TF-IDF weight.
    const titles = citedTitleSpans(text);
    dropHitsInSpans(titles, analysed.tokens, kw.byElement);
    const topical = titles.length ? analysed.tokens.filter((t) => !insideSpans(titles, t.start, t.end)) : analysed.tokens;
    // Tables of contents and lists of abbreviations are not statements on any subject.
    if (looksLikeNavigation(text, analysed.tokens)) kw.procedural = 1;
    const sim = lang === 'en' ? similarity(vectorise(topical, idf), profiles) : undefined;
    const scores: ElementScore[] = [];
    let bestCosine = 0;
    if (sim) for (const c of sim.cosine) if (c > bestCosine) bestCosine = c;
    // TF-IDF-only candidates: the paragraph's best-matching profiles (those within `relative` of
    // the best, at most `maxElements`), in a migration context, outside procedural text (agenda,
    // venue, tables of contents), and only when they stand clearly above the rest: the weakest
    // candidate is at least `margin` × the best profile left out. A paraphrase of two subjects
    // ("the hiring fees workers pay … what they send home") can then get both.
    let contentWords = 0;
    if (cosineOnly) for (const t of topical) if (isTopical(t)) contentWords++;
    const cosineOnlyFloor = cosineOnly && sim && kw.context && kw.procedural < 0.3 && bestCosine > 0 &&
      contentWords >= cosineOnly.minWords
      ? cosineOnlyCutoff(sim.cosine, bestCosine, cosineOnly)
      : Infinity;
    elements.forEach((el, i) => {
      const matches = kw.byElement.get(el.id) ?? NO_MATCHES;
      // The element's own negative phrases in the paragraph ("obligations of States" for r, "local
      // integration … return" for s) show the other sense: no TF-IDF-only tag then.
      const cosineCandidate = sim !== undefined && sim.cosine[i] >= cosineOnlyFloor && !kw.negated.has(el.id);
      if (!all && matches.length === 0 && !cosineCandidate) return;
      let keyword = 0;
      if (matches.length) {
        // Each lexicon entry counts once, however often it occurs.
        const seen = new Map<number, number>();
        for (const m of matches) seen.set(m.entry, m.weight);
        keyword = keywordStrength(seen.values(), weak);
      }
      const cosine = sim ? sim.cosine[i] : 0;
      let score = sim
        ? combineScore(keyword, cosine, kw.procedural, params.scoring)
        : keywordOnlyScore(keyword, kw.procedural, params.scoring);
      if (matches.length === 0) {
        // Without a lexicon hit only a best-matching profile may score, and only up to cosineOnly.weight.
        score = cosineCandidate && cosineOnly
          ? cosineOnly.weight * Math.min(1, cosine / params.scoring.cosineAtFull) * (1 - params.scoring.proceduralDamping * kw.procedural)
          : Math.min(score, params.scoring.tfidfWeight * Math.min(1, cosine / params.scoring.cosineAtFull));
      }
      // "Climate change" or "the 2030 Agenda" in a paragraph that never touches migration is not
      // about a GCM element: such elements are damped without a migration context cue.
      // A term weighted as conclusive on its own ("brain drain", "readmission") is its own context.
      const ownContext = matches.some((m) => m.weight >= params.scoring.selfContextWeight);
      if (!kw.context && !ownContext && needsContext.has(el.id)) score *= params.scoring.contextDamping;
      // One hit in a paragraph whose wording is clearly about another element is usually a
      // passing mention ("remittances" in a paragraph on development planning).
      if (passing && matches.length === 1 && cosine < passing.relative * bestCosine) score *= passing.damping;
      const taggable = matches.length > 0 || (cosineCandidate && cosineOnly !== undefined);
      scores.push({ element: el.id, score, keyword, cosine, matches, taggable });
    });
    return { analysed, lang, kw, sim, scores };
  }

  return {
    version,
    taxonomyVersion: taxonomy.version,
    params,
    thresholdOf,
    scoreText(text) {
      const { lang, kw, scores } = run(text, true);
      return { language: lang, procedural: kw.procedural, scores };
    },
    classifyText(text) {
      const { analysed, sim, scores } = run(text, false);
      const tags: Tag[] = [];
      scores.forEach((s) => {
        const i = elementIndex.get(s.element)!;
        if (s.score < thresholdOf(s.element) || !s.taggable) return;
        const keywordHits: KeywordHit[] = s.matches.map((m) => ({
          term: m.pattern,
          start: analysed.tokens[m.ranges.reduce((a, r) => Math.min(a, r[0]), Infinity)].start,
          end: analysed.tokens[m.ranges.reduce((a, r) => Math.max(a, r[1]), -Infinity) - 1].end,
          weight: m.weight,
        }));
        tags.push({
          element: s.element,
          theme: elements[i].theme,
          score: Math.round(s.score * 1000) / 1000,
          keywordHits,
          tfidfTerms: sim ? sim.top(i, TOP_TFIDF_TERMS) : [],
          classifierVersion: version,
        });
      });
      return tags.sort((a, b) => b.score - a.score);
    },
    summariseDocument(paragraphs) {
      return summarise(paragraphs, params.rollup);
    },
  };
}

/**
 * Lowest cosine a TF-IDF-only candidate may have, or Infinity when no profile stands out. The
 * candidates are the `maxElements` best profiles within `relative` × the best; the weakest of them
 * must reach `margin` × the best profile outside the set. With relative = 1 and maxElements = 1
 * this is the single-winner rule (best ≥ margin × second).
 */
export function cosineOnlyCutoff(
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
