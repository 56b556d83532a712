/**
 * Review API, registered on the query API's Hono app:
 *   POST /reviews          record a decision (reviewers only): confirm or reject a tag of a paragraph, or add an element
 *   GET  /reviews          decisions, most recent first
 *   GET  /reviews/export   reviewed paragraphs as labelled JSON Lines, the eval format ({id, text, elements})
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { ElementId, ThemeId } from '../../core/taxonomy/types';
import { ApiError, notFound } from '../api/errors';
import { isReviewer, type IdentifyRequest } from '../api/identity';
import { json, q, ref } from '../api/openapi-parts';
import { parseJsonBody, parseRequest } from '../api/request';
import type { ParagraphReader } from '../paragraphs';
import type { DocumentRepository } from '../ports';
import { applyToParagraphs } from './apply';
import type { ReviewRepository } from './ports';
import type { ReviewedReads } from './reviewed-reads';
import { paragraphTextKey } from './text-key';
import { REVIEW_VERDICTS, type ReviewDecision, type ReviewVerdict } from './types';

const ELEMENT_IDS = 'abcdefghijklmnopqrstuvwx'.split('') as [ElementId, ...ElementId[]];

export const ReviewRequestSchema = z
  .object({
    documentId: z.string().regex(/^[0-9a-f]{64}$/, 'must be a 64-character hex SHA-256'),
    paragraphIndex: z.number().int().min(0).max(99_999),
    element: z.enum(ELEMENT_IDS),
    verdict: z.enum(REVIEW_VERDICTS as [ReviewVerdict, ...ReviewVerdict[]]),
    comment: z
      .string()
      .max(1000)
      .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), 'must not contain control characters')
      .optional(),
  })
  .strict();

const ListQuerySchema = z
  .object({
    limit: z.preprocess((v) => (typeof v === 'string' && /^\d{1,4}$/.test(v) ? Number(v) : v), z.number().int().min(1).max(100)).default(50),
    cursor: z.string().min(1).max(4096).optional(),
  })
  .strict();

export interface ReviewRouteDeps {
  repo: Pick<DocumentRepository, 'getDocument'> & ParagraphReader;
  reviews: ReviewRepository;
  reads: ReviewedReads;
  identify: IdentifyRequest;
  themeOf: (element: ElementId) => ThemeId;
  now?: () => Date;
}

export function registerReviewRoutes(app: Hono, deps: ReviewRouteDeps): void {
  const now = deps.now ?? (() => new Date());

  app.post('/reviews', async (c) => {
    const identity = deps.identify(c);
    if (!isReviewer(identity)) throw new ApiError(403, 'forbidden', 'only members of the reviewers group may record review decisions');
    const req = await parseJsonBody(c, ReviewRequestSchema);
    const doc = await deps.repo.getDocument(req.documentId);
    if (!doc) throw notFound(`document ${req.documentId}`);
    if (!doc.currentVersion) throw new ApiError(409, 'not-tagged', `document is ${doc.status}: it has no paragraphs to review`);
    const paragraphs = await deps.repo.listParagraphs(doc.documentId, doc.currentVersion);
    const paragraph = paragraphs.find((p) => p.index === req.paragraphIndex);
    if (!paragraph) throw notFound(`paragraph ${req.paragraphIndex} of document ${doc.documentId}`);
    const machineElements = paragraph.tags.map((t) => t.element);
    // Confirming what the machine did not tag is adding it, and adding what it tagged is confirming.
    const verdict: ReviewVerdict =
      req.verdict === 'reject' ? 'reject' : machineElements.includes(req.element) ? 'confirm' : 'add';
    const decision = await deps.reviews.put({
      documentId: doc.documentId,
      textKey: paragraphTextKey(paragraph.text),
      element: req.element,
      verdict,
      ...(req.comment?.trim() ? { comment: req.comment.trim() } : {}),
      reviewer: { id: identity!.id, name: identity!.name },
      at: now().toISOString(),
      paragraph: { index: paragraph.index, number: paragraph.number, page: paragraph.page, text: paragraph.text },
      version: doc.currentVersion,
      machineElements,
    });
    const decisions = await deps.reviews.forDocument(doc.documentId);
    const [served] = applyToParagraphs([paragraph], decisions, deps.themeOf);
    return c.json({ decision: present(decision), paragraph: served }, 201);
  });

  app.get('/reviews', async (c) => {
    const q = parseRequest(ListQuerySchema, c.req.query(), 'query');
    const page = await deps.reviews.list(q.limit, q.cursor);
    return c.json({ items: page.items.map(present), nextCursor: page.nextCursor });
  });

  app.get('/reviews/export', async () => {
    const lines: string[] = [];
    for await (const item of deps.reads.labelledParagraphs()) lines.push(JSON.stringify(item));
    return new Response(lines.length ? `${lines.join('\n')}\n` : '', {
      status: 200,
      headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-disposition': 'attachment; filename="reviews.jsonl"' },
    });
  });
}

function present(d: ReviewDecision) {
  return {
    documentId: d.documentId,
    textKey: d.textKey,
    element: d.element,
    verdict: d.verdict,
    comment: d.comment ?? null,
    reviewer: d.reviewer,
    at: d.at,
    paragraph: { index: d.paragraph.index, number: d.paragraph.number, page: d.paragraph.page },
    version: d.version,
    machineElements: d.machineElements,
    history: d.history ?? [],
  };
}

const err = (description: string) => json(ref('Error'), description);

/** OpenAPI paths and schemas of the review routes, merged into the API's description. */
export function reviewsOpenApi() {
  return {
    paths: {
      '/reviews': {
        post: {
          summary: 'Record a review decision on one element of one paragraph (members of the reviewers group only)',
          requestBody: { required: true, content: { 'application/json': { schema: ref('ReviewRequest') } } },
          responses: {
            '201': json({ type: 'object', properties: { decision: ref('ReviewDecision'), paragraph: { type: 'object' } } }, 'Recorded; the paragraph as now served'),
            '400': err('Invalid input'),
            '403': err('The caller is not a reviewer'),
            '404': err('No such document or paragraph'),
            '409': err('The document has no paragraphs'),
          },
        },
        get: {
          summary: 'Review decisions, most recent first',
          parameters: [q('limit', { type: 'integer', minimum: 1, maximum: 100, default: 50 }, 'Page size'), q('cursor', { type: 'string' }, 'Opaque cursor')],
          responses: { '200': json({ type: 'object', properties: { items: { type: 'array', items: ref('ReviewDecision') }, nextCursor: { type: 'string' } } }), '400': err('Invalid input') },
        },
      },
      '/reviews/export': {
        get: {
          summary: 'Reviewed paragraphs as JSON Lines in the eval format: {"id", "text", "elements"} per line, elements after review',
          responses: { '200': { description: 'JSON Lines', content: { 'application/x-ndjson': { schema: { type: 'string' } } } } },
        },
      },
    },
    schemas: {
      ReviewRequest: {
        type: 'object',
        required: ['documentId', 'paragraphIndex', 'element', 'verdict'],
        properties: {
          documentId: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          paragraphIndex: { type: 'integer', minimum: 0, description: 'Index of the paragraph in the current version' },
          element: { type: 'string', pattern: '^[a-x]$' },
          verdict: { type: 'string', enum: REVIEW_VERDICTS, description: '`confirm` or `reject` a tag; `add` an element the machine did not tag' },
          comment: { type: 'string', maxLength: 1000 },
        },
      },
      ReviewDecision: {
        type: 'object',
        properties: {
          documentId: { type: 'string' },
          textKey: { type: 'string', description: 'Hash of the paragraph text the decision is kept under: it holds wherever the same text comes back' },
          element: { type: 'string' },
          verdict: { type: 'string', enum: REVIEW_VERDICTS },
          comment: { type: ['string', 'null'] },
          reviewer: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
          at: { type: 'string', format: 'date-time' },
          paragraph: { type: 'object', properties: { index: { type: 'integer' }, number: { type: ['string', 'null'] }, page: { type: 'integer' } } },
          version: { type: 'string', description: 'Version the reviewer saw' },
          machineElements: { type: 'array', items: { type: 'string' } },
          history: { type: 'array', items: { type: 'object' }, description: 'Decisions this one replaced, newest first' },
        },
      },
    },
  };
}
