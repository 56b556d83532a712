/**
 * The one place where review decisions meet stored results: every read that serves tags to a client
 * (paragraphs, a document's elements, rankings, coverage, the labelled export) goes through here.
 * Documents nobody reviewed are served as stored, at no extra cost beyond one small query for their
 * decisions; a reviewed document's paragraphs are read to match decisions to text.
 */
import type { ElementId, ThemeId } from '../../core/taxonomy/types';
import { evidenceOf } from '../evidence';
import type { ParagraphReader } from '../paragraphs';
import type { DocumentRepository, RankingQuery } from '../ports';
import type { DocumentRecord, EvidenceParagraph, RankedDocument, StoredParagraph } from '../types';
import { applyToElements, applyToParagraphs } from './apply';
import type { ReviewRepository } from './ports';
import { decisionApplies, type ReviewDecision, type ReviewMark, type ServedElement, type ServedParagraph } from './types';

const EVIDENCE_PER_DOCUMENT = 3;
const LIST_PAGE = 100;

/** Evidence as served: a reviewer-added paragraph has no score; a reviewed one carries its review. */
export interface ServedEvidence extends Omit<EvidenceParagraph, 'score'> {
  score: number | null;
  review?: ReviewMark;
}

export interface ServedRankedDocument extends Omit<RankedDocument, 'score' | 'evidence'> {
  /** The machine's document score; null for a document only reviewers tagged with the element. */
  score: number | null;
  evidence: ServedEvidence[];
  /** True when review decisions changed what is shown for this element. */
  reviewed?: boolean;
}

export interface ReviewedReadsDeps {
  repo: Pick<DocumentRepository, 'getDocument'> & ParagraphReader;
  reviews: ReviewRepository;
  themeOf: (element: ElementId) => ThemeId;
}

export class ReviewedReads {
  constructor(private readonly deps: ReviewedReadsDeps) {}

  /** The current version's paragraphs with decisions applied; with `element`, only those that carry it after review. */
  async paragraphs(doc: DocumentRecord & { currentVersion: string }, element?: ElementId): Promise<ServedParagraph[]> {
    const decisions = await this.deps.reviews.forDocument(doc.documentId);
    if (decisions.length === 0 && element) {
      // Nothing to apply: the stored element index answers without reading every paragraph.
      return this.serve(await this.deps.repo.listParagraphs(doc.documentId, doc.currentVersion, element), []);
    }
    const served = this.serve(await this.deps.repo.listParagraphs(doc.documentId, doc.currentVersion), decisions);
    return element ? served.filter((p) => p.tags.some((t) => t.element === element)) : served;
  }

  /** A document's paragraphs and elements after review (both from the current version). */
  async document(doc: DocumentRecord): Promise<{ paragraphs: ServedParagraph[]; elements: ServedElement[]; decisions: ReviewDecision[] }> {
    const decisions = await this.deps.reviews.forDocument(doc.documentId);
    const paragraphs = doc.currentVersion ? this.serve(await this.deps.repo.listParagraphs(doc.documentId, doc.currentVersion), decisions) : [];
    return { paragraphs, elements: applyToElements(doc.elements, paragraphs), decisions };
  }

  /** Only a document's elements after review; unreviewed documents cost no paragraph read. */
  async elements(doc: DocumentRecord): Promise<ServedElement[]> {
    const decisions = await this.deps.reviews.forDocument(doc.documentId);
    return this.elementsWith(doc, decisions);
  }

