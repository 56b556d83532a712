/**
 * The query API as a Hono app. The same app is served by @hono/node-server locally and by
 * hono/aws-lambda on AWS; everything it needs arrives through `ApiDeps`.
 */
import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { ElementId, Taxonomy, ThemeId } from '../../core/taxonomy/types';
import { InvalidCursorError } from '../../adapters/dynamodb/cursor';
import { toObjectMetadata } from '../metadata';
import type { DocumentRepository, ExtractionCache, RankingQuery, UploadSigner } from '../ports';
import type { DocumentRecord, DocumentStatus } from '../types';
import { ParagraphsUnavailableError, paragraphReader, type ParagraphReader } from '../paragraphs';
import { documentRows, processRows } from '../coverage';
import { CoverageCache, type CoverageCacheOptions } from '../coverage-cache';
import type { PdfLinker } from '../pdf-links';
import { plainReason } from '../plain-reasons';
import { NO_REVIEWS, ReviewedReads, registerReviewRoutes, type ReviewRepository } from '../reviews';
import { registerWebRoutes, type WebOptions } from '../web/routes';
import { securityHeaders } from '../web/security';
import { toCsv } from './csv';
import { localIdentity, type IdentifyRequest } from './identity';
import { ApiError, notFound } from './errors';
import { parseJsonBody, parseRequest } from './request';
import { buildOpenApi } from './openapi';
import { registerRunRoutes } from '../reprocess/api-routes';
import type { RunStore } from '../reprocess/ports';
import {
  CoverageQuerySchema,
  DocumentIdSchema,
  DocumentsQuerySchema,
  ElementIdSchema,
  ParagraphsQuerySchema,
  RankingQuerySchema,
  ThemeIdSchema,
  UploadRequestSchema,
  UploadStatusQuerySchema,
} from './schemas';

export interface ApiDeps {
  repo: DocumentRepository;
  /** Where paragraph text is read from: the extraction cache the versions were tagged from. */
  extractions: Pick<ExtractionCache, 'get'>;
  taxonomy: Taxonomy;
  signer: UploadSigner;
  uploadPrefix: string;
  maxUploadBytes: number;
  /** When set, every request except /health must carry `Authorization: Bearer <token>`. */
  apiToken?: string;
  /** Reprocessing runs (GET /runs…); without it those routes answer 503. */
  runs?: RunStore;
  /** Review decisions; without it nothing is applied and POST /reviews answers 503. */
  reviews?: ReviewRepository;
  /** Who is calling (review decisions record it, and only reviewers may write). Default: the local user, a reviewer. */
  identify?: IdentifyRequest;
  /** Presigned links to the original PDFs (the web page's "open the PDF at this page"). */
  pdfLinks?: PdfLinker;
  /** The browser page served at `/` and `/ui/…`: how it signs in, and where uploads go. */
  web?: WebOptions;
  log?: (msg: string, data?: Record<string, unknown>) => void;
  /** How the coverage rows are kept between requests (coverage-cache.ts); `{ maxAgeMs: 0 }` reads them every time. */
  coverageCache?: CoverageCacheOptions;
}

/** Paths that answer without the local bearer token: liveness, and the page shell and its files, which hold no data. */
const OPEN_PATHS = /^\/(health|assets\/[^/]+)?$/;

