/**
 * The classifier: for each paragraph of a document, evidence (lexicon hits, TF-IDF similarity,
 * subjects named) → migration context from the rest of the document → learned probabilities per
 * element → tags where the probability reaches the element's threshold, with their evidence.
 * Pure: everything it needs is passed in.
 */
import { shortHash, type TaxonomyBundle } from '../taxonomy/index';
import type { Element, ElementId } from '../taxonomy/types';
import { documentContext, openElements, type DocumentContext } from './context';
import { createEvidenceExtractor, type ParagraphEvidence } from './evidence';
import type { ClassifierParams } from './params';
import { summarise } from './rollup';
import { createScorer, type ScorerModel } from './scorer';
import type { IdfModel } from './tfidf/vectors';
import type { Classifier, DocumentClassification, DocumentInput, KeywordHit, ParagraphInput, Tag } from './types';

export interface ClassifierData {
  bundle: TaxonomyBundle;
  idf: IdfModel;
  params: ClassifierParams;
  /** Per element, descriptive prose for its TF-IDF profile (data/gcm/profiles.en.json). */
  profileProse?: Partial<Record<ElementId, string>>;
  scorer: ScorerModel;
}

/** Everything the classifier knows about one paragraph before thresholds (training, evaluation, debugging). */
export interface ScoredParagraph {
  evidence: ParagraphEvidence;
  /** Per element position: probability, 0 where the migration-context gate is closed. */
  probabilities: Float64Array;
  /** Per element position: whether the gate lets the element apply here at all. */
  open: Uint8Array;
}

export interface ScoredDocument {
  context: DocumentContext;
  paragraphs: ScoredParagraph[];
}

export interface FullClassifier extends Classifier {
  readonly params: ClassifierParams;
  readonly elements: readonly Element[];
  /** The element's threshold for paragraphs of a document, or for a paragraph on its own. */
  thresholdOf(element: ElementId, standalone?: boolean): number;
  /** Evidence, context and probabilities of every paragraph, before thresholds. */
  scoreDocument(paragraphs: readonly ParagraphInput[], document?: DocumentInput): ScoredDocument;
}

/** Bad input to the classifier (not a string). */
export class ClassifierInputError extends TypeError {
  override readonly name = 'ClassifierInputError';
}

const TOP_TFIDF_TERMS = 5;

/**
 * The gate and the evidence are code, not data: bump this when a rule in context.ts or evidence.ts
 * changes what a paragraph gets, so that the classifier version (a hash of all it depends on)
 * changes too and a reprocessing run sees earlier results as out of date.
 */
export const RULES_REVISION = 'rules-3';

export function createClassifier(data: ClassifierData): FullClassifier {
  const { bundle, idf, params, profileProse, scorer: model } = data;
  const elements: Element[] = bundle.taxonomy.elements;
  const ids = elements.map((e) => e.id);
  const evidenceOf = createEvidenceExtractor({ bundle, idf, params, profileProse });
  const scorer = createScorer(model, ids);
  const version = `clf-${shortHash(bundle.taxonomy.version, idf, params, profileProse ?? null, model, RULES_REVISION)}`;
  const position = new Map(ids.map((id, i) => [id, i]));

  function scoreDocument(paragraphs: readonly ParagraphInput[], document?: DocumentInput): ScoredDocument {
    const evidence = paragraphs.map((p) => {
      if (typeof p?.text !== 'string') throw new ClassifierInputError(`paragraph text must be a string, got ${typeof p?.text}`);
      return evidenceOf.extractLexical(p.text);
    });
    const title = document?.title ? evidenceOf.extractLexical(document.title) : undefined;
    const context = documentContext(paragraphs.map((p, i) => ({ kind: p.kind, evidence: evidence[i] })), title);
    const scored = paragraphs.map((p, i): ScoredParagraph => {
      const ctx = context.paragraphs[i];
      const open = openElements(ctx, evidence[i], ids, evidenceOf.needsContext);
      const probabilities = new Float64Array(ids.length);
      if (open.includes(1)) {
        evidenceOf.complete(evidence[i]);
        scorer.probabilities({ evidence: evidence[i], context: ctx, kind: p.kind }, probabilities, open);
      }
      return { evidence: evidence[i], probabilities, open };
    });
    return { context, paragraphs: scored };
  }

  function tagsOf(s: ScoredParagraph, standalone: boolean): Tag[] {
    const tags: Tag[] = [];
    const { evidence } = s;
    for (let e = 0; e < ids.length; e++) {
      const p = s.probabilities[e];
      if (p < scorer.threshold(e, standalone) || p === 0) continue;
      const keywordHits: KeywordHit[] = (evidence.matches.get(ids[e]) ?? []).map((m) => ({
        term: m.pattern,
        start: evidence.tokens[m.ranges.reduce((a, r) => Math.min(a, r[0]), Infinity)].start,
        end: evidence.tokens[m.ranges.reduce((a, r) => Math.max(a, r[1]), -Infinity) - 1].end,
        weight: m.weight,
      }));
      tags.push({
        element: ids[e],
        theme: elements[e].theme,
        score: Math.round(p * 1000) / 1000,
        keywordHits,
        tfidfTerms: evidence.similarity ? evidence.similarity.top(e, TOP_TFIDF_TERMS) : [],
        classifierVersion: version,
      });
    }
    return tags.sort((a, b) => b.score - a.score);
  }

  function classifyDocument(paragraphs: readonly ParagraphInput[], document?: DocumentInput): DocumentClassification {
    const scored = scoreDocument(paragraphs, document);
    const tags = scored.paragraphs.map((p, i) => tagsOf(p, scored.context.paragraphs[i].standalone));
    const elementsOf = summarise(paragraphs.map((p, i) => ({ ...p, tags: tags[i] })), params.rollup);
    return { paragraphs: tags, elements: elementsOf };
  }

  return {
    version,
    taxonomyVersion: bundle.taxonomy.version,
    params,
    elements,
    thresholdOf: (el, standalone) => scorer.threshold(position.get(el)!, standalone),
    scoreDocument,
    classifyDocument,
    classifyText(text) {
      if (typeof text !== 'string') throw new ClassifierInputError(`classifyText expects a string, got ${typeof text}`);
      return classifyDocument([{ index: 0, text }]).paragraphs[0];
    },
  };
}