  /**
   * A page of the ranking for `element` with decisions applied: evidence a reviewer rejected goes,
   * a document whose every tagged paragraph was rejected leaves the page, and confirmed evidence is
   * marked. With `firstPage`, also the documents reviewers tagged with the element where the machine
   * did not (the ranking index holds only the machine's), filtered like the ranking.
   */
  async ranking(
    element: ElementId,
    items: readonly RankedDocument[],
    q: Pick<RankingQuery, 'process' | 'type' | 'dateFrom' | 'dateTo'>,
    firstPage: boolean,
  ): Promise<{ items: ServedRankedDocument[]; reviewerAdded: ServedRankedDocument[] }> {
    // One read tells which documents have decisions on this element; only those are looked at further.
    const onElement = await this.deps.reviews.onElement(element);
    const reviewed = new Set(onElement.map((d) => d.documentId));
    const decisions = await this.deps.reviews.forDocuments(items.map((i) => i.documentId).filter((id) => reviewed.has(id)));
    const served: ServedRankedDocument[] = [];
    for (const item of items) {
      const mine = (decisions.get(item.documentId) ?? []).filter((d) => d.element === element);
      if (mine.length === 0) {
        served.push(item);
        continue;
      }
      const paragraphs = this.serve(await this.deps.repo.listParagraphs(item.documentId, item.version), decisions.get(item.documentId) ?? []);
      const evidence = evidenceFor(paragraphs, element);
      if (evidence.count === 0) continue;
      served.push({ ...item, paragraphCount: evidence.count, evidence: evidence.best, reviewed: true });
    }
    const reviewerAdded = firstPage ? await this.addedByReviewers(element, q, onElement) : [];
    return { items: served, reviewerAdded };
  }

  /** Elements after review of those of `documentIds` that have decisions (the others are served as stored). */
  async reviewedElements(documentIds: Iterable<string>): Promise<Map<string, ServedElement[]>> {
    const wanted = new Set(documentIds);
    const byDoc = new Map<string, ReviewDecision[]>();
    for await (const d of this.allDecisions()) {
      if (wanted.has(d.documentId)) byDoc.set(d.documentId, [...(byDoc.get(d.documentId) ?? []), d]);
    }
    const out = new Map<string, ServedElement[]>();
    for (const [id, decisions] of byDoc) {
      const doc = await this.deps.repo.getDocument(id);
      if (doc) out.set(id, await this.elementsWith(doc, decisions));
    }
    return out;
  }

  /**
   * Every reviewed paragraph as a labelled example: its text, and the elements it carries after
   * review (the current version's machine tags that reviewers did not reject, plus those they
   * confirmed or added). A paragraph whose text is no longer in the current version keeps the
   * machine tags it had when it was reviewed.
   */
  async *labelledParagraphs(): AsyncGenerator<{ id: string; text: string; elements: ElementId[] }> {
    const byParagraph = new Map<string, ReviewDecision[]>();
    for await (const d of this.allDecisions()) {
      const key = `${d.documentId}:${d.textKey}`;
      byParagraph.set(key, [...(byParagraph.get(key) ?? []), d]);
    }
    const machineByDoc = new Map<string, Map<string, ElementId[]>>();
    for (const [id, decisions] of [...byParagraph].sort(([a], [b]) => a.localeCompare(b))) {
      const first = decisions[0];
      let machine = machineByDoc.get(first.documentId);
      if (!machine) {
        machine = await this.machineTagsByText(first.documentId);
        machineByDoc.set(first.documentId, machine);
      }
      const newest = [...decisions].sort((a, b) => b.at.localeCompare(a.at))[0];
      const elements = new Set<ElementId>(machine.get(first.textKey) ?? newest.machineElements);
      for (const d of decisions) {
        if (decisionApplies(d)) elements.add(d.element);
        else elements.delete(d.element);
      }
      yield { id: `review:${id}`, text: newest.paragraph.text, elements: [...elements].sort() };
    }
  }

  private async elementsWith(doc: DocumentRecord, decisions: ReviewDecision[]): Promise<ServedElement[]> {
    if (decisions.length === 0 || !doc.currentVersion) return asStored(doc);
    const paragraphs = this.serve(await this.deps.repo.listParagraphs(doc.documentId, doc.currentVersion), decisions);
    return applyToElements(doc.elements, paragraphs);
  }