export function createApi(deps: ApiDeps): Hono {
  const app = new Hono();
  const { repo, taxonomy } = deps;
  const elementsById = new Map(taxonomy.elements.map((e) => [e.id, e]));
  const themeOf = (id: ElementId) => elementsById.get(id)!.theme;
  const reviews = deps.reviews ?? NO_REVIEWS;
  // Paragraph text comes from the extraction cache, tags from the version item (../paragraphs.ts).
  const paragraphs = paragraphReader({ repo, extractions: deps.extractions });
  const stored = { getDocument: (id: string) => repo.getDocument(id), listParagraphs: paragraphs.listParagraphs };
  const reads = new ReviewedReads({ repo: stored, reviews, themeOf });
  const identify = deps.identify ?? localIdentity('local');

  app.use('*', securityHeaders(() => connectSources(deps)));

  app.use('*', async (c, next) => {
    if (deps.apiToken && !OPEN_PATHS.test(c.req.path) && !bearerMatches(c.req.header('authorization'), deps.apiToken)) {
      throw new ApiError(401, 'unauthorized', 'missing or wrong bearer token');
    }
    await next();
  });

  // The JSON API, at the root for the CLI and scripts and under /ui/api for the page (on AWS the two
  // prefixes are behind different authorisers: SigV4 and the Cognito JWT).
  const api = jsonApi(deps, reads, identify, themeOf, stored);
  app.route('/', api);
  app.route('/ui/api', api);

  registerWebRoutes(app, { ...deps, reads, identify });

  app.notFound(() => {
    throw new ApiError(404, 'not-found', 'no such route');
  });

  app.onError((err, c) => {
    if (err instanceof ApiError) {
      return c.json({ error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } }, err.status);
    }
    if (err instanceof InvalidCursorError) {
      return c.json({ error: { code: 'invalid-cursor', message: err.message } }, 400);
    }
    if (err instanceof ParagraphsUnavailableError) {
      deps.log?.('paragraphs unavailable', { path: c.req.path, error: err.message });
      return c.json({ error: { code: 'unavailable', message: 'the paragraphs of this document cannot be read at the moment' } }, 503);
    }
    deps.log?.('unhandled API error', { path: c.req.path, error: (err as Error)?.stack ?? String(err) });
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  });

  return app;
}

