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
import { ParagraphsUnavailableError, readParagraphs } from '../paragraphs';
import { toCsv } from './csv';
import { ApiError, notFound } from './errors';
import { parseRequest } from './request';
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
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

export function createApi(deps: ApiDeps): Hono {
  const app = new Hono();
  const { repo, taxonomy } = deps;
  const elementsById = new Map(taxonomy.elements.map((e) => [e.id, e]));
  const themesById = new Map(taxonomy.themes.map((t) => [t.id, t]));

  app.use('*', async (c, next) => {
    if (deps.apiToken && c.req.path !== '/health' && !bearerMatches(c.req.header('authorization'), deps.apiToken)) {
      throw new ApiError(401, 'unauthorized', 'missing or wrong bearer token');
    }
    await next();
  });

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
      return c.json({ element: { id, label: element.label, theme: element.theme }, items: [] });
    }
    const page = await repo.rankByElement(id, rankingQuery(q));
    return c.json({ element: { id, label: element.label, theme: element.theme }, items: page.items, nextCursor: page.nextCursor });
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
    // The document item keeps element scores; the full summary (best score, evidence) is the version's.
    const summary = doc.currentVersion ? await repo.getVersionSummary(doc.documentId, doc.currentVersion) : undefined;
    const elements = summary?.elements ?? doc.elements.map((s) => ({ ...s, bestScore: s.score, evidence: [] as number[] }));
    return c.json({
      ...doc,
      elements: elements.map((s) => ({ ...s, label: elementsById.get(s.element)?.label ?? s.element })),
    });
  });

  app.get('/documents/:id/paragraphs', async (c) => {
    const doc = await loadDocument(c.req.param('id'));
    const q = parseRequest(ParagraphsQuerySchema, c.req.query(), 'query');
    if (!doc.currentVersion) {
      throw new ApiError(409, 'not-tagged', `document is ${doc.status}${doc.reason ? ` (${doc.reason})` : ''}: it has no paragraphs`);
    }
    const paragraphs = await readParagraphs({ repo, extractions: deps.extractions }, doc, doc.currentVersion, q.element as ElementId | undefined);
    return c.json({ documentId: doc.documentId, version: doc.currentVersion, element: q.element ?? null, items: paragraphs });
  });

  app.get('/coverage', async (c) => {
    const q = parseRequest(CoverageQuerySchema, c.req.query(), 'query');
    // One small precomputed row per document with a current version, a few thousand per index page.
    const docs = await repo.listCoverage();
    const ids = taxonomy.elements.map((e) => e.id);
    const column = new Map(ids.map((id, i) => [id, i]));
    // One pass over thousands of rows: each row's scores as an array by column, nulls where not addressed.
    const rows = docs.map((d) => {
      const scores: Array<number | null> = new Array(ids.length).fill(null);
      for (const s of d.elements) {
        const i = column.get(s.element);
        if (s.addresses && i !== undefined) scores[i] = s.score;
      }
      return { doc: d, scores };
    });
    if (q.format === 'csv') {
      const csv = toCsv(
        ['documentId', 'title', 'key', 'process', 'type', 'meetingDate', ...ids],
        rows.map((r) => [r.doc.documentId, r.doc.title, r.doc.key, r.doc.process, r.doc.type, r.doc.meetingDate, ...r.scores.map((s) => (s === null ? '' : s.toFixed(3)))]),
      );
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="coverage.csv"' });
    }
    const totals = new Array<number>(ids.length).fill(0);
    const documents = rows.map((r) => {
      const scores: Record<string, number | null> = {};
      for (let i = 0; i < ids.length; i++) {
        scores[ids[i]] = r.scores[i];
        if (r.scores[i] !== null) totals[i]++;
      }
      const d = r.doc;
      return { documentId: d.documentId, title: d.title, key: d.key, process: d.process, type: d.type, meetingDate: d.meetingDate, scores };
    });
    return c.json({ elements: ids, documents, totals: Object.fromEntries(ids.map((id, i) => [id, totals[i]])) });
  });

  app.post('/uploads', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new ApiError(400, 'invalid-request', 'body must be JSON');
    }
    const req = parseRequest(UploadRequestSchema, body, 'body');
    if (req.contentLength !== undefined && req.contentLength > deps.maxUploadBytes) {
      throw new ApiError(413, 'too-large', `files over ${deps.maxUploadBytes} bytes are not accepted`);
    }
    const meta = { process: req.process, type: req.type, meetingDate: req.meetingDate };
    const target = await deps.signer.sign({
      key: uploadKey(deps.uploadPrefix, req.filename, req.process),
      metadata: toObjectMetadata(meta),
      maxBytes: deps.maxUploadBytes,
      expiresInSeconds: 900,
    });
    return c.json({ ...target, method: 'POST', maxBytes: deps.maxUploadBytes }, 201);
  });

  registerRunRoutes(app, deps.runs);

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

function rankingQuery(q: z.infer<typeof RankingQuerySchema>): RankingQuery {
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
