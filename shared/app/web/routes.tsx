/** @jsxImportSource hono/jsx */
/**
 * The browser page, on the same Hono app as the API:
 *   GET /                 the shell (no data; loads the script, which signs in and fetches views)
 *   GET /assets/<file>    the script, the style sheet and the icon, from this origin only
 *   GET /ui/<view>        server-rendered views (HTML fragments) the script puts in the page
 * The views read through the same application code as the JSON API (ReviewedReads), so the page
 * shows exactly what the API serves.
 */
import type { Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import type { ElementId, Taxonomy } from '../../core/taxonomy/types';
import { ApiError, notFound } from '../api/errors';
import { isReviewer, type IdentifyRequest } from '../api/identity';
import { parseRequest } from '../api/request';
import { DocumentIdSchema, DocumentsQuerySchema, ElementIdSchema, RankingQuerySchema } from '../api/schemas';
import { documentRows, processRows } from '../coverage';
import type { PdfLinker } from '../pdf-links';
import type { DocumentRepository } from '../ports';
import type { ReviewedReads, ReviewRepository } from '../reviews';
import type { DocumentStatus } from '../types';
import { ASSETS, assetPath } from './assets';
import { CoverageView } from './views/coverage';
import { DocumentView } from './views/document';
import { DocumentsView } from './views/documents';
import { ElementView } from './views/element';
import { HomeView } from './views/home';
import { ReviewsView } from './views/reviews';
import { ErrorView, Shell, View, type SignIn } from './views/shell';
import { UploadView } from './views/upload';

export interface WebOptions {
  /** Sign-in through Cognito's hosted UI (AWS); without it the page signs in with the local bearer token, if one is set. */
  cognito?: { domain: string; clientId: string; scopes: string[] };
}

export interface WebDeps {
  repo: DocumentRepository;
  reviews?: ReviewRepository;
  reads: ReviewedReads;
  taxonomy: Taxonomy;
  identify: IdentifyRequest;
  apiToken?: string;
  maxUploadBytes: number;
  pdfLinks?: PdfLinker;
  web?: WebOptions;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

const PDF_LINK_SECONDS = 900;
const CoverageViewQuery = z.object({ by: z.enum(['documents', 'processes']).default('documents') }).strict();
const DocumentViewQuery = z.object({ element: ElementIdSchema.optional(), paragraph: z.string().regex(/^\d{1,5}$/).optional() }).strict();
const ReviewsViewQuery = z.object({ cursor: z.string().min(1).max(4096).optional() }).strict();

export function registerWebRoutes(app: Hono, deps: WebDeps): void {
  const { repo, taxonomy, reads } = deps;
  const elementsById = new Map(taxonomy.elements.map((e) => [e.id, e]));
  const signIn: SignIn = deps.web?.cognito
    ? { kind: 'cognito', domain: deps.web.cognito.domain, clientId: deps.web.cognito.clientId, scopes: deps.web.cognito.scopes }
    : { kind: deps.apiToken ? 'token' : 'none' };

  app.get('/', (c) => {
    c.header('cache-control', 'no-cache');
    return c.html(`<!doctype html>${<Shell signIn={signIn} assets={{ css: assetPath('app.css'), js: assetPath('app.js'), icon: assetPath('icon.svg') }} />}`);
  });

  app.get('/assets/:file', (c) => {
    const asset = ASSETS[c.req.param('file')];
    if (!asset) throw new ApiError(404, 'not-found', 'no such file');
    // Names carry a content hash (?v=), so a browser may keep them for good.
    c.header('cache-control', c.req.query('v') === asset.hash ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(asset.body, 200, { 'content-type': asset.type });
  });

  /** A view route: its HTML fragment, or the problem in words (the fragment goes into the page as it is). */
  const view = (path: string, render: (c: Context, reviewer: boolean) => Promise<{ title: string; body: Child }>) =>
    app.get(path, async (c) => {
      c.header('cache-control', 'no-store');
      const identity = deps.identify(c);
      const reviewer = isReviewer(identity);
      try {
        const { title, body } = await render(c, reviewer);
        return c.html(
          <View title={title} identity={identity} reviewer={reviewer}>
            {body}
          </View>,
        );
      } catch (err) {
        if (err instanceof ApiError && err.status < 500) return c.html(<ErrorView status={err.status} message={err.message} />, err.status);
        deps.log?.('view failed', { path: c.req.path, error: (err as Error)?.stack ?? String(err) });
        return c.html(<ErrorView status={500} message="The view could not be loaded. Try again in a moment." />, 500);
      }
    });

  view('/ui/home', async () => {
    const counts = await Promise.all(taxonomy.elements.map(async (e) => [e.id, await repo.countByElement(e.id)] as const));
    return { title: 'Elements', body: <HomeView taxonomy={taxonomy} counts={new Map(counts)} /> };
  });

  view('/ui/upload', async () => ({ title: 'Upload', body: <UploadView processes={await knownProcesses(repo)} maxBytes={deps.maxUploadBytes} /> }));

  view('/ui/elements/:id', async (c) => {
    const id = parseRequest(ElementIdSchema, c.req.param('id'), 'element id') as ElementId;
    const element = elementsById.get(id);
    if (!element) throw notFound(`element ${id}`);
    // Empty form fields arrive as `name=`: they mean "no filter".
    const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
    const q = parseRequest(RankingQuerySchema, raw, 'filters');
    const query = { minScore: q.minScore, process: q.process, type: q.type, dateFrom: q.from, dateTo: q.to, limit: q.limit, cursor: q.cursor };
    const page = await repo.rankByElement(id, query);
    const served = await reads.ranking(id, page.items, query, !q.cursor);
    return {
      title: `(${id}) ${element.label}`,
      body: (
        <ElementView
          element={element}
          filters={{ process: q.process, type: q.type, from: q.from, to: q.to, minScore: q.minScore }}
          items={served.items}
          reviewerAdded={served.reviewerAdded}
          nextCursor={page.nextCursor}
          processes={await knownProcesses(repo)}
          firstPage={!q.cursor}
        />
      ),
    };
  });

  view('/ui/documents', async (c) => {
    const q = parseRequest(DocumentsQuerySchema, c.req.query(), 'query');
    const page = await repo.listByStatus(q.status as DocumentStatus | undefined, q.limit, q.cursor);
    return { title: 'Documents', body: <DocumentsView docs={page.items} status={q.status as DocumentStatus | undefined} nextCursor={page.nextCursor} /> };
  });

  view('/ui/documents/:id', async (c, reviewer) => {
    const id = parseRequest(DocumentIdSchema, c.req.param('id'), 'document id');
    const q = parseRequest(DocumentViewQuery, c.req.query(), 'query');
    const doc = await repo.getDocument(id);
    if (!doc) throw notFound('This document');
    const { paragraphs, elements } = await reads.document(doc);
    const pdfUrl = deps.pdfLinks ? await deps.pdfLinks.link(doc.bucket, doc.key, PDF_LINK_SECONDS) : undefined;
    return {
      title: doc.title ?? doc.key,
      body: (
        <DocumentView
          doc={doc}
          taxonomy={taxonomy}
          elements={elements}
          paragraphs={paragraphs}
          pdfUrl={pdfUrl}
          reviewer={reviewer && Boolean(deps.reviews)}
          focusElement={q.element as ElementId | undefined}
        />
      ),
    };
  });

  view('/ui/coverage', async (c) => {
    const q = parseRequest(CoverageViewQuery, c.req.query(), 'query');
    const docs = await repo.listCoverage();
    const ids = taxonomy.elements.map((e) => e.id);
    const rows = documentRows(docs, ids, await reads.reviewedElements(docs.map((d) => d.documentId)));
    return { title: 'Coverage', body: <CoverageView taxonomy={taxonomy} by={q.by} documents={rows} processes={processRows(rows, ids)} /> };
  });

  view('/ui/reviews', async (c) => {
    const q = parseRequest(ReviewsViewQuery, c.req.query(), 'query');
    const page = deps.reviews ? await deps.reviews.list(50, q.cursor) : { items: [], nextCursor: undefined };
    const titles = new Map<string, string>();
    for (const id of new Set(page.items.map((d) => d.documentId))) {
      const doc = await repo.getDocument(id);
      if (doc) titles.set(id, doc.title ?? doc.key.split('/').pop() ?? id);
    }
    return { title: 'Reviews', body: <ReviewsView decisions={page.items} titles={titles} nextCursor={page.nextCursor} /> };
  });
}

/** Process names of recently changed tagged documents, for the forms' suggestions. */
async function knownProcesses(repo: Pick<DocumentRepository, 'listByStatus'>): Promise<string[]> {
  const page = await repo.listByStatus('tagged', 100);
  return [...new Set(page.items.map((d) => d.process).filter((p): p is string => Boolean(p)))].sort();
}