function jsonApi(
  deps: ApiDeps,
  reads: ReviewedReads,
  identify: IdentifyRequest,
  themeOf: (id: ElementId) => ThemeId,
  stored: Pick<DocumentRepository, 'getDocument'> & ParagraphReader,
): Hono {
  const app = new Hono();
  const { repo, taxonomy } = deps;
  const elementsById = new Map(taxonomy.elements.map((e) => [e.id, e]));
  const themesById = new Map(taxonomy.themes.map((t) => [t.id, t]));
  const coverageRows = new CoverageCache(repo, deps.coverageCache);

  app.get('/health', (c) => c.json({ ok: true }));

  app.get('/openapi.json', (c) => c.json(buildOpenApi()));

  app.get('/elements', async (c) => {
    const counts = await Promise.all(taxonomy.elements.map((e) => repo.countByElement(e.id)));
    return c.json({
      taxonomyVersion: taxonomy.version,
      themes: taxonomy.themes.map((t) => ({ id: t.id, label: t.label, elements: taxonomy.elements.filter((e) => e.theme === t.id).map((e) => e.id) })),
      elements: taxonomy.elements.map((e, i) => ({ id: e.id, theme: e.theme, label: e.label, wording: e.wording, documentCount: counts[i] })),
    });
  });

  app.get('/elements/:id/documents', async (c) => {
    const id = parseRequest(ElementIdSchema, c.req.param('id'), 'element id') as ElementId;
    const element = elementsById.get(id);
    if (!element) throw notFound(`element ${id}`);
    const q = parseRequest(RankingQuerySchema, c.req.query(), 'query');
    if (q.theme !== undefined && q.theme !== element.theme) {
      return c.json({ element: { id, label: element.label, theme: element.theme }, items: [], reviewerAdded: [] });
    }
    const query = rankingQuery(q);
    const page = await repo.rankByElement(id, query);
    const served = await reads.ranking(id, page.items, query, !q.cursor);
    return c.json({ element: { id, label: element.label, theme: element.theme }, items: served.items, reviewerAdded: served.reviewerAdded, nextCursor: page.nextCursor });
  });

  app.get('/themes/:id/documents', async (c) => {
    const id = parseRequest(ThemeIdSchema, c.req.param('id'), 'theme id') as ThemeId;
    const theme = themesById.get(id);
    if (!theme) throw notFound(`theme ${id}`);
    const q = parseRequest(RankingQuerySchema, c.req.query(), 'query');
    if (q.theme !== undefined && q.theme !== id) throw new ApiError(400, 'invalid-request', '`theme` filter contradicts the path');
    const page = await repo.rankByTheme(id, rankingQuery(q));
    return c.json({ theme: { id, label: theme.label }, items: page.items, nextCursor: page.nextCursor });
  });

  app.get('/documents', async (c) => {
    const q = parseRequest(DocumentsQuerySchema, c.req.query(), 'query');
    const page = await repo.listByStatus(q.status as DocumentStatus | undefined, q.limit, q.cursor);
    return c.json({ items: page.items.map(listing), nextCursor: page.nextCursor });
  });

  app.get('/documents/:id', async (c) => {
    const doc = await loadDocument(c.req.param('id'));
    // The document item keeps element scores; the full machine summary (best score, evidence) is the version's.
    const summary = doc.currentVersion ? await repo.getVersionSummary(doc.documentId, doc.currentVersion) : undefined;
    const served = new Map((await reads.elements(doc)).map((e) => [e.element, e]));
    const machine = new Map((summary?.elements ?? doc.elements.map((s) => ({ ...s, bestScore: s.score, evidence: [] as number[] }))).map((s) => [s.element, s]));
    const elements = [...served.values()].map((e) => {
      const s = machine.get(e.element);
      return {
        ...(s ?? { bestScore: null, evidence: [] }),
        ...e,
        label: elementsById.get(e.element)?.label ?? e.element,
      };
    });
    return c.json({ ...doc, elements, plainReason: plainReason(doc.status, doc.reason) });
  });

  app.get('/documents/:id/paragraphs', async (c) => {
    const doc = await loadDocument(c.req.param('id'));
    const q = parseRequest(ParagraphsQuerySchema, c.req.query(), 'query');
    if (!doc.currentVersion) {
      throw new ApiError(409, 'not-tagged', `document is ${doc.status}${doc.reason ? ` (${doc.reason})` : ''}: it has no paragraphs`);
    }
    const paragraphs = await reads.paragraphs({ ...doc, currentVersion: doc.currentVersion }, q.element as ElementId | undefined);
    return c.json({ documentId: doc.documentId, version: doc.currentVersion, element: q.element ?? null, items: paragraphs });
  });

  app.get('/coverage', async (c) => {
    const q = parseRequest(CoverageQuerySchema, c.req.query(), 'query');
    // One small precomputed row per document with a current version (16 index partitions read at
    // once), kept between requests while one small read says that none of them changed.
    const docs = await coverageRows.rows();
    const ids = taxonomy.elements.map((e) => e.id);
    const rows = documentRows(docs, ids, await reads.reviewedElements(docs.map((d) => d.documentId)));
    if (q.by === 'processes') {
      const byProcess = processRows(rows, ids);
      if (q.format === 'csv') {
        const csv = toCsv(['process', 'documents', ...ids], byProcess.map((r) => [r.process, r.documents, ...ids.map((id) => r.counts[id])]));
        return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="coverage-by-process.csv"' });
      }
      return c.json({ elements: ids, processes: byProcess });
    }
    if (q.format === 'csv') {
      const csv = toCsv(
        ['documentId', 'title', 'key', 'process', 'type', 'meetingDate', ...ids],
        rows.map((r) => [r.documentId, r.title, r.key, r.process, r.type, r.meetingDate, ...ids.map((id) => (r.scores[id] === null ? '' : r.scores[id]!.toFixed(3)))]),
      );
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="coverage.csv"' });
    }
    const totals = Object.fromEntries(ids.map((id) => [id, 0]));
    for (const r of rows) for (const id of ids) if (r.scores[id] !== null) totals[id]++;
    return c.json({ elements: ids, documents: rows, totals });
  });

  app.post('/uploads', async (c) => {
    const req = await parseJsonBody(c, UploadRequestSchema);
    if (req.contentLength !== undefined && req.contentLength > deps.maxUploadBytes) {
      throw new ApiError(413, 'too-large', `files over ${deps.maxUploadBytes} bytes are not accepted`);
    }
    const meta = { process: req.process, type: req.type, meetingDate: req.meetingDate };
    const issuedAt = new Date().toISOString();
    const target = await deps.signer.sign({
      key: uploadKey(deps.uploadPrefix, req.filename, req.process),
      metadata: toObjectMetadata(meta),
      maxBytes: deps.maxUploadBytes,
      expiresInSeconds: 900,
    });
    return c.json({ ...target, method: 'POST', maxBytes: deps.maxUploadBytes, issuedAt }, 201);
  });

  app.get('/uploads/status', async (c) => {
    const q = parseRequest(UploadStatusQuerySchema, c.req.query(), 'query');
    if (!q.key.startsWith(deps.uploadPrefix)) throw new ApiError(400, 'invalid-request', `key must start with ${deps.uploadPrefix}`);
    const documentId = await repo.documentIdForKey(q.key);
    const doc = documentId ? await repo.getDocument(documentId) : undefined;
    if (!doc) return c.json({ key: q.key, state: 'waiting', message: 'Uploaded; waiting to be processed' });
    // The same bytes may have failed before: that old outcome is not this upload's.
    const stale = doc.status === 'failed' && q.since !== undefined && doc.updatedAt < q.since;
    const state = stale ? 'processing' : doc.status;
    return c.json({
      key: q.key,
      state,
      documentId: doc.documentId,
      title: doc.title,
      reason: stale ? null : doc.reason,
      message: stale ? 'Being read and tagged' : (plainReason(doc.status, doc.reason) ?? null),
      addresses: doc.elements.filter((s) => s.addresses).map((s) => s.element),
    });
  });

  registerRunRoutes(app, deps.runs);
  registerReviewRoutes(app, { repo: stored, reviews: deps.reviews ?? NO_REVIEWS, reads, identify, themeOf });

  async function loadDocument(rawId: string): Promise<DocumentRecord> {
    const id = parseRequest(DocumentIdSchema, rawId, 'document id');
    const doc = await repo.getDocument(id);
    if (!doc) throw notFound(`document ${id}`);
    return doc;
  }

  return app;
}