  private async addedByReviewers(
    element: ElementId,
    q: Pick<RankingQuery, 'process' | 'type' | 'dateFrom' | 'dateTo'>,
    onElement: Array<{ documentId: string; applies: boolean }>,
  ): Promise<ServedRankedDocument[]> {
    const ids = [...new Set(onElement.filter((r) => r.applies).map((r) => r.documentId))];
    const out: ServedRankedDocument[] = [];
    for (const id of ids) {
      const doc = await this.deps.repo.getDocument(id);
      if (!doc?.currentVersion || doc.elements.some((s) => s.element === element && s.addresses)) continue;
      if (q.process && doc.process !== q.process) continue;
      if (q.type && doc.type !== q.type) continue;
      if (q.dateFrom && !(doc.meetingDate && doc.meetingDate >= q.dateFrom)) continue;
      if (q.dateTo && !(doc.meetingDate && doc.meetingDate <= q.dateTo)) continue;
      const paragraphs = this.serve(await this.deps.repo.listParagraphs(id, doc.currentVersion), await this.deps.reviews.forDocument(id));
      const evidence = evidenceFor(paragraphs, element);
      if (evidence.count === 0) continue;
      out.push({
        documentId: id,
        title: doc.title,
        key: doc.key,
        process: doc.process,
        type: doc.type,
        meetingDate: doc.meetingDate,
        score: null,
        paragraphCount: evidence.count,
        version: doc.currentVersion,
        evidence: evidence.best,
        reviewed: true,
      });
    }
    return out.sort((a, b) => (a.title ?? '').localeCompare(b.title ?? '') || a.documentId.localeCompare(b.documentId));
  }

  private async machineTagsByText(documentId: string): Promise<Map<string, ElementId[]>> {
    const doc = await this.deps.repo.getDocument(documentId);
    if (!doc?.currentVersion) return new Map();
    const served = this.serve(await this.deps.repo.listParagraphs(documentId, doc.currentVersion), []);
    return new Map(served.map((p) => [p.textKey, p.tags.map((t) => t.element)]));
  }

  private async *allDecisions(): AsyncGenerator<ReviewDecision> {
    let cursor: string | undefined;
    do {
      const page = await this.deps.reviews.list(LIST_PAGE, cursor);
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }

  private serve(paragraphs: StoredParagraph[], decisions: ReviewDecision[]): ServedParagraph[] {
    return applyToParagraphs(paragraphs, decisions, this.deps.themeOf);
  }
}

/** A document's elements exactly as the machine left them. */
function asStored(doc: DocumentRecord): ServedElement[] {
  return doc.elements.map((s) => ({
    element: s.element,
    theme: s.theme,
    score: s.score,
    paragraphCount: s.paragraphCount,
    addresses: s.addresses,
    machine: { addresses: s.addresses, paragraphCount: s.paragraphCount },
  }));
}

/** The paragraphs that carry `element` after review, and the best of them as evidence: reviewed first, then by score. */
function evidenceFor(paragraphs: readonly ServedParagraph[], element: ElementId): { count: number; best: ServedEvidence[] } {
  const carrying = paragraphs
    .map((p) => ({ p, tag: p.tags.find((t) => t.element === element) }))
    .filter((x): x is { p: ServedParagraph; tag: NonNullable<typeof x.tag> } => x.tag !== undefined);
  const best = [...carrying]
    .sort((a, b) => Number(Boolean(b.tag.review)) - Number(Boolean(a.tag.review)) || (b.tag.score ?? 0) - (a.tag.score ?? 0) || a.p.index - b.p.index)
    .slice(0, EVIDENCE_PER_DOCUMENT)
    .map(({ p, tag }): ServedEvidence => ({ ...evidenceOf(p, { ...tag, score: tag.score ?? 0 }), score: tag.score, ...(tag.review ? { review: tag.review } : {}) }));
  return { count: carrying.length, best };
}