function listing(d: DocumentRecord) {
  return {
    documentId: d.documentId,
    title: d.title,
    key: d.key,
    status: d.status,
    reason: d.reason,
    process: d.process,
    type: d.type,
    meetingDate: d.meetingDate,
    pages: d.pages,
    failedPages: d.failedPages,
    currentVersion: d.currentVersion,
    addresses: d.elements.filter((s) => s.addresses).map((s) => s.element),
    updatedAt: d.updatedAt,
  };
}

export function rankingQuery(q: z.infer<typeof RankingQuerySchema>): RankingQuery {
  return {
    minScore: q.minScore,
    process: q.process,
    type: q.type,
    dateFrom: q.from,
    dateTo: q.to,
    limit: q.limit,
    cursor: q.cursor,
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1].trim());
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `uploads/<process-slug>/<time>-<safe file name>`: the key convention carries the process too. */
export function uploadKey(prefix: string, filename: string, process?: string): string {
  const base = filename.split(/[\\/]/).pop()!.replace(/[^A-Za-z0-9._ -]+/g, '_').replace(/\s+/g, ' ').trim() || 'document.pdf';
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..+$/, '');
  const folder = process ? `${process.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '')}/` : '';
  return `${prefix}${folder}${stamp}-${base}`;
}

export type { Context };

/**
 * Where the page sends requests besides its own origin: S3, where presigned POSTs go (read off a
 * signed form, so it is exactly the endpoint the signer uses), and Cognito's domain for sign-in.
 */
async function connectSources(deps: ApiDeps): Promise<string[]> {
  const probe = await deps.signer.sign({ key: `${deps.uploadPrefix}probe.pdf`, metadata: {}, maxBytes: 1, expiresInSeconds: 60 });
  return [new URL(probe.url).origin, ...(deps.web?.cognito ? [new URL(deps.web.cognito.domain).origin] : [])];
}
